import type { ContractReport } from "./types.js";

/**
 * The machine-readable report (`--reporter json`): the {@link ContractReport} with a format
 * `version`, raised only when a field is removed or changes meaning (new fields may appear).
 */
export interface ContractReportJson extends ContractReport {
  /** The version of this JSON shape. */
  version: 1;
}

/** The report as versioned JSON (see {@link ContractReportJson}), indented, ending in a newline. */
export function toJsonReport(report: ContractReport): string {
  const json: ContractReportJson = { version: 1, ...report };
  return `${JSON.stringify(json, null, 2)}\n`;
}
