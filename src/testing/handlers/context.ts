import type { CostMode } from "../../types.js";
import { type CursorCodec, canonicalQuery, hashQuery } from "../cursor.js";
import { indexAfter, type SortKey } from "../data/sorting.js";
import type { Store, View } from "../data/store.js";
import type { Query } from "../query.js";
import { ApiError, type BaseMeta, type FakeResult, notFound, ok } from "../respond.js";

/** Cursors older than this return 410 CURSOR_EXPIRED (reason `expired`). */
export const CURSOR_TTL_MS = 24 * 60 * 60 * 1000;

/** Everything a handler needs about one request. */
export interface Ctx {
  /** The request path, e.g. `/v1/clusters/…/workloads`. */
  path: string;
  /** Path parameters by name, as sent. */
  params: Record<string, string>;
  query: Query;
  base: BaseMeta;
  store: Store;
  cursors: CursorCodec;
  /** The fake clock's time when the request arrived. */
  now: number;
}

/** A route's handler. */
export type Handler = (ctx: Ctx) => FakeResult | Promise<FakeResult>;

/** A 404 unless the id names a resource of the expected kind. */
export function lookup<T extends { kind: string }>(view: View, id: string, kind: T["kind"]): T {
  const item = view.byId.get(id);
  if (!item || item.kind !== kind) throw notFound(`${kind} ${id} not found`);
  return item as T;
}

/** Keeps the items that pass every active filter; the same array when none is active. */
export function applyFilters<T>(
  items: readonly T[],
  filters: ((item: T) => boolean)[],
): readonly T[] {
  if (filters.length === 0) return items;
  return items.filter((item) => filters.every((f) => f(item)));
}

/** One filter when the parameter was given, none otherwise. */
export function when<T, V>(
  value: V | undefined,
  test: (item: T, value: V) => boolean,
): ((item: T) => boolean)[] {
  return value === undefined ? [] : [(item: T) => test(item, value)];
}

function cursorError(status: 400 | 410, reason: string, message: string): ApiError {
  return status === 400
    ? new ApiError(400, "INVALID_CURSOR", message, [{ field: "cursor", reason }])
    : new ApiError(410, "CURSOR_EXPIRED", message, [{ reason }]);
}

/**
 * One page of a cursor-paginated list. `items` are the matching rows in sort order. Reads
 * `limit`, `include_total` and `cursor`, checks the cursor (400 INVALID_CURSOR when modified,
 * 410 CURSOR_EXPIRED when older than 24 h or issued for another query) and resumes strictly
 * after the position it records.
 */
export async function cursorPage<T extends { id: string }>(
  ctx: Ctx,
  items: readonly T[],
  key: SortKey<NoInfer<T>>,
  costMode: CostMode | undefined,
): Promise<FakeResult> {
  const limit = ctx.query.limit();
  const includeTotal = ctx.query.boolean("include_total");
  const token = ctx.query.get("cursor");
  const queryHash = await hashQuery(canonicalQuery(ctx.path, ctx.query.params));
  let start = 0;
  if (token !== undefined) {
    const payload = await ctx.cursors.decode(token);
    const afterValue = payload ? key.numeric(payload.after_value) : Number.NaN;
    if (!payload || Number.isNaN(afterValue))
      throw cursorError(400, "invalid", "cursor is malformed or was modified");
    if (ctx.now - payload.issued_at > CURSOR_TTL_MS)
      throw cursorError(410, "expired", "cursor older than 24h, restart pagination");
    if (payload.query_hash !== queryHash)
      throw cursorError(410, "query_changed", "cursor query parameters changed between pages");
    start = indexAfter(items, key, afterValue, payload.after_id);
  }
  const page = items.slice(start, start + limit);
  const hasMore = start + limit < items.length;
  const last = page[page.length - 1];
  const nextCursor =
    hasMore && last
      ? await ctx.cursors.encode({
          after_id: last.id,
          after_value: key.value(last),
          query_hash: queryHash,
          issued_at: ctx.now,
        })
      : "";
  const pagination: Record<string, unknown> = { next_cursor: nextCursor, has_more: hasMore, limit };
  if (includeTotal) pagination.total_count = items.length;
  return ok(ctx.base, page, costMode, { pagination });
}
