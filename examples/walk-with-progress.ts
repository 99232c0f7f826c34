/**
 * Walks every workload with a progress line on stderr, then prints the five with the highest
 * hourly run rate. Reads KUBEADAPT_API_TOKEN and KUBEADAPT_BASE_URL.
 */
import { createKubeadapt, type Workload } from "kubeadapt";
import { compare } from "kubeadapt/money";

const TOP = 5;
// Exact, never Number(amount): see docs/guides/money.md.
const byHourlyDescending = (a: Workload, b: Workload) =>
  compare(b.cost.current_run_rate_hourly, a.cost.current_run_rate_hourly);

const ka = createKubeadapt();
const walk = ka.paginate("/v1/workloads", {
  params: { query: { limit: 200 } },
  onProgress: ({ pages, items, total }) => {
    process.stderr.write(`\r${items}/${total ?? "?"} workloads, ${pages} pages`);
  },
});

let count = 0;
let top: Workload[] = [];
for await (const workload of walk) {
  count++;
  top = [...top, workload].sort(byHourlyDescending).slice(0, TOP);
}
process.stderr.write("\n");

console.log(`${count} workloads; the costliest per hour:`);
for (const { cost, metadata } of top) {
  const { amount, currency } = cost.current_run_rate_hourly;
  console.log(`${amount} ${currency}  ${metadata.namespace}/${metadata.name}`);
}
