// Internal: the machinery every walk shares. Fetches pages one after the other into a bounded
// buffer ahead of the consumer (client-go's PageBufferSize), enforces the caps (maxPages,
// empty pages, toArray's budget) and stops at once when closed or aborted.
import { AbortError, PaginationLimitError, ProtocolError } from "../errors.js";
import type { PageSource, SourcePage, WalkPoint } from "./source.js";

/**
 * Empty pages that claim more to come, in a row, before a walk gives up with `ProtocolError`.
 * A walk skips an empty page (it never ends a walk), but a server that keeps sending them
 * would otherwise loop until `maxPages`.
 */
export const MAX_EMPTY_PAGES = 10;

/** What the consumer gets from the pump: a page, the end, or the error that ended the walk. */
export type PumpResult<T> =
  | { kind: "page"; page: SourcePage<T> }
  | { kind: "end" }
  | { kind: "error"; error: unknown; at: WalkPoint };

/** How a pump runs. */
export interface PumpOptions {
  prefetch: number;
  maxPages: number;
  /** Stop once this many items were accepted (toArray's `max`). */
  budget: number | undefined;
  signal: AbortSignal | undefined;
}

const END = { kind: "end" } as const;

/** One running walk. Never rejects, never leaves a request running once closed. */
export class PagePump<T> {
  readonly #source: PageSource<T>;
  readonly #options: PumpOptions;
  readonly #queue: SourcePage<T>[] = [];
  #end: PumpResult<T> | undefined;
  #waiter: ((result: PumpResult<T>) => void) | undefined;
  // The in-flight page's own controller. Each request gets a fresh, short-lived signal: a
  // `fetch` that never yields to the event loop never lets undici drop the listener each
  // Request adds to its signal, so one long-lived walk signal would collect one per page.
  #request: AbortController | undefined;
  #closed = false;
  #fetched = 0;
  #accepted = 0;
  #emptyRun = 0;
  #unlink: () => void = () => {};

  constructor(source: PageSource<T>, options: PumpOptions) {
    this.#source = source;
    this.#options = options;
    const signal = options.signal;
    if (signal) {
      const onAbort = () => this.#abort(signal);
      signal.addEventListener("abort", onAbort, { once: true });
      this.#unlink = () => signal.removeEventListener("abort", onAbort);
    }
  }

  /** The next page (fetching it, and the ones ahead, as `prefetch` allows), or the end. */
  next(): Promise<PumpResult<T>> {
    if (this.#closed) return Promise.resolve(END);
    const page = this.#queue.shift();
    if (page) {
      // Taking a page frees a buffer slot: the next request starts before this page's items
      // reach the consumer, so it overlaps the consumer's work.
      this.#pump();
      return Promise.resolve({ kind: "page", page });
    }
    if (this.#end) return Promise.resolve(this.#end);
    return new Promise((resolve) => {
      this.#waiter = resolve;
      this.#pump();
    });
  }

  /** Stops the walk: aborts the in-flight request, drops buffered pages, fetches nothing more. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unlink();
    this.#queue.length = 0;
    this.#request?.abort(new AbortError("The walk was closed"));
    this.#settle(END);
  }

  #abort(signal: AbortSignal): void {
    if (this.#closed) return;
    this.#queue.length = 0;
    this.#finish({
      kind: "error",
      error: new AbortError("The walk was aborted", { cause: signal.reason }),
      at: this.#source.position(),
    });
    this.#request?.abort(signal.reason);
  }

  #pump(): void {
    if (this.#closed || this.#end || this.#request) return;
    if (!this.#waiter && this.#queue.length >= this.#options.prefetch) return;
    const controller = new AbortController();
    this.#request = controller;
    let request: Promise<SourcePage<T>>;
    try {
      request = this.#source.fetch(controller.signal);
    } catch (error) {
      request = Promise.reject(error);
    }
    request.then(
      (page) => this.#onPage(page),
      (error: unknown) => this.#onError(error),
    );
  }

  #onPage(page: SourcePage<T>): void {
    this.#request = undefined;
    if (this.#closed || this.#end) return;
    this.#fetched += 1;
    try {
      this.#accept(page);
    } catch (error) {
      this.#finish({ kind: "error", error, at: this.#source.position() });
    }
    this.#pump();
  }

  #onError(error: unknown): void {
    this.#request = undefined;
    if (this.#closed || this.#end) return;
    this.#finish({ kind: "error", error, at: this.#source.position() });
  }

  #accept(page: SourcePage<T>): void {
    if (page.received > 0) {
      this.#emptyRun = 0;
    } else if (page.hasMore && ++this.#emptyRun >= MAX_EMPTY_PAGES) {
      throw new ProtocolError(
        `${MAX_EMPTY_PAGES} empty pages in a row said more pages follow; giving up`,
        { requestId: page.requestId },
      );
    }
    let items = page.items;
    let last = !page.hasMore;
    const { budget, maxPages } = this.#options;
    if (budget !== undefined && items.length >= budget - this.#accepted) {
      items = items.slice(0, budget - this.#accepted);
      last = true;
    }
    this.#accepted += items.length;
    if (items.length > 0) this.#deliver(items === page.items ? page : { ...page, items });
    if (last) {
      this.#finish(END);
    } else if (this.#fetched >= maxPages) {
      const error = new PaginationLimitError(
        `Stopped after maxPages (${maxPages}) pages with more to come; raise maxPages or resume from error.cursor`,
      );
      this.#finish({ kind: "error", error, at: this.#source.position() });
    }
  }

  #deliver(page: SourcePage<T>): void {
    if (this.#waiter) this.#settle({ kind: "page", page });
    else this.#queue.push(page);
  }

  #finish(result: PumpResult<T>): void {
    this.#end = result;
    this.#unlink();
    if (this.#queue.length === 0) this.#settle(result);
  }

  #settle(result: PumpResult<T>): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.(result);
  }
}
