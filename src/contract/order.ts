import { compareDecimals, parseDecimal } from "../money/decimal.js";
import { InvalidMoneyError } from "../money/errors.js";

/**
 * Compares two decimal strings (Money amounts) exactly: negative, zero or positive like a sort
 * comparator; `NaN` when either is not a plain decimal.
 */
export function compareDecimal(a: string, b: string): number {
  try {
    return compareDecimals(parseDecimal(a, "a"), parseDecimal(b, "b"));
  } catch (error) {
    if (error instanceof InvalidMoneyError) return Number.NaN;
    throw error;
  }
}

/**
 * Compares two strings by code point, like a sort comparator: the byte order of their UTF-8
 * (PostgreSQL's `COLLATE "C"`), which the spec gives for text tie-breakers. JavaScript's `<`
 * compares UTF-16 units, which puts U+FFFD after an emoji.
 */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(x.length - y.length);
}

/** Compares two RFC 3339 timestamps by instant; `NaN` when either does not parse. */
export function compareTimestamps(a: string, b: string): number {
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.sign(x - y);
}

/**
 * Compares two values of a family's sort key (Money objects, or timestamps for
 * `metadata.created_at`) like a sort comparator; `NaN` when either is missing or malformed.
 */
export function compareKeys(key: string, a: unknown, b: unknown): number {
  if (key === "metadata.created_at") {
    return typeof a === "string" && typeof b === "string" ? compareTimestamps(a, b) : Number.NaN;
  }
  const x = (a as { amount?: unknown } | undefined)?.amount;
  const y = (b as { amount?: unknown } | undefined)?.amount;
  return typeof x === "string" && typeof y === "string" ? compareDecimal(x, y) : Number.NaN;
}

/** Reads a dotted path (`cost.current_run_rate_hourly`) of an item. */
export function readPath(item: unknown, path: string): unknown {
  let node = item;
  for (const key of path.split(".")) {
    node =
      typeof node === "object" && node !== null
        ? (node as Record<string, unknown>)[key]
        : undefined;
  }
  return node;
}

/** Structural equality of JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
