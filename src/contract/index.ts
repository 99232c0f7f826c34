/**
 * The Kubeadapt /v1 contract suite as a library: `runContract` checks a target (a Prism mock,
 * the fake, a deployment) against the bundled spec and the pagination reference, and
 * `formatReport` prints the result. Not exported by the SDK's entry point.
 * @packageDocumentation
 */
export { formatReport } from "./report.js";
export { contractChecks, runContract } from "./run.js";
export {
  type NamedExample,
  namedExamples,
  type SpecExample,
  specExamples,
} from "./spec-examples.js";
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
} from "./types.js";
