/**
 * `kubeadapt/contract`: the Kubeadapt /v1 contract suite as a library. `runContract` checks a
 * target (a Prism mock, the fake, a deployment) against the bundled spec and the pagination
 * reference; `formatReport`, `toJUnitXml` and `toJsonReport` turn the result into a report.
 * Not exported by the SDK's entry point.
 * @packageDocumentation
 */

export { type NamedExample, namedExamples } from "../spec/named-examples.js";
export { type AnnotationOptions, githubAnnotations } from "./github.js";
export { type ContractReportJson, toJsonReport } from "./json-report.js";
export { type JUnitOptions, toJUnitXml } from "./junit.js";
export {
  formatHeading,
  formatReport,
  formatResult,
  formatSummary,
  incompleteReason,
} from "./report.js";
export { contractChecks, runContract } from "./run.js";
export { type SpecExample, specExamples } from "./spec-examples.js";
export {
  type SpecCheck,
  specPaths,
  templateFor,
  validateAgainstSpec,
  validateAt,
} from "./spec-validator.js";
export type {
  CheckResult,
  CheckStatus,
  ContractHooks,
  ContractMode,
  ContractOptions,
  ContractReport,
  CutShort,
  SavedCursor,
} from "./types.js";
