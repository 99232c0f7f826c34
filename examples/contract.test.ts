import { formatReport, runContract } from "kubeadapt/contract";
import { createFakeKubeadapt, fakeContractHooks } from "kubeadapt/testing";
import { expect, it } from "vitest";

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

it("the API honours the Kubeadapt /v1 contract", { timeout: 120_000 }, async () => {
  const report = await runContract({ mode: "live", ...target() });
  expect(report.failed, formatReport(report)).toBe(0);
  expect(report.passed).toBeGreaterThan(0);
});
