import type { ParamsOption } from "openapi-fetch";
import type { components, paths } from "../generated/schema.js";

type Schemas = components["schemas"];

/** A workload (its `id` is the workload UID). */
export type Workload = Schemas["Workload"];
/** A connected Kubernetes cluster. */
export type Cluster = Schemas["Cluster"];
/** A namespace of a cluster. */
export type Namespace = Schemas["Namespace"];
/** A pod of a workload. */
export type Pod = Schemas["Pod"];
/** A node of a cluster. */
export type Node = Schemas["Node"];
/** A node group of a cluster. */
export type NodeGroup = Schemas["NodeGroup"];
/** A cost-saving recommendation. */
export type Recommendation = Schemas["Recommendation"];
/** A team that costs are attributed to. */
export type Team = Schemas["Team"];
/** A department, a group of teams. */
export type Department = Schemas["Department"];
/** A resource assigned to a team. */
export type TeamAssignment = Schemas["TeamAssignment"];
/** The tenant the token belongs to. */
export type Organization = Schemas["Organization"];
/** The tenant-level cost, inventory and savings snapshot. */
export type OrganizationDashboard = Schemas["OrganizationDashboard"];
/** One Cost Explorer row. */
export type CostExplorerRow = Schemas["CostExplorerRow"];
/** A decimal-string amount with its currency. */
export type Money = Schemas["Money"];
/** `fully_loaded` or `direct`. */
export type CostMode = Schemas["CostMode"];
/** `meta.pagination` of a cursor-paginated list. */
export type Pagination = Schemas["Pagination"];
/** `meta.page_info` of Cost Explorer's offset pagination. */
export type OffsetPagination = Schemas["OffsetPagination"];
/** The body of every non-2xx response. */
export type ErrorEnvelope = Schemas["ErrorEnvelope"];

/** Every path of the API that has a GET operation. */
export type GetPath = {
  [P in keyof paths]: paths[P] extends { get: object } ? P : never;
}[keyof paths];

/** The GET operation of a path. */
export type GetOperation<P extends GetPath> = paths[P]["get"];

/** The JSON body of a path's 200 response. */
export type GetResponseBody<P extends GetPath> =
  GetOperation<P> extends {
    responses: { 200: { content: { "application/json": infer B } } };
  }
    ? B
    : never;

/** `data` of a path's 200 response: one object, or an array for lists. */
export type GetData<P extends GetPath> = GetResponseBody<P> extends { data: infer D } ? D : never;

/** Paths whose GET is a cursor-paginated list (`meta.pagination`), derived from the spec. */
export type CursorPaginatedPath = {
  [P in GetPath]: GetResponseBody<P> extends { meta: { pagination: Pagination } } ? P : never;
}[GetPath];

/** Paths whose GET uses offset pagination (`meta.page_info`): Cost Explorer. */
export type OffsetPaginatedPath = {
  [P in GetPath]: GetResponseBody<P> extends { meta: { page_info: OffsetPagination } } ? P : never;
}[GetPath];

/** The item type of a paginated path's `data` array. */
export type ItemOf<P extends CursorPaginatedPath | OffsetPaginatedPath> =
  GetData<P> extends readonly (infer I)[] ? I : never;

/**
 * `T` with each optional property also taking `undefined`, which the SDK reads as left out (for
 * callers compiled with `exactOptionalPropertyTypes`).
 */
export type OrUndefined<T> = {
  [K in keyof T]: Record<never, never> extends Pick<T, K> ? T[K] | undefined : T[K];
};

/**
 * The `params` option (`path`, `query`) of a spec operation as the SDK takes it: openapi-fetch's
 * `ParamsOption`, but where `params`, `query` or a query parameter is optional it also takes
 * `undefined`, which leaves it out of the request (so `{ query: { namespace: ns } }` with
 * `ns: string | undefined`, or `{ query: q }` with `q` possibly undefined, compiles under
 * `exactOptionalPropertyTypes`). A required path parameter still refuses `undefined`.
 */
export type ParamsInit<Op> = OrUndefined<{
  [K in keyof ParamsOption<Op>]: ParamsOption<Op>[K] extends infer Params
    ? Params extends object
      ? OrUndefined<{
          [L in keyof Params]: L extends "query"
            ? Params[L] extends infer Query
              ? OrUndefined<Query>
              : never
            : Params[L];
        }>
      : Params
    : never;
}>;
