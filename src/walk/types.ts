// The public types of paginated walks, re-exported by src/paginate.ts.
import type { SignalLike } from "../internal/signals.js";
import type {
  CursorPaginatedPath,
  GetOperation,
  OffsetPaginatedPath,
  ParamsInit,
} from "../types.js";

/** What a {@link FetchPage} call receives besides the path. */
export interface FetchPageInit {
  /**
   * Path parameters (e.g. `cluster_id`), the same for every page of a walk.
   * @default undefined
   */
  params?: { path?: Record<string, unknown> | undefined };
  /**
   * Returns the page's query string (without `?`). It ignores its argument: the walk froze the
   * caller's query when it was created and only appends `cursor`, `include_total` or `page`.
   */
  querySerializer: (query: unknown) => string;
  /**
   * The page's own signal, which lives no longer than its request: it aborts with the caller's
   * `signal` and when the walk is closed. Not an `AbortSignal`: what the SDK reads of one.
   */
  signal: SignalLike;
}

/**
 * Performs one GET (with retries, auth and timeouts) and resolves with the parsed 2xx body
 * (`{ data, meta }`), or rejects with a `KubeadaptError` (`AbortError` when `signal` fires).
 * The client provides it; tests provide a stub.
 */
export type FetchPage = (path: string, init: FetchPageInit) => Promise<unknown>;

/** What `onProgress` reports after each page handed to the consumer. */
export interface Progress {
  /** Pages handed to the consumer so far (empty pages are skipped and not counted). */
  pages: number;
  /** Items handed to the consumer so far, including the page just handed. */
  items: number;
  /** Rows matching the query, when the server said (`include_total`, or Cost Explorer). */
  total: number | undefined;
}

/** Options shared by cursor and offset walks. */
export interface WalkOptions {
  /**
   * Aborts the walk: the in-flight request is aborted and the next pull throws `AbortError`.
   * Reaches every page's request through that page's own signal, linked to it while the
   * request is in flight.
   * @default undefined
   */
  signal?: AbortSignal | undefined;
  /**
   * Pages fetched ahead of the consumer, like client-go's `PageBufferSize`: with 1, page n+1
   * is requested as soon as page n is handed over, so it overlaps the consumer's work. At most
   * this many fetched-but-unconsumed pages exist at any time. 0 fetches strictly on demand.
   * @default 1
   */
  prefetch?: number | undefined;
  /**
   * The most pages this walk fetches (re-fetches after a restart count). Reaching it with
   * more to come throws `PaginationLimitError`, after every fetched item was yielded.
   * @default 10000
   */
  maxPages?: number | undefined;
  /**
   * Called after each page is handed to the consumer. Giving it makes a cursor walk ask for
   * `include_total` on its first request, so `total` is known. Not a function: the walk's first
   * pull throws a `BadRequestError`.
   * @default undefined
   */
  onProgress?: ((progress: Progress) => void) | undefined;
}

/** Options of cursor walks only. */
export interface CursorWalkOptions extends WalkOptions {
  /**
   * What a 410 `CURSOR_EXPIRED` does: `"throw"` propagates the `CursorExpiredError` (with
   * `cursor`, `page`, `itemsYielded` set); `"restart"` restarts from page 1 and skips items
   * already delivered (by `id`, so it remembers every delivered id; re-fetched pages carry only
   * unseen items and fully seen ones are skipped), at most 3 times per walk, then throws. A
   * walk that starts from `cursor` never restarts (it throws, as with `"throw"`): page 1 holds
   * the items before that cursor, which an earlier walk handed on and this one cannot tell.
   * Any other value: the walk's first pull throws a `BadRequestError`.
   * @default "throw"
   */
  onCursorExpired?: "throw" | "restart" | undefined;
  /**
   * Start from a saved cursor (a `Page.nextCursor`, or the `cursor` of an error thrown
   * mid-walk) instead of page 1. The query must be the one that produced it. Page numbers of
   * the new walk count from 1 again. An empty string means page 1; anything but a string, a
   * `BadRequestError` from the walk's first pull.
   * @default undefined
   */
  cursor?: string | undefined;
}

/**
 * The init of a cursor walk: the `params` (`path`, `query`) that `ka.client.GET(path, ...)`
 * takes for this path (an optional query parameter may also be `undefined`: see
 * {@link ParamsInit}), plus {@link CursorWalkOptions}. `query.cursor` acts as `cursor`;
 * `query.include_total: true` asks for the total on the first page.
 */
export type PaginateInit<P extends CursorPaginatedPath> = ParamsInit<GetOperation<P>> &
  CursorWalkOptions;

/**
 * The init of an offset walk (Cost Explorer): its `params` plus {@link WalkOptions}.
 * `query.page` is the page to start from (default 1).
 */
export type OffsetPaginateInit<P extends OffsetPaginatedPath> = ParamsInit<GetOperation<P>> &
  WalkOptions;

/**
 * The rest parameter of a walk's `init`: optional exactly when the path has no required
 * parameters, as for openapi-fetch's `GET`.
 */
export type InitArg<Init> = Record<never, never> extends Init ? [init?: Init] : [init: Init];

/** One page of a walk, as `.pages()` yields it. Empty pages are never yielded. */
export interface Page<T> {
  /** The page's items, in server order. */
  readonly items: T[];
  /**
   * 1-based page number. Cursor walks count from the walk's first page (a restart counts from
   * 1 again); offset walks give the server's page number.
   */
  readonly page: number;
  /** The cursor that fetched this page; undefined for page 1 and for offset walks. */
  readonly cursor: string | undefined;
  /** The cursor of the next page (save it to resume); undefined on the last page. */
  readonly nextCursor: string | undefined;
  /** Whether more pages follow. */
  readonly hasMore: boolean;
  /** Rows matching the query, when known. */
  readonly total: number | undefined;
  /** `meta.request_id` of the response: quote it to support. */
  readonly requestId: string | undefined;
}

/** Options of {@link Paginator.toArray}. */
export interface ToArrayOptions {
  /**
   * The most items to return (a positive integer, required): the walk stops fetching as soon
   * as it has them. No default, so a collect-all never holds an unbounded list by accident.
   */
  max: number;
}

/**
 * A lazy walk over a paginated list: nothing is requested until it is iterated. Iterate it
 * once, by items (`for await`), by pages (`.pages()`) or with `.toArray()`; a second
 * iteration throws a `KubeadaptError` (call `paginate()` again for a new walk).
 */
export interface Paginator<T> extends AsyncIterable<T> {
  /** Iterate page by page instead of item by item. */
  pages(): AsyncIterable<Page<T>>;
  /**
   * Collect the first `max` items. Requests no more than it needs: a walk that starts on page
   * 1 lowers `limit` (`per_page`) to `max` when that is smaller, and stops once it has `max`.
   * All or nothing: the items collected are lost when it rejects, so its error's `cursor` and
   * `page` are where it started and `itemsYielded` is 0 (nothing was handed over), and a resume
   * from them skips nothing. Walk `pages()` to keep what arrived before a failure.
   */
  toArray(options: ToArrayOptions): Promise<T[]>;
}
