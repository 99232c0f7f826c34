import { int, type Random, weighted } from "../prng.js";
import { cpuPart, type InstanceType } from "./instances.js";

// The demo's cost model: nodes are priced by instance and capacity type; a workload pays for the
// share of its cluster's node capacity its requests take (`direct`), and `fully_loaded` spreads
// the whole node bill (idle and overhead included) over workloads in proportion to that.
// docs/guides/demo-data.md explains it.

/** What a workload requests in total (every replica): CPU in millicores, memory in MiB. */
export interface Requests {
  readonly cpu: bigint;
  readonly memory: bigint;
}

/** A node as the cost model sees it. */
export interface PricedNode {
  readonly type: InstanceType;
  readonly price: bigint;
}

/** How much of a cluster's allocatable CPU and memory its workloads request, in basis points. */
export interface Utilisation {
  readonly cpu: bigint;
  readonly memory: bigint;
}

// Per-pod requests as people write them: round values, small ones most often.
// [index into POD_CPU_MILLIS, weight]
const POD_CPU_MILLIS = [50, 100, 250, 500, 1000, 2000, 4000, 8000];
const POD_CPU_WEIGHTS: readonly (readonly [number, number])[] = [
  [0, 3],
  [1, 5],
  [2, 6],
  [3, 5],
  [4, 3],
  [5, 2],
  [6, 1],
  [7, 0.3],
];
const POD_MEMORY = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768];

/** The requests of one pod, drawn from round values (so equal workloads tie on cost). */
export function podRequests(rand: Random): Requests {
  const index = weighted(rand, POD_CPU_WEIGHTS);
  // Memory follows CPU: about 0.5 to 4 GiB per core.
  const memoryIndex = Math.min(POD_MEMORY.length - 1, index + int(rand, 0, 2));
  return {
    cpu: BigInt(POD_CPU_MILLIS[index] as number),
    memory: BigInt(POD_MEMORY[memoryIndex] as number),
  };
}

/** The band of a cluster's utilisation by requests, in percent of its allocatable capacity. */
export const UTILISATION_PERCENT = {
  cpu: [45, 80],
  memory: [50, 85],
} as const satisfies Record<keyof Utilisation, readonly [number, number]>;

/** A cluster's utilisation by requests, in basis points: within {@link UTILISATION_PERCENT}. */
export function drawUtilisation(rand: Random): Utilisation {
  const draw = ([low, high]: readonly [number, number]) => BigInt(int(rand, low * 100, high * 100));
  return { cpu: draw(UTILISATION_PERCENT.cpu), memory: draw(UTILISATION_PERCENT.memory) };
}

/**
 * `total` split in proportion to `weights`, exactly: each part rounded down, then the units
 * left over handed out one each by largest remainder (ties to the earlier index). All zero
 * weights get nothing.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  let sum = 0n;
  for (const w of weights) sum += w;
  if (sum === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (total * w) / sum);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, index) => ({ index, rest: (total * w) % sum }))
    .sort((a, b) => (a.rest > b.rest ? -1 : a.rest < b.rest ? 1 : a.index - b.index));
  for (const { index } of order) {
    if (left === 0n) break;
    parts[index] = (parts[index] as bigint) + 1n;
    left--;
  }
  return parts;
}

/** Hourly costs of a cluster's workloads in both cost modes, in ten-thousandths. */
export interface WorkloadCosts {
  /** Each workload's share of the node bill by its requests; the sum is at most the bill. */
  direct: bigint[];
  /** The whole node bill spread in proportion to `direct`; sums to the bill exactly. */
  fullyLoaded: bigint[];
}

const BASIS = 10_000n;

/**
 * Prices the workloads of one cluster. A node's price pays for its CPU and its memory
 * ({@link cpuPart}); the cluster's CPU and memory are requested `use.cpu` and `use.memory`
 * basis points full, shared among workloads in proportion to their requests. A workload's
 * direct cost is its requested share of the CPU part plus its share of the memory part, each
 * rounded down, so the workloads never cost more than the nodes; the rest is idle.
 */
export function priceWorkloads(
  nodes: readonly PricedNode[],
  requests: readonly Requests[],
  use: Utilisation,
): WorkloadCosts {
  let bill = 0n;
  let cpuPool = 0n;
  for (const node of nodes) {
    bill += node.price;
    cpuPool += cpuPart(node.type, node.price);
  }
  const memoryPool = bill - cpuPool;
  let cpuAsked = 0n;
  let memoryAsked = 0n;
  for (const r of requests) {
    cpuAsked += r.cpu;
    memoryAsked += r.memory;
  }
  const direct = requests.map(
    (r) =>
      (cpuAsked === 0n ? 0n : (cpuPool * use.cpu * r.cpu) / (BASIS * cpuAsked)) +
      (memoryAsked === 0n ? 0n : (memoryPool * use.memory * r.memory) / (BASIS * memoryAsked)),
  );
  return { direct, fullyLoaded: allocate(bill, direct) };
}
