// A token scoped to some families: the spec documents 403 FORBIDDEN ("lacks the permission
// scope") on every path. What the token may not read is not verified, and said so; it is no
// violation of the server's.
import { describe, expect, it } from "vitest";
import { contractEnd } from "../../src/cli/contract-exit.js";
import {
  formatReport,
  formatSummary,
  incompleteReason,
  runContract,
} from "../../src/contract/index.js";
import { readDoc } from "../helpers/doc-facts.js";
import {
  type Body,
  errorEnvelope,
  json,
  type Layer,
  on,
  onBody,
  TOKEN,
  target,
} from "../helpers/mutant-proxy.js";

const OUT_OF_SCOPE = /^\/v1\/(teams|departments|cost-explorer)(\/|$)/;

/** 403s the suite's own token on `pattern` with `envelope` (the spec's FORBIDDEN by default). */
function scoped(pattern: RegExp, envelope: Body = forbidden("teams:read")): Layer {
  return (request, next) => {
    // Named examples (asked for with Prefer) are the fake's stand-in for Prism: left alone.
    const ownToken = request.headers.get("authorization") === `Bearer ${TOKEN}`;
    const path = new URL(request.url).pathname;
    if (!ownToken || request.headers.has("prefer") || !pattern.test(path)) return next(request);
    return Promise.resolve(json(envelope, 403));
  };
}

function forbidden(scope: string, code = "FORBIDDEN"): Body {
  return errorEnvelope(code, "token lacks the required scope", [
    { reason: "missing_scope", message: `requires scope ${scope}` },
  ]);
}

describe("a token without the scope of teams, departments and Cost Explorer", () => {
  it("no violation: the checks that need those families are skipped naming the scope, and the summary names them", {
    timeout: 90_000,
  }, async () => {
    const report = await runContract(target(scoped(OUT_OF_SCOPE)).options);
    const text = formatReport(report);
    expect(
      report.checks.flatMap((c) => c.violations),
      text,
    ).toEqual([]);
    expect(report.failed).toBe(0);
    const skips = report.checks.filter((c) => /lacks the scope/.test(c.skippedBecause ?? ""));
    expect(skips.length).toBeGreaterThan(3);
    for (const check of skips) {
      expect(check.cutShortBy).toBeUndefined();
      expect(check.skippedBecause).toMatch(
        /^the token lacks the scope for \/v1\/(teams|departments|cost-explorer): GET .* → 403 FORBIDDEN \(token lacks the required scope; requires scope teams:read\); \/v1\/\S+ not verified$/,
      );
    }
    // Not cut short by the run's limits, yet incomplete: the command exits 4 unless allowed.
    expect(report.incomplete).toBe(0);
    expect(incompleteReason(report)).toBe(
      `${skips.length} checks skipped: the token lacks the scope for ${[
        ...new Set(skips.map((c) => /\/v1\/[\w-]+/.exec(c.skippedBecause ?? "")?.[0])),
      ].join(", ")}`,
    );
    // Checks that need no such family still run (include-total-toggle reads workloads only).
    expect(report.checks.find((c) => c.id === "include-total-toggle")?.status).toBe("passed");
    expect(formatSummary(report)).toMatch(
      /\nnot verified, the token lacks their scope \(403 FORBIDDEN\): \/v1\/\S+(, \/v1\/\S+)*$/,
    );
  });

  it("a 403 with another code than FORBIDDEN is still a violation", {
    timeout: 60_000,
  }, async () => {
    const layer = scoped(OUT_OF_SCOPE, forbidden("teams:read", "PERMISSION_DENIED"));
    const report = await runContract({ ...target(layer).options, only: ["envelopes"] });
    expect(report.checks[0]?.status).toBe("failed");
    expect(report.checks[0]?.violations.join("\n")).toMatch(/403/);
  });

  it("a 403 FORBIDDEN whose envelope breaks the spec is still a violation", async () => {
    const { meta: _, ...broken } = forbidden("teams:read");
    const layer = scoped(OUT_OF_SCOPE, broken);
    const report = await runContract({ ...target(layer).options, only: ["envelopes"] });
    expect(report.checks[0]?.status).toBe("failed");
    expect(report.checks[0]?.violations.join("\n")).toMatch(/→ 403: does not match the spec/);
  });

  it("a 403 FORBIDDEN for a bad limit on a family the token reads is a violation, not a skip", async () => {
    // A scope is a family's, not a parameter value's: this server answers 403 where the spec
    // says 400, on every family, though the same token reads each of them.
    const layer: Layer = (request, next) => {
      const limit = new URL(request.url).searchParams.get("limit");
      const bad =
        limit !== null && (!/^\d+$/.test(limit) || Number(limit) === 0 || Number(limit) > 500);
      return bad ? Promise.resolve(json(forbidden("workloads:read"), 403)) : next(request);
    };
    const report = await runContract({ ...target(layer).options, only: ["limit-bounds"] });
    const [check] = report.checks;
    expect(check?.status, formatReport(report)).toBe("failed");
    expect(check?.skippedBecause).toBeUndefined();
    // /v1/workloads is met first (read then without its query); the others were read before.
    expect(check?.violations).toContainEqual(
      expect.stringMatching(
        /^GET \/v1\/workloads\?limit=0: expected 400 BAD_REQUEST .*, got 403 FORBIDDEN/,
      ),
    );
    expect(check?.violations).toContainEqual(
      expect.stringMatching(
        /^GET \/v1\/teams\?limit=501: expected 400 BAD_REQUEST .*, got 403 FORBIDDEN/,
      ),
    );
    expect(incompleteReason(report)).toBeUndefined();
  });

  it("the preflight tells a token without the organization's scope (403) from a rejected one (401)", async () => {
    const report = await runContract(target(scoped(/^\/v1\/organization$/)).options);
    expect(report.untestable).toMatch(
      /accepted the token, but the token lacks the scope for \/v1\/organization: GET \/v1\/organization → 403 FORBIDDEN/,
    );
    expect(report.untestable).not.toMatch(/rejected/);
    const wrong = scoped(/^\/v1\/organization$/, forbidden("org:read", "NOPE"));
    expect((await runContract(target(wrong).options)).untestable).toMatch(
      /refused the token access: GET \/v1\/organization → 403 NOPE, a token without the scope/,
    );
  });
});

