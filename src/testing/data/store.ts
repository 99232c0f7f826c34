import type {
  Cluster,
  CostMode,
  Department,
  Namespace,
  Node,
  NodeGroup,
  Pod,
  Recommendation,
  Team,
  TeamAssignment,
  Workload,
} from "../../types.js";
import type { CostSummary } from "../spec-types.js";
import { costSummary, hourlyUnits } from "./common.js";
import type { FakeDataset, FakeSizes } from "./dataset.js";
import type { Generated } from "./generate.js";
import { generatePods, podShares } from "./pods.js";
import { rollUpAttribution, rollUpInventory } from "./rollup.js";
import { byCreatedAt, byHourlyCost, bySavings, sortDesc } from "./sorting.js";

/** The data set as one cost mode sees it, sorted and indexed for the handlers. */
export interface View {
  readonly mode: CostMode;
  readonly data: FakeDataset;
  readonly clusters: Cluster[];
  readonly namespaces: Namespace[];
  readonly workloads: Workload[];
  readonly nodeGroups: NodeGroup[];
  readonly recommendations: Recommendation[];
  readonly departments: Department[];
  readonly teams: Team[];
  readonly byId: Map<string, { kind: string }>;
  readonly namespacesByCluster: Map<string, Namespace[]>;
  readonly workloadsByCluster: Map<string, Workload[]>;
  readonly nodesByCluster: Map<string, Node[]>;
  readonly nodeGroupsByCluster: Map<string, NodeGroup[]>;
  readonly assignmentsByTeam: Map<string, TeamAssignment[]>;
  /** The pods of a workload, sorted. */
  podsOf(workloadUid: string): Pod[];
  /** Memo for derived results (Cost Explorer rows), dropped on every mutation. */
  readonly memo: Map<string, unknown>;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

type CostedLists = Pick<
  FakeDataset,
  "clusters" | "namespaces" | "workloads" | "nodes" | "nodeGroups" | "teams" | "departments"
>;

function relabel<T extends { cost: CostSummary }>(
  item: T,
  mode: CostMode,
  units = hourlyUnits(item),
): T {
  return { ...item, cost: costSummary(units, mode, item.cost.last_updated_at) };
}

/**
 * Holds the data set (fully loaded costs), derives the per-mode views lazily and forgets them
 * when the data changes. Pods are generated per workload on demand until `data.pods` is read.
 */
export class Store {
  readonly data: FakeDataset;
  private readonly views = new Map<CostMode, View>();
  private readonly lazyPods = new Map<string, Pod[]>();

  private readonly direct: Map<string, bigint>;

  constructor(
    private readonly seed: number,
    private readonly sizes: FakeSizes,
    generated: Generated,
  ) {
    const store = this;
    this.data = generated.data as FakeDataset;
    this.direct = generated.direct;
    Object.defineProperty(this.data, "pods", {
      configurable: true,
      enumerable: true,
      get() {
        const pods = store.data.workloads.flatMap((w) => store.basePods(w));
        Object.defineProperty(store.data, "pods", {
          value: pods,
          writable: true,
          enumerable: true,
          configurable: true,
        });
        store.views.clear();
        return pods;
      },
    });
  }

  /** Runs `fn` on the data set, then drops every derived view so the change is served. */
  mutate(fn: (data: FakeDataset) => void): void {
    fn(this.data);
    this.views.clear();
    this.lazyPods.clear();
  }

  /** The view for a cost mode, built on first use. */
  view(mode: CostMode): View {
    let view = this.views.get(mode);
    if (!view) {
      view = this.build(mode);
      this.views.set(mode, view);
    }
    return view;
  }

  private podsMaterialized(): Pod[] | undefined {
    const desc = Object.getOwnPropertyDescriptor(this.data, "pods");
    return desc && "value" in desc ? (desc.value as Pod[]) : undefined;
  }

  private basePods(workload: Workload): Pod[] {
    let pods = this.lazyPods.get(workload.id);
    if (!pods) {
      const nodes = this.data.nodes.filter(
        (n) => n.metadata.cluster.id === workload.metadata.cluster.id,
      );
      pods = generatePods(this.seed, workload, nodes, this.sizes.maxPodsPerWorkload);
      this.lazyPods.set(workload.id, pods);
    }
    return pods;
  }

  private modeData(mode: CostMode, costed: CostedLists): FakeDataset {
    const d = this.data;
    const view = {
      ...costed,
      organization: d.organization,
      recommendations: d.recommendations,
      assignments: d.assignments,
    };
    // Not spread from `d`: that would read `d.pods` and generate every pod.
    return Object.defineProperty(view, "pods", {
      enumerable: true,
      get: () => this.podsIn(mode, d.pods),
    }) as FakeDataset;
  }

