// Internal: what every protocol's walk plans alike before any request: the options, a frozen
// snapshot of the query, the path parameters and, for toArray, a page size shrunk to its budget.
import { checkPageSize } from "../internal/page-size.js";
import { resolveOptions, shrunkPageSize } from "./options.js";
import { createPaginator, type WalkPlan } from "./paginator.js";
import { freezeQuery, pageQuery, snapshotQuery } from "./query.js";
import type { PageSource } from "./source.js";
import type { FetchPage, Paginator, WalkOptions } from "./types.js";

/** A page selector parameter sent on top of the frozen query (`cursor`, `page`, ...). */
export type Extra = [name: string, value: string | number | boolean];

/** Requests one page: the frozen query plus `extra`, on `signal`. */
export type GetPage = (extra: Extra[], signal: AbortSignal) => Promise<unknown>;

/**
 * A protocol: given the caller's query, it checks its own parameters (throwing as the server
 * would) and says whether the walk starts fresh (only then may toArray lower the page size),
 * and how to open its source on a {@link GetPage}.
 */
export type Protocol<T> = (
  query: Record<string, unknown> | undefined,
) => [fresh: boolean, open: (get: GetPage) => PageSource<T>];

/**
 * Plans a walk and wraps it in a {@link Paginator}. The query is serialized once, here, without
 * the `selectors` the protocol sends itself: every page sends the same bytes but for those, and
 * changing `init` later changes nothing. A bad option fails from the first `next()`.
 */
export function createWalk<T>(
  fetchPage: FetchPage,
  path: string,
  init: WalkOptions & { params?: unknown },
  selectors: readonly string[],
  sizeParam: "limit" | "per_page",
  protocol: Protocol<T>,
): Paginator<T> {
  let plan: WalkPlan<T>;
  try {
    const options = resolveOptions(init);
    const params = init.params as
      | { query?: Record<string, unknown>; path?: Record<string, unknown> }
      | undefined;
    const query = snapshotQuery(params?.query, selectors);
    checkPageSize(query);
    const [fresh, open] = protocol(params?.query);
    const pathParams = params?.path ? { params: { path: { ...params.path } } } : {};
    const frozen = freezeQuery(query);
    plan = {
      ok: true,
      options,
      open: (budget) => {
        const size = fresh ? shrunkPageSize(query[sizeParam], budget) : undefined;
        const search = size === undefined ? frozen : freezeQuery({ ...query, [sizeParam]: size });
        return open((extra, signal) =>
          fetchPage(path, { ...pathParams, querySerializer: pageQuery(search, extra), signal }),
        );
      },
    };
  } catch (error) {
    plan = { ok: false, error };
  }
  return createPaginator(plan);
}
