/**
 * How long a response asks us to wait, in milliseconds, from `retry-after-ms` (a number of
 * milliseconds, sent by some gateways) or else `Retry-After` (delta-seconds or an HTTP-date, as
 * RFC 9110 allows). Undefined when neither header is present or parseable; a date in the past
 * gives 0.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = parseNumber(headers.get("retry-after-ms"));
  if (ms !== undefined) return ms;

  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  const seconds = parseNumber(value);
  if (seconds !== undefined) return seconds * 1000;
  // Only an HTTP-date may follow: it always contains letters (a weekday or month name).
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseNumber(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}
