import type { Exchange, Probe } from "./probe.js";

/** What an error response must say. */
export interface ExpectedError {
  status: number;
  code: string;
  /** The parameter a detail's `field` names, when the code names one. */
  field?: string;
  /**
   * Which detail must name {@link field}: `"first"` where the spec pins it to `details[0]`
   * (`limit`'s ListBadRequest), `"any"` where it says only that `details[].field` names it: a
   * server may report other details too, in any order.
   * @default "first"
   */
  fieldAt?: "first" | "any";
  /** `error.details[0].reason`. */
  reason?: string;
}

function describeError(e: ExpectedError): string {
  const detail = [
    e.field === undefined ? "" : `details[${e.fieldAt === "any" ? "" : 0}].field "${e.field}"`,
    e.reason === undefined ? "" : `details[0].reason "${e.reason}"`,
  ].filter(Boolean);
  return `${e.status} ${e.code}${detail.length ? ` with ${detail.join(" and ")}` : ""}`;
}

function describeActual(ex: Exchange, allDetails = false): string {
  const error = ex.body?.error;
  if (!error || typeof error !== "object") return `${ex.status}`;
  const details: unknown[] = Array.isArray(error.details) ? error.details : [];
  const shown = allDetails ? details : details.slice(0, 1);
  const text = shown.map((d) => ` ${JSON.stringify(d)}`).join("");
  return `${ex.status} ${error.code ?? "(no code)"}${text}`;
}

const fieldOf = (detail: unknown): unknown => (detail as { field?: unknown } | null)?.field;

/** Records a violation unless `ex` is the expected error envelope; returns whether it was. */
export function expectError(probe: Probe, ex: Exchange, expected: ExpectedError): boolean {
  const error = ex.body?.error;
  const details: unknown[] = Array.isArray(error?.details) ? error.details : [];
  const first = details[0] as { field?: unknown; reason?: unknown } | undefined;
  const any = expected.fieldAt === "any";
  const named = any
    ? details.some((d) => fieldOf(d) === expected.field)
    : first?.field === expected.field;
  const ok =
    ex.status === expected.status &&
    error?.code === expected.code &&
    (expected.field === undefined || named) &&
    (expected.reason === undefined || first?.reason === expected.reason);
  if (!ok) {
    const actual = describeActual(ex, any);
    probe.fail(`${ex.label}: expected ${describeError(expected)}, got ${actual}`);
  }
  return ok;
}

/**
 * Records a violation unless `ex` is 401 `UNAUTHORIZED`; `sent` names the credentials in the
 * message (`no Authorization`, `an unknown token`), since one path is asked with several.
 */
export function expectUnauthorized(probe: Probe, ex: Exchange, sent: string): void {
  const code = ex.body?.error?.code;
  if (ex.status !== 401 || code !== "UNAUTHORIZED") {
    probe.fail(
      `${ex.label} with ${sent}: expected 401 UNAUTHORIZED, got ${ex.status} ${code ?? "(no error code)"}`,
    );
  }
}

/** Records a violation unless `ex` has `status`; returns whether it had. */
export function expectStatus(probe: Probe, ex: Exchange, status: number): boolean {
  if (ex.status === status) return true;
  probe.fail(`${ex.label}: expected ${status}, got ${describeActual(ex)}`);
  return false;
}

/** Records a violation unless `condition` holds; returns it. */
export function expectThat(probe: Probe, condition: boolean, message: string): boolean {
  if (!condition) probe.fail(message);
  return condition;
}
