// Internal: fetches a walk's pages one after the other, in either protocol of the /v1 lists:
// cursors (`cursor`, `meta.pagination`) or Cost Explorer's offsets (`page`, `meta.page_info`).
// It reads each envelope defensively: a body that breaks the protocol becomes a ProtocolError,
// so a walk can never loop on it or end early without saying so.
import { isCursorExpiredError, ProtocolError } from "../errors.js";
import { isRecord } from "../internal/is-record.js";
import { requestIdOf } from "../internal/request-id.js";
import type { SignalLike } from "../internal/signals.js";
import type { Page } from "./types.js";

/**
 * Empty pages that claim more to come a walk tolerates in a row: one more gives up with
 * `ProtocolError`. A walk skips an empty page (it never ends a walk), but a server that keeps
 * sending them would otherwise loop until `maxPages`.
 */
export const MAX_EMPTY_PAGES = 10;

/** Restarts from page 1 a walk with `onCursorExpired: "restart"` makes before it throws. */
export const MAX_RESTARTS = 3;

/** The page selectors one request sends on top of the frozen query; falsy ones are left out. */
export type Selectors = Record<string, string | number | boolean | undefined>;

/** Requests one page: the frozen query plus `selectors`, on `signal`. */
export type GetPage = (selectors: Selectors, signal: SignalLike) => Promise<unknown>;

/** Where a walk stands: the request a resume would make next. */
export interface WalkPoint {
  /** The cursor of the next request; undefined for page 1 and for offset walks. */
  cursor: string | undefined;
  /** Its 1-based page number. */
  page: number;
}

/** One page as the source returns it: a {@link Page} the walk may still trim to its budget. */
export type SourcePage<T> = { -readonly [K in keyof Page<T>]: Page<T>[K] };

/** Fetches pages one after the other and knows where it stands. */
export interface PageSource<T> {
  /** Fetches the next page and advances; on failure it does not advance and rejects. */
  fetch(signal: SignalLike): Promise<SourcePage<T>>;
  /**
   * Where the source is: the next request's position (after a failure, the failed request's:
   * the resume point).
   */
  at(): WalkPoint;
}

const isCount = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0;

const idOf = (item: unknown): unknown => {
  const id = (item as { id?: unknown } | null | undefined)?.id;
  return /^(string|number)$/.test(typeof id) ? id : undefined;
};

/**
 * A source from `page` (and `cursor`, for cursor walks). A cursor walk ends on
 * `has_more: false` or on `next_cursor: ""` (either suffices), asks for the total on its first
 * request when `wantTotal`, and with `restart` (truthy) restarts from page 1 on a 410, skipping the ids
 * it already handed on. An offset walk ends on its `total_pages`.
 */
export const pageSource = <T>(
  get: GetPage,
  offset: boolean | undefined,
  cursor: string | undefined,
  page: number,
  wantTotal?: boolean,
  restart?: boolean | number,
): PageSource<T> => {
  // Cursors sent since page 1: the server sending one again would loop the walk.
  const seenCursors = new Set<string>();
  // Ids handed on, to skip after a restart; kept only when restarts are allowed.
  const seenIds = restart ? new Set<unknown>() : undefined;
  let askTotal = wantTotal;
  let restarts = 0;
  let emptyRun = 0;
  // The latest total the server sent (cursor walks get one only when they ask for it).
  let total: number | undefined;
  return {
    at: () => ({ cursor, page }),
    async fetch(signal) {
      for (;;) {
        if (cursor) seenCursors.add(cursor);
        let body: unknown;
        try {
          body = await get(offset ? { page } : { cursor, include_total: askTotal }, signal);
        } catch (error) {
          if (
            !seenIds ||
            !isCursorExpiredError(error) ||
            restarts >= MAX_RESTARTS ||
            signal.aborted
          ) {
            throw error;
          }
          restarts += 1;
          cursor = undefined;
          page = 1;
          seenCursors.clear();
          askTotal = wantTotal;
          continue;
        }
        // Of a JSON value, only an object can have a `data` array.
        const meta = Array.isArray((body as Envelope)?.data) && (body as { meta?: unknown }).meta;
        if (!isRecord(meta)) {
          throw new ProtocolError("A list response is not { data: [...], meta }");
        }
        const data = (body as { data: T[] }).data;
        // Of the spec's form only: this layer has no token to redact.
        const requestId = requestIdOf(meta.request_id);
        const field = offset ? "page_info" : "pagination";
        const info = meta[field];
        // Read before `info` is checked: of a JSON value, only an object has a `has_more`.
        const more = (info as Envelope)?.has_more;
        if (
          !isRecord(info) ||
          (offset
            ? !isCount(info.page) || !isCount(info.total_pages) || !isCount(info.total_count)
            : more !== undefined && typeof more !== "boolean")
        ) {
          throw new ProtocolError(`A list response has no valid meta.${field}`);
        }
        let nextCursor: string | undefined;
        let hasMore: boolean;
        if (offset) {
          // Past the walk's first page (a total was read), a page beyond total_pages contradicts
          // the page before, which said it exists: the walk would end without a word.
          if (info.page !== page || (total !== undefined && page > (info.total_pages as number))) {
            throw new ProtocolError(
              `Asked for page ${page} but the server sent page ${info.page} of ${info.total_pages}`,
            );
          }
          hasMore = page < (info.total_pages as number);
        } else {
          const next = info.next_cursor;
          hasMore = more === true || (more === undefined && next !== "");
          if (hasMore) {
            if (!next || typeof next !== "string" || seenCursors.has(next)) {
              throw new ProtocolError(
                "More pages follow but next_cursor is missing or was already sent",
              );
            }
            nextCursor = next;
          }
        }
        let items = data;
        if (seenIds) {
          if (restarts > 0) items = items.filter((item) => !seenIds.has(idOf(item)));
          for (const item of items) {
            const id = idOf(item);
            if (id !== undefined) seenIds.add(id);
          }
        }
        if (isCount(info.total_count)) total = info.total_count;
        const result = { items, page, cursor, nextCursor, hasMore, total, requestId };
        cursor = nextCursor;
        page += 1;
        askTotal = false;
        // Checked once advanced, so the error resumes after the empty pages.
        if (data.length > 0) {
          emptyRun = 0;
        } else if (hasMore && ++emptyRun > MAX_EMPTY_PAGES) {
          throw new ProtocolError(
            `More than ${MAX_EMPTY_PAGES} empty pages in a row said more pages follow`,
          );
        }
        return result;
      }
    },
  };
};

// What is read of a JSON value before it is checked to be a record.
type Envelope = { data?: unknown; has_more?: unknown } | null | undefined;
