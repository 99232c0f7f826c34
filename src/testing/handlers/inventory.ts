import type { Cluster, Namespace, Node, NodeGroup, Workload } from "../../types.js";
import { byHourlyCost } from "../data/sorting.js";
import type { View } from "../data/store.js";
import { pathUuid } from "../query.js";
import { ok } from "../respond.js";
import type {
  CapacityType,
  ClusterStatus,
  PodPhase,
  Provider,
  WorkloadKind,
} from "../spec-types.js";
import { applyFilters, type Ctx, cursorPage, type Handler, lookup, when } from "./context.js";

const PROVIDERS: readonly Provider[] = ["aws", "gcp", "azure", "on_prem"];
const CLUSTER_STATUSES: readonly ClusterStatus[] = ["connected", "disconnected", "pending"];
const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "ReplicaSet",
  "Pod",
];
const CAPACITY_TYPES: readonly CapacityType[] = ["on_demand", "spot", "reserved"];
const POD_PHASES: readonly PodPhase[] = ["Pending", "Running", "Succeeded", "Failed", "Unknown"];

/**
 * The cluster a list is scoped to: the path's `cluster_id` (404 when no such cluster), else the
 * `cluster_id` filter; undefined for every cluster.
 */
function clusterScope(ctx: Ctx, view: View): string | undefined {
  if (ctx.params.cluster_id === undefined) return ctx.query.uuid("cluster_id");
  const id = pathUuid("cluster_id", ctx.params.cluster_id);
  lookup<Cluster>(view, id, "Cluster");
  return id;
}

/** GET /v1/clusters */
export const listClusters: Handler = (ctx) => {
  const mode = ctx.query.costMode();
  const provider = ctx.query.oneOf("provider", PROVIDERS);
  const region = ctx.query.get("region");
  const status = ctx.query.oneOf("status", CLUSTER_STATUSES);
  const items = applyFilters(ctx.store.view(mode).clusters, [
    ...when(provider, (c: Cluster, v) => c.metadata.provider === v),
    ...when(region, (c: Cluster, v) => c.metadata.region === v),
    ...when(status, (c: Cluster, v) => c.metadata.status === v),
  ]);
  return cursorPage(ctx, items, byHourlyCost, mode);
};

/** GET /v1/clusters/{cluster_id} */
export const getCluster: Handler = (ctx) => {
  const id = pathUuid("cluster_id", ctx.params.cluster_id ?? "");
  const mode = ctx.query.costMode();
  return ok(ctx.base, lookup<Cluster>(ctx.store.view(mode), id, "Cluster"), mode);
};

/** GET /v1/namespaces and GET /v1/clusters/{cluster_id}/namespaces */
export const listNamespaces: Handler = (ctx) => {
  const mode = ctx.query.costMode();
  const view = ctx.store.view(mode);
  const clusterId = clusterScope(ctx, view);
  const items =
    clusterId === undefined ? view.namespaces : (view.namespacesByCluster.get(clusterId) ?? []);
  return cursorPage(ctx, items, byHourlyCost, mode);
};

/** GET /v1/namespaces/{namespace_id} */
export const getNamespace: Handler = (ctx) => {
  const id = pathUuid("namespace_id", ctx.params.namespace_id ?? "");
  const mode = ctx.query.costMode();
  return ok(ctx.base, lookup<Namespace>(ctx.store.view(mode), id, "Namespace"), mode);
};

/** GET /v1/workloads and GET /v1/clusters/{cluster_id}/workloads */
export const listWorkloads: Handler = (ctx) => {
  const mode = ctx.query.costMode();
  const namespace = ctx.query.get("namespace");
  const kind = ctx.query.oneOf("kind", WORKLOAD_KINDS);
  const view = ctx.store.view(mode);
  const clusterId = clusterScope(ctx, view);
  const scope =
    clusterId === undefined ? view.workloads : (view.workloadsByCluster.get(clusterId) ?? []);
  const items = applyFilters(scope, [
    ...when(namespace, (w: Workload, v) => w.metadata.namespace === v),
    ...when(kind, (w: Workload, v) => w.metadata.workload_kind === v),
  ]);
  return cursorPage(ctx, items, byHourlyCost, mode);
};

/** GET /v1/workloads/{workload_uid} */
export const getWorkload: Handler = (ctx) => {
  const id = pathUuid("workload_uid", ctx.params.workload_uid ?? "");
  const mode = ctx.query.costMode();
  return ok(ctx.base, lookup<Workload>(ctx.store.view(mode), id, "Workload"), mode);
};

/** GET /v1/workloads/{workload_uid}/pods */
export const listPods: Handler = (ctx) => {
  const id = pathUuid("workload_uid", ctx.params.workload_uid ?? "");
  const mode = ctx.query.costMode();
  const phase = ctx.query.oneOf("phase", POD_PHASES);
  const view = ctx.store.view(mode);
  lookup<Workload>(view, id, "Workload");
  const items = applyFilters(
    view.podsOf(id),
    when(phase, (p, v) => p.metadata.phase === v),
  );
  return cursorPage(ctx, items, byHourlyCost, mode);
};

/** GET /v1/clusters/{cluster_id}/nodes */
export const listNodes: Handler = (ctx) => {
  const id = pathUuid("cluster_id", ctx.params.cluster_id ?? "");
  const mode = ctx.query.costMode();
  const nodeGroup = ctx.query.get("node_group");
  const capacity = ctx.query.oneOf("capacity_type", CAPACITY_TYPES);
  const view = ctx.store.view(mode);
  lookup<Cluster>(view, id, "Cluster");
  const items = applyFilters(view.nodesByCluster.get(id) ?? [], [
    ...when(nodeGroup, (n: Node, v) => n.metadata.node_group === v),
    ...when(capacity, (n: Node, v) => n.metadata.capacity_type === v),
  ]);
  return cursorPage(ctx, items, byHourlyCost, mode);
};

/** GET /v1/node-groups and GET /v1/clusters/{cluster_id}/node-groups: the complete list, unpaginated. */
export const listNodeGroups: Handler = (ctx) => {
  const mode = ctx.query.costMode();
  const view = ctx.store.view(mode);
  const clusterId = clusterScope(ctx, view);
  const items: readonly NodeGroup[] =
    clusterId === undefined ? view.nodeGroups : (view.nodeGroupsByCluster.get(clusterId) ?? []);
  return ok(ctx.base, items, mode);
};
