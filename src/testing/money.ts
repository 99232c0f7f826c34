import type { Money } from "../types.js";

/** Money is held internally as an integer count of 1/10 000 of a currency unit. */
export const UNITS_PER_CURRENCY = 10_000;

/** Formats integer ten-thousandths as the spec's 4-decimal amount string (e.g. 124800 → "12.4800"). */
export function formatAmount(units: number): string {
  const sign = units < 0 ? "-" : "";
  const abs = Math.abs(Math.round(units));
  const whole = Math.floor(abs / UNITS_PER_CURRENCY);
  const frac = String(abs % UNITS_PER_CURRENCY).padStart(4, "0");
  return `${sign}${whole}.${frac}`;
}

/** A USD Money object from integer ten-thousandths. */
export function usd(units: number): Money {
  return { amount: formatAmount(units), currency: "USD" };
}

/**
 * Parses a 4-decimal amount string back to integer ten-thousandths, so amounts compare
 * numerically ("10.0000" > "9.5000"), never as strings. Returns NaN when malformed.
 */
export function parseAmount(amount: string): number {
  const m = /^(-?)([0-9]+)\.([0-9]{4})$/.exec(amount);
  if (!m) return Number.NaN;
  const units = Number(m[2]) * UNITS_PER_CURRENCY + Number(m[3]);
  return m[1] === "-" ? -units : units;
}

/** Hours in the spec's "projected monthly" convention (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;
