/**
 * How far `meta.applied_at` may be from the runner's clock: a day, so that no clock skew trips
 * it, while a time never set (Go's zero time, the Unix epoch) or a stale cached envelope does.
 */
export const APPLIED_AT_TOLERANCE_MS = 24 * 3_600_000;

/** The tolerance as messages say it. */
const TOLERANCE = `${APPLIED_AT_TOLERANCE_MS / 3_600_000} hours`;

const far = (at: number, clock: number) =>
  Number.isNaN(clock) || Math.abs(at - clock) > APPLIED_AT_TOLERANCE_MS;

/**
 * What is wrong with a response's `meta.applied_at` ("when the server evaluated the request",
 * the spec's ResponseMeta): more than {@link APPLIED_AT_TOLERANCE_MS} from the runner's clock at
 * `now` (epoch ms), unless the response's own `Date` header is as near to it: a server whose
 * clock is elsewhere on purpose (a test fake's frozen clock) dates its responses by that clock,
 * while one that never sets `applied_at` still gets a real `Date` from its HTTP stack. A
 * missing or malformed `applied_at` is the schema's to report.
 */
export function appliedAtViolation(
  label: string,
  body: unknown,
  headers: Headers,
  now: number,
): string | undefined {
  const appliedAt = (body as { meta?: { applied_at?: unknown } } | undefined)?.meta?.applied_at;
  if (typeof appliedAt !== "string") return undefined;
  const at = Date.parse(appliedAt);
  const dated = Date.parse(headers.get("date") ?? "");
  if (Number.isNaN(at) || !far(at, now) || !far(at, dated)) return undefined;
  return `${label}: meta.applied_at is ${appliedAt}, more than ${TOLERANCE} from the runner's clock (${new Date(now).toISOString()}) and from the response's Date: it is not when the server evaluated the request`;
}
