// The demo data's cost model as checks: each returns the violations it finds (empty when the
// data adds up), so a test can also show that a broken data set is caught. All arithmetic is
// exact, through kubeadapt/money.

import type { CostMode } from "../../src/index.js";
import { compare, type Money, multiply, subtract, sum } from "../../src/money/index.js";
import { INSTANCE_TYPES, nodePrice } from "../../src/testing/data/instances.js";
import type { FakeDataset } from "../../src/testing/index.js";
import { usd } from "../../src/testing/money.js";

/** Hours in a month for `projected_monthly`, as the spec's CostSummary documents. */
export const HOURS_PER_MONTH = 730;

type Costed = { id: string; cost: { current_run_rate_hourly: Money } };
const hourly = (item: Costed) => item.cost.current_run_rate_hourly;
const total = (items: readonly Costed[]) => sum(items.map(hourly), "USD");

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

function expectSum(out: string[], what: string, got: Money, parts: readonly Costed[]): void {
  const want = total(parts);
  if (compare(got, want) !== 0)
    out.push(`${what}: ${got.amount} but its parts sum to ${want.amount}`);
}

/** Nodes cost their instance type's catalogue price for their capacity type. */
export function nodePriceViolations(d: FakeDataset): string[] {
  const out: string[] = [];
  const catalogue = new Map(
    Object.values(INSTANCE_TYPES).flatMap((list) => list.map((t) => [t.name, t])),
  );
  for (const n of d.nodes) {
    const type = catalogue.get(n.metadata.instance_type);
    const want = type && nodePrice(type, n.metadata.capacity_type);
    if (want === undefined || compare(hourly(n), usd(want)) !== 0)
      out.push(
        `node ${n.metadata.name} (${n.metadata.instance_type}, ${n.metadata.capacity_type}) costs ${hourly(n).amount}`,
      );
  }
  return out;
}

/** Clusters and node groups cost their nodes; namespaces their workloads; workloads at most their cluster's nodes. */
export function inventoryViolations(d: FakeDataset, mode: CostMode): string[] {
  const out: string[] = [];
  const nodesOf = groupBy(d.nodes, (n) => n.metadata.cluster.id);
  const workloadsOf = groupBy(d.workloads, (w) => w.metadata.cluster.id);
  for (const c of d.clusters) {
    const nodes = nodesOf.get(c.id) ?? [];
    const workloads = workloadsOf.get(c.id) ?? [];
    expectSum(out, `cluster ${c.metadata.name}`, hourly(c), nodes);
    const idle = subtract(total(nodes), total(workloads));
    const zero = { amount: "0", currency: "USD" };
    if (compare(idle, zero) < 0)
      out.push(`cluster ${c.metadata.name}: workloads cost ${idle.amount} more than its nodes`);
    // fully_loaded spreads the whole node bill over the workloads, to the last ten-thousandth.
    if (mode === "fully_loaded" && workloads.length > 0 && compare(idle, zero) !== 0)
      out.push(
        `cluster ${c.metadata.name}: ${idle.amount} of its fully loaded bill reaches no workload`,
      );
  }
  for (const g of d.nodeGroups) {
    const nodes = (nodesOf.get(g.metadata.cluster.id) ?? []).filter(
      (n) => n.metadata.node_group === g.metadata.name,
    );
    expectSum(out, `node group ${g.metadata.name}`, hourly(g), nodes);
    if (nodes.length !== g.metadata.node_count)
      out.push(
        `node group ${g.metadata.name}: node_count ${g.metadata.node_count}, ${nodes.length} nodes`,
      );
  }
  for (const ns of d.namespaces) {
    const workloads = (workloadsOf.get(ns.metadata.cluster.id) ?? []).filter(
      (w) => w.metadata.namespace === ns.metadata.name,
    );
    expectSum(out, `namespace ${ns.metadata.name}`, hourly(ns), workloads);
  }
  return out;
}

/** A workload's pods split its cost. */
export function podViolations(d: FakeDataset): string[] {
  const out: string[] = [];
  const podsOf = groupBy(d.pods, (p) => p.metadata.workload_uid);
  for (const w of d.workloads)
    expectSum(out, `pods of ${w.metadata.name}`, hourly(w), podsOf.get(w.id) ?? []);
  return out;
}

/** Teams cost what is assigned to them; departments their teams. */
export function attributionViolations(d: FakeDataset): string[] {
  const out: string[] = [];
  const byId = new Map<string, Costed>();
  for (const list of [d.clusters, d.namespaces, d.workloads, d.nodeGroups])
    for (const i of list) byId.set(i.id, i);
  const assigned = groupBy(d.assignments, (a) => a.metadata.team_id);
  for (const t of d.teams) {
    const targets = (assigned.get(t.id) ?? []).map((a) => byId.get(a.metadata.target.id));
    if (targets.some((x) => x === undefined))
      out.push(`team ${t.metadata.name}: an assignment targets nothing`);
    expectSum(
      out,
      `team ${t.metadata.name}`,
      hourly(t),
      targets.filter((x) => x !== undefined),
    );
  }
  for (const dep of d.departments) {
    expectSum(
      out,
      `department ${dep.metadata.name}`,
      hourly(dep),
      d.teams.filter((t) => t.metadata.department_id === dep.id),
    );
  }
  return out;
}

/** Every `projected_monthly` is its run rate × 730 hours. */
export function projectionViolations(d: FakeDataset): string[] {
  const out: string[] = [];
  for (const list of [
    d.clusters,
    d.namespaces,
    d.workloads,
    d.nodes,
    d.nodeGroups,
    d.teams,
    d.departments,
  ]) {
    for (const item of list as (Costed & { cost: { projected_monthly?: Money } })[]) {
      const want = multiply(hourly(item), HOURS_PER_MONTH);
      if (!item.cost.projected_monthly || compare(item.cost.projected_monthly, want) !== 0)
        out.push(
          `${item.id}: projected_monthly ${item.cost.projected_monthly?.amount} is not ${want.amount}`,
        );
    }
  }
  return out;
}
