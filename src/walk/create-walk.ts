// Internal: what every walk plans alike before any request: the options, a frozen snapshot of
// the query, the path parameters and, for toArray, a page size shrunk to its budget.
import { checkPageSize } from "../internal/page-size.js";
import { DEFAULT_PAGE_SIZE, integerOption, resolveOptions } from "./options.js";
import { createPaginator, type WalkPlan } from "./paginator.js";
import { freezeQuery, pageQuery, snapshotQuery } from "./query.js";
import { pageSource } from "./source.js";
import type { FetchPage, Paginator, WalkOptions } from "./types.js";

/**
 * Plans a walk and wraps it in a {@link Paginator}. The query is serialized once, here, without
 * the selectors the walk sends itself: every page sends the same bytes but for those, and
 * changing `init` later changes nothing. A bad option fails from the first `next()`. An offset
 * walk starts from page `start` (validated here); a cursor walk from page 1 and `cursor`.
 */
export function createWalk<T>(
  fetchPage: FetchPage,
  path: string,
  init: WalkOptions & { params?: unknown },
  offset: boolean,
  start: unknown,
  cursor?: string,
  wantTotal?: boolean,
  restart?: boolean,
): Paginator<T> {
  let plan: WalkPlan<T>;
  try {
    const options = resolveOptions(init);
    const params = init.params as
      | { query?: Record<string, unknown>; path?: Record<string, unknown> }
      | undefined;
    const query = snapshotQuery(params?.query, offset ? ["page"] : ["cursor", "include_total"]);
    checkPageSize(query);
    const page = integerOption("page", start, 1, 1);
    const pathParams = params?.path && { ...params.path };
    const size = offset ? "per_page" : "limit";
    const current = query[size];
    plan = {
      ok: true,
      options,
      open: (budget) => {
        // A page number or a cursor is bound to the page size: only page 1 may lower it.
        const shrink =
          page === 1 &&
          cursor === undefined &&
          budget !== undefined &&
          budget < (typeof current === "number" ? current : DEFAULT_PAGE_SIZE);
        const search = freezeQuery(shrink ? { ...query, [size]: budget } : query);
        return pageSource<T>(
          (selectors, signal) =>
            fetchPage(path, {
              params: { path: pathParams },
              querySerializer: pageQuery(search, selectors),
              signal,
            }),
          offset,
          cursor,
          page,
          wantTotal,
          restart,
        );
      },
    };
  } catch (error) {
    plan = { ok: false, error };
  }
  return createPaginator(plan);
}
