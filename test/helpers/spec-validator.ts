// The validator moved into the contract library; this keeps the helper's import path working.
export {
  type SpecCheck,
  specPaths,
  templateFor,
  validateAgainstSpec,
} from "../../src/contract/spec-validator.js";
