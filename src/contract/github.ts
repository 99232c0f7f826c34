import type { ContractReport } from "./types.js";

// GitHub's workflow-command escaping: data escapes %, CR and LF; property values also : and ,.
const escapeData = (s: string) =>
  s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/**
 * GitHub Actions annotations for a report: an `::error` line per violation, per check that
 * could not be carried out, and for a target that could not be tested at all.
 */
export function githubAnnotations(report: ContractReport): string[] {
  const line = (title: string, message: string) =>
    `::error title=${escapeProperty(title)}::${escapeData(message)}`;
  if (report.untestable) return [line("kubeadapt contract", report.untestable)];
  return report.checks.flatMap((check) => [
    ...check.violations.map((v) => line(`contract check ${check.id}`, v)),
    ...(check.error ? [line(`contract check ${check.id}`, check.error)] : []),
  ]);
}
