import type { Kubeadapt, Workload } from "kubeadapt";
import { compare } from "kubeadapt/money";

// Amounts compare exactly with kubeadapt/money, never as Number(amount): a float rounds past
// 15 significant digits, and would rank one currency's amount against another's.
const byHourlyDescending = (a: Workload, b: Workload) =>
  compare(b.cost.current_run_rate_hourly, a.cost.current_run_rate_hourly);

/** The `n` workloads with the highest hourly run rate, costliest first. */
export async function costliestWorkloads(ka: Kubeadapt, n: number): Promise<Workload[]> {
  const all: Workload[] = [];
  const walk = ka.paginate("/v1/workloads", { params: { query: { limit: 500 } } });
  for await (const page of walk.pages()) all.push(...page.items);
  return all.sort(byHourlyDescending).slice(0, n);
}
