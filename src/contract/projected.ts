import type { Money } from "../index.js";
import { compare, multiply } from "../money/index.js";
import { eachObject } from "./json-walk.js";

/** Hours in a month for `projected_monthly`, as the spec's CostSummary documents (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/** The spec's Money amount: four decimals exactly; any other is a schema violation already. */
const AMOUNT = /^-?[0-9]+\.[0-9]{4}$/;

/** Whether `value` is a Money the arithmetic can read (well-formed: the schema judges the rest). */
const isAmount = (value: unknown): value is Money =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Money).amount === "string" &&
  AMOUNT.test((value as Money).amount) &&
  typeof (value as Money).currency === "string";

/**
 * The violation of a response's `data` (the response to `label`): its first CostSummary whose
 * `projected_monthly` is not exactly `current_run_rate_hourly` × 730 (the spec's CostSummary),
 * with how many are not, or undefined. Both amounts are in the same response, so a cost that
 * moves between requests cannot break it; a four-decimal rate times 730 needs no rounding, so
 * the comparison is exact (`kubeadapt/money`). A pair in two currencies is left to the
 * currency check.
 */
export function projectedViolation(data: unknown, label: string): string | undefined {
  let first: string | undefined;
  let count = 0;
  eachObject(data, (object, at) => {
    const rate = object.current_run_rate_hourly;
    const projected = object.projected_monthly;
    if (!isAmount(rate) || !isAmount(projected) || rate.currency !== projected.currency) return;
    const expected = multiply(rate, HOURS_PER_MONTH);
    if (compare(projected, expected) === 0) return;
    count++;
    first ??= `${at}.projected_monthly is ${projected.amount}, not current_run_rate_hourly ${rate.amount} × ${HOURS_PER_MONTH} = ${expected.amount}`;
  });
  if (first === undefined) return undefined;
  const costs = count === 1 ? "1 cost does" : `${count} costs do`;
  return `${label}: ${costs} not project the run rate over ${HOURS_PER_MONTH} hours, e.g. ${first} (the spec's CostSummary)`;
}
