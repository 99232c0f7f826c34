// Internal: a walk and its public face, in one closure. Fetches pages one after the other into
// a bounded buffer ahead of the consumer (client-go's PageBufferSize); enforces the caps
// (maxPages, empty pages, toArray's budget); stops at once when closed or aborted; iterates
// once, by items, pages or toArray; reports progress; stamps every error with where the walk
// stood, so the caller can resume. Closures rather than classes: the state is plain variables,
// which is what keeps this small once minified.
import {
  AbortError,
  isKubeadaptError,
  KubeadaptError,
  PaginationLimitError,
  ProtocolError,
} from "../errors.js";
import { invalidParameter } from "../internal/invalid-parameter.js";
import { onAbort } from "../internal/signals.js";
import type { ResolvedOptions } from "./options.js";
import type { OpenSource, PageSource, SourcePage, WalkPoint } from "./source.js";
import type { Page, Paginator, ToArrayOptions } from "./types.js";

/**
 * Empty pages that claim more to come, in a row, before a walk gives up with `ProtocolError`.
 * A walk skips an empty page (it never ends a walk), but a server that keeps sending them
 * would otherwise loop until `maxPages`.
 */
export const MAX_EMPTY_PAGES = 10;

/** A walk ready to run: its protocol and options, or why it cannot run. */
export type WalkPlan<T> =
  | { ok: true; open: OpenSource<T>; options: ResolvedOptions }
  | { ok: false; error: unknown };

const DONE = { done: true, value: undefined } as const;
const NO_OPTIONS: Partial<ResolvedOptions> = {};

