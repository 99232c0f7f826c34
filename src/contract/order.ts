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

/** An RFC 3339 timestamp: whole seconds, fraction digits, offset. */
const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/i;

/**
 * A timestamp as whole seconds since the epoch and its fraction's digits, right-padded to
 * `digits`; undefined when it does not parse.
 */
function instant(text: string, digits: number): { seconds: number; fraction: string } | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, whole, fraction = "", offset] = match;
  const ms = Date.parse(`${whole}${offset}`.toUpperCase());
  return Number.isNaN(ms)
    ? undefined
    : { seconds: ms / 1000, fraction: fraction.padEnd(digits, "0") };
}

/**
 * Compares two RFC 3339 timestamps by instant, to the last fraction digit; `NaN` when either
 * does not parse. Not `Date.parse` alone: it keeps milliseconds, and a correct server whose
 * timestamps carry microseconds (PostgreSQL's `timestamptz`) would seem to tie.
 */
export function compareTimestamps(a: string, b: string): number {
  const digits = Math.max(a.length, b.length);
  const x = instant(a, digits);
  const y = instant(b, digits);
  if (!x || !y) return Number.NaN;
  if (x.seconds !== y.seconds) return Math.sign(x.seconds - y.seconds);
  // Equal lengths of digits: string order is numeric order.
  return x.fraction < y.fraction ? -1 : x.fraction > y.fraction ? 1 : 0;
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

/**
 * Whether two values of a sort key are the same position in the order; missing or malformed
 * values count as the same (they are reported apart, as out of order), so a repeat or a miss
 * they would otherwise excuse as "moved" stays a violation.
 */
export function sameKey(key: string, a: unknown, b: unknown): boolean {
  // NaN (missing, malformed) is neither below nor above: what a key cannot show moved did not.
  const order = compareKeys(key, a, b);
  return !(order < 0 || order > 0);
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
