import { incompleteReason } from "./report.js";
import type { ContractReport } from "./types.js";

// GitHub's workflow-command escaping: data escapes %, CR and LF; property values also : and ,.
const escapeData = (s: string) =>
  s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** Options of {@link githubAnnotations}. */
export interface AnnotationOptions {
  /**
   * An incomplete run (checks cut short by its own limits, or skipped for a token without some
   * families' scope) is a `::warning`, not an `::error`:
   * the caller accepts it (`--allow-incomplete`).
   * @default false
   */
  allowIncomplete?: boolean | undefined;
}

/**
 * GitHub Actions annotations for a report: an `::error` line per violation, per check that
 * could not be carried out, for a target that could not be tested at all, and for an
 * incomplete run (see {@link incompleteReason}; a `::warning` with `allowIncomplete`).
 */
export function githubAnnotations(
  report: ContractReport,
  options: AnnotationOptions = {},
): string[] {
  const line = (title: string, message: string, level = "error") =>
    `::${level} title=${escapeProperty(title)}::${escapeData(message)}`;
  if (report.untestable) return [line("kubeadapt contract", report.untestable)];
  const incomplete = incompleteReason(report);
  const level = options.allowIncomplete ? "warning" : "error";
  return [
    ...report.checks.flatMap((check) => [
      ...check.violations.map((v) => line(`contract check ${check.id}`, v)),
      ...(check.error ? [line(`contract check ${check.id}`, check.error)] : []),
    ]),
    ...(incomplete ? [line("kubeadapt contract incomplete", incomplete, level)] : []),
  ];
}
