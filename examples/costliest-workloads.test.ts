import { createKubeadapt } from "kubeadapt";
import { createFakeKubeadapt } from "kubeadapt/testing";
import { expect, it } from "vitest";
import { costliestWorkloads } from "./costliest-workloads.js";

it("finds the costliest workloads, through rate limits and server errors", async () => {
  const fake = createFakeKubeadapt({ seed: 7, sizes: { workloads: 1200 } });
  fake.setFaults({
    rateLimit: { every: 2, retryAfterSeconds: 0 },
    serverErrors: { rate: 0.2, status: 503 },
  });
  const ka = createKubeadapt({
    token: "test",
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    maxRetries: 5,
  });

  const top = await costliestWorkloads(ka, 3);

  // The expected answer comes from the fake's data set, not from a hard-coded list.
  const rates = fake.data.workloads
    .map((workload) => Number(workload.cost.current_run_rate_hourly.amount))
    .sort((a, b) => b - a);
  expect(top.map((workload) => Number(workload.cost.current_run_rate_hourly.amount))).toEqual(
    rates.slice(0, 3),
  );
  // The faults happened, and the SDK retried through them.
  const statuses = new Set(fake.requests.map((request) => request.status));
  expect([...statuses].sort()).toEqual([200, 429, 503]);
});
