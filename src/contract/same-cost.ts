import { isMoney } from "../internal/is-money.js";
import type { Item } from "./list-walk.js";
import { idOf } from "./walk-compare.js";

/** An item's `cost` object, when it has one. */
function costOf(item: unknown): Record<string, unknown> | undefined {
  const cost = (item as { cost?: unknown } | null)?.cost;
  return typeof cost === "object" && cost !== null ? (cost as Record<string, unknown>) : undefined;
}

/**
 * Whether two items' costs are at one data time: the same `cost_mode` and `last_updated_at`
 * (a string). The spec's CostSummary is the cost of one resource at one data time; costs read
 * at two data times may differ, whatever a server does right.
 */
export function atSameDataTime(a: unknown, b: unknown): boolean {
  const [one, two] = [costOf(a), costOf(b)];
  if (!one || !two || one.cost_mode !== two.cost_mode) return false;
  return typeof one.last_updated_at === "string" && one.last_updated_at === two.last_updated_at;
}

/** `value` when it is a Money (a JSON value that may be anything, `null` included). */
const moneyOf = (value: unknown) => (isMoney(value) ? value : undefined);

/**
 * Where `got`'s cost says otherwise than `listed`'s (the same resource read from `source`), as
 * `cost.x is …, but <source> says …`; undefined when they agree or cannot be compared. Only
 * costs with the same `cost_mode` and `last_updated_at` are compared: the spec's CostSummary is
 * the cost of one resource at one data time, and a live cost that moved between the two reads
 * carries a newer `last_updated_at`. Every amount both carry is compared.
 */
export function costDiffers(listed: unknown, got: unknown, source: string): string | undefined {
  if (!atSameDataTime(listed, got)) return undefined;
  const [was, now] = [costOf(listed) ?? {}, costOf(got) ?? {}];
  for (const [field, value] of Object.entries(was)) {
    const [expected, actual] = [moneyOf(value), moneyOf(now[field])];
    if (!expected || !actual) continue;
    const { amount, currency } = expected;
    if (actual.amount === amount && actual.currency === currency) continue;
    return `cost.${field} is ${actual.amount} ${actual.currency}, but ${source} says ${amount} ${currency} at the same last_updated_at ${was.last_updated_at} and cost_mode ${String(was.cost_mode)}: one resource has one cost at one data time`;
  }
  return undefined;
}

/**
 * Why `items` (read at `at`) do not cost what their twins in `listed` (the same ids, read from
 * `source`) cost at the same data time (see {@link costDiffers}): how many differ, and the first;
 * undefined when none does.
 */
export function twinCostsDiffer(
  at: string,
  items: readonly Item[],
  listed: readonly Item[],
  source: string,
): string | undefined {
  const twins = new Map(listed.map((item) => [idOf(item), item]));
  const differ = items.flatMap((item) => {
    const twin = twins.get(idOf(item));
    const differs = twin && costDiffers(twin, item, "that list");
    return differs ? [`${idOf(item)}: ${differs}`] : [];
  });
  if (differ.length === 0) return undefined;
  return `${at}: ${differ.length} items cost otherwise than in ${source}, e.g. ${differ[0]}`;
}
