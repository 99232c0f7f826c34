/**
 * The rules the checker can report, with oasdiff's ids and levels (checker/rules.go of
 * github.com/oasdiff/oasdiff at 4553c69d). `ERR` breaks clients, `WARN` may break them (this
 * SDK's typed clients: a removed optional field or parameter no longer compiles, a new response
 * enum value reaches an exhaustive `switch`), `INFO` does not. The release gate treats `ERR` and
 * `WARN` as breaking. Ids marked "ours" have no oasdiff counterpart.
 */
export const RULES = {
  // Paths and operations
  "endpoint-added": "INFO",
  "endpoint-deprecated": "INFO",
  "api-path-removed-without-deprecation": "ERR",
  "api-path-removed-with-deprecation": "INFO",
  "api-removed-without-deprecation": "ERR",
  "api-removed-with-deprecation": "INFO",

  // Parameters: existence and requiredness
  "new-required-request-parameter": "ERR",
  "new-optional-request-parameter": "INFO",
  "new-request-path-parameter": "ERR",
  "request-parameter-removed": "WARN",
  "request-parameter-removed-with-deprecation": "INFO",
  "request-parameter-became-required": "ERR",
  "request-parameter-became-optional": "INFO",
  "request-parameter-deprecated": "INFO",

  // Parameters: schema
  "request-parameter-type-changed": "ERR",
  "request-parameter-type-generalized": "INFO",
  "request-parameter-became-nullable": "INFO",
  "request-parameter-became-not-nullable": "ERR",
  "request-parameter-became-enum": "ERR",
  "request-parameter-enum-value-added": "INFO",
  "request-parameter-enum-value-removed": "ERR",
  "request-parameter-default-value-added": "ERR",
  "request-parameter-default-value-removed": "ERR",
  "request-parameter-default-value-changed": "ERR",
  "request-parameter-pattern-added": "ERR",
  "request-parameter-pattern-removed": "INFO",
  "request-parameter-pattern-changed": "WARN",
  "request-parameter-max-set": "WARN",
  "request-parameter-max-decreased": "ERR",
  "request-parameter-max-increased": "INFO",
  "request-parameter-exclusive-max-set": "WARN",
  "request-parameter-exclusive-max-decreased": "ERR",
  "request-parameter-exclusive-max-increased": "INFO",
  "request-parameter-min-set": "WARN",
  "request-parameter-min-increased": "ERR",
  "request-parameter-min-decreased": "INFO",
  "request-parameter-exclusive-min-set": "WARN",
  "request-parameter-exclusive-min-increased": "ERR",
  "request-parameter-exclusive-min-decreased": "INFO",
  "request-parameter-max-length-set": "WARN",
  "request-parameter-max-length-decreased": "ERR",
  "request-parameter-max-length-increased": "INFO",
  "request-parameter-min-length-increased": "ERR",
  "request-parameter-min-length-decreased": "INFO",
  "request-parameter-max-items-decreased": "ERR",
  "request-parameter-max-items-increased": "INFO",
  "request-parameter-min-items-set": "WARN",
  "request-parameter-min-items-increased": "ERR",
  "request-parameter-min-items-decreased": "INFO",

  // Request bodies
  "request-body-added-required": "ERR",
  "request-body-added-optional": "INFO",
  "request-body-removed": "ERR",
  "request-body-became-required": "ERR",
  "request-body-became-optional": "INFO",
  "request-body-media-type-added": "INFO",
  "request-body-media-type-removed": "ERR",

  // Request body schemas (the body itself, or a property at any depth)
  "request-body-type-changed": "ERR",
  "request-body-type-generalized": "INFO",
  "request-body-became-enum": "ERR",
  "request-body-enum-value-removed": "ERR",
  "request-property-type-changed": "ERR",
  "request-property-type-generalized": "INFO",
  "request-property-became-nullable": "INFO",
  "request-property-became-not-nullable": "ERR",
  "request-property-became-enum": "ERR",
  "request-property-enum-value-added": "INFO",
  "request-property-enum-value-removed": "ERR",
  "request-property-const-added": "ERR",
  "request-property-const-changed": "ERR",
  "request-property-const-removed": "INFO",
  "request-property-default-value-added": "INFO",
  "request-property-default-value-removed": "INFO",
  "request-property-default-value-changed": "INFO",
  "request-property-pattern-added": "ERR",
  "request-property-pattern-removed": "INFO",
  "request-property-pattern-changed": "WARN",
  "request-property-max-set": "WARN",
  "request-property-max-decreased": "ERR",
  "request-property-max-increased": "INFO",
  "request-property-exclusive-max-set": "WARN",
  "request-property-exclusive-max-decreased": "ERR",
  "request-property-exclusive-max-increased": "INFO",
  "request-property-min-set": "WARN",
  "request-property-min-increased": "ERR",
  "request-property-min-decreased": "INFO",
  "request-property-exclusive-min-set": "WARN",
  "request-property-exclusive-min-increased": "ERR",
  "request-property-exclusive-min-decreased": "INFO",
  "request-property-max-length-set": "WARN",
  "request-property-max-length-decreased": "ERR",
  "request-property-max-length-increased": "INFO",
  "request-property-min-length-increased": "ERR",
  "request-property-min-length-decreased": "INFO",
  "request-property-min-items-set": "WARN",
  "request-property-min-items-increased": "ERR",
  "request-property-one-of-added": "INFO",
  "request-property-one-of-removed": "ERR",
  "request-property-any-of-added": "INFO",
  "request-property-any-of-removed": "ERR",
  "request-property-removed": "WARN",
  "request-property-became-required": "ERR",
  "request-property-became-optional": "INFO",
  "new-required-request-property": "ERR",
  "new-optional-request-property": "INFO",

  // Responses
  "response-success-status-removed": "ERR",
  "response-success-status-added": "INFO",
  "response-non-success-status-removed": "INFO",
  "response-non-success-status-added": "INFO",
  "response-media-type-removed": "ERR",
  "response-media-type-added": "INFO",
  "required-response-header-removed": "ERR",
  "optional-response-header-removed": "WARN",
  "response-header-added": "INFO",
  "response-header-became-optional": "ERR",
  // ours: examples are documentation, they change no client's code
  "response-example-added": "INFO",
  "response-example-removed": "INFO",

  // Response schemas (the body itself, or a property at any depth)
  "response-body-type-changed": "ERR",
  "response-body-type-generalized": "ERR",
  "response-body-type-specialized": "INFO",
  "response-body-became-nullable": "ERR",
  "response-body-became-not-nullable": "INFO",
  "response-property-type-changed": "ERR",
  "response-property-type-generalized": "ERR",
  "response-property-type-specialized": "INFO",
  "response-property-became-nullable": "ERR",
  "response-property-became-not-nullable": "INFO",
  "response-property-enum-value-added": "WARN",
  "response-property-enum-value-removed": "INFO",
  "response-property-const-added": "INFO",
  "response-property-const-changed": "ERR",
  "response-property-const-removed": "ERR",
  "response-property-default-value-added": "INFO",
  "response-property-default-value-removed": "INFO",
  "response-property-default-value-changed": "INFO",
  "response-property-pattern-added": "INFO",
  "response-property-pattern-removed": "INFO",
  "response-property-pattern-changed": "INFO",
  "response-property-max-increased": "ERR",
  "response-property-exclusive-max-increased": "ERR",
  "response-property-min-decreased": "ERR",
  "response-property-exclusive-min-decreased": "ERR",
  "response-property-max-length-increased": "ERR",
  "response-property-max-length-unset": "ERR",
  "response-property-min-length-decreased": "ERR",
  "response-property-min-items-decreased": "ERR",
  "response-property-min-items-unset": "ERR",
  "response-property-one-of-added": "ERR",
  "response-property-one-of-removed": "INFO",
  "response-property-any-of-added": "INFO",
  "response-property-any-of-removed": "INFO",
  "response-required-property-removed": "ERR",
  "response-optional-property-removed": "WARN",
  "response-required-property-added": "INFO",
  "response-optional-property-added": "INFO",
  "response-property-became-optional": "ERR",
  "response-property-became-required": "INFO",
} as const satisfies Record<string, Level>;

/** oasdiff's levels: `ERR` breaks clients, `WARN` may break them, `INFO` does not. */
export type Level = "ERR" | "WARN" | "INFO";

/** Id of a rule the checker reports, e.g. `request-parameter-became-required`. */
export type RuleId = keyof typeof RULES;

/** Whether the release gate counts a change of this level as breaking (`ERR` and `WARN`). */
export function isBreakingLevel(level: Level): boolean {
  return level !== "INFO";
}

/** `id` as a rule id; throws on an id the catalog lacks (a checker bug, never user input). */
export function ruleId(id: string): RuleId {
  if (!Object.hasOwn(RULES, id)) throw new Error(`unknown breaking-change rule id: ${id}`);
  return id as RuleId;
}
