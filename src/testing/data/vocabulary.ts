import type { Random } from "../prng.js";
import type { CapacityType, PodPhase, Provider, WorkloadKind } from "../spec-types.js";

// Vocabulary of the generated data set: names, regions and weighted distributions.

/** Regions per provider. */
export const REGIONS: Record<Provider, readonly string[]> = {
  aws: ["eu-west-1", "us-east-1", "us-west-2", "ap-southeast-1"],
  gcp: ["europe-west1", "us-central1"],
  azure: ["westeurope", "eastus"],
  on_prem: ["dc-frankfurt", "dc-virginia"],
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
