import type { Node, Pod, Workload } from "../../types.js";
import { fnv1a, int, mulberry32, pick, uuid, weighted } from "../prng.js";
import type { PodPhase } from "../spec-types.js";
import { costSummary, hourlyUnits } from "./common.js";
import { JOB_PHASES, PHASES, token } from "./vocabulary.js";

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
