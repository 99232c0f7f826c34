/** One cost the `cost-mode` check compares between modes, keyed by what it belongs to. */
export interface CostEntry {
  /** The resource's id, or a Cost Explorer row's `dimension:key`. */
  id: string;
  /**
   * Whether `direct` must change it: the cost of a workload, a pod or a namespace (or a Cost
   * Explorer row grouped by one), not what a provider bills (clusters, nodes, node groups),
   * and not a team's or department's, which may carry billed clusters and nodes.
   */
  showsMode: boolean;
  /**
   * Whether it is what a provider bills (a cluster, a node, a node group), which the spec's
   * CostMode makes the same in both modes.
   */
  billed: boolean;
  /** Its hourly run rate, or a Cost Explorer row's total, as the decimal string sent. */
  amount: string;
}

// What the provider bills is the same in both modes (the spec's CostMode says so); only the
// cost attributed to workloads, and what is summed from them, depends on the mode.
const SHOWS_MODE = new Set(["Workload", "Pod", "Namespace"]);
const SHOWS_MODE_DIMENSIONS = new Set(["workload", "namespace"]);
const BILLED = new Set(["Cluster", "Node", "NodeGroup"]);

type Costed = {
  id?: unknown;
  kind?: unknown;
  group?: { dimension?: unknown; key?: unknown };
  cost?: { current_run_rate_hourly?: { amount?: unknown }; total?: { amount?: unknown } };
};

function entryOf(value: Costed): CostEntry | undefined {
  if (value.group) {
    const { dimension, key } = value.group;
    const showsMode = SHOWS_MODE_DIMENSIONS.has(String(dimension));
    const amount = String(value.cost?.total?.amount);
    return { id: `${dimension}:${key}`, showsMode, billed: false, amount };
  }
  if (value.id === undefined) return undefined;
  const amount = String(value.cost?.current_run_rate_hourly?.amount);
  const kind = String(value.kind);
  return {
    id: String(value.id),
    showsMode: SHOWS_MODE.has(kind),
    billed: BILLED.has(kind),
    amount,
  };
}

/**
 * The costs of a response's `data`: each item of a list, each Cost Explorer row, or the one
 * resource of a single-resource GET (none for what has no id, such as the dashboard).
 */
export function costEntries(data: unknown): CostEntry[] {
  const values = Array.isArray(data) ? data : data && typeof data === "object" ? [data] : [];
  return values.flatMap((value) => entryOf(value as Costed) ?? []);
}
