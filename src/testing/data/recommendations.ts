import type { Recommendation } from "../../types.js";
import { HOURS_PER_MONTH, usd } from "../money.js";
import { int, pick, uuid, weighted } from "../prng.js";
import type { RecommendationStatus, RecommendationType, ResourceRef } from "../spec-types.js";
import { hourlyUnits, isoSeconds, streamFor } from "./common.js";
import type { FakeSizes } from "./dataset.js";
import type { Inventory } from "./inventory.js";

/** The share (percent) of an over-requested workload's cost that lowering its requests saves. */
export const RIGHTSIZE_SAVING_PERCENT = [20, 70] as const;
/** The share (percent) of a node group's cost that moving it to spot saves, by its capacity. */
export const SPOT_SAVING_PERCENT = { reserved: 35, on_demand: 60 } as const;
/** The recommendations' savings total at most the monthly bill divided by this (a quarter). */
export const SAVINGS_BILL_DIVISOR = 4;

/**
 * Recommendations on the inventory's workloads, namespaces and node groups (whose costs must be
 * set). Each saves a share of its target's monthly cost that fits what it proposes: all of an
 * idle resource, {@link RIGHTSIZE_SAVING_PERCENT} of an over-requested workload, the nodes a
 * shrink removes, {@link SPOT_SAVING_PERCENT} of a group moved to spot.
 */
export function generateRecommendations(
  seed: number,
  sizes: FakeSizes,
  nowMs: number,
  inv: Omit<Inventory, "direct">,
): Recommendation[] {
  const rr = streamFor(seed, "recommendations");
  const clusterById = new Map(inv.clusters.map((c) => [c.id, c]));
  const recommendations: Recommendation[] = [];
  const raw: bigint[] = [];
  const advised = new Set<string>();
  for (let i = 0; i < sizes.recommendations && inv.workloads.length > 0; i++) {
    let type = weighted<RecommendationType>(rr, [
      ["rightsize_workload", 5],
      ["rightsize_node_group", 2],
      ["use_spot", 1],
      ["remove_idle", 2],
    ]);
    // At most one recommendation per node group or namespace: a second one is about a workload.
    const group =
      (type === "rightsize_node_group" || type === "use_spot") && inv.nodeGroups.length > 0
        ? pick(rr, inv.nodeGroups)
        : undefined;
    if (group === undefined || advised.has(group.id)) {
      if (type !== "remove_idle") type = "rightsize_workload";
    }
    const idleNamespace =
      type === "remove_idle" && rr() < 0.4 && inv.namespaces.length > 0
        ? pick(rr, inv.namespaces)
        : undefined;
    let target: ResourceRef;
    let clusterId: string;
    let summary: string;
    // What the change saves a month, from the target's own cost: every figure stays below it.
    let monthly: bigint;
    let percent: bigint;
    if (group !== undefined && (type === "rightsize_node_group" || type === "use_spot")) {
      const g = group;
      advised.add(g.id);
      target = { kind: "NodeGroup", id: g.id, name: g.metadata.name };
      clusterId = g.metadata.cluster.id;
      monthly = hourlyUnits(g) * HOURS_PER_MONTH;
      // Spot exists in the clouds only, and only helps a group that is not spot already.
      const onPrem = clusterById.get(clusterId)?.metadata.provider === "on_prem";
      if (type === "use_spot" && !onPrem && g.metadata.capacity_type !== "spot") {
        summary = `Move ${g.metadata.name} to spot capacity`;
        percent = BigInt(
          SPOT_SAVING_PERCENT[g.metadata.capacity_type === "reserved" ? "reserved" : "on_demand"],
        );
      } else {
        type = "rightsize_node_group";
        const nodes = g.metadata.node_count;
        const fewer = int(rr, 1, Math.max(1, nodes - 1));
        summary = `Shrink ${g.metadata.name} by ${fewer} node${fewer === 1 ? "" : "s"}`;
        percent = (100n * BigInt(fewer)) / BigInt(Math.max(1, nodes) + 1);
      }
    } else if (idleNamespace !== undefined && !advised.has(idleNamespace.id)) {
      const n = idleNamespace;
      advised.add(n.id);
      target = { kind: "Namespace", id: n.id, name: n.metadata.name };
      clusterId = n.metadata.cluster.id;
      summary = `Remove idle namespace ${n.metadata.name}`;
      monthly = hourlyUnits(n) * HOURS_PER_MONTH;
      percent = 100n;
    } else {
      const w = pick(rr, inv.workloads);
      target = { kind: "Workload", id: w.id, name: w.metadata.name };
      clusterId = w.metadata.cluster.id;
      monthly = hourlyUnits(w) * HOURS_PER_MONTH;
      if (type === "remove_idle") {
        summary = `Remove idle workload ${w.metadata.name}`;
        percent = 100n;
      } else {
        const cores = int(rr, 2, 8);
        summary = `Lower ${w.metadata.name} CPU requests from ${cores} to 0.5 cores`;
        percent = BigInt(int(rr, ...RIGHTSIZE_SAVING_PERCENT));
      }
    }
    const cluster = clusterById.get(clusterId);
    if (!cluster) continue;
    raw.push((monthly * percent) / 100n);
    const rec: Recommendation = {
      id: uuid(rr),
      kind: "Recommendation",
      metadata: {
        type,
        status: weighted<RecommendationStatus>(rr, [
          ["open", 6],
          ["applied", 2.5],
          ["dismissed", 1.5],
        ]),
        target,
        cluster: { id: cluster.id, name: cluster.metadata.name },
        created_at: isoSeconds(nowMs - int(rr, 60, 90 * 86_400) * 1000),
      },
      savings: { estimated_monthly: usd(0n) },
    };
    if (rr() < 0.9) rec.summary = summary;
    recommendations.push(rec);
  }
  // Recommendations overlap (several may target one resource), so their raw figures are scaled
  // down, if need be, to at most a quarter of the monthly bill in all: what FinOps tools
  // typically find. Each stays at or below its target's monthly cost.
  let bill = 0n;
  for (const c of inv.clusters) bill += hourlyUnits(c) * HOURS_PER_MONTH;
  const rawTotal = raw.reduce((a, b) => a + b, 0n);
  const budget = bill / BigInt(SAVINGS_BILL_DIVISOR);
  recommendations.forEach((rec, index) => {
    const units = raw[index] as bigint;
    const scaled = rawTotal > budget ? (units * budget) / rawTotal : units;
    rec.savings = { estimated_monthly: usd(scaled) };
  });
  return recommendations;
}
