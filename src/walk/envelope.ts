// Internal: reads list envelopes defensively. A body that breaks the protocol becomes a
// ProtocolError here, so a walk can never loop on it or end early without saying so.
import { ProtocolError } from "../errors.js";
import { isRecord } from "../internal/is-record.js";

/** One cursor page as the server described it. */
export interface CursorEnvelope {
  data: unknown[];
  /** The next page's cursor; undefined on the last page. */
  nextCursor: string | undefined;
  total: number | undefined;
  requestId: string | undefined;
}

/** One Cost Explorer page as the server described it. */
export interface OffsetEnvelope {
  data: unknown[];
  page: number;
  totalPages: number;
  total: number;
  requestId: string | undefined;
}

type Json = Record<string, unknown>;

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function readList(body: unknown): { data: unknown[]; meta: Json; requestId: string | undefined } {
  if (!isRecord(body) || !Array.isArray(body.data) || !isRecord(body.meta)) {
    throw new ProtocolError("A list response is not the { data: [...], meta } envelope");
  }
  const requestId = typeof body.meta.request_id === "string" ? body.meta.request_id : undefined;
  return { data: body.data, meta: body.meta, requestId };
}

/**
 * Reads `meta.pagination`. The walk ends on `has_more: false` or on `next_cursor: ""`; either
 * suffices. `has_more: true` with no usable cursor, or no `meta.pagination`, is a ProtocolError.
 */
export function readCursorEnvelope(body: unknown): CursorEnvelope {
  const { data, meta, requestId } = readList(body);
  const pagination = meta.pagination;
  if (!isRecord(pagination)) {
    throw new ProtocolError("A list response has no meta.pagination", { requestId });
  }
  const { has_more: hasMore, next_cursor: next, total_count: total } = pagination;
  if (hasMore !== true && hasMore !== false && hasMore !== undefined) {
    throw new ProtocolError("meta.pagination.has_more is not a boolean", { requestId });
  }
  const last = hasMore === false || (next === "" && hasMore === undefined);
  if (!last && (typeof next !== "string" || next === "")) {
    throw new ProtocolError("The server said more pages follow but sent no next_cursor", {
      requestId,
    });
  }
  return {
    data,
    nextCursor: last ? undefined : (next as string),
    total: isCount(total) ? total : undefined,
    requestId,
  };
}

/** Reads `meta.page_info` of Cost Explorer; a missing or malformed one is a ProtocolError. */
export function readOffsetEnvelope(body: unknown): OffsetEnvelope {
  const { data, meta, requestId } = readList(body);
  const info = meta.page_info;
  if (
    !isRecord(info) ||
    !isCount(info.page) ||
    !isCount(info.total_pages) ||
    !isCount(info.total_count)
  ) {
    throw new ProtocolError("A Cost Explorer response has no valid meta.page_info", {
      requestId,
    });
  }
  return {
    data,
    page: info.page,
    totalPages: info.total_pages,
    total: info.total_count,
    requestId,
  };
}
