import type { Cluster, Namespace, Node, NodeGroup, Pod, Workload } from "../../types.js";
import { parseAmount } from "../money.js";
import { fnv1a, int, mulberry32, pick, type Random, uuid, weighted } from "../prng.js";
import type {
  CapacityType,
  ClusterStatus,
  PodPhase,
  Provider,
  WorkloadKind,
} from "../spec-types.js";
import {
  clusterRef,
  costSummary,
  costUnits,
  distinctNames,
  isoSeconds,
  streamFor,
} from "./common.js";
import type { FakeSizes } from "./dataset.js";

const DAY_MS = 86_400_000;

const REGIONS: Record<Provider, readonly string[]> = {
  aws: ["eu-west-1", "us-east-1", "us-west-2", "ap-southeast-1"],
  gcp: ["europe-west1", "us-central1"],
  azure: ["westeurope", "eastus"],
  on_prem: ["dc-frankfurt", "dc-virginia"],
};
const INSTANCE_PRICES: Record<Provider, readonly (readonly [string, number])[]> = {
  aws: [
    ["m6i.xlarge", 1920],
    ["m6i.2xlarge", 3840],
    ["c6i.2xlarge", 3400],
    ["r6i.xlarge", 2520],
    ["g5.xlarge", 10060],
    ["t3.large", 832],
  ],
  gcp: [
    ["n2-standard-4", 1942],
    ["e2-standard-8", 2681],
    ["c2-standard-8", 3340],
  ],
  azure: [
    ["Standard_D4s_v5", 1920],
    ["Standard_E8s_v5", 5040],
  ],
  on_prem: [
    ["bare-metal-32c", 6000],
    ["bare-metal-64c", 11000],
  ],
};
const ENVS = ["prod", "staging", "dev", "sandbox", "perf"];
const GROUP_NAMES = [
  "general-purpose",
  "compute-optimized",
  "memory-optimized",
  "gpu",
  "spot-pool",
  "system",
  "batch",
  "ingress",
];
const NAMESPACE_NAMES = [
  "checkout",
  "payments",
  "search",
  "catalog",
  "auth",
  "billing",
  "analytics",
  "ingest",
  "platform",
  "monitoring",
  "logging",
  "kube-system",
  "default",
  "ml-training",
  "frontend",
  "backend",
  "data",
  "ops",
  "notifications",
  "inventory",
];
const WORKLOAD_WORDS = [
  "api",
  "worker",
  "gateway",
  "cache",
  "db",
  "queue",
  "scheduler",
  "exporter",
  "web",
  "cron",
  "etl",
  "indexer",
  "proxy",
  "consumer",
  "migrator",
];
const KINDS: readonly (readonly [WorkloadKind, number])[] = [
  ["Deployment", 55],
  ["StatefulSet", 12],
  ["DaemonSet", 8],
  ["Job", 8],
  ["CronJob", 8],
  ["ReplicaSet", 5],
  ["Pod", 4],
];
const CAPACITY: readonly (readonly [CapacityType, number])[] = [
  ["on_demand", 6],
  ["spot", 3],
  ["reserved", 1],
];
const CAPACITY_FACTOR: Record<CapacityType, number> = { on_demand: 1, spot: 0.35, reserved: 0.6 };
const PHASES: readonly (readonly [PodPhase, number])[] = [
  ["Running", 85],
  ["Pending", 7],
  ["Failed", 3],
  ["Unknown", 2],
  ["Succeeded", 3],
];
const JOB_PHASES: readonly (readonly [PodPhase, number])[] = [
  ["Succeeded", 8],
  ["Failed", 1],
  ["Running", 1],
];
const ALPHANUM = "bcdfghjklmnpqrstvwxz2456789";

function token(rand: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUM[Math.floor(rand() * ALPHANUM.length)];
  return out;
}

/** The cluster-scoped half of the data set. */
export interface Inventory {
  clusters: Cluster[];
  namespaces: Namespace[];
  workloads: Workload[];
  nodes: Node[];
  nodeGroups: NodeGroup[];
}

