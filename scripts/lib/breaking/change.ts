import { type Level, RULES, type RuleId, ruleId } from "./rules.js";

/** One difference between two specs, classified by a rule. */
export interface Change {
  /** oasdiff-style rule id, e.g. `request-parameter-removed`. */
  id: RuleId;
  /** The rule's level: `ERR` and `WARN` break clients, `INFO` does not. */
  level: Level;
  /** `GET /v1/clusters`; absent for a change that is not about one operation. */
  operation?: string;
  /** Where in the operation: `query parameter limit`, `request body`, `response 200`. */
  where?: string;
  /**
   * What changed, stable across operations that share it: a component schema path such as
   * `Cluster.metadata.status`, or the parameter. Changes are grouped by id, subject and message.
   */
  subject: string;
  /** What happened to the subject, e.g. ``enum value `pending` removed``. */
  message: string;
}

/** Where the comparison is inside a spec; emits changes for that place. */
export interface Site {
  /** See {@link Change.operation}. */
  operation?: string;
  /** See {@link Change.where}. */
  where?: string;
  /** See {@link Change.subject}. */
  subject: string;
  /** Where emitted changes go. */
  out: Change[];
}

/** Records a change of rule `id` at `site`. */
export function emit(site: Site, id: string, message: string): void {
  const rule = ruleId(id);
  site.out.push({
    id: rule,
    level: RULES[rule],
    ...(site.operation ? { operation: site.operation } : {}),
    ...(site.where ? { where: site.where } : {}),
    subject: site.subject,
    message,
  });
}

/** `value` as it reads in a message: JSON, or `(none)` when absent. */
export function show(value: unknown): string {
  return value === undefined ? "(none)" : `\`${JSON.stringify(value)}\``;
}
