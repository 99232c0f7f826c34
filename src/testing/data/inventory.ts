import type { Cluster, Namespace, Node, NodeGroup, Workload } from "../../types.js";
import { int, pick, uuid, weighted } from "../prng.js";
import type { ClusterStatus, Provider } from "../spec-types.js";
import { clusterRef, costSummary, distinctNames, isoSeconds, streamFor } from "./common.js";
import {
  drawUtilisation,
  type PricedNode,
  podRequests,
  priceWorkloads,
  type Requests,
} from "./cost-model.js";
import type { FakeSizes } from "./dataset.js";
import { generateNodes } from "./nodes.js";
import { podCount, podStream } from "./pods.js";
import { rollUpInventory } from "./rollup.js";
import { ENVS, KINDS, NAMESPACE_NAMES, REGIONS, WORKLOAD_WORDS } from "./vocabulary.js";

const DAY_MS = 86_400_000;

/** The cluster-scoped half of the data set. */
export interface Inventory {
  clusters: Cluster[];
  namespaces: Namespace[];
  workloads: Workload[];
  nodes: Node[];
  nodeGroups: NodeGroup[];
  /** Each workload's `direct` hourly cost by id (`workloads` carry their `fully_loaded` one). */
  direct: Map<string, bigint>;
}

/** Generates clusters, their node groups, nodes, namespaces and workloads (pods come lazily). */
export function generateInventory(seed: number, sizes: FakeSizes, nowMs: number): Inventory {
  const updatedAt = isoSeconds(nowMs - 60_000);
  const out: Inventory = {
    clusters: [],
    namespaces: [],
    workloads: [],
    nodes: [],
    nodeGroups: [],
    direct: new Map(),
  };
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
      cost: costSummary(0n, "fully_loaded", updatedAt),
    });
  }

  const rn = streamFor(seed, "nodes");
  const pricedNodes = new Map<string, PricedNode[]>();
  for (const cluster of out.clusters) {
    const generated = generateNodes(rn, cluster, sizes, updatedAt);
    out.nodes.push(...generated.nodes);
    out.nodeGroups.push(...generated.nodeGroups);
    pricedNodes.set(cluster.id, generated.priced);
  }

  const rs = streamFor(seed, "namespaces");
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
        cost: costSummary(0n, "fully_loaded", updatedAt),
      };
      out.namespaces.push(ns);
      return ns;
    });
  });

  const rw = streamFor(seed, "workloads");
  const allNamespaces = clusterNamespaces.flat();
  const clusterById = new Map(out.clusters.map((c) => [c.id, c]));
  const requestsByCluster = new Map<string, { workload: Workload; requests: Requests }[]>();
  for (let i = 0; allNamespaces.length > 0 && i < sizes.workloads; i++) {
    // Skewed: a few namespaces hold most workloads, and some hold none.
    const ns = allNamespaces[Math.floor(rw() ** 1.6 * allNamespaces.length)] as Namespace;
    const cluster = clusterById.get(ns.metadata.cluster.id) as Cluster;
    const kind = weighted(rw, KINDS);
    const pod = podRequests(rw);
    const workload: Workload = {
      id: uuid(rw),
      kind: "Workload",
      metadata: {
        name: `${pick(rw, WORKLOAD_WORDS)}-${pick(rw, WORKLOAD_WORDS)}-${i}`,
        workload_kind: kind,
        namespace: ns.metadata.name,
        cluster: clusterRef(cluster),
      },
      cost: costSummary(0n, "fully_loaded", updatedAt),
    };
    out.workloads.push(workload);
    const replicas = BigInt(podCount(podStream(seed, workload.id), kind, sizes.maxPodsPerWorkload));
    const requests = { cpu: pod.cpu * replicas, memory: pod.memory * replicas };
    const list = requestsByCluster.get(cluster.id);
    if (list) list.push({ workload, requests });
    else requestsByCluster.set(cluster.id, [{ workload, requests }]);
  }

  const ru = streamFor(seed, "utilisation");
  for (const cluster of out.clusters) {
    const use = drawUtilisation(ru);
    const members = requestsByCluster.get(cluster.id) ?? [];
    const costs = priceWorkloads(
      pricedNodes.get(cluster.id) ?? [],
      members.map((m) => m.requests),
      use,
    );
    members.forEach(({ workload }, index) => {
      workload.cost = costSummary(costs.fullyLoaded[index] as bigint, "fully_loaded", updatedAt);
      out.direct.set(workload.id, costs.direct[index] as bigint);
    });
  }
  rollUpInventory(out, "fully_loaded");
  return out;
}
