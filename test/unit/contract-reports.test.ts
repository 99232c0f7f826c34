import { parse as parseJUnit } from "junit2json";
import { describe, expect, it } from "vitest";
import {
  type CheckResult,
  type ContractReport,
  formatReport,
  formatResult,
  incompleteReason,
  toJsonReport,
  toJUnitXml,
} from "../../src/contract/index.js";
import { RUN_COMPLETE_TESTCASE } from "../../src/contract/junit.js";

const check = (over: Partial<CheckResult>): CheckResult => ({
  id: "limit-bounds",
  title: "limits",
  status: "passed",
  violations: [],
  requests: 3,
  retries: 0,
  durationMs: 1234,
  ...over,
});

const reportOf = (checks: CheckResult[], over: Partial<ContractReport> = {}): ContractReport => ({
  mode: "live",
  baseUrl: "https://api.test",
  checks,
  passed: checks.filter((c) => c.status === "passed").length,
  failed: checks.filter((c) => c.status === "failed").length,
  skipped: checks.filter((c) => c.status === "skipped").length,
  errors: checks.filter((c) => c.status === "error").length,
  incomplete: checks.filter((c) => c.cutShortBy).length,
  requests: 9,
  retries: 2,
  durationMs: 5000,
  cursors: [],
  ...over,
});

describe("reports", () => {
  it("a check's line has its mark, duration, requests and retries", () => {
    expect(formatResult(check({ retries: 2 }))).toBe(
      "✓ limit-bounds: limits (1.23 s, 3 requests, 2 retried)",
    );
    expect(formatResult(check({ status: "error", error: "still 503" }))).toBe(
      "! limit-bounds: limits (1.23 s, 3 requests)\n    error: still 503",
    );
  });

  it("JUnit XML keeps markup, quotes and ampersands in violations, drops control characters", async () => {
    const violation = 'GET /v1/x → 200: <b>"bold"</b> & \u0001more';
    const xml = toJUnitXml(reportOf([check({ status: "failed", violations: [violation] })]));
    const junit = (await parseJUnit(xml)) as {
      testsuite: { testcase: { failure: { inner: string; message: string }[] }[] }[];
    };
    const failure = junit.testsuite[0]?.testcase[0]?.failure[0];
    expect(failure?.inner).toBe('GET /v1/x → 200: <b>"bold"</b> & more');
    expect(failure?.message).toBe(`1 violation(s): ${failure?.inner}`);
  });

  it("a check that could not be carried out is a JUnit <error>, not a failure", async () => {
    const xml = toJUnitXml(reportOf([check({ status: "error", error: "ECONNREFUSED" })]));
    const junit = (await parseJUnit(xml)) as {
      testsuite: { errors: number; testcase: { error?: { message: string }[] }[] }[];
    };
    expect(junit.testsuite[0]?.errors).toBe(1);
    expect(junit.testsuite[0]?.testcase[0]?.error?.[0]?.message).toBe("ECONNREFUSED");
  });

  describe("an incomplete run in a JUnit viewer", () => {
    type Suite = {
      tests: number;
      errors: number;
      skipped: number;
      testcase: { name: string; skipped?: { message: string }[]; error?: { message: string }[] }[];
    };
    const viewed = async (report: ContractReport, allowIncomplete?: boolean) =>
      ((await parseJUnit(toJUnitXml(report, { allowIncomplete }))) as { testsuite: Suite[] })
        .testsuite[0] as Suite;
    const passed = check({ id: "limit-bounds" });
    const cut = (cutShortBy: "request-budget" | "time-limit" | "interrupted", why: string) =>
      check({ id: "full-walks", status: "skipped", cutShortBy, skippedBecause: why });
    const kinds = {
      interrupted: cut("interrupted", "the run was interrupted"),
      "request-budget": cut("request-budget", "the request budget of 40 is spent"),
      "time-limit": cut("time-limit", "the time limit of 5 s is spent"),
      "out of scope": check({
        id: "filters",
        status: "skipped",
        skippedBecause: "the token lacks the scope for /v1/teams: GET /v1/teams → 403 FORBIDDEN",
      }),
    };

    for (const [kind, skippedCheck] of Object.entries(kinds)) {
      it(`${kind}: the checks not run are skipped with the reason, and the run is an error`, async () => {
        const report = reportOf([passed, skippedCheck]);
        const suite = await viewed(report);
        expect(suite.testcase[1]?.skipped?.[0]?.message).toContain(skippedCheck.skippedBecause);
        const run = suite.testcase.find((c) => c.name === RUN_COMPLETE_TESTCASE);
        expect(run?.error?.[0]?.message).toBe(`incomplete: ${incompleteReason(report)}`);
        expect(suite.errors).toBe(1);
        expect(suite.tests).toBe(suite.testcase.length);
      });
    }

    it("a whole run, or an incomplete one accepted (--allow-incomplete), has no run error", async () => {
      const skipped = check({ id: "x", status: "skipped", skippedBecause: "not for a mock" });
      for (const suite of [
        await viewed(reportOf([passed, skipped])),
        await viewed(reportOf([passed, kinds.interrupted]), true),
      ]) {
        expect(suite.errors).toBe(0);
        expect(suite.testcase.map((c) => c.name)).not.toContain(RUN_COMPLETE_TESTCASE);
        expect(suite.skipped).toBe(1);
      }
    });
  });

  it("the JSON report carries its format version and every field of the report", () => {
    const report = reportOf([check({})]);
    expect(JSON.parse(toJsonReport(report))).toEqual({ version: 1, ...report });
  });

  it("an untestable target is one line, not a list of checks", () => {
    const report = reportOf([check({ status: "error", error: "x" })], { untestable: "no DNS" });
    expect(formatReport(report)).toBe(
      "Kubeadapt /v1 contract, live mode, against https://api.test\nerror: no DNS",
    );
  });
});
