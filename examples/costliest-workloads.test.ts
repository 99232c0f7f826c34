import { createKubeadapt, type Kubeadapt, type Workload } from "kubeadapt";
import { compare } from "kubeadapt/money";
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
    .map((workload) => workload.cost.current_run_rate_hourly)
    .sort((a, b) => compare(b, a));
  expect(top.map((workload) => workload.cost.current_run_rate_hourly)).toEqual(rates.slice(0, 3));
  // The faults happened, and the SDK retried through them.
  const statuses = new Set(fake.requests.map((request) => request.status));
  expect([...statuses].sort()).toEqual([200, 429, 503]);
});

it("ranks amounts a float cannot tell apart, exactly", async () => {
  // 2^53 + 1 and 2^53 are one double: sorted by Number(amount), the first listed stays first.
  const workload = (id: string, amount: string) =>
    ({ id, cost: { current_run_rate_hourly: { amount, currency: "USD" } } }) as Workload;
  const items = [
    workload("low", "9007199254740992.0000"),
    workload("high", "9007199254740993.0000"),
  ];
  const ka = {
    paginate: () => ({
      async *pages() {
        yield { items };
      },
    }),
  } as unknown as Kubeadapt;
  const top = await costliestWorkloads(ka, 1);
  expect(top.map((w) => w.id)).toEqual(["high"]);
});
