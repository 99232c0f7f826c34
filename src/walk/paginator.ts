// Internal: a walk and its public face, in one closure. Fetches pages one after the other into
// a bounded buffer ahead of the consumer (client-go's PageBufferSize); enforces the caps
// (maxPages, toArray's budget); stops at once when closed or aborted; iterates once, by items,
// pages or toArray; reports progress; stamps every error with where the walk stood, so the
// caller can resume. Closures rather than classes: the state is plain variables, which is what
// keeps this small once minified.
import { AbortError, isKubeadaptError, KubeadaptError, PaginationLimitError } from "../errors.js";
import { onAbort, type PlainSignal, plainSignal } from "../internal/signals.js";
import { DEFAULT_MAX_PAGES, DEFAULT_PREFETCH, integerOption } from "./options.js";
import type { PageSource, SourcePage } from "./source.js";
import type { Page, Paginator, ToArrayOptions, WalkOptions } from "./types.js";

const DONE = { done: true, value: undefined } as const;

/**
 * Wraps a walk in the lazy, iterate-once {@link Paginator}. On the first `next()` it checks the
 * options and calls `open` with the `toArray` maximum, if any (a source may lower its page size
 * to it); a bad option or a throwing `open` fails that `next()`.
 */
export const createPaginator = <T>(
  init: WalkOptions,
  open: (budget: number) => PageSource<T>,
): Paginator<T> => {
  // prefetch and maxPages are checked when the walk starts.
  let { signal, onProgress, prefetch, maxPages } = init as WalkOptions & {
    prefetch: number;
    maxPages: number;
  };
  let claimed = false;
  // Items toArray still wants; unbounded otherwise.
  let budget = Infinity;
  let source: PageSource<T> | undefined;
  let closed = false;
  // Pages fetched ahead of the consumer.
  const queue: SourcePage<T>[] = [];
  // Set once nothing more will be fetched: [] at the list's end, [error] when the walk failed.
  let end: [error?: unknown] | undefined;
  // The page handed out and not yet wholly delivered: by items, the one whose items are being
  // yielded (until they all were); for toArray, its first (it hands over nothing until done).
  let held: SourcePage<T> | undefined;
  // Wakes the consumer waiting for the queue to fill or the walk to end.
  let waiter: (() => void) | undefined;
  // The in-flight page's own signal. Each request gets a fresh, short-lived one: a `fetch` that
  // never yields to the event loop never lets undici drop the listener each Request adds to its
  // signal, so one long-lived walk signal would collect one per page.
  let request: PlainSignal | undefined;
  let fetched = 0;
  let pages = 0;
  let items = 0;
  // Items handed to the consumer.
  let yielded = 0;
  // Removes the in-flight request's listener on the caller's signal.
  let unlink = () => {};

  const claim = (): void => {
    if (claimed) {
      throw new KubeadaptError("This walk was already iterated; call paginate() again");
    }
    claimed = true;
  };

  /**
   * `error` as a KubeadaptError that says where to resume: the first item the caller has not
   * received, in the page held, else the oldest buffered page, else the next request (after a
   * failure, the failed one's). Before close(), which drops the buffered pages.
   */
  const stamp = (error: unknown): KubeadaptError => {
    const { cursor, page } = held ?? queue[0] ?? (source as PageSource<T>).at();
    return Object.assign(
      isKubeadaptError(error)
        ? error
        : new KubeadaptError(
            `A walk failed: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          ),
      { cursor, page, itemsYielded: yielded },
    );
  };

  const settle = (): void => {
    waiter?.();
    waiter = undefined;
  };

  /** Ends the walk: with no argument at the list's end, else failed with `error`. */
  const finish = (...error: [error?: unknown]): void => {
    end = error;
    settle();
  };

  /** Stops the walk: aborts the in-flight request, drops buffered pages, fetches nothing more. */
  const close = (): void => {
    closed = true;
    unlink();
    queue.length = 0;
    // The reason never reaches the consumer: a closed walk ignores how the request ended.
    request?.abort();
    settle();
  };

  const aborted = () => new AbortError("The walk was aborted", { cause: signal?.reason });

  /** Throws `AbortError` (and closes) if the caller's signal fired. */
  const throwIfAborted = (): void => {
    if (signal?.aborted && !closed) {
      const error = stamp(aborted());
      close();
      throw error;
    }
  };

  const accept = (page: SourcePage<T>): void => {
    fetched += 1;
    let last = !page.hasMore;
    if (page.items.length >= budget) {
      page.items = page.items.slice(0, budget);
      last = true;
    }
    budget -= page.items.length;
    if (page.items.length > 0) {
      queue.push(page);
      settle();
    }
    if (last) {
      finish();
    } else if (fetched >= maxPages) {
      finish(
        new PaginationLimitError(
          `Reached maxPages (${maxPages}) with more to come; raise it or resume from error.cursor/page`,
        ),
      );
    }
  };

  const pump = (): void => {
    if (closed || end || request || (!waiter && queue.length >= prefetch)) return;
    request = plainSignal();
    // The caller's signal is linked only while a request is in flight: a walk left unfinished
    // (neither ended nor closed) then holds no listener there, which would keep its buffered
    // pages alive as long as the signal lives. A pull checks the signal itself. The buffered
    // pages stay until then: the error points at the oldest.
    if (signal) {
      unlink = onAbort(signal, () => {
        finish(aborted());
        request?.abort(signal.reason);
      });
    }
    (source as PageSource<T>).fetch(request).then(
      (page) => {
        request = undefined;
        unlink();
        if (closed || end) return;
        accept(page);
        pump();
      },
      (error: unknown) => {
        request = undefined;
        unlink();
        if (!closed && !end) finish(error);
      },
    );
  };

  /**
   * The next non-empty page, or undefined at the end; throws the walk's error in order, and
   * closes the walk on any error. The page becomes the one `held` unless one is.
   */
  const nextPage = async (): Promise<Page<T> | undefined> => {
    try {
      if (closed) return undefined;
      if (!source) {
        prefetch = integerOption("prefetch", prefetch, 0, DEFAULT_PREFETCH);
        maxPages = integerOption("maxPages", maxPages, 1, DEFAULT_MAX_PAGES);
        source = open(budget);
      }
      throwIfAborted();
      if (!queue.length && !end) {
        await new Promise<void>((resolve) => {
          waiter = resolve;
          pump();
        });
      }
      const page = queue.shift();
      if (!page) {
        // Woken with no page: by the end of the walk (`end`), or by close() (no `end` then).
        if (end?.length) throw stamp(end[0]);
        close();
        return undefined;
      }
      // Taking a page frees a buffer slot: the next request starts before this page's items
      // reach the consumer, so it overlaps the consumer's work.
      pump();
      held ??= page;
      pages += 1;
      items += page.items.length;
      try {
        onProgress?.({ pages, items, total: page.total });
      } catch (error) {
        // Stamped as any walk error: the page is not delivered, a resume fetches it again.
        throw stamp(error);
      }
      return page;
    } catch (error) {
      close();
      throw error;
    }
  };

  // Both iterators claim the walk on the first next() (not when the iterator is created), so a
  // second iteration fails with a clear error from its first next(), like any other walk error.
  // next() calls run one after the other; return() closes at once, even mid-request.
  const iterate = <V>(byPage: boolean): AsyncIterator<V> => {
    let owned = false;
    let batch: T[] = [];
    let index = 0;
    let chain: Promise<unknown> = Promise.resolve();
    let waiting = 0;
    const settled = () => waiting--;
    const take = (): IteratorResult<V> => {
      throwIfAborted();
      yielded += 1;
      return { done: false, value: batch[index++] as V };
    };
    const step = async (): Promise<IteratorResult<V>> => {
      while (index >= batch.length) {
        // Let go of the page handed out (wholly delivered), so that it is garbage while the
        // next is parsed.
        batch = [];
        held = undefined;
        const page = await nextPage();
        if (!page) return DONE;
        if (byPage) {
          yielded += page.items.length;
          return { done: false, value: page as V };
        }
        batch = page.items;
        index = 0;
      }
      return take();
    };
    return {
      next: () => {
        try {
          if (!owned) {
            claim();
            owned = true;
          }
          // Most calls find the current page with items left and no earlier call waiting: the
          // item is handed over in an already-settled promise, skipping the chain's promises.
          if (index < batch.length && !waiting) return Promise.resolve(take());
        } catch (error) {
          return Promise.reject(error);
        }
        waiting += 1;
        const result = chain.then(step);
        chain = result.then(settled, settled);
        return result;
      },
      return: async () => {
        batch = [];
        if (owned) close();
        return DONE;
      },
    };
  };

  return {
    [Symbol.asyncIterator]: () => iterate<T>(false),
    pages: () => ({ [Symbol.asyncIterator]: () => iterate<Page<T>>(true) }),
    toArray: async (options: ToArrayOptions) => {
      // `max` is required: without a cap, toArray could hold a whole unbounded list.
      const max = integerOption("max", options?.max, 1);
      claim();
      budget = max;
      let out: T[] = [];
      // Its pages are held, not delivered, until it returns: an error points where it started,
      // with itemsYielded 0 (the items collected are lost with the rejection).
      for (let page = await nextPage(); page; page = await nextPage()) {
        out = out.concat(page.items);
      }
      return out;
    },
  };
};
