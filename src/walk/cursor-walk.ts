// Internal: the cursor walk of /v1 lists (`cursor`, `meta.pagination`), on the shared walk.
import type { CursorPaginatedPath, ItemOf } from "../types.js";
import { createWalk } from "./create-walk.js";
import type { FetchPage, InitArg, PaginateInit, Paginator } from "./types.js";

/**
 * Walks a cursor-paginated list (every `/v1` list but Cost Explorer). Nothing is requested
 * until the returned {@link Paginator} is iterated. The query is serialized once, here: every
 * page sends the same bytes but for `cursor` and `include_total`, and changing `init` later
 * changes nothing. Errors are thrown in order (after every item fetched before them) and carry
 * `cursor`, `page` and `itemsYielded` to resume with `init.cursor`.
 * @example
 * for await (const w of createCursorWalk(fetchPage, "/v1/workloads", { params: { query: { limit: 500 } } })) {
 *   console.log(w.metadata.name);
 * }
 */
export function createCursorWalk<P extends CursorPaginatedPath>(
  fetchPage: FetchPage,
  path: P,
  ...[init]: InitArg<PaginateInit<P>>
): Paginator<ItemOf<P>> {
  return createWalk<ItemOf<P>>(fetchPage, path, init);
}
