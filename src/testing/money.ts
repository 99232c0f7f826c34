import { API_SCALE, parseDecimal, rescale, toMoney } from "../money/decimal.js";
import { InvalidMoneyError } from "../money/errors.js";
import type { Money } from "../types.js";

// The fake keeps every amount as an exact BigInt count of ten-thousandths (the API's four
// decimals) and reads and writes amount strings through kubeadapt/money's decimal code.

/** A USD Money from integer ten-thousandths (124800n → "12.4800"). */
export function usd(units: bigint): Money {
  return toMoney({ units, scale: API_SCALE }, "USD");
}

/** The exact ten-thousandths of an amount of four decimals or fewer; throws when malformed. */
export function unitsOf(money: Pick<Money, "amount">): bigint {
  const d = parseDecimal(money.amount, "amount");
  if (d.scale > API_SCALE)
    throw new InvalidMoneyError(`amount ${money.amount} has over 4 decimals`);
  return rescale(d, API_SCALE);
}

/**
 * A 4-decimal amount string as a number of ten-thousandths, for sort keys and cursor positions
 * (exact below 2^53 ten-thousandths, about 900 billion dollars); NaN when it is not one.
 */
export function parseAmount(amount: string): number {
  if (!/^-?[0-9]+\.[0-9]{4}$/.test(amount)) return Number.NaN;
  return Number(rescale(parseDecimal(amount, "amount"), API_SCALE));
}

/**
 * Hours in a month for `projected_monthly` (the run rate × 730): the average month, 365 × 24 / 12,
 * as the spec's CostSummary says.
 */
export const HOURS_PER_MONTH = 730n;
