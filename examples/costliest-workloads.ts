import type { Kubeadapt, Workload } from "kubeadapt";

const hourly = (workload: Workload) => Number(workload.cost.current_run_rate_hourly.amount);

/** The `n` workloads with the highest hourly run rate, costliest first. */
export async function costliestWorkloads(ka: Kubeadapt, n: number): Promise<Workload[]> {
  const all: Workload[] = [];
  const walk = ka.paginate("/v1/workloads", { params: { query: { limit: 500 } } });
  for await (const page of walk.pages()) all.push(...page.items);
  return all.sort((a, b) => hourly(b) - hourly(a)).slice(0, n);
}
