// Internal: the offset protocol of Cost Explorer (`page`/`per_page`, `meta.page_info`), on the
// same shared walk as cursor lists.
import { ProtocolError } from "../errors.js";
import { checkPageSize } from "../internal/page-size.js";
import type { ItemOf, OffsetPaginatedPath } from "../types.js";
import { readOffsetEnvelope } from "./envelope.js";
import { invalidParameter, resolveOptions, shrunkPageSize } from "./options.js";
import { createPaginator, type WalkPlan } from "./paginator.js";
import { freezeQuery, pageQuery, snapshotQuery } from "./query.js";
import type { PageSource, SourcePage, WalkPoint } from "./source.js";
import type { FetchPage, InitArg, OffsetPaginateInit, Paginator } from "./types.js";

interface OffsetPlan {
  fetchPage: FetchPage;
  path: string;
  pathParams: Record<string, unknown> | undefined;
  query: Record<string, unknown>;
  frozen: string;
  startPage: number;
}

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
  return createPaginator<ItemOf<P>>(
    planOffsetWalk(fetchPage, path, (init ?? {}) as OffsetPaginateInit<OffsetPaginatedPath>),
  );
}

function planOffsetWalk<T>(
  fetchPage: FetchPage,
  path: string,
  init: OffsetPaginateInit<OffsetPaginatedPath>,
): WalkPlan<T> {
  try {
    const options = resolveOptions(init);
    const params = init.params as
      | { query?: Record<string, unknown>; path?: Record<string, unknown> }
      | undefined;
    const query = snapshotQuery(params?.query, ["page"]);
    checkPageSize(query);
    const startPage = params?.query?.page ?? 1;
    if (typeof startPage !== "number" || !Number.isInteger(startPage) || startPage < 1) {
      throw invalidParameter("page", "page must be an integer >= 1");
    }
    const plan: OffsetPlan = {
      fetchPage,
      path,
      pathParams: params?.path ? { ...params.path } : undefined,
      query,
      frozen: freezeQuery(query),
      startPage,
    };
    return { ok: true, options, open: (budget) => new OffsetSource<T>(plan, budget) };
  } catch (error) {
    return { ok: false, error };
  }
}

class OffsetSource<T> implements PageSource<T> {
  readonly #plan: OffsetPlan;
  readonly #frozen: string;
  #page: number;

  constructor(plan: OffsetPlan, budget: number | undefined) {
    this.#plan = plan;
    // per_page decides what page n means, so only a walk from page 1 may lower it.
    const size = plan.startPage === 1 ? shrunkPageSize(plan.query.per_page, budget) : undefined;
    this.#frozen =
      size === undefined ? plan.frozen : freezeQuery({ ...plan.query, per_page: size });
    this.#page = plan.startPage;
  }

  position(): WalkPoint {
    return { cursor: undefined, page: this.#page };
  }

  async fetch(signal: AbortSignal): Promise<SourcePage<T>> {
    const { fetchPage, path, pathParams } = this.#plan;
    const page = this.#page;
    const body = await fetchPage(path, {
      ...(pathParams ? { params: { path: pathParams } } : {}),
      querySerializer: pageQuery(this.#frozen, [["page", page]]),
      signal,
    });
    const envelope = readOffsetEnvelope(body);
    if (envelope.page !== page) {
      throw new ProtocolError(`Asked for page ${page} but the server sent page ${envelope.page}`, {
        requestId: envelope.requestId,
      });
    }
    this.#page = page + 1;
    return {
      items: envelope.data as T[],
      received: envelope.data.length,
      page,
      cursor: undefined,
      nextCursor: undefined,
      hasMore: page < envelope.totalPages,
      total: envelope.total,
      requestId: envelope.requestId,
    };
  }
}
