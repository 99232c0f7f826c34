// Internal: what every walk prepares alike: a frozen snapshot of the query and the path
// parameters when created; when it starts, its checks and, for toArray, a page size shrunk to
// its budget.
import { kindOption, oneOf } from "../internal/check-option.js";
import { checkPageSize } from "../internal/page-size.js";
import { DEFAULT_PAGE_SIZE, integerOption } from "./options.js";
import { createPaginator } from "./paginator.js";
import { pageQuery, serializeQuery, snapshotQuery } from "./query.js";
import { pageSource } from "./source.js";
import type { CursorWalkOptions, FetchPage, Paginator } from "./types.js";

/**
 * Plans a walk and wraps it in a {@link Paginator}. The query is serialized once, here, without
 * the selectors the walk sends itself: every page sends the same bytes but for those, and
 * changing `init` later changes nothing. A bad option fails from the first `next()`. An offset
 * walk starts from `query.page` (default 1); a cursor walk from page 1 and `init.cursor` (else
 * `query.cursor`), asks for the total on its first request when `onProgress` is given or
 * `query.include_total` is true, and restarts on a 410 with `onCursorExpired: "restart"` when
 * it started from page 1.
 */
export const createWalk = <T>(
  fetchPage: FetchPage,
  path: string,
  init: (CursorWalkOptions & { params?: unknown }) | undefined,
  offset?: boolean,
): Paginator<T> => {
  init ??= {};
  const params = init.params as
    | { query?: Record<string, unknown>; path?: Record<string, unknown> }
    | undefined;
  const given = params?.query;
  const start = offset ? given?.page : 1;
  // A cursor that is not a string is refused when the walk starts.
  const cursor = offset ? undefined : ((init.cursor || given?.cursor || undefined) as string);
  const query = snapshotQuery(given, offset ? ["page"] : ["cursor", "include_total"]);
  const pathParams = params?.path && { ...params.path };
  const size = offset ? "per_page" : "limit";
  // Read when created, as the query is; checked when the walk starts, as every option is.
  const expired = init.onCursorExpired ?? "throw";
  return createPaginator<T>(init, (budget) => {
    checkPageSize(query);
    kindOption("cursor", cursor, "string");
    // 1 (truthy) for "restart".
    const restart = oneOf("onCursorExpired", expired, ["throw", "restart"]);
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
      kindOption("onProgress", init.onProgress, "function") || given?.include_total === true,
      // Not when resumed: page 1 holds items an earlier walk handed on, whose ids it never saw.
      !offset && !cursor && restart,
    );
  });
};
