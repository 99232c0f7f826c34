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

  it("a violation (1) and an untestable target (3) come before incomplete; Ctrl-C (130) first", () => {
    const failed: CheckResult = { ...cutShort, status: "failed", cutShortBy: undefined };
    const error: CheckResult = { ...cutShort, status: "error", cutShortBy: undefined };
    expect(ended(report([failed, cutShort])).code).toBe(1);
    expect(ended(report([error, cutShort])).code).toBe(3);
    expect(ended(report([cutShort]), false, true)).toEqual({ code: 130 });
  });
});
