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

/** How many ids a second walk's count difference can be put down to live data. */
export interface LiveExcuse {
  /** Ids it lacks that the walk before or after it lists, moved, or come or gone around it. */
  missed: number;
  /** Ids it lists that the walk before or after it lacks: come or gone around it. */
  extra: number;
}

/**
 * What live data lets the second of three walks miss or add. Only ids seen around that walk
 * count: an id neither other walk lists explains nothing (a server that never lists an item
 * while `total_count` counts it would otherwise pass on any list whose costs move), nor does
 * one the walks before and after list with the same key (`skippedIds`: a violation), nor one
 * the second walk listed (moved or not, it is one of its distinct ids).
 */
export function liveExcuse(
  key: SortKey,
  [before, during, after]: [PageFindings, PageFindings, PageFindings],
): LiveExcuse {
  const skipped = new Set(skippedIds(key, before, during, after).map(({ id }) => id));
  const around = new Set([...before.keys.keys(), ...after.keys.keys()]);
  let missed = 0;
  for (const id of around) if (!during.keys.has(id) && !skipped.has(id)) missed++;
  let extra = 0;
  for (const id of during.keys.keys()) if (!before.keys.has(id) || !after.keys.has(id)) extra++;
  return { missed, extra };
}

/**
 * Whether live data accounts for the second walk's distance from every `total_count` it was
 * given: fewer ids than a total by at most `missed`, more by at most `extra`.
 */
export function gapExcused(during: PageFindings, excuse: LiveExcuse): boolean {
  const walked = during.keys.size;
  return during.totals.every(
    (total) => total - walked <= excuse.missed && walked - total <= excuse.extra,
  );
}
