import type { CursorPaginatedPath, GetPath, OffsetPaginatedPath } from "../index.js";

/** The ids the suite needs to fill path parameters, found by listing the parents. */
export interface Ids {
  cluster?: string | undefined;
  workload?: string | undefined;
  team?: string | undefined;
  department?: string | undefined;
  namespace?: string | undefined;
  recommendation?: string | undefined;
}

/** Which id fills each path parameter of the spec. */
export const PATH_PARAM_IDS: Readonly<Record<string, keyof Ids>> = {
  cluster_id: "cluster",
  workload_uid: "workload",
  team_id: "team",
  department_id: "department",
  namespace_id: "namespace",
  recommendation_id: "recommendation",
};

/** The documented sort key of a cursor family (all descending). */
export type SortKey =
  | "cost.current_run_rate_hourly"
  | "savings.estimated_monthly"
  | "metadata.created_at";

const COST = "cost.current_run_rate_hourly";

/**
 * The sort key of every cursor-paginated family, from the pagination reference. Typed as a
 * record over `CursorPaginatedPath` (derived from the spec), so a new family cannot be missed.
 */
export const CURSOR_FAMILIES: Readonly<Record<CursorPaginatedPath, SortKey>> = {
  "/v1/clusters": COST,
  "/v1/clusters/{cluster_id}/namespaces": COST,
  "/v1/clusters/{cluster_id}/nodes": COST,
  "/v1/clusters/{cluster_id}/workloads": COST,
  "/v1/namespaces": COST,
  "/v1/workloads": COST,
  "/v1/workloads/{workload_uid}/pods": COST,
  "/v1/recommendations": "savings.estimated_monthly",
  "/v1/teams": COST,
  "/v1/departments": COST,
  "/v1/teams/{team_id}/assignments": "metadata.created_at",
};

/** The sort key of a list template, when it is a cursor family. */
export function sortKeyOf(template: string): SortKey | undefined {
  return (CURSOR_FAMILIES as Readonly<Record<string, SortKey>>)[template];
}

/** The documented sort key of node groups, which are not paginated but still sorted. */
export const NODE_GROUP_SORT: SortKey = COST;

/** Every GET that is neither cursor- nor offset-paginated: `true` when `data` is an array. */
export const UNPAGINATED: Readonly<
  Record<Exclude<GetPath, CursorPaginatedPath | OffsetPaginatedPath>, boolean>
> = {
  "/v1/node-groups": true,
  "/v1/clusters/{cluster_id}/node-groups": true,
  "/v1/clusters/{cluster_id}": false,
  "/v1/namespaces/{namespace_id}": false,
  "/v1/workloads/{workload_uid}": false,
  "/v1/teams/{team_id}": false,
  "/v1/departments/{department_id}": false,
  "/v1/recommendations/{recommendation_id}": false,
  "/v1/organization": false,
  "/v1/organization/dashboard": false,
};

/** The offset-paginated family. */
export const COST_EXPLORER: OffsetPaginatedPath = "/v1/cost-explorer";

/** Names of a template's path parameters, in order. */
export function pathParamNames(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

/**
 * The path parameters of `template` filled from `ids`, or the name of the first one that has
 * no id (the parent list was empty).
 */
export function pathParamsFor(
  template: string,
  ids: Ids,
): { params: Record<string, string> } | { missing: string } {
  const params: Record<string, string> = {};
  for (const name of pathParamNames(template)) {
    const key = PATH_PARAM_IDS[name];
    const id = key ? ids[key] : undefined;
    if (id === undefined) return { missing: name };
    params[name] = id;
  }
  return { params };
}

/** The note of a path left unchecked because `missing`, a path parameter, found no id. */
export function noIdNote(path: string, missing: string): string {
  return `${path}: not checked, no ${missing} to use (its parent list gave no item)`;
}

/** The same path parameters, all set to `id` (an id that exists nowhere, or any id for Prism). */
export function pathParamsAll(template: string, id: string): Record<string, string> {
  return Object.fromEntries(pathParamNames(template).map((name) => [name, id]));
}
