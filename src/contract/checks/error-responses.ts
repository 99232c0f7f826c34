import type { GetPath } from "../../index.js";
import { responseOf, specPaths } from "../../spec/document.js";
import { type ContractCheck, prefer, skip, unknownId, unknownToken } from "../context.js";
import { expectError, expectUnauthorized } from "../expect.js";
import { pathParamsAll } from "../families.js";

// Every 429 of the API (its body carries the error envelope's `error` object) the suite meets,
// here or in any check, must carry a Retry-After header (the session checks it) in a form the
// spec allows (validated against the spec with the body).

/** Check 4: 429 RATE_LIMITED carries Retry-After. */
export const rateLimited: ContractCheck = {
  id: "rate-limited",
  title: "429 RATE_LIMITED carries a well-formed Retry-After header and the error envelope",
  async run({ probe, mode, hooks }) {
    const paths = ["/v1/workloads", "/v1/organization"] as const;
    const expected = { status: 429, code: "RATE_LIMITED" };
    if (mode === "mock") {
      for (const path of paths) {
        expectError(probe, await probe.get(path, undefined, { headers: prefer(429) }), expected);
      }
      return undefined;
    }
    if (!hooks.rateLimited) {
      return skip(
        "provoking 429 would take a burst of requests against the live rate limiter, which the suite does not send; the target offers no hooks.rateLimited (every 429 met during the run is still checked, by the check that met it)",
      );
    }
    await hooks.rateLimited(async () => {
      for (const path of paths) expectError(probe, await probe.get(path), expected);
    });
    return undefined;
  },
};

/** Check 5: no token, or an unknown one, is 401 UNAUTHORIZED, on every path of the spec. */
export const unauthorized: ContractCheck = {
  id: "unauthorized",
  title:
    "a request without Authorization, or with an unknown token, is 401 UNAUTHORIZED on every path of the spec",
  async run({ probe, mode }) {
    // The spec's security is global: a route mounted outside the auth middleware, or behind one
    // that checks only that a token is present, is a leak wherever it is, so every path is asked
    // without a token and (where the target knows its tokens: Prism accepts any) with a fresh
    // unknown one. An unknown id is enough: authentication comes before the lookup (a 404 would
    // tell a stranger which ids exist).
    const id = unknownId();
    if (mode === "mock") probe.note("unknown tokens not sent: Prism accepts any Bearer token");
    for (const path of specPaths as GetPath[]) {
      const init = { params: { path: pathParamsAll(path, id) } } as never;
      const tokens = mode === "mock" ? [undefined] : [undefined, unknownToken()];
      for (const token of tokens) {
        const ex = await probe.get(path as "/v1/clusters/{cluster_id}", init, {
          anonymous: true,
          headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
        });
        if (token === undefined) expectError(probe, ex, { status: 401, code: "UNAUTHORIZED" });
        else expectUnauthorized(probe, ex, "an unknown token");
      }
    }
    return undefined;
  },
};

/** Paths with a path parameter that document 404. */
const BY_ID = specPaths.filter((p) => p.includes("{") && responseOf(p, 404)) as GetPath[];

/** Check 6: an unknown id is 404 NOT_FOUND on every path with an id. */
export const notFound: ContractCheck = {
  id: "not-found",
  title: "an unknown id is 404 NOT_FOUND on every path with an id",
  async run({ probe, mode }) {
    const id = unknownId();
    for (const path of BY_ID) {
      const ex = await probe.get(
        path as "/v1/clusters/{cluster_id}",
        { params: { path: pathParamsAll(path, id) } } as never,
        mode === "mock" ? { headers: prefer(404) } : {},
      );
      expectError(probe, ex, { status: 404, code: "NOT_FOUND" });
    }
    return undefined;
  },
};
