import { parametersOf, resolveRef, type SpecParameter } from "../spec/document.js";
import { CURSOR_FAMILIES, UNPAGINATED } from "./families.js";

/**
 * Query parameters that shape a response rather than select items: pagination, cost mode,
 * Cost Explorer's window and grouping. Every other query parameter is a filter and must name
 * the item field it selects by (`x-filter-field`), or the filters check reports it.
 */
export const CONTROL_PARAMS: ReadonlySet<string> = new Set([
  "limit",
  "cursor",
  "include_total",
  "cost_mode",
  "page",
  "per_page",
  "group_by",
  "start",
  "end",
]);

/** A parameter as the suite reads it: its spec object plus the item field it selects by. */
export type ListParameter = SpecParameter & {
  "x-filter-field"?: string;
  description?: string;
};

/** Every GET whose `data` is an array of items: the cursor families and node groups. */
export const LIST_TEMPLATES: readonly string[] = [
  ...Object.keys(CURSOR_FAMILIES),
  ...Object.entries(UNPAGINATED)
    .filter(([, isArray]) => isArray)
    .map(([path]) => path),
];

/** The operation's parameters (resolved) with their `x-filter-field`. */
export function listParameters(template: string): ListParameter[] {
  return parametersOf(template) as ListParameter[];
}

/**
 * A nested template's parent: the list before its first path parameter and that parameter,
 * e.g. `/v1/clusters/{cluster_id}/nodes` → `/v1/clusters` and `cluster_id`. Undefined for a
 * template without path parameters.
 */
export function parentOf(template: string): { list: string; param: string } | undefined {
  const m = /^(.*?)\/\{([^}]+)\}/.exec(template);
  if (!m) return undefined;
  return { list: m[1] as string, param: m[2] as string };
}

/** The GET templates that return one resource by the id in their last path segment. */
export const SINGLE_TEMPLATES: readonly string[] = Object.entries(UNPAGINATED)
  .filter(([path, isArray]) => !isArray && /\}$/.test(path))
  .map(([path]) => path);

/** The resolved schema of a parameter (`$ref` followed), or an empty schema. */
export function schemaOf(param: SpecParameter): Record<string, unknown> {
  return param.schema ? resolveRef(param.schema).node : {};
}