describe("a token without the scope of /v1/teams", () => {
  it("dashboard-totals still judges the dashboard: only the departments' roll-ups are left out, noted", async () => {
    // A dashboard counting one cluster too many, behind a token that may not read /v1/teams.
    const miscounted = on(
      /^\/v1\/organization\/dashboard$/,
      onBody((body) => {
        body.data.counts.clusters += 1;
      }),
    );
    const teamless = scoped(/^\/v1\/teams(\/|$)/);
    const layer: Layer = (request, next, fake) =>
      teamless(request, (sent) => miscounted(sent, next, fake), fake);
    const report = await runContract({ ...target(layer).options, only: ["dashboard-totals"] });
    const [check] = report.checks;
    expect(check?.skippedBecause, formatReport(report)).toBeUndefined();
    expect(check?.status).toBe("failed");
    expect(check?.violations).toContainEqual(
      expect.stringMatching(/^\/v1\/organization\/dashboard: counts\.clusters is \d+, but/),
    );
    expect(check?.notes).toContainEqual(
      expect.stringMatching(
        /^the departments' roll-ups not compared: the token lacks the scope for \/v1\/teams: GET \/v1\/teams\?limit=500 → 403 FORBIDDEN/,
      ),
    );
  });

  it("ends with the line contract.md quotes, count included", {
    timeout: 90_000,
  }, async () => {
    const report = await runContract(target(scoped(/^\/v1\/teams(\/|$)/)).options);
    const { code, message } = contractEnd(report, { aborted: false, allowIncomplete: false });
    expect(code).toBe(4);
    // The quote spans lines of the guide: its words, whatever the line breaks.
    const quoted = /`(error: incomplete: [^`]*lacks the scope for \/v1\/teams[^`]*)`/.exec(
      readDoc("docs/guides/contract.md"),
    )?.[1];
    expect(quoted?.replace(/\s+/g, " ")).toBe(message);
  });
});
