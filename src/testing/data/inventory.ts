import type { Cluster, Namespace, Node, NodeGroup, Workload } from "../../types.js";
import { int, pick, uuid, weighted } from "../prng.js";
import type { ClusterStatus, Provider } from "../spec-types.js";

import {
  clusterRef,
  costSummary,
  costUnits,
  distinctNames,
  isoSeconds,
  streamFor,
} from "./common.js";
import type { FakeSizes } from "./dataset.js";
import {
  CAPACITY,
  CAPACITY_FACTOR,
  ENVS,
  GROUP_NAMES,
  INSTANCE_PRICES,
  KINDS,
  NAMESPACE_NAMES,
  REGIONS,
  token,
  WORKLOAD_WORDS,
} from "./vocabulary.js";

const DAY_MS = 86_400_000;

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
