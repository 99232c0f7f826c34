// Internal: what every walk prepares alike: a frozen snapshot of the query and the path
// parameters when created; when it starts, its checks and, for toArray, a page size shrunk to
// its budget.
import { checkPageSize } from "../internal/page-size.js";
import { DEFAULT_PAGE_SIZE, integerOption } from "./options.js";
import { createPaginator } from "./paginator.js";
import { pageQuery, serializeQuery, snapshotQuery } from "./query.js";
import { pageSource } from "./source.js";
import type { FetchPage, Paginator, WalkOptions } from "./types.js";

/**
 * Plans a walk and wraps it in a {@link Paginator}. The query is serialized once, here, without
 * the selectors the walk sends itself: every page sends the same bytes but for those, and
 * changing `init` later changes nothing. A bad option fails from the first `next()`. An offset
 * walk starts from page `start`; a cursor walk from page 1 and `cursor`.
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
  const params = init.params as
    | { query?: Record<string, unknown>; path?: Record<string, unknown> }
    | undefined;
  const query = snapshotQuery(params?.query, offset ? ["page"] : ["cursor", "include_total"]);
  const pathParams = params?.path && { ...params.path };
  const size = offset ? "per_page" : "limit";
  return createPaginator<T>(init, (budget) => {
    checkPageSize(query);
    const page = integerOption("page", start, 1, 1);
    // Checked above: absent, or an integer in 1..500 (a number, or a string of digits).
    const current = query[size];
    // A page number or a cursor is bound to the page size: only page 1 may lower it.
    const shrink =
      page === 1 &&
      cursor === undefined &&
      budget < (current == null ? DEFAULT_PAGE_SIZE : +current);
    const search = serializeQuery(shrink ? { ...query, [size]: budget } : query);
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
  });
}