/** Generates clusters, their node groups, nodes, namespaces and workloads (pods come lazily). */
export function generateInventory(seed: number, sizes: FakeSizes, nowMs: number): Inventory {
  const updatedAt = isoSeconds(nowMs - 60_000);
  const out: Inventory = { clusters: [], namespaces: [], workloads: [], nodes: [], nodeGroups: [] };
  const rc = streamFor(seed, "clusters");
  const usedNames = new Set<string>();
  for (let i = 0; i < sizes.clusters; i++) {
    const provider = weighted<Provider>(rc, [
      ["aws", 5],
      ["gcp", 2],
      ["azure", 2],
      ["on_prem", 1],
    ]);
    const region = pick(rc, REGIONS[provider]);
    let name = `${pick(rc, ENVS)}-${region}`;
    for (let n = 2; usedNames.has(name); n++) name = `${pick(rc, ENVS)}-${region}-${n}`;
    usedNames.add(name);
    out.clusters.push({
      id: uuid(rc),
      kind: "Cluster",
      metadata: {
        name,
        provider,
        region,
        status: weighted<ClusterStatus>(rc, [
          ["connected", 8],
          ["disconnected", 1],
          ["pending", 1],
        ]),
        kubernetes_version: `1.${int(rc, 28, 32)}`,
        created_at: isoSeconds(nowMs - int(rc, 30, 900) * DAY_MS),
      },
      cost: costSummary(0, "fully_loaded", updatedAt),
    });
  }

  const rn = streamFor(seed, "nodes");
  const nodesByCluster = new Map<string, Node[]>();
  for (const cluster of out.clusters) {
    const { provider, region } = cluster.metadata;
    const groupCount = Math.max(1, sizes.nodeGroupsPerCluster + int(rn, -1, 1));
    const clusterNodes: Node[] = [];
    const groups =
      sizes.nodeGroupsPerCluster === 0 ? [] : distinctNames(rn, GROUP_NAMES, groupCount);
    for (const groupName of [...groups, undefined]) {
      // One pass without a group: some clusters have unmanaged nodes.
      if (groupName === undefined && rn() < 0.7) continue;
      const capacity = groupName === "spot-pool" ? "spot" : weighted(rn, CAPACITY);
      const types = [pick(rn, INSTANCE_PRICES[provider])];
      if (rn() < 0.3) types.push(pick(rn, INSTANCE_PRICES[provider]));
      const count =
        groupName === undefined ? int(rn, 1, 2) : int(rn, 1, Math.max(1, sizes.maxNodesPerGroup));
      let groupUnits = 0;
      for (let n = 0; n < count; n++) {
        const [instanceType, price] = pick(rn, types);
        const units = Math.round(price * CAPACITY_FACTOR[capacity]);
        groupUnits += units;
        const zone =
          provider === "aws"
            ? `${region}${pick(rn, ["a", "b", "c"])}`
            : `${region}-${int(rn, 1, 3)}`;
        const nodeName =
          provider === "aws"
            ? `ip-10-${int(rn, 0, 255)}-${int(rn, 0, 255)}-${int(rn, 1, 254)}.${region}.compute.internal`
            : `${cluster.metadata.name}-${groupName ?? "node"}-${token(rn, 5)}`;
        const node: Node = {
          id: uuid(rn),
          kind: "Node",
          metadata: {
            name: nodeName,
            cluster: clusterRef(cluster),
            instance_type: instanceType,
            capacity_type: capacity,
            zone,
          },
          cost: costSummary(units, "fully_loaded", updatedAt),
        };
        if (groupName !== undefined) node.metadata.node_group = groupName;
        clusterNodes.push(node);
      }
      if (groupName !== undefined) {
        out.nodeGroups.push({
          id: uuid(rn),
          kind: "NodeGroup",
          metadata: {
            name: groupName,
            cluster: clusterRef(cluster),
            instance_types: types.map(([t]) => t).filter((t, i, all) => all.indexOf(t) === i),
            capacity_type: capacity,
            node_count: count,
          },
          cost: costSummary(groupUnits, "fully_loaded", updatedAt),
        });
      }
    }
    nodesByCluster.set(cluster.id, clusterNodes);
    out.nodes.push(...clusterNodes);
  }

  const rs = streamFor(seed, "namespaces");
  const namespaceUnits = new Map<Namespace, number>();
  const clusterNamespaces: Namespace[][] = out.clusters.map((cluster) => {
    const spread = Math.round(sizes.namespacesPerCluster * 0.25);
    const count = Math.max(
      sizes.namespacesPerCluster === 0 ? 0 : 1,
      sizes.namespacesPerCluster + int(rs, -spread, spread),
    );
    return distinctNames(rs, NAMESPACE_NAMES, count).map((name) => {
      const ns: Namespace = {
        id: uuid(rs),
        kind: "Namespace",
        metadata: {
          name,
          cluster: clusterRef(cluster),
          labels: {
            team: pick(rs, WORKLOAD_WORDS),
            env: cluster.metadata.name.split("-")[0] as string,
          },
        },
        cost: costSummary(0, "fully_loaded", updatedAt),
      };
      namespaceUnits.set(ns, 0);
      out.namespaces.push(ns);
      return ns;
    });
  });

  const rw = streamFor(seed, "workloads");
  const allNamespaces = clusterNamespaces.flat();
  const clusterById = new Map(out.clusters.map((c) => [c.id, c]));
  for (let i = 0; allNamespaces.length > 0 && i < sizes.workloads; i++) {
    // Skewed: a few namespaces hold most workloads, and some hold none.
    const ns = allNamespaces[Math.floor(rw() ** 1.6 * allNamespaces.length)] as Namespace;
    const cluster = clusterById.get(ns.metadata.cluster.id) as Cluster;
    const kind = weighted(rw, KINDS);
    const units = costUnits(rw, 10, 600_000, 0.1, [100, 500, 1_000, 10_000]);
    const workload: Workload = {
      id: uuid(rw),
      kind: "Workload",
      metadata: {
        name: `${pick(rw, WORKLOAD_WORDS)}-${pick(rw, WORKLOAD_WORDS)}-${i}`,
        workload_kind: kind,
        namespace: ns.metadata.name,
        cluster: clusterRef(cluster),
      },
      cost: costSummary(units, "fully_loaded", updatedAt),
    };
    out.workloads.push(workload);
    namespaceUnits.set(ns, (namespaceUnits.get(ns) ?? 0) + units);
  }

  const clusterUnits = new Map<string, number>();
  for (const [ns, units] of namespaceUnits) {
    ns.cost = costSummary(units, "fully_loaded", updatedAt);
    clusterUnits.set(
      ns.metadata.cluster.id,
      (clusterUnits.get(ns.metadata.cluster.id) ?? 0) + units,
    );
  }
  for (const cluster of out.clusters) {
    cluster.cost = costSummary(clusterUnits.get(cluster.id) ?? 0, "fully_loaded", updatedAt);
  }
  return out;
}

