import { clip } from "../internal/clip.js";
import type { Money } from "../types.js";
import { CurrencyMismatchError, InvalidMoneyError } from "./errors.js";

// Internal: exact decimals as a BigInt count of 10^-scale units. Nothing here converts to a
// float; the public functions in this folder are thin layers over these.

/** An exact decimal: `units × 10^-scale`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** The API's scale: `Money.amount` has exactly four decimals. */
export const API_SCALE = 4;

const DECIMAL = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Parses a plain decimal string ("12", "-0.5", "12.4800"); throws on anything else. */
export function parseDecimal(text: unknown, what: string): Decimal {
  const match = typeof text === "string" ? DECIMAL.exec(text) : null;
  if (!match) {
    const shown = typeof text === "string" ? `"${clip(text, 78)}"` : clip(String(text), 80);
    throw new InvalidMoneyError(
      `${what} ${shown} is not a decimal string like "12.4800" (digits, optional "-" and ".")`,
    );
  }
  const [, sign = "", whole = "", fraction = ""] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

/** The amount of a Money as a Decimal, after checking the Money's shape. */
export function parseMoney(money: Money, what = "amount"): Decimal {
  if (typeof money !== "object" || money === null) {
    throw new InvalidMoneyError(`${what} must be a Money object ({ amount, currency })`);
  }
  checkCurrency(money.currency);
  return parseDecimal(money.amount, what);
}

/** Throws unless `currency` is an ISO 4217-shaped code (three capital letters). */
export function checkCurrency(currency: unknown): string {
  if (typeof currency !== "string" || !CURRENCY.test(currency)) {
    throw new InvalidMoneyError(
      `currency ${JSON.stringify(currency)} is not an ISO 4217 code like "USD"`,
    );
  }
  return currency;
}

/** The one currency of the operands; throws CurrencyMismatchError when they differ. */
export function sameCurrency(first: Money, second: Money): string {
  if (first.currency !== second.currency) {
    throw new CurrencyMismatchError(first.currency, second.currency);
  }
  return first.currency;
}

/** `d` re-expressed at a larger-or-equal scale. */
export function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

/** Sum of two decimals at the larger of their scales. */
export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `d` rounded to `scale` decimals, half to even (banker's rounding: 0.00005 → 0.0000,
 * 0.00015 → 0.0002), the usual rule for money as it carries no bias in sums.
 */
export function roundDecimal(d: Decimal, scale: number): Decimal {
  if (d.scale <= scale) return d;
  const divisor = 10n ** BigInt(d.scale - scale);
  let units = d.units / divisor; // truncates toward zero
  const rest = d.units % divisor;
  const twice = (rest < 0n ? -rest : rest) * 2n;
  if (twice > divisor || (twice === divisor && units % 2n !== 0n)) units += d.units < 0n ? -1n : 1n;
  return { units, scale };
}

/**
 * The amount string of a decimal: the fewest decimals that hold it exactly, but at least the
 * API's four ("3" → "3.0000", "0.123456" stays "0.123456"); never "-0".
 */
export function formatDecimal(d: Decimal): string {
  let { units, scale } = d;
  while (scale > API_SCALE && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  if (scale < API_SCALE) {
    units *= 10n ** BigInt(API_SCALE - scale);
    scale = API_SCALE;
  }
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, "0");
  const sign = units < 0n ? "-" : "";
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A Money of `currency` holding `d` in the canonical amount form of {@link formatDecimal}. */
export function toMoney(d: Decimal, currency: string): Money {
  return { amount: formatDecimal(d), currency };
}
