import type { Node, Pod, Workload } from "../../types.js";
import { fnv1a, int, mulberry32, pick, type Random, uuid, weighted } from "../prng.js";
import type { PodPhase, WorkloadKind } from "../spec-types.js";
import { costSummary, hourlyUnits } from "./common.js";
import { allocate } from "./cost-model.js";
import { JOB_PHASES, PHASES, token } from "./vocabulary.js";

/** The PRNG of one workload's pods: derived from the seed and the workload's id alone. */
export function podStream(seed: number, workloadId: string): Random {
  return mulberry32((seed ^ fnv1a(workloadId)) >>> 0);
}

/** How many pods (replicas) a workload has: the first draw of its pod stream. */
export function podCount(rp: Random, kind: WorkloadKind, maxPods: number): number {
  return kind === "Job" || kind === "Pod" ? 1 : int(rp, 1, Math.max(1, maxPods));
}

/** Each pod's share of a workload's hourly cost: equal parts, the first ones taking the rest. */
export function podShares(units: bigint, count: number): bigint[] {
  return allocate(
    units,
    Array.from({ length: count }, () => 1n),
  );
}

/**
 * The pods of one workload, derived only from the seed, the workload and its cluster's nodes,
 * so they can be generated on demand (pods outnumber everything else). Their costs add up to
 * the workload's (equal shares tie on purpose). A running pod sits on a node of its cluster,
 * one that costs at least as much as the pod when there is one.
 */
export function generatePods(
  seed: number,
  workload: Workload,
  nodes: readonly Node[],
  maxPods: number,
): Pod[] {
  const rp = podStream(seed, workload.id);
  const kind = workload.metadata.workload_kind;
  const count = podCount(rp, kind, maxPods);
  const shares = podShares(hourlyUnits(workload), count);
  const hash = token(rp, 10);
  const { namespace, cluster, name } = workload.metadata;
  const pods: Pod[] = [];
  for (let p = 0; p < count; p++) {
    const phase: PodPhase = kind === "Job" ? weighted(rp, JOB_PHASES) : weighted(rp, PHASES);
    const units = shares[p] as bigint;
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
      cost: costSummary(units, "fully_loaded", workload.cost.last_updated_at),
    };
    if (phase !== "Pending" && nodes.length > 0) {
      const roomy = nodes.filter((n) => hourlyUnits(n) >= units);
      pod.metadata.node_name = pick(rp, roomy.length > 0 ? roomy : nodes).metadata.name;
    }
    pods.push(pod);
  }
  return pods;
}