/** Wraps a {@link WalkPlan} in the lazy, iterate-once {@link Paginator}. */
export function createPaginator<T>(plan: WalkPlan<T>): Paginator<T> {
  const { signal, prefetch = 0, maxPages = 0, onProgress } = plan.ok ? plan.options : NO_OPTIONS;
  let claimed = false;
  let budget: number | undefined;
  let source: PageSource<T> | undefined;
  let running = false;
  let closed = false;
  // Pages fetched ahead of the consumer.
  const queue: SourcePage<T>[] = [];
  // Set once nothing more will be fetched: `at` is there when the walk ended in `error`.
  let end: { error?: unknown; at?: WalkPoint } | undefined;
  // The consumer waiting for a page: handed a page, or nothing (look at `end`, `closed`).
  let waiter: ((page?: SourcePage<T>) => void) | undefined;
  // The in-flight page's own controller. Each request gets a fresh, short-lived signal: a
  // `fetch` that never yields to the event loop never lets undici drop the listener each
  // Request adds to its signal, so one long-lived walk signal would collect one per page.
  let request: AbortController | undefined;
  let fetched = 0;
  let accepted = 0;
  let emptyRun = 0;
  let pages = 0;
  let items = 0;
  let total: number | undefined;
  // Items handed to the consumer.
  let yielded = 0;
  let unlink = () => {};

  const claim = (max?: number): void => {
    if (claimed) {
      throw new KubeadaptError(
        "This paginator was already iterated; call paginate() again to start a new walk",
      );
    }
    claimed = true;
    budget = max;
  };

  const stamp = (error: unknown, at: WalkPoint): KubeadaptError =>
    Object.assign(
      isKubeadaptError(error)
        ? error
        : new KubeadaptError(
            `A page request failed: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          ),
      at,
      { itemsYielded: yielded },
    );

  const settle = (page?: SourcePage<T>): void => {
    const wake = waiter;
    waiter = undefined;
    wake?.(page);
  };

  const finish = (error?: unknown, at?: WalkPoint): void => {
    end = at ? { error, at } : {};
    unlink();
    if (queue.length === 0) settle();
  };

  const fail = (error: unknown): void => finish(error, (source as PageSource<T>).position());

  /** Stops the walk: aborts the in-flight request, drops buffered pages, fetches nothing more. */
  const close = (): void => {
    if (closed) return;
    closed = true;
    unlink();
    queue.length = 0;
    request?.abort(new AbortError("The walk was closed"));
    settle();
  };

  const aborted = () => new AbortError("The walk was aborted", { cause: signal?.reason });

  /** Throws `AbortError` (and closes) if the caller's signal fired. */
  const throwIfAborted = (): void => {
    if (!signal?.aborted || closed) return;
    const at = source?.position() ?? { cursor: undefined, page: 1 };
    close();
    throw stamp(aborted(), at);
  };

  const accept = (page: SourcePage<T>): void => {
    if (page.received > 0) {
      emptyRun = 0;
    } else if (page.hasMore && ++emptyRun >= MAX_EMPTY_PAGES) {
      throw new ProtocolError(
        `${MAX_EMPTY_PAGES} empty pages in a row said more pages follow; giving up`,
        { requestId: page.requestId },
      );
    }
    let taken = page.items;
    let last = !page.hasMore;
    if (budget !== undefined && taken.length >= budget - accepted) {
      taken = taken.slice(0, budget - accepted);
      last = true;
    }
    accepted += taken.length;
    if (taken.length > 0) {
      const kept = taken === page.items ? page : { ...page, items: taken };
      if (waiter) settle(kept);
      else queue.push(kept);
    }
    if (last) {
      finish();
    } else if (fetched >= maxPages) {
      fail(
        new PaginationLimitError(
          `Stopped after maxPages (${maxPages}) pages with more to come; raise maxPages or resume from error.cursor`,
        ),
      );
    }
  };

  const pump = (): void => {
    if (closed || end || request) return;
    if (!waiter && queue.length >= prefetch) return;
    const controller = new AbortController();
    request = controller;
    let pending: Promise<SourcePage<T>>;
    try {
      pending = (source as PageSource<T>).fetch(controller.signal);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (page) => {
        request = undefined;
        if (closed || end) return;
        fetched += 1;
        try {
          accept(page);
        } catch (error) {
          fail(error);
        }
        pump();
      },
      (error: unknown) => {
        request = undefined;
        if (!closed && !end) fail(error);
      },
    );
  };

  /** The next non-empty page, or undefined at the end; throws the walk's error in order. */
  const nextPage = async (): Promise<Page<T> | undefined> => {
    if (closed) return undefined;
    if (!plan.ok) {
      closed = true;
      throw plan.error;
    }
    source ??= plan.open(budget);
    throwIfAborted();
    if (!running) {
      running = true;
      if (signal) {
        unlink = onAbort(signal, () => {
          if (closed) return;
          queue.length = 0;
          fail(aborted());
          request?.abort(signal.reason);
        });
      }
    }
    let page = queue.shift();
    if (page) {
      // Taking a page frees a buffer slot: the next request starts before this page's items
      // reach the consumer, so it overlaps the consumer's work.
      pump();
    } else if (!end) {
      page = await new Promise<SourcePage<T> | undefined>((resolve) => {
        waiter = resolve;
        pump();
      });
    }
    if (!page) {
      // Woken with no page: by the end of the walk (`end`), or by close() (no `end` then).
      const stop = end;
      close();
      if (stop?.at) throw stamp(stop.error, stop.at);
      return undefined;
    }
    pages += 1;
    items += page.items.length;
    total = page.total ?? total;
    try {
      onProgress?.({ pages, items, total });
    } catch (error) {
      close();
      throw error;
    }
    // The consumer's page is the source's, without `received` and with the running total.
    const { received: _, ...rest } = page;
    return { ...rest, total };
  };

  // Both iterators claim the walk on the first next() (not when the iterator is created), so a
  // second iteration fails with a clear error from its first next(), like any other walk error.
  // next() calls run one after the other; return() closes at once, even mid-request.
  const iterate = <V>(
    open: () => void,
    step: () => Promise<IteratorResult<V>>,
    drop?: () => void,
  ): AsyncIterator<V> & { idle: () => boolean } => {
    let owned = false;
    let chain: Promise<unknown> = Promise.resolve();
    let waiting = 0;
    const settled = () => {
      waiting -= 1;
    };
    return {
      idle: () => waiting === 0,
      next: () => {
        try {
          if (!owned) {
            open();
            owned = true;
          }
        } catch (error) {
          return Promise.reject(error);
        }
        waiting += 1;
        const result = chain.then(step);
        chain = result.then(settled, settled);
        return result;
      },
      return: async () => {
        drop?.();
        if (owned) close();
        return DONE;
      },
    };
  };

  const itemIterator = (open: () => void): AsyncIterator<T> => {
    let batch: T[] = [];
    let index = 0;
    const take = (): IteratorResult<T> => {
      throwIfAborted();
      yielded += 1;
      return { done: false, value: batch[index++] as T };
    };
    const calls = iterate(
      open,
      async () => {
        while (index >= batch.length) {
          const page = await nextPage();
          if (!page) return DONE;
          batch = page.items;
          index = 0;
        }
        return take();
      },
      () => {
        batch = [];
      },
    );
    return {
      // Most calls find the current page with items left (so the walk is claimed) and no
      // earlier call waiting: the item is handed over in an already-settled promise, skipping
      // the chain's promises.
      next: () => {
        if (index >= batch.length || !calls.idle()) return calls.next();
        try {
          return Promise.resolve(take());
        } catch (error) {
          return Promise.reject(error);
        }
      },
      return: calls.return,
    };
  };

  return {
    [Symbol.asyncIterator]: () => itemIterator(claim),
    pages: () => ({
      [Symbol.asyncIterator]: () =>
        iterate(claim, async (): Promise<IteratorResult<Page<T>>> => {
          const page = await nextPage();
          if (!page) return DONE;
          yielded += page.items.length;
          return { done: false, value: page };
        }),
    }),
    toArray: async (options: ToArrayOptions) => {
      const max = options?.max;
      if (!Number.isInteger(max) || max < 1) {
        throw invalidParameter("max", "toArray needs { max }, an integer >= 1");
      }
      claim(max);
      const it = itemIterator(() => {});
      const out: T[] = [];
      try {
        while (out.length < max) {
          const result = await it.next();
          if (result.done) break;
          out.push(result.value);
        }
        return out;
      } finally {
        close();
      }
    },
  };
}