/** Hourly cost of a resource in integer ten-thousandths. */
export function hourlyUnits(item: {
  cost: { current_run_rate_hourly: { amount: string } };
}): number {
  return parseAmount(item.cost.current_run_rate_hourly.amount);
}

/**
 * The pods of one workload, derived only from the seed, the workload and its cluster's nodes,
 * so they can be generated on demand (pods outnumber everything else). Their costs add up to
 * the workload's; equal shares tie on purpose and the first pod takes the remainder.
 */
export function generatePods(
  seed: number,
  workload: Workload,
  nodes: readonly Node[],
  maxPods: number,
): Pod[] {
  const rp = mulberry32((seed ^ fnv1a(workload.id)) >>> 0);
  const kind = workload.metadata.workload_kind;
  const units = hourlyUnits(workload);
  const count = kind === "Job" || kind === "Pod" ? 1 : int(rp, 1, Math.max(1, maxPods));
  const share = Math.floor(units / count);
  const hash = token(rp, 10);
  const { namespace, cluster, name } = workload.metadata;
  const pods: Pod[] = [];
  for (let p = 0; p < count; p++) {
    const phase: PodPhase = kind === "Job" ? weighted(rp, JOB_PHASES) : weighted(rp, PHASES);
    const pod: Pod = {
      id: uuid(rp),
      kind: "Pod",
      metadata: {
        name: kind === "Pod" ? name : `${name}-${hash}-${token(rp, 5)}`,
        namespace,
        workload_uid: workload.id,
        phase,
        cluster: { ...cluster },
      },
      cost: costSummary(
        share + (p === 0 ? units - share * count : 0),
        "fully_loaded",
        workload.cost.last_updated_at,
      ),
    };
    if (phase !== "Pending" && nodes.length > 0)
      pod.metadata.node_name = pick(rp, nodes).metadata.name;
    pods.push(pod);
  }
  return pods;
}
