/**
 * How long a response asks us to wait, in milliseconds, from `retry-after-ms` (a number of
 * milliseconds, sent by some gateways) or else `Retry-After` (delta-seconds or an HTTP-date, as
 * RFC 9110 allows). Undefined when neither header is present or parseable; a date in the past
 * gives 0.
 */
export const parseRetryAfter = (
  headers: Pick<Headers, "get">,
  now: number = Date.now(),
): number | undefined => {
  // An absent header is undefined, which `test` reads as the text "undefined" and
  // `Date.parse` as NaN.
  const ms = headers.get("retry-after-ms")?.trim() as string;
  if (NUMBER.test(ms)) return +ms;
  const value = headers.get("retry-after")?.trim() as string;
  if (NUMBER.test(value)) return +value * 1000;
  // Only an HTTP-date may follow: it always contains letters (a weekday or month name). The
  // empty string parses to NaN.
  const date = Date.parse(/[a-z]/i.test(value) ? value : "");
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

const NUMBER = /^\d+(\.\d+)?$/;
