// How `kubeadapt contract` picks its exit code from a finished run: a run cut short by its own
// limits is 4 (incomplete), never 0, unless --allow-incomplete; what the target did comes first.
import { describe, expect, it } from "vitest";
import { contractEnd } from "../../src/cli/contract-exit.js";
import type { CheckResult, ContractReport } from "../../src/contract/index.js";
import { tally } from "../../src/contract/report.js";

const cutShort: CheckResult = {
  id: "envelopes",
  title: "envelopes",
  status: "skipped",
  violations: [],
  skippedBecause: "the request budget of 40 is spent",
  cutShortBy: "request-budget",
  requests: 0,
  retries: 0,
  durationMs: 0,
};
const inherent: CheckResult = {
  ...cutShort,
  id: "cursor-expired",
  skippedBecause: "a live cursor expires only after 24 hours",
  cutShortBy: undefined,
};

function report(checks: CheckResult[], over: Partial<ContractReport> = {}): ContractReport {
  return {
    mode: "live",
    baseUrl: "https://api.test",
    checks,
    ...tally(checks),
    requests: 40,
    retries: 0,
    durationMs: 1,
    cursors: [],
    ...over,
  };
}

const ended = (r: ContractReport, allowIncomplete = false, aborted = false) =>
  contractEnd(r, { aborted, allowIncomplete });

describe("the exit code of a contract run", () => {
  it("a skip for what the target is leaves the run complete: 0, nothing to say", () => {
    expect(ended(report([inherent]))).toEqual({ code: 0 });
  });

  it("checks cut short by the budget: 4, naming how many, why, and what to raise", () => {
    expect(ended(report([inherent, cutShort]))).toEqual({
      code: 4,
      message:
        "error: incomplete: 1 check cut short: the request budget of 40 is spent; raise --max-requests or --max-duration, or give --allow-incomplete",
    });
  });

  it("--allow-incomplete: 0, with a note that says the run is incomplete", () => {
    expect(ended(report([cutShort, cutShort]), true)).toEqual({
      code: 0,
      message:
        "note: incomplete, allowed by --allow-incomplete: 2 checks cut short: the request budget of 40 is spent",
    });
  });

  it("checks skipped for a token without some families' scope: 4, naming them and what to use", () => {
    const forbidden: CheckResult = {
      ...inherent,
      id: "filters",
      skippedBecause:
        "the token lacks the scope for /v1/teams: GET /v1/teams?limit=5 → 403 FORBIDDEN; /v1/teams not verified",
    };
    const costs = {
      ...forbidden,
      skippedBecause: forbidden.skippedBecause?.replaceAll("/v1/teams", "/v1/cost-explorer"),
    };
    expect(ended(report([inherent, forbidden, forbidden, costs]))).toEqual({
      code: 4,
      message:
        "error: incomplete: 3 checks skipped: the token lacks the scope for /v1/teams, /v1/cost-explorer; use a token that can read every family, or give --allow-incomplete",
    });
    expect(ended(report([forbidden]), true)).toEqual({
      code: 0,
      message:
        "note: incomplete, allowed by --allow-incomplete: 1 check skipped: the token lacks the scope for /v1/teams",
    });
  });

  it("cut short and skipped for a token without some families' scope: 4, naming both", () => {
    const forbidden: CheckResult = {
      ...inherent,
      id: "filters",
      skippedBecause:
        "the token lacks the scope for /v1/teams: GET /v1/teams?limit=5 → 403 FORBIDDEN; /v1/teams not verified",
    };
    const { code, message } = ended(report([forbidden, cutShort]));
    expect(code).toBe(4);
    expect(message).toMatch(
      /^error: incomplete: 1 check cut short: the request budget of 40 is spent, and 1 check skipped: the token lacks the scope for \/v1\/teams; raise --max-requests or --max-duration and use a token that can read every family, or give --allow-incomplete$/,
    );
  });

  it("a violation (1) and an untestable target (3) come before incomplete; Ctrl-C (130) first", () => {
    const failed: CheckResult = { ...cutShort, status: "failed", cutShortBy: undefined };
    const error: CheckResult = { ...cutShort, status: "error", cutShortBy: undefined };
    expect(ended(report([failed, cutShort])).code).toBe(1);
    expect(ended(report([error, cutShort])).code).toBe(3);
    expect(ended(report([cutShort]), false, true)).toEqual({ code: 130 });
  });
});
