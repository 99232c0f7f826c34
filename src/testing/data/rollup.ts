import type { CostMode } from "../../types.js";
import type { CostSummary } from "../spec-types.js";
import { costSummary, hourlyUnits } from "./common.js";
import type { FakeDataset } from "./dataset.js";

type Costed = { id: string; cost: CostSummary };

function setTotals<T extends Costed>(
  items: readonly T[],
  totals: Map<string, bigint>,
  mode: CostMode,
): void {
  for (const item of items) {
    item.cost = costSummary(totals.get(item.id) ?? 0n, mode, item.cost.last_updated_at);
  }
}

function addTo(totals: Map<string, bigint>, key: string | undefined, units: bigint): void {
  if (key !== undefined) totals.set(key, (totals.get(key) ?? 0n) + units);
}

/**
 * Sets, in place, the cost of everything that is a sum of nodes and workloads: a node group's
 * is its nodes', a cluster's its nodes', a namespace's its workloads'.
 */
export function rollUpInventory(
  d: Pick<FakeDataset, "clusters" | "namespaces" | "workloads" | "nodes" | "nodeGroups">,
  mode: CostMode,
): void {
  const groupKey = (clusterId: string, name: string) => `${clusterId}/${name}`;
  const groupIds = new Map(
    d.nodeGroups.map((g) => [groupKey(g.metadata.cluster.id, g.metadata.name), g.id]),
  );
  const namespaceIds = new Map(
    d.namespaces.map((n) => [groupKey(n.metadata.cluster.id, n.metadata.name), n.id]),
  );
  const totals = new Map<string, bigint>();
  for (const node of d.nodes) {
    const units = hourlyUnits(node);
    const cluster = node.metadata.cluster.id;
    addTo(totals, cluster, units);
    const group = node.metadata.node_group;
    if (group !== undefined) addTo(totals, groupIds.get(groupKey(cluster, group)), units);
  }
  for (const w of d.workloads) {
    const key = groupKey(w.metadata.cluster.id, w.metadata.namespace);
    addTo(totals, namespaceIds.get(key), hourlyUnits(w));
  }
  setTotals(d.clusters, totals, mode);
  setTotals(d.nodeGroups, totals, mode);
  setTotals(d.namespaces, totals, mode);
}

/**
 * Sets, in place, team and department costs: a team's is the sum of the resources assigned to
 * it (clusters, namespaces, workloads, node groups, at their cost in `d`), a department's the
 * sum of its teams'.
 */
export function rollUpAttribution(
  d: Pick<
    FakeDataset,
    "clusters" | "namespaces" | "workloads" | "nodeGroups" | "teams" | "departments" | "assignments"
  >,
  mode: CostMode,
): void {
  const units = new Map<string, bigint>();
  for (const list of [d.clusters, d.namespaces, d.workloads, d.nodeGroups]) {
    for (const item of list) units.set(item.id, hourlyUnits(item));
  }
  const totals = new Map<string, bigint>();
  for (const a of d.assignments) {
    addTo(totals, a.metadata.team_id, units.get(a.metadata.target.id) ?? 0n);
  }
  setTotals(d.teams, totals, mode);
  for (const team of d.teams) {
    addTo(totals, team.metadata.department_id ?? undefined, hourlyUnits(team));
  }
  setTotals(d.departments, totals, mode);
}
