/**
 * RFC 3339 §5.6 `date-time`, as JSON Schema's `format: date-time` means it: `T` between date
 * and time (or `t`: §5.6 notes the ABNF's letters are case-insensitive), `Z` (or `z`) or a
 * numeric offset, fractional seconds optional. A space instead of `T`, which §5.6 only
 * mentions as a readability choice an application "may" make, is refused: ajv-formats accepts
 * it, strict parsers (Go's `time.RFC3339`) do not.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** Days in `month` (1-12) of `year`. */
function daysIn(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Whether `value` is an RFC 3339 `date-time` that names a real instant: month 1-12, a day the
 * month has (February 29 in leap years only), hour 0-23, minute 0-59, second 0-60 (60: the
 * leap second §5.6 allows), an offset of at most 23:59.
 * @example
 * isRfc3339DateTime("2026-05-21T10:30:00Z"); // true
 * isRfc3339DateTime("2026-05-21 10:30:00Z"); // false
 */
export function isRfc3339DateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [offsetHour, offsetMinute] = [Number(m[7] ?? 0), Number(m[8] ?? 0)];
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetHour <= 23 &&
    offsetMinute <= 59
  );
}
