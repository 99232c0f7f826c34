// Internal: the offset protocol of Cost Explorer (`page`/`per_page`, `meta.page_info`), on the
// same shared walk as cursor lists.
import { ProtocolError } from "../errors.js";
import type { ItemOf, OffsetPaginatedPath } from "../types.js";
import { createWalk } from "./create-walk.js";
import { readOffsetEnvelope } from "./envelope.js";
import { integerOption } from "./options.js";
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
  const options = (init ?? {}) as OffsetPaginateInit<OffsetPaginatedPath>;
  return createWalk<ItemOf<P>>(fetchPage, path, options, ["page"], "per_page", (query) => {
    const start = integerOption("page", query?.page, 1, 1);
    // per_page decides what page n means, so only a walk from page 1 may lower it.
    return [
      start === 1,
      (get) => {
        let next = start;
        return {
          position: () => ({ cursor: undefined, page: next }),
          async fetch(signal) {
            const page = next;
            const envelope = readOffsetEnvelope(await get([["page", page]], signal));
            if (envelope.page !== page) {
              throw new ProtocolError(
                `Asked for page ${page} but the server sent page ${envelope.page}`,
                { requestId: envelope.requestId },
              );
            }
            next = page + 1;
            return {
              items: envelope.data as ItemOf<P>[],
              received: envelope.data.length,
              page,
              cursor: undefined,
              nextCursor: undefined,
              hasMore: page < envelope.totalPages,
              total: envelope.total,
              requestId: envelope.requestId,
            };
          },
        };
      },
    ];
  });
}
