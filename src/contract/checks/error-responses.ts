import type { GetPath } from "../../index.js";
import { type ContractCheck, prefer, skip, unknownId } from "../context.js";
import { expectError, expectThat } from "../expect.js";
import { pathParamsAll } from "../families.js";
import type { Exchange, Probe } from "../probe.js";
import { responseOf, specPaths } from "../spec.js";

function expectRetryAfter(probe: Probe, ex: Exchange): void {
  const value = ex.headers.get("retry-after");
  // Its format is validated against the spec with the body; here it must be present.
  expectThat(probe, value !== null, `${ex.label} → ${ex.status}: no Retry-After header`);
}

/** Check 4: 429 RATE_LIMITED carries Retry-After. */
export const rateLimited: ContractCheck = {
  id: "rate-limited",
  title: "429 RATE_LIMITED carries a Retry-After header",
  async run({ probe, mode, hooks }) {
    const paths = ["/v1/workloads", "/v1/organization"] as const;
    const expected = { status: 429, code: "RATE_LIMITED" };
    if (mode === "mock") {
      for (const path of paths) {
        const ex = await probe.get(path, undefined, { headers: prefer(429) });
        if (expectError(probe, ex, expected)) expectRetryAfter(probe, ex);
      }
      return undefined;
    }
    if (!hooks.rateLimited) {
      return skip(
        "provoking 429 would take a burst of requests against the live rate limiter, which the suite does not send; the target offers no hooks.rateLimited",
      );
    }
    await hooks.rateLimited(async () => {
      for (const path of paths) {
        const ex = await probe.get(path);
        if (expectError(probe, ex, expected)) expectRetryAfter(probe, ex);
      }
    });
    return undefined;
  },
};

/** Check 5: no token is 401 UNAUTHORIZED. */
export const unauthorized: ContractCheck = {
  id: "unauthorized",
  title:
    "a request without Authorization is 401 UNAUTHORIZED (list, single resource, organization)",
  async run({ probe }) {
    const id = unknownId();
    const requests = [
      probe.get("/v1/workloads", undefined, { anonymous: true }),
      probe.get(
        "/v1/clusters/{cluster_id}",
        { params: { path: { cluster_id: id } } },
        { anonymous: true },
      ),
      probe.get("/v1/organization", undefined, { anonymous: true }),
    ];
    for (const ex of await Promise.all(requests)) {
      expectError(probe, ex, { status: 401, code: "UNAUTHORIZED" });
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
