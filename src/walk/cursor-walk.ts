// Internal: the cursor protocol of /v1 lists (`cursor`, `meta.pagination`), on the shared walk.
import { isCursorExpiredError, ProtocolError } from "../errors.js";
import { checkPageSize } from "../internal/page-size.js";
import type { CursorPaginatedPath, ItemOf } from "../types.js";
import { readCursorEnvelope } from "./envelope.js";
import { resolveOptions, shrunkPageSize } from "./options.js";
import { createPaginator, type WalkPlan } from "./paginator.js";
import { freezeQuery, pageQuery, snapshotQuery } from "./query.js";
import type { PageSource, SourcePage, WalkPoint } from "./source.js";
import type { FetchPage, InitArg, PaginateInit, Paginator } from "./types.js";

/** Restarts from page 1 a walk with `onCursorExpired: "restart"` makes before it throws. */
export const MAX_RESTARTS = 3;

interface CursorPlan {
  fetchPage: FetchPage;
  path: string;
  pathParams: Record<string, unknown> | undefined;
  query: Record<string, unknown>;
  frozen: string;
  startCursor: string | undefined;
  wantTotal: boolean;
  restart: boolean;
}

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
  return createPaginator<ItemOf<P>>(
    planCursorWalk(fetchPage, path, (init ?? {}) as PaginateInit<CursorPaginatedPath>),
  );
}

function planCursorWalk<T>(
  fetchPage: FetchPage,
  path: string,
  init: PaginateInit<CursorPaginatedPath>,
): WalkPlan<T> {
  try {
    const options = resolveOptions(init);
    const params = init.params as
      | { query?: Record<string, unknown>; path?: Record<string, unknown> }
      | undefined;
    const query = snapshotQuery(params?.query, ["cursor", "include_total"]);
    checkPageSize(query);
    const given = params?.query?.cursor;
    const plan: CursorPlan = {
      fetchPage,
      path,
      pathParams: params?.path ? { ...params.path } : undefined,
      query,
      frozen: freezeQuery(query),
      startCursor: init.cursor || (typeof given === "string" && given) || undefined,
      wantTotal: init.onProgress !== undefined || params?.query?.include_total === true,
      restart: init.onCursorExpired === "restart",
    };
    return { ok: true, options, open: (budget) => new CursorSource<T>(plan, budget) };
  } catch (error) {
    return { ok: false, error };
  }
}

class CursorSource<T> implements PageSource<T> {
  readonly #plan: CursorPlan;
  readonly #frozen: string;
  readonly #seenCursors = new Set<string>();
  // Ids handed on, to skip after a restart; kept only when restarts are allowed.
  readonly #seenIds: Set<unknown> | undefined;
  #cursor: string | undefined;
  #page = 1;
  #askTotal: boolean;
  #restarts = 0;

  constructor(plan: CursorPlan, budget: number | undefined) {
    this.#plan = plan;
    const size =
      plan.startCursor === undefined ? shrunkPageSize(plan.query.limit, budget) : undefined;
    this.#frozen = size === undefined ? plan.frozen : freezeQuery({ ...plan.query, limit: size });
    this.#cursor = plan.startCursor;
    if (plan.startCursor !== undefined) this.#seenCursors.add(plan.startCursor);
    this.#askTotal = plan.wantTotal;
    this.#seenIds = plan.restart ? new Set() : undefined;
  }

  position(): WalkPoint {
    return { cursor: this.#cursor, page: this.#page };
  }

  async fetch(signal: AbortSignal): Promise<SourcePage<T>> {
    for (;;) {
      const extra: [string, string | boolean][] = [];
      if (this.#cursor !== undefined) extra.push(["cursor", this.#cursor]);
      if (this.#askTotal) extra.push(["include_total", true]);
      const { fetchPage, path, pathParams } = this.#plan;
      let body: unknown;
      try {
        body = await fetchPage(path, {
          ...(pathParams ? { params: { path: pathParams } } : {}),
          querySerializer: pageQuery(this.#frozen, extra),
          signal,
        });
      } catch (error) {
        if (!this.#mayRestart(error, signal)) throw error;
        this.#restart();
        continue;
      }
      return this.#advance(readCursorEnvelope(body));
    }
  }

  #advance(envelope: ReturnType<typeof readCursorEnvelope>): SourcePage<T> {
    const next = envelope.nextCursor;
    if (next !== undefined && this.#seenCursors.has(next)) {
      throw new ProtocolError("The server sent a cursor it had already sent in this walk", {
        requestId: envelope.requestId,
      });
    }
    const page: SourcePage<T> = {
      items: this.#dedupe(envelope.data),
      received: envelope.data.length,
      page: this.#page,
      cursor: this.#cursor,
      nextCursor: next,
      hasMore: next !== undefined,
      total: envelope.total,
      requestId: envelope.requestId,
    };
    if (next !== undefined) this.#seenCursors.add(next);
    this.#cursor = next;
    this.#page += 1;
    this.#askTotal = false;
    return page;
  }

  #mayRestart(error: unknown, signal: AbortSignal): boolean {
    return (
      this.#seenIds !== undefined &&
      isCursorExpiredError(error) &&
      this.#restarts < MAX_RESTARTS &&
      !signal.aborted
    );
  }

  #restart(): void {
    this.#restarts += 1;
    this.#cursor = undefined;
    this.#page = 1;
    this.#seenCursors.clear();
    this.#askTotal = this.#plan.wantTotal;
  }

  #dedupe(data: unknown[]): T[] {
    const seen = this.#seenIds;
    if (!seen) return data as T[];
    const fresh = this.#restarts === 0 ? data : data.filter((item) => !seen.has(idOf(item)));
    for (const item of fresh) {
      const id = idOf(item);
      if (id !== undefined) seen.add(id);
    }
    return fresh as T[];
  }
}

function idOf(item: unknown): unknown {
  const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" || typeof id === "number" ? id : undefined;
}
