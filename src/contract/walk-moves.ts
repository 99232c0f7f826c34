import type { PageFindings } from "./cursor-pages.js";
import type { SortKey } from "./families.js";
import { sameKey } from "./order.js";

/**
 * Ids that `during` lacks though the walks `before` and `after` it both list them with the same
 * sort key: as far as can be seen they stood still, so a server that pages by position cannot
 * skip them (one that pages by offset does, when items before them go).
 */
export function skippedIds(
  key: SortKey,
  before: PageFindings,
  during: PageFindings,
  after: PageFindings,
): Array<{ id: string; value: unknown }> {
  const skipped: Array<{ id: string; value: unknown }> = [];
  for (const [id, value] of before.keys) {
    if (during.keys.has(id) || !after.keys.has(id)) continue;
    if (sameKey(key, value, after.keys.get(id))) skipped.push({ id, value });
  }
  return skipped;
}

/**
 * How many ids live data accounts for across `walks`: ids not in every walk (they came or went)
 * and ids whose sort key moved (between walks, or within one: seen twice). The spec lets each
 * of them be missed or met twice by a walk, so as many count differences are no violation.
 */
export function liveChanges(key: SortKey, walks: PageFindings[]): number {
  const ids = new Set(walks.flatMap((walk) => [...walk.keys.keys()]));
  let changed = 0;
  for (const id of ids) {
    const values = walks.map((walk) => walk.keys.get(id));
    const [first] = values;
    const gone = walks.some((walk) => !walk.keys.has(id));
    const moved =
      walks.some((walk) => walk.moved.has(id)) || values.some((v) => !sameKey(key, first, v));
    if (gone || moved) changed++;
  }
  return changed;
}

/** How far the ids walked are from the `total_count`s the walk was given. */
export function countGap(walk: PageFindings): number {
  return Math.max(0, ...walk.totals.map((total) => Math.abs(total - walk.keys.size)));
}
