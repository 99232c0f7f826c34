// Internal: the public face of a walk. Iterates once, by items, pages or toArray; reports
// progress; stamps every error with where the walk stood, so the caller can resume.
import { AbortError, isKubeadaptError, KubeadaptError } from "../errors.js";
import { invalidParameter, type ResolvedOptions } from "./options.js";
import { PagePump } from "./page-pump.js";
import type { OpenSource, PageSource, WalkPoint } from "./source.js";
import type { Page, Paginator, ToArrayOptions } from "./types.js";

/** A walk ready to run: its protocol and options, or why it cannot run. */
export type WalkPlan<T> =
  | { ok: true; open: OpenSource<T>; options: ResolvedOptions }
  | { ok: false; error: unknown };

/** Wraps a {@link WalkPlan} in the lazy, iterate-once {@link Paginator}. */
export function createPaginator<T>(plan: WalkPlan<T>): Paginator<T> {
  let claimed = false;
  const claim = (budget: number | undefined): Walk<T> => {
    if (claimed) {
      throw new KubeadaptError(
        "This paginator was already iterated; call paginate() again to start a new walk",
      );
    }
    claimed = true;
    return new Walk(plan, budget);
  };
  return {
    [Symbol.asyncIterator]: () => itemIterator(() => claim(undefined)),
    pages: () => ({ [Symbol.asyncIterator]: () => pageIterator(() => claim(undefined)) }),
    toArray: async (options: ToArrayOptions) => {
      const max = options?.max;
      if (typeof max !== "number" || !Number.isInteger(max) || max < 1) {
        throw invalidParameter("max", "toArray needs { max }, an integer >= 1");
      }
      const walk = claim(max);
      const items = itemIterator(() => walk);
      const out: T[] = [];
      try {
        while (out.length < max) {
          const result = await items.next();
          if (result.done) break;
          out.push(result.value);
        }
        return out;
      } finally {
        walk.close();
      }
    },
  };
}

const DONE = { done: true, value: undefined } as const;

// Both iterators claim the walk on the first next() (not when the iterator is created), so a
// second iteration fails with a clear error from its first next(), like any other walk error.

function itemIterator<T>(open: () => Walk<T>): AsyncIterator<T> {
  let walk: Walk<T> | undefined;
  let items: T[] = [];
  let index = 0;
  const take = (current: Walk<T>): IteratorResult<T> => {
    current.throwIfAborted();
    current.itemsYielded += 1;
    return { done: false, value: items[index++] as T };
  };
  const step = async (): Promise<IteratorResult<T>> => {
    const current = walk as Walk<T>;
    while (index >= items.length) {
      const page = await current.nextPage();
      if (!page) return DONE;
      items = page.items;
      index = 0;
    }
    return take(current);
  };
  const queue = serialized(step, () => {
    items = [];
    walk?.close();
  });
  return {
    next: () => {
      try {
        walk ??= open();
        // Most calls find the current page with items left and no earlier call waiting: the
        // item is handed over in an already-settled promise, skipping the queue's promises.
        if (queue.idle() && index < items.length) return Promise.resolve(take(walk));
      } catch (error) {
        return Promise.reject(error);
      }
      return queue.next();
    },
    return: queue.return,
  };
}

function pageIterator<T>(open: () => Walk<T>): AsyncIterator<Page<T>> {
  let walk: Walk<T> | undefined;
  const step = async (): Promise<IteratorResult<Page<T>>> => {
    const current = walk as Walk<T>;
    const page = await current.nextPage();
    if (!page) return DONE;
    current.itemsYielded += page.items.length;
    return { done: false, value: page };
  };
  const queue = serialized(step, () => walk?.close());
  return {
    next: () => {
      try {
        walk ??= open();
      } catch (error) {
        return Promise.reject(error);
      }
      return queue.next();
    },
    return: queue.return,
  };
}

// Runs next() calls one after the other; return() closes at once, even mid-request.
function serialized<V>(step: () => Promise<IteratorResult<V>>, close: () => void) {
  let chain: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  const settled = () => {
    waiting -= 1;
  };
  return {
    /** No next() call is waiting: the caller may answer the next one itself. */
    idle: () => waiting === 0,
    next: (): Promise<IteratorResult<V>> => {
      waiting += 1;
      const result = chain.then(step);
      chain = result.then(settled, settled);
      return result;
    },
    return: async (): Promise<IteratorResult<V>> => {
      close();
      return DONE;
    },
  };
}

/** One run of a walk, from its first page to its end, error or close. */
class Walk<T> {
  /** Items handed to the consumer. */
  itemsYielded = 0;
  readonly #plan: WalkPlan<T>;
  readonly #budget: number | undefined;
  #source: PageSource<T> | undefined;
  #pump: PagePump<T> | undefined;
  #done = false;
  #pages = 0;
  #items = 0;
  #total: number | undefined;

  constructor(plan: WalkPlan<T>, budget: number | undefined) {
    this.#plan = plan;
    this.#budget = budget;
  }

  /** The next non-empty page, or undefined at the end; throws the walk's error in order. */
  async nextPage(): Promise<Page<T> | undefined> {
    if (this.#done) return undefined;
    const plan = this.#plan;
    if (!plan.ok) {
      this.#done = true;
      throw plan.error;
    }
    this.#source ??= plan.open(this.#budget);
    this.throwIfAborted();
    this.#pump ??= new PagePump(this.#source, { ...plan.options, budget: this.#budget });
    const result = await this.#pump.next();
    if (result.kind === "page") {
      const { page } = result;
      this.#pages += 1;
      this.#items += page.items.length;
      this.#total = page.total ?? this.#total;
      try {
        plan.options.onProgress?.({ pages: this.#pages, items: this.#items, total: this.#total });
      } catch (error) {
        this.close();
        throw error;
      }
      return {
        items: page.items,
        page: page.page,
        cursor: page.cursor,
        nextCursor: page.nextCursor,
        hasMore: page.hasMore,
        total: this.#total,
        requestId: page.requestId,
      };
    }
    this.close();
    if (result.kind === "error") throw this.#stamp(result.error, result.at);
    return undefined;
  }

  /** Throws `AbortError` (and closes) if the caller's signal fired. */
  throwIfAborted(): void {
    const signal = this.#plan.ok ? this.#plan.options.signal : undefined;
    if (!signal?.aborted || this.#done) return;
    const at = this.#source?.position() ?? { cursor: undefined, page: 1 };
    this.close();
    throw this.#stamp(new AbortError("The walk was aborted", { cause: signal.reason }), at);
  }

  close(): void {
    this.#done = true;
    this.#pump?.close();
  }

  #stamp(error: unknown, at: WalkPoint): KubeadaptError {
    const stamped = isKubeadaptError(error)
      ? error
      : new KubeadaptError(`A page request failed: ${describe(error)}`, { cause: error });
    stamped.cursor = at.cursor;
    stamped.page = at.page;
    stamped.itemsYielded = this.itemsYielded;
    return stamped;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
