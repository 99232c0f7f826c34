import { generateAttribution } from "./attribution.js";
import { DEFAULT_SIZES, type FakeDataset, type FakeSizes } from "./dataset.js";
import { generateInventory } from "./inventory.js";

/** Fills in default sizes and rejects anything but non-negative integers. */
export function resolveSizes(
  sizes: { [K in keyof FakeSizes]?: FakeSizes[K] | undefined } | undefined,
): FakeSizes {
  const resolved: FakeSizes = { ...DEFAULT_SIZES };
  for (const [key, value] of Object.entries(sizes ?? {}) as [keyof FakeSizes, unknown][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_SIZES)) throw new TypeError(`unknown size "${key}"`);
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw new RangeError(`sizes.${key} must be a non-negative integer`);
    }
    resolved[key] = value;
  }
  return resolved;
}

/** A generated data set: the resources (costs `fully_loaded`) and each workload's `direct` cost. */
export interface Generated {
  data: Omit<FakeDataset, "pods">;
  /** Each workload's `direct` hourly cost in ten-thousandths, by id. */
  direct: Map<string, bigint>;
}

/**
 * Builds the data set from a seed: the same seed, sizes and clock always give the same ids,
 * names, costs and timestamps. Pods are left out: the store generates them per workload on
 * demand.
 */
export function generateDataset(seed: number, sizes: FakeSizes, nowMs: number): Generated {
  const { direct, ...inventory } = generateInventory(seed, sizes, nowMs);
  const attribution = generateAttribution(seed, sizes, nowMs, inventory);
  return { data: { ...inventory, ...attribution }, direct };
}
