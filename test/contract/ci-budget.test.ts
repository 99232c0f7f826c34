// contract.md's GitHub Actions job must not exit 4 every night on a large tenant: its request
// budget covers a full run against 100,000 workloads with the headroom the guide advises.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { runContract } from "../../src/contract/index.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";

const guide = readFileSync(new URL("../../docs/guides/contract.md", import.meta.url), "utf8");
const job = /## A GitHub Actions job[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide)?.[1] ?? "";
const option = (name: string) => Number(new RegExp(`--${name} (\\d+)`).exec(job)?.[1]);
const figure = (pattern: RegExp) => Number(pattern.exec(guide)?.[1]?.replace(/,/g, ""));

it("the documented CI job's --max-requests covers a 100,000-workload tenant with half again as headroom, within its time limit", {
  timeout: 180_000,
}, async () => {
  const fake = createFakeKubeadapt({
    token: "t",
    sizes: { workloads: 100_000, recommendations: 150, maxAssignmentsPerTeam: 12 },
  });
  const report = await runContract({
    baseUrl: fake.baseUrl,
    token: "t",
    fetch: fake.fetch,
    rate: 0,
  });
  expect(report.failed).toBe(0);
  const budget = option("max-requests");
  expect(budget).toBeGreaterThanOrEqual(1.5 * report.requests);
  // The time limit, at the job's pace, must not end the run before the budget does.
  expect(option("rate") * option("max-duration")).toBeGreaterThanOrEqual(budget);
  // The guide's figure for that tenant is this run's, within 10%.
  const stated = figure(/tenant of 100,000 workloads sends some ([\d,]+) requests/);
  expect(Math.abs(stated - report.requests)).toBeLessThanOrEqual(0.1 * report.requests);
});
