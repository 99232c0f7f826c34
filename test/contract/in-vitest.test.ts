// The documented way to run the suite inside vitest (docs/guides/contract.md): one run in
// beforeAll, then one test per check. Here against the fake, so every check runs.
import { beforeAll, expect, it } from "vitest";
import { type ContractReport, contractChecks, runContract } from "../../src/contract/index.js";
import { createFakeKubeadapt, fakeContractHooks } from "../../src/testing/index.js";

let report: ContractReport;

beforeAll(async () => {
  // With a token of its own, so that it refuses the unknown tokens `auth-tokens` sends.
  const fake = createFakeKubeadapt({ token: "t" });
  report = await runContract({
    baseUrl: fake.baseUrl,
    token: "t",
    fetch: fake.fetch,
    rate: 0,
    hooks: fakeContractHooks(fake),
  });
  expect(report.untestable).toBeUndefined();
}, 60_000);

// The guide's loop skips what the report skipped; against the fake with its hooks nothing is
// skipped, so the loop here has no skip and every check must pass.
it.for(contractChecks)("$id: $title", ({ id }) => {
  const result = report.checks.find((c) => c.id === id);
  expect(result?.error).toBeUndefined();
  expect(result?.violations).toEqual([]);
  expect(result?.status).toBe("passed");
});
