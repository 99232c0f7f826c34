import type { TeamAssignment } from "../../types.js";
import { parseAmount } from "../money.js";
import type { CostSummary } from "../spec-types.js";

/**
 * A family's natural sort key, descending, with ties broken by `id` ascending. `value` is what a
 * cursor records (the amount string or the timestamp); `numeric` turns it into a number so
 * amounts compare numerically ("10.0000" > "9.5000"), never as strings.
 */
export interface SortKey<T> {
  value(item: T): string;
  numeric(value: string): number;
}

/** `cost.current_run_rate_hourly` descending. */
export const byHourlyCost: SortKey<{ cost: CostSummary }> = {
  value: (item) => item.cost.current_run_rate_hourly.amount,
  numeric: parseAmount,
};

/** `savings.estimated_monthly` descending (recommendations). */
export const bySavings: SortKey<{ savings: { estimated_monthly: { amount: string } } }> = {
  value: (item) => item.savings.estimated_monthly.amount,
  numeric: parseAmount,
};

/** `metadata.created_at` descending (team assignments). */
export const byCreatedAt: SortKey<TeamAssignment> = {
  value: (item) => item.metadata.created_at,
  numeric: (value) => Date.parse(value),
};

/** A sorted copy of `items`: key descending, then id ascending. */
export function sortDesc<T extends { id: string }>(
  items: readonly T[],
  key: SortKey<NoInfer<T>>,
): T[] {
  const decorated = items.map((item) => ({ k: key.numeric(key.value(item)), item }));
  decorated.sort(
    (a, b) => b.k - a.k || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0),
  );
  return decorated.map((d) => d.item);
}

/**
 * Index of the first item strictly after the position (`value`, `id`) in sort order. The
 * position need not be an item that still exists, so inserts and deletes between pages
 * neither skip nor repeat the items that remain.
 */
export function indexAfter<T extends { id: string }>(
  sorted: readonly T[],
  key: SortKey<NoInfer<T>>,
  value: number,
  id: string,
): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = sorted[mid] as T;
    const k = key.numeric(key.value(item));
    const before = k > value || (k === value && item.id <= id);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
