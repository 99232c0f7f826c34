// Internal: the cursor protocol of /v1 lists (`cursor`, `meta.pagination`), on the shared walk.
import { isCursorExpiredError, ProtocolError } from "../errors.js";
import { isRecord } from "../internal/is-record.js";
import type { CursorPaginatedPath, ItemOf } from "../types.js";
import { createWalk, type Extra, type GetPage } from "./create-walk.js";
import { readCursorEnvelope } from "./envelope.js";
import type { PageSource, SourcePage } from "./source.js";
import type { FetchPage, InitArg, PaginateInit, Paginator } from "./types.js";

/** Restarts from page 1 a walk with `onCursorExpired: "restart"` makes before it throws. */
export const MAX_RESTARTS = 3;

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
  const options = (init ?? {}) as PaginateInit<CursorPaginatedPath>;
  return createWalk<ItemOf<P>>(
    fetchPage,
    path,
    options,
    ["cursor", "include_total"],
    "limit",
    (query) => {
      const given = query?.cursor;
      const start = options.cursor || (typeof given === "string" && given) || undefined;
      const wantTotal = options.onProgress !== undefined || query?.include_total === true;
      const restart = options.onCursorExpired === "restart";
      return [start === undefined, (get) => cursorSource(get, start, wantTotal, restart)];
    },
  );
}

function cursorSource<T>(
  get: GetPage,
  start: string | undefined,
  wantTotal: boolean,
  restart: boolean,
): PageSource<T> {
  const seenCursors = new Set<string>();
  // Ids handed on, to skip after a restart; kept only when restarts are allowed.
  const seenIds = restart ? new Set<unknown>() : undefined;
  let cursor = start;
  let page = 1;
  let askTotal = wantTotal;
  let restarts = 0;
  if (start !== undefined) seenCursors.add(start);
  return {
    position: () => ({ cursor, page }),
    async fetch(signal) {
      for (;;) {
        const extra: Extra[] = [];
        if (cursor !== undefined) extra.push(["cursor", cursor]);
        if (askTotal) extra.push(["include_total", true]);
        let body: unknown;
        try {
          body = await get(extra, signal);
        } catch (error) {
          const mayRestart =
            seenIds && isCursorExpiredError(error) && restarts < MAX_RESTARTS && !signal.aborted;
          if (!mayRestart) throw error;
          restarts += 1;
          cursor = undefined;
          page = 1;
          seenCursors.clear();
          askTotal = wantTotal;
          continue;
        }
        const { data, nextCursor: next, total, requestId } = readCursorEnvelope(body);
        if (next !== undefined && seenCursors.has(next)) {
          throw new ProtocolError("The server sent a cursor it had already sent in this walk", {
            requestId,
          });
        }
        let items = data as T[];
        if (seenIds) {
          if (restarts > 0) items = items.filter((item) => !seenIds.has(idOf(item)));
          for (const item of items) {
            const id = idOf(item);
            if (id !== undefined) seenIds.add(id);
          }
        }
        const result: SourcePage<T> = {
          items,
          received: data.length,
          page,
          cursor,
          nextCursor: next,
          hasMore: next !== undefined,
          total,
          requestId,
        };
        if (next !== undefined) seenCursors.add(next);
        cursor = next;
        page += 1;
        askTotal = false;
        return result;
      }
    },
  };
}

function idOf(item: unknown): unknown {
  const id = isRecord(item) ? item.id : undefined;
  return typeof id === "string" || typeof id === "number" ? id : undefined;
}
