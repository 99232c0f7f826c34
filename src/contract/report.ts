import type { CheckResult, ContractReport } from "./types.js";

const MARK: Record<CheckResult["status"], string> = { passed: "✓", failed: "✗", skipped: "–" };

/**
 * The report as text: one line per check (✓ passed, ✗ failed, – skipped), its violations,
 * skip reason and notes indented below it, and a summary line.
 */
export function formatReport(report: ContractReport): string {
  const lines = [`Kubeadapt /v1 contract, ${report.mode} mode, against ${report.baseUrl}`, ""];
  for (const check of report.checks) {
    lines.push(`${MARK[check.status]} ${check.id}: ${check.title}`);
    for (const violation of check.violations) lines.push(`    ✗ ${violation}`);
    if (check.skippedBecause) lines.push(`    skipped: ${check.skippedBecause}`);
    for (const note of check.notes ?? []) lines.push(`    note: ${note}`);
  }
  lines.push("", `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
  return lines.join("\n");
}
