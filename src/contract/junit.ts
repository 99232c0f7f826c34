import { incompleteReason } from "./report.js";
import type { CheckResult, ContractReport } from "./types.js";

// XML 1.0 forbids most control characters even as references: drop them; escape the rest.
const escapeXml = (text: string) =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(check: CheckResult): string {
  const open = `    <testcase classname="kubeadapt.contract" name="${escapeXml(check.id)}" time="${seconds(check.durationMs)}">`;
  const lines = [open];
  if (check.status === "failed") {
    const message = `${check.violations.length} violation(s): ${check.violations[0] ?? ""}`;
    lines.push(
      `      <failure message="${escapeXml(message)}" type="ContractViolation">${escapeXml(check.violations.join("\n"))}</failure>`,
    );
  } else if (check.status === "error") {
    lines.push(
      `      <error message="${escapeXml(check.error ?? "")}" type="TargetUnavailable"></error>`,
    );
  } else if (check.status === "skipped") {
    // A reader of the CI report must tell "not applicable here" from "not reached in time".
    const cut = check.cutShortBy ? "cut short by the run's own limit: " : "";
    lines.push(`      <skipped message="${escapeXml(`${cut}${check.skippedBecause ?? ""}`)}"/>`);
  }
  const notes = [check.title, ...(check.notes ?? [])];
  const retried = check.retries ? `, ${check.retries} retried` : "";
  notes.push(`${check.requests} requests${retried}`);
  lines.push(`      <system-out>${escapeXml(notes.join("\n"))}</system-out>`, "    </testcase>");
  return lines.join("\n");
}

/** Options of {@link toJUnitXml}. */
export interface JUnitOptions {
  /**
   * An incomplete run gets no `run-complete` error: the caller accepts it (`--allow-incomplete`);
   * its skipped checks still say why.
   * @default false
   */
  allowIncomplete?: boolean | undefined;
}

/** The testcase that stands for the run as a whole: an incomplete run is its `<error>`. */
export const RUN_COMPLETE_TESTCASE = "run-complete";

// Viewers count skips as neither pass nor fail, so a run cut short (its budget, time limit or
// Ctrl-C) or refused some families would show green: it gets an error of its own.
function incompleteTestcase(reason: string): string {
  return [
    `    <testcase classname="kubeadapt.contract" name="${RUN_COMPLETE_TESTCASE}" time="0.000">`,
    `      <error message="${escapeXml(`incomplete: ${reason}`)}" type="RunIncomplete"></error>`,
    "    </testcase>",
  ].join("\n");
}

/**
 * The report as JUnit XML, the format Jenkins, GitLab and GitHub test reporters read: one
 * `<testsuite>` named `kubeadapt-contract`, one `<testcase>` per check (a failure listing its
 * violations, an `<error>` when the target could not be tested, `<skipped>` with the reason,
 * which for a check the run's own limits left unrun starts "cut short by the run's own limit";
 * the property `incomplete` counts those). An incomplete run (see {@link incompleteReason}:
 * cut short, interrupted, or a token without some families' scope) adds a testcase
 * `run-complete` with an `<error>` giving the reason, counted in `errors`, unless
 * `allowIncomplete` accepts it (as the CLI's `--allow-incomplete` does).
 */
export function toJUnitXml(report: ContractReport, options: JUnitOptions = {}): string {
  const reason = options.allowIncomplete ? undefined : incompleteReason(report);
  const cases = [...report.checks.map(testcase), ...(reason ? [incompleteTestcase(reason)] : [])];
  const errors = report.errors + (reason ? 1 : 0);
  const attributes = [
    `name="kubeadapt-contract"`,
    `tests="${cases.length}"`,
    `failures="${report.failed}"`,
    `errors="${errors}"`,
    `skipped="${report.skipped}"`,
    `time="${seconds(report.durationMs)}"`,
    `hostname="${escapeXml(report.baseUrl)}"`,
  ].join(" ");
  const properties = [
    `      <property name="mode" value="${report.mode}"/>`,
    `      <property name="requests" value="${report.requests}"/>`,
    `      <property name="retries" value="${report.retries}"/>`,
    `      <property name="incomplete" value="${report.incomplete}"/>`,
    ...(report.untestable
      ? [`      <property name="untestable" value="${escapeXml(report.untestable)}"/>`]
      : []),
  ];
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="kubeadapt contract" tests="${cases.length}" failures="${report.failed}" errors="${errors}" skipped="${report.skipped}" time="${seconds(report.durationMs)}">`,
    `  <testsuite ${attributes}>`,
    "    <properties>",
    ...properties,
    "    </properties>",
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
