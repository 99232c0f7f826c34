import { type ContractReport, contractChecks, formatReport, runContract } from "kubeadapt/contract";
import { createFakeKubeadapt, fakeContractHooks } from "kubeadapt/testing";
import { beforeAll, expect, it } from "vitest";

/**
 * The run's time limit, in seconds. A full run sends about 1,600 requests: some 160 s at the
 * default 10 requests/s, longer when the target takes over 100 ms to answer. Past the limit the
 * checks left are cut short, and fail below with their reason.
 */
const MAX_DURATION_SECONDS = 840;

/**
 * The API under test: KUBEADAPT_BASE_URL (with KUBEADAPT_API_TOKEN) when set, e.g. your
 * staging deployment in CI; else the embedded fake, which passes the whole suite.
 */
function target() {
  const baseUrl = process.env.KUBEADAPT_BASE_URL;
  if (baseUrl) return { baseUrl, token: process.env.KUBEADAPT_API_TOKEN ?? "" };
  // A token of its own, so the suite can see an unknown token refused.
  const token = "contract";
  const fake = createFakeKubeadapt({ token });
  return {
    baseUrl: fake.baseUrl,
    token,
    fetch: fake.fetch,
    rate: 0, // an in-process fake needs no pacing
    // What a deployment cannot be made to do on demand (age cursors, rate-limit): the fake can.
    hooks: fakeContractHooks(fake),
  };
}

let report: ContractReport;

// One run of the suite, then one test per check, so your test report lists each check.
// The hook may take the run's limit and a minute more (a request under way when the limit is
// reached may take its 30 s timeout): the run, not vitest, decides when to stop, so the report
// is there to read.
beforeAll(
  async () => {
    report = await runContract({
      mode: "live",
      maxDurationSeconds: MAX_DURATION_SECONDS,
      ...target(),
    });
    expect(report.untestable, formatReport(report)).toBeUndefined();
  },
  (MAX_DURATION_SECONDS + 60) * 1000,
);

it.for(contractChecks)("$id: $title", ({ id }) => {
  const result = report.checks.find((check) => check.id === id);
  expect(result?.violations, formatReport(report)).toEqual([]);
  // A check cut short by the time limit verified nothing: not a pass, and not a skip.
  expect(result?.cutShortBy, result?.skippedBecause).toBeUndefined();
  // A check the target cannot be made to show is skipped with its reason, never passed.
  if (result?.status === "skipped") expect(result.skippedBecause).toBeTruthy();
  else expect(result?.status).toBe("passed");
});
