import type { Cluster, CostMode } from "../../types.js";
import { HOURS_PER_MONTH, unitsOf, usd } from "../money.js";
import { fnv1a, mulberry32, type Random } from "../prng.js";
import type { ClusterRef, CostSummary } from "../spec-types.js";

/** A CostSummary of the spec from ten-thousandths per hour; projected monthly is × 730 hours. */
export function costSummary(
  hourlyUnits: bigint,
  mode: CostMode,
  lastUpdatedAt: string,
): CostSummary {
  return {
    current_run_rate_hourly: usd(hourlyUnits),
    projected_monthly: usd(hourlyUnits * HOURS_PER_MONTH),
    cost_mode: mode,
    last_updated_at: lastUpdatedAt,
  };
}

/** An RFC 3339 date-time with second precision. */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** A PRNG for one family, so resizing one family does not reshuffle the others. */
export function streamFor(seed: number, family: string): Random {
  return mulberry32((seed ^ fnv1a(family)) >>> 0);
}

/** The ClusterRef of a cluster. */
export function clusterRef(cluster: Cluster): ClusterRef {
  return { id: cluster.id, name: cluster.metadata.name };
}

/** The entries of `list` in a random order drawn from `rand` (Fisher-Yates). */
export function shuffle<T>(list: readonly T[], rand: Random): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** `count` distinct names from `pool`, suffixed with a number once the pool runs out. */
export function distinctNames(rand: Random, pool: readonly string[], count: number): string[] {
  const shuffled = shuffle(pool, rand);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = shuffled[i % shuffled.length] as string;
    const round = Math.floor(i / shuffled.length);
    out.push(round === 0 ? base : `${base}-${round + 1}`);
  }
  return out;
}

/** Hourly cost of a resource in ten-thousandths, exactly. */
export function hourlyUnits(item: {
  cost: { current_run_rate_hourly: { amount: string } };
}): bigint {
  return unitsOf(item.cost.current_run_rate_hourly);
}
