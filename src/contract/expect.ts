import type { Exchange, Probe } from "./probe.js";

/** What an error response must say. */
export interface ExpectedError {
  status: number;
  code: string;
  /** `error.details[0].field`, when the code names a parameter. */
  field?: string;
  /** `error.details[0].reason`. */
  reason?: string;
}

function describeError(e: ExpectedError): string {
  const detail = [
    e.field === undefined ? "" : `details[0].field "${e.field}"`,
    e.reason === undefined ? "" : `details[0].reason "${e.reason}"`,
  ].filter(Boolean);
  return `${e.status} ${e.code}${detail.length ? ` with ${detail.join(" and ")}` : ""}`;
}

function describeActual(ex: Exchange): string {
  const error = ex.body?.error;
  if (!error || typeof error !== "object") return `${ex.status}`;
  const first = Array.isArray(error.details) ? error.details[0] : undefined;
  return `${ex.status} ${error.code ?? "(no code)"}${first ? ` ${JSON.stringify(first)}` : ""}`;
}

/** Records a violation unless `ex` is the expected error envelope; returns whether it was. */
export function expectError(probe: Probe, ex: Exchange, expected: ExpectedError): boolean {
  const error = ex.body?.error;
  const first = Array.isArray(error?.details) ? error.details[0] : undefined;
  const ok =
    ex.status === expected.status &&
    error?.code === expected.code &&
    (expected.field === undefined || first?.field === expected.field) &&
    (expected.reason === undefined || first?.reason === expected.reason);
  if (!ok) {
    probe.fail(`${ex.label}: expected ${describeError(expected)}, got ${describeActual(ex)}`);
  }
  return ok;
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