  /**
   * The resources with `direct` costs: workloads at their direct cost (one added through
   * `mutate` keeps its own), nodes, node groups and clusters at theirs (the bill is the bill),
   * and namespaces, teams and departments summed again from those.
   */
  private directCosts(): CostedLists {
    const d = this.data;
    const mode = "direct";
    const out: CostedLists = {
      clusters: d.clusters.map((x) => relabel(x, mode)),
      nodes: d.nodes.map((x) => relabel(x, mode)),
      nodeGroups: d.nodeGroups.map((x) => relabel(x, mode)),
      namespaces: d.namespaces.map((x) => relabel(x, mode)),
      workloads: d.workloads.map((w) => relabel(w, mode, this.direct.get(w.id))),
      teams: d.teams.map((x) => relabel(x, mode)),
      departments: d.departments.map((x) => relabel(x, mode)),
    };
    rollUpInventory(out, mode);
    rollUpAttribution({ ...out, assignments: d.assignments }, mode);
    return out;
  }

  /** Pods with costs in `mode`: in `direct`, each workload's direct cost split among its pods. */
  private podsIn(mode: CostMode, pods: Pod[]): Pod[] {
    if (mode === "fully_loaded") return pods;
    const byWorkload = groupBy(pods, (p) => p.metadata.workload_uid);
    const shares = new Map<string, bigint[]>();
    for (const [uid, list] of byWorkload) {
      const units = this.direct.get(uid);
      if (units !== undefined) shares.set(uid, podShares(units, list.length));
    }
    const seen = new Map<string, number>();
    return pods.map((p) => {
      const uid = p.metadata.workload_uid;
      const index = seen.get(uid) ?? 0;
      seen.set(uid, index + 1);
      return relabel(p, mode, shares.get(uid)?.[index]);
    });
  }

  private build(mode: CostMode): View {
    const d = this.data;
    const c = mode === "fully_loaded" ? d : this.directCosts();
    const clusters = sortDesc(c.clusters, byHourlyCost);
    const namespaces = sortDesc(c.namespaces, byHourlyCost);
    const workloads = sortDesc(c.workloads, byHourlyCost);
    const nodes = sortDesc(c.nodes, byHourlyCost);
    const nodeGroups = sortDesc(c.nodeGroups, byHourlyCost);
    const teams = sortDesc(c.teams, byHourlyCost);
    const departments = sortDesc(c.departments, byHourlyCost);
    const recommendations = sortDesc(d.recommendations, bySavings);
    const assignments = sortDesc(d.assignments, byCreatedAt);
    const byId = new Map<string, { kind: string }>();
    for (const list of [clusters, namespaces, workloads, recommendations, teams, departments]) {
      for (const item of list) byId.set(item.id, item);
    }
    const materialized = this.podsMaterialized();
    const podGroups = materialized
      ? groupBy(
          sortDesc(this.podsIn(mode, materialized), byHourlyCost),
          (p) => p.metadata.workload_uid,
        )
      : undefined;
    const podCache = new Map<string, Pod[]>();
    const baseWorkloads = new Map(d.workloads.map((w) => [w.id, w]));
    const byCluster = (i: { metadata: { cluster: { id: string } } }) => i.metadata.cluster.id;
    return {
      mode,
      data:
        mode === "fully_loaded"
          ? d
          : this.modeData(mode, {
              clusters,
              namespaces,
              workloads,
              nodes,
              nodeGroups,
              teams,
              departments,
            }),
      clusters,
      namespaces,
      workloads,
      nodeGroups,
      recommendations,
      departments,
      teams,
      byId,
      namespacesByCluster: groupBy(namespaces, byCluster),
      workloadsByCluster: groupBy(workloads, byCluster),
      nodesByCluster: groupBy(nodes, byCluster),
      nodeGroupsByCluster: groupBy(nodeGroups, byCluster),
      assignmentsByTeam: groupBy(assignments, (a) => a.metadata.team_id),
      podsOf: (uid) => {
        if (podGroups) return podGroups.get(uid) ?? [];
        let pods = podCache.get(uid);
        if (!pods) {
          const workload = baseWorkloads.get(uid);
          pods = workload ? sortDesc(this.podsIn(mode, this.basePods(workload)), byHourlyCost) : [];
          podCache.set(uid, pods);
        }
        return pods;
      },
      memo: new Map(),
    };
  }
}
