import { unverifiedFamilies } from "../contract/forbidden.js";
import { type ContractReport, incompleteReason } from "../contract/index.js";
import { EXIT_CODES } from "./exit-codes.js";

/** How a finished run of `kubeadapt contract` ends: its exit code and, if any, a closing line. */
export interface ContractEnd {
  code: number;
  /** Why the run is incomplete and what to do about it, for stderr. */
  message?: string;
}

/**
 * The exit code of a finished run, most telling first: 130 interrupted, 1 a violation, 3 the
 * target could not be tested, 4 incomplete (the run's own limits left checks unrun, or the
 * token lacked the scope of some families) unless `allowIncomplete`, else 0. An incomplete run
 * is never 0 by default: a nightly job that keeps running out of budget, or runs with a token
 * that reads less than every family, would otherwise stay green while it verifies less.
 */
export function contractEnd(
  report: ContractReport,
  { aborted, allowIncomplete }: { aborted: boolean; allowIncomplete: boolean },
): ContractEnd {
  if (aborted) return { code: EXIT_CODES.interrupted };
  const reason = incompleteReason(report);
  // What to change for each cause the reason names: the run's limits, the token, or both.
  const advice = [
    report.incomplete ? "raise --max-requests or --max-duration" : "",
    unverifiedFamilies(report.checks).length ? "use a token that can read every family" : "",
  ]
    .filter(Boolean)
    .join(" and ");
  const message = reason
    ? allowIncomplete
      ? `note: incomplete, allowed by --allow-incomplete: ${reason}`
      : `error: incomplete: ${reason}; ${advice}, or give --allow-incomplete`
    : undefined;
  const code =
    report.failed > 0
      ? EXIT_CODES.api
      : report.untestable || report.errors > 0
        ? EXIT_CODES.connect
        : reason && !allowIncomplete
          ? EXIT_CODES.incomplete
          : EXIT_CODES.ok;
  return message ? { code, message } : { code };
}
