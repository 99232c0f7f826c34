import { outOfScope, unverifiedFamilies } from "./forbidden.js";
import type { CheckResult, CheckStatus, ContractReport } from "./types.js";

const MARK: Record<CheckStatus, string> = { passed: "✓", failed: "✗", skipped: "–", error: "!" };

/** The counts of a report, from its checks: by status, and those the run's own limits cut short. */
export function tally(
  checks: readonly CheckResult[],
): Pick<ContractReport, "passed" | "failed" | "skipped" | "errors" | "incomplete"> {
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  return {
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
    errors: count("error"),
    incomplete: checks.filter((c) => c.cutShortBy).length,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * One check as text, printed as soon as it finishes: a line with its mark (✓ passed, ✗ failed,
 * – skipped, ! error), id, title, duration, requests and retries, then its violations, skip
 * reason (`cut short:` when the run's own limits left it unrun), error and notes indented below.
 */
export function formatResult(check: CheckResult): string {
  const retried = check.retries ? `, ${check.retries} retried` : "";
  const cost = `${seconds(check.durationMs)}, ${plural(check.requests, "request")}${retried}`;
  const lines = [`${MARK[check.status]} ${check.id}: ${check.title} (${cost})`];
  for (const violation of check.violations) lines.push(`    ✗ ${violation}`);
  if (check.skippedBecause) {
    lines.push(`    ${check.cutShortBy ? "cut short" : "skipped"}: ${check.skippedBecause}`);
  }
  if (check.error) lines.push(`    error: ${check.error}`);
  for (const note of check.notes ?? []) lines.push(`    note: ${note}`);
  return lines.join("\n");
}

/**
 * The closing line: counts by status (with how many skips the run's own limits caused), requests
 * sent (and retried) and the run's duration; then, when the token lacked the scope of some
 * families (the spec's 403 FORBIDDEN), a line naming them: the checks that need them were skipped.
 */
export function formatSummary(report: ContractReport): string {
  const cut = report.incomplete ? ` (${report.incomplete} cut short)` : "";
  const counts = `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped${cut}, ${plural(report.errors, "error")}`;
  const line = `${counts}; ${plural(report.requests, "request")} (${report.retries} retried) in ${seconds(report.durationMs)}`;
  const unverified = unverifiedFamilies(report.checks);
  return unverified.length
    ? `${line}\nnot verified, the token lacks their scope (403 FORBIDDEN): ${unverified.join(", ")}`
    : line;
}

/**
 * Why a run is incomplete, in one sentence, or undefined when it is not: how many checks its
 * own limits left unrun, and the first reason (the one that stopped the rest); and how many
 * checks were skipped because the token lacks the scope of some families (the spec's 403
 * FORBIDDEN), both when both happened. Either way the run verified less than the contract: a
 * CI job should not pass it as a whole run unless told to (`--allow-incomplete`).
 * @example
 * incompleteReason(report); // "12 checks cut short: the request budget of 40 is spent"
 */
export function incompleteReason(report: ContractReport): string | undefined {
  const reasons: string[] = [];
  const first = report.checks.find((c) => c.cutShortBy);
  if (report.incomplete && first) {
    reasons.push(`${plural(report.incomplete, "check")} cut short: ${first.skippedBecause}`);
  }
  const unverified = unverifiedFamilies(report.checks);
  if (unverified.length) {
    const skipped = report.checks.filter((c) => outOfScope(c)).length;
    reasons.push(
      `${plural(skipped, "check")} skipped: the token lacks the scope for ${unverified.join(", ")}`,
    );
  }
  return reasons.length ? reasons.join(", and ") : undefined;
}

/** The heading line of a report. */
export function formatHeading(report: Pick<ContractReport, "mode" | "baseUrl">): string {
  return `Kubeadapt /v1 contract, ${report.mode} mode, against ${report.baseUrl}`;
}

/**
 * The whole report as text: the heading, every check ({@link formatResult}) and the summary
 * line; when the target could not be tested at all, the heading and why.
 */
export function formatReport(report: ContractReport): string {
  if (report.untestable) return `${formatHeading(report)}\nerror: ${report.untestable}`;
  const checks = report.checks.map(formatResult);
  return [formatHeading(report), "", ...checks, "", formatSummary(report)].join("\n");
}
