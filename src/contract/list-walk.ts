import { expectStatus } from "./expect.js";
import { goneSinceListed } from "./gone.js";
import type { Exchange, Probe } from "./probe.js";
import { pageQuery, scopeFor } from "./scope.js";

/** An item of a list: whatever the server sent, read by dotted path. */
export type Item = Record<string, unknown> & { id?: unknown };

/** The outcome of walking one list by its cursors. */
export interface ListWalk {
  /** Every item of every page, in order. */
  items: Item[];
  /** The 200 pages, in order. */
  pages: Exchange[];
  /** Whether the walk reached the last page (`has_more: false`) with every page a 200. */
  complete: boolean;
  /**
   * Page 1's 404 for a parent deleted since the suite listed it (a live resource; see
   * `goneSinceListed`): noted, no violation.
   */
  gone?: Exchange;
}

/** Where and how to walk. */
export interface WalkRequest {
  /** Spec path template, e.g. `/v1/clusters/{cluster_id}/workloads`. */
  path: string;
  /** Its path parameters. */
  params?: Record<string, string>;
  /** Query parameters sent on every page (besides `limit` and `cursor`). */
  query?: Record<string, string | number | boolean>;
  limit: number;
  /** The most pages to fetch; a longer list is walked that far and noted. */
  maxPages: number;
  /**
   * Asks for `total_count` on page 1 (`include_total=true`), as the SDK's paginator does: no
   * extra request. Only for a cursor family, which takes the parameter.
   * @default false
   */
  countFirst?: boolean;
}

/**
 * Walks a list page by page with raw requests, following `next_cursor`. Does not throw for what
 * the server does: a non-200, `has_more` with no cursor or a repeated cursor is recorded as a
 * violation and ends the walk (incomplete). An unpaginated list (no `meta.pagination`) is one page.
 */
export async function walkList(probe: Probe, request: WalkRequest): Promise<ListWalk> {
  const items: Item[] = [];
  const pages: Exchange[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; page <= request.maxPages; page++) {
    const counted = page === 1 && request.countFirst ? { include_total: true } : {};
    const query = {
      ...request.query,
      ...pageQuery(request.path, request.limit),
      ...counted,
      cursor,
    };
    const ex = await probe.get(
      request.path as "/v1/clusters",
      { params: { path: request.params ?? {}, query } } as never,
    );
    if (page === 1 && (await goneSinceListed(probe, ex))) {
      return { items, pages, complete: false, gone: ex };
    }
    if (!expectStatus(probe, ex, 200)) return { items, pages, complete: false };
    pages.push(ex);
    // Item by item, not push(...data): a page of some 120 000 items (a server ignoring limit)
    // would overflow the stack and stop the check instead of being judged.
    if (Array.isArray(ex.body?.data)) for (const item of ex.body.data) items.push(item);
    const pagination = ex.body?.meta?.pagination;
    if (pagination?.has_more !== true) return { items, pages, complete: true };
    const next = pagination.next_cursor;
    if (typeof next !== "string" || next === "") {
      probe.fail(`${ex.label}: has_more is true but next_cursor is ${JSON.stringify(next)}`);
      return { items, pages, complete: false };
    }
    if (seen.has(next)) {
      probe.fail(`${ex.label}: next_cursor repeats an earlier page's cursor`);
      return { items, pages, complete: false };
    }
    seen.add(next);
    cursor = next;
  }
  probe.note(`${request.path}: walk capped at ${request.maxPages} pages of ${request.limit}`);
  return { items, pages, complete: false };
}

/**
 * Walks a list scoped to a parent that has items (see `scopeFor`); undefined, with a note,
 * when the parent list is empty.
 */
export async function walkScoped(
  probe: Probe,
  request: Omit<WalkRequest, "params">,
): Promise<(ListWalk & { params: Record<string, string> }) | undefined> {
  const params = await scopeFor(probe, request.path);
  if (!params) {
    probe.note(`${request.path}: not checked, its parent list gave no item`);
    return undefined;
  }
  return { ...(await walkList(probe, { ...request, params })), params };
}
