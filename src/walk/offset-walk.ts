// Internal: the offset protocol of Cost Explorer (`page`/`per_page`, `meta.page_info`), on the
// same shared walk as cursor lists.
import type { ItemOf, OffsetPaginatedPath } from "../types.js";
import { createWalk } from "./create-walk.js";
import type { FetchPage, InitArg, OffsetPaginateInit, Paginator } from "./types.js";

/**
 * Walks Cost Explorer's offset pages from `query.page` (default 1) to `total_pages`, with the
 * same options, prefetch, caps and errors as {@link createCursorWalk}. `Page.page` and an
 * error's `page` are the server's page numbers: resume with `query.page = error.page`.
 * @example
 * const rows = await createOffsetWalk(fetchPage, "/v1/cost-explorer", {
 *   params: { query: { group_by: "namespace", per_page: 200 } },
 * }).toArray({ max: 1000 });
 */
export function createOffsetWalk<P extends OffsetPaginatedPath>(
  fetchPage: FetchPage,
  path: P,
  ...[init]: InitArg<OffsetPaginateInit<P>>
): Paginator<ItemOf<P>> {
  return createWalk<ItemOf<P>>(fetchPage, path, init, true);
}
