import type { Random } from "../prng.js";
import type { CapacityType, PodPhase, Provider, WorkloadKind } from "../spec-types.js";

// Vocabulary of the generated data set: names, regions, prices and weighted distributions.

/** Regions per provider. */
export const REGIONS: Record<Provider, readonly string[]> = {
  aws: ["eu-west-1", "us-east-1", "us-west-2", "ap-southeast-1"],
  gcp: ["europe-west1", "us-central1"],
  azure: ["westeurope", "eastus"],
  on_prem: ["dc-frankfurt", "dc-virginia"],
};
/** Instance types per provider with on-demand prices (ten-thousandths per hour). */
export const INSTANCE_PRICES: Record<Provider, readonly (readonly [string, number])[]> = {
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
/** Cluster name prefixes. */
export const ENVS = ["prod", "staging", "dev", "sandbox", "perf"];
/** Node group names. */
export const GROUP_NAMES = [
  "general-purpose",
  "compute-optimized",
  "memory-optimized",
  "gpu",
  "spot-pool",
  "system",
  "batch",
  "ingress",
];
/** Namespace names. */
export const NAMESPACE_NAMES = [
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
/** Words workload names are made of. */
export const WORKLOAD_WORDS = [
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
/** Workload kinds, weighted. */
export const KINDS: readonly (readonly [WorkloadKind, number])[] = [
  ["Deployment", 55],
  ["StatefulSet", 12],
  ["DaemonSet", 8],
  ["Job", 8],
  ["CronJob", 8],
  ["ReplicaSet", 5],
  ["Pod", 4],
];
/** Capacity types, weighted. */
export const CAPACITY: readonly (readonly [CapacityType, number])[] = [
  ["on_demand", 6],
  ["spot", 3],
  ["reserved", 1],
];
/** Capacity types, weighted. */
/** Price factor per capacity type. */
export const CAPACITY_FACTOR: Record<CapacityType, number> = {
  on_demand: 1,
  spot: 0.35,
  reserved: 0.6,
};
/** Pod phases of long-running workloads, weighted. */
export const PHASES: readonly (readonly [PodPhase, number])[] = [
  ["Running", 85],
  ["Pending", 7],
  ["Failed", 3],
  ["Unknown", 2],
  ["Succeeded", 3],
];
/** Pod phases of Jobs, weighted. */
export const JOB_PHASES: readonly (readonly [PodPhase, number])[] = [
  ["Succeeded", 8],
  ["Failed", 1],
  ["Running", 1],
];
/** Characters of generated name tokens. */
export const ALPHANUM = "bcdfghjklmnpqrstvwxz2456789";

/** A random lowercase token (no vowels, so no accidental words). */
export function token(rand: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUM[Math.floor(rand() * ALPHANUM.length)];
  return out;
}
