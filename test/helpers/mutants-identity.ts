import { type Body, type Mutant, on, onBody } from "./mutant-proxy.js";
import { eachCost, fromUnits, notExamples, toUnits } from "./mutants-values.js";

/** Doubles every cost of a response's `data`, its projection kept at × 730. */
const doubleCosts = onBody((body) =>
  eachCost(body?.data, (cost) => {
    const rate = cost.current_run_rate_hourly;
    rate.amount = fromUnits(toUnits(rate.amount) * 2n);
    cost.projected_monthly.amount = fromUnits(toUnits(rate.amount) * 730n);
  }),
);

/** Calls `edit` on every `metadata.cluster` (a ClusterRef) of a response's `data`. */
function eachClusterRef(data: Body, edit: (ref: Body) => void): void {
  for (const item of Array.isArray(data) ? data : [data]) {
    if (item?.metadata?.cluster) edit(item.metadata.cluster);
  }
}

/** Calls `edit` on every `metadata.target` (a ResourceRef) of a response's `data`. */
function eachTarget(data: Body, edit: (target: Body) => void): void {
  for (const item of Array.isArray(data) ? data : [data]) {
    if (item?.metadata?.target) edit(item.metadata.target);
  }
}

/** A surrogate id in place of a target's public one: the same for the same target. */
const surrogate = (target: Body) => {
  target.id = `0b0b0b0b${String(target.id).slice(8)}`;
};

/** Another valid recommendation type than `type`. */
const otherType = (type: string) => (type === "remove_idle" ? "use_spot" : "remove_idle");

/**
 * Server bugs in what two endpoints say of one resource, and in references to other
 * resources (the contract audit s26's false passes 1, 3 and 6).
 */
const MUTANTS: readonly Mutant[] = [
  {
    id: "single-cost-double",
    bug: "GET /v1/{clusters,workloads,namespaces,teams,departments}/{id} costs twice what its list says at the same last_updated_at (the detail handler reads another rollup)",
    catches: ["single-resources"],
    layer: on(/^\/v1\/(clusters|workloads|namespaces|teams|departments)\/[^/]+$/, doubleCosts),
  },
  {
    id: "nested-cost-double",
    bug: "a cluster's workloads and namespaces cost twice what /v1/workloads and /v1/namespaces say of them at the same last_updated_at",
    catches: ["nested-collections"],
    layer: on(/^\/v1\/clusters\/[^/]+\/(workloads|namespaces)$/, doubleCosts),
  },
  {
    id: "rec-single-type-wrong",
    bug: "GET /v1/recommendations/{id} answers another type than its list gives",
    catches: ["single-resources"],
    layer: on(
      /^\/v1\/recommendations\/[^/]+$/,
      onBody((body: Body) => {
        const metadata = body?.data?.metadata;
        if (metadata) metadata.type = otherType(metadata.type);
      }),
    ),
  },
  {
    id: "cluster-single-meta-wrong",
    bug: "GET /v1/clusters/{id} answers another region than its list gives",
    catches: ["single-resources"],
    layer: on(
      /^\/v1\/clusters\/[^/]+$/,
      onBody((body: Body) => {
        if (body?.data?.metadata) body.data.metadata.region = "xx-nowhere-1";
      }),
    ),
  },
  {
    id: "clusterref-name-stale",
    bug: "every metadata.cluster.name (ClusterRef) is the cluster's name before a rename, denormalized into its resources' rows: prod-eu-west-1-old",
    catches: ["full-walks"],
    layer: onBody((body: Body) =>
      eachClusterRef(body?.data, (ref) => {
        ref.name = `${ref.name}-old`;
      }),
    ),
  },
  {
    id: "rec-cluster-mismatch",
    bug: "every recommendation's metadata.cluster names another cluster than its id (a join on the wrong column)",
    catches: ["full-walks"],
    layer: on(
      /^\/v1\/recommendations/,
      onBody((body: Body) =>
        eachClusterRef(body?.data, (ref) => {
          ref.name = "other";
        }),
      ),
    ),
  },
  {
    id: "rec-target-dangling",
    bug: "every recommendation's metadata.target carries a surrogate id (an internal row id) that no resource has",
    catches: ["single-resources"],
    layer: on(
      /^\/v1\/recommendations/,
      onBody((body: Body) => eachTarget(body?.data, surrogate)),
    ),
  },
  {
    id: "assign-target-dangling",
    bug: "every team assignment's metadata.target carries a surrogate id that no resource has",
    catches: ["single-resources"],
    layer: on(
      /\/assignments$/,
      onBody((body: Body) => eachTarget(body?.data, surrogate)),
    ),
  },
  {
    id: "rec-target-name-wrong",
    bug: "every recommendation's metadata.target.name is stale (stale-api-gateway for api-gateway)",
    catches: ["single-resources"],
    layer: on(
      /^\/v1\/recommendations/,
      onBody((body: Body) =>
        eachTarget(body?.data, (target) => {
          target.name = `stale-${target.name}`;
        }),
      ),
    ),
  },
];

/** The identity mutants; none touches a served example. */
export const IDENTITY_MUTANTS: readonly Mutant[] = MUTANTS.map((mutant) => ({
  ...mutant,
  layer: notExamples(mutant.layer),
}));
