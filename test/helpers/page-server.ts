// An in-memory stub of a /v1 list endpoint behind the FetchPage seam, for paginate tests and
// benchmarks. It builds each query string the way the client will (by calling
// init.querySerializer), binds cursors to that exact string, and honours abort signals.
import {
  AbortError,
  BadRequestError,
  ConnectionError,
  CursorExpiredError,
  InvalidCursorError,
  isKubeadaptError,
  type KubeadaptError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from "../../src/errors.js";
import type { FetchPage, FetchPageInit } from "../../src/paginate.js";

/** A list item: only `id` matters to the walk. */
export interface StubItem {
  id: string;
  [key: string]: unknown;
}

/** One request the stub received. */
export interface StubRequest {
  /** 0-based call number. */
  n: number;
  path: string;
  pathParams: Record<string, unknown> | undefined;
  /** The query string the walk built (from `init.querySerializer`). */
  search: string;
  query: URLSearchParams;
  signal: FetchPageInit["signal"] | undefined;
  /** The signal fired while the request was pending. */
  aborted: boolean;
  /** The request resolved or rejected. */
  settled: boolean;
}

/** How the stub behaves. */
export interface PageServerOptions {
  /** The list's items, in server order. */
  items: readonly StubItem[];
  /** `cursor` (`meta.pagination`) or `offset` (Cost Explorer's `meta.page_info`). */
  mode?: "cursor" | "offset";
  /** Awaited before answering (abortable): latency, or a gate a test opens. Default: none. */
  delay?: (request: StubRequest) => Promise<void> | undefined;
  /**
   * Replace the response, to misbehave on purpose: `answer()` computes the one the stub would
   * send (and throws what it would throw); skip it to answer cursors the stub did not issue.
   */
  respond?: (request: StubRequest, answer: () => StubBody) => unknown;
}

/** The body the stub sends. */
export interface StubBody {
  data: StubItem[];
  meta: Record<string, unknown> & { pagination?: Record<string, unknown> };
}

/** A stub server: its FetchPage and what it saw. */
export interface PageServer {
  fetchPage: FetchPage;
  requests: StubRequest[];
  /** Requests not yet settled. */
  pending(): number;
  /** Every cursor issued so far now answers 410 `expired`. */
  expireCursors(): void;
}

interface CursorToken {
  offset: number;
  query: string;
  epoch: number;
}

const encode = (token: CursorToken) => btoa(JSON.stringify(token)).replace(/=+$/, "");

function decode(cursor: string): CursorToken | undefined {
  try {
    const token = JSON.parse(atob(cursor)) as CursorToken;
    return Number.isInteger(token.offset) && typeof token.query === "string" ? token : undefined;
  } catch {
    return undefined;
  }
}

/** `{ id: "item-0000" }` ... for n items. */
export function makeItems(n: number, prefix = "item"): StubItem[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${String(i).padStart(4, "0")}` }));
}

/** Starts a stub over `options.items`. */
export function createPageServer(options: PageServerOptions): PageServer {
  const requests: StubRequest[] = [];
  let epoch = 0;

  const answer = (request: StubRequest): StubBody => {
    const q = request.query;
    const sizeName = options.mode === "offset" ? "per_page" : "limit";
    const size = pageSize(q.get(sizeName), sizeName);
    if (options.mode === "offset") return offsetPage(options.items, q, size, request.n);
    // The query a cursor is bound to: everything but cursor and include_total, byte for byte.
    const bound = request.search
      .split("&")
      .filter((p) => p && !p.startsWith("cursor=") && !p.startsWith("include_total="))
      .join("&");
    let offset = 0;
    const cursor = q.get("cursor");
    if (cursor !== null) {
      const token = decode(cursor);
      if (!token) throw new InvalidCursorError("cursor is not valid", { status: 400 });
      if (token.query !== bound) throw expired("query_changed");
      if (token.epoch !== epoch) throw expired("expired");
      offset = token.offset;
    }
    const end = Math.min(offset + size, options.items.length);
    const more = end < options.items.length;
    const pagination: Record<string, unknown> = {
      next_cursor: more ? encode({ offset: end, query: bound, epoch }) : "",
      has_more: more,
      limit: size,
    };
    if (q.get("include_total") === "true") pagination.total_count = options.items.length;
    return {
      data: options.items.slice(offset, end),
      meta: { request_id: `req_${request.n}`, pagination },
    };
  };

  const fetchPage: FetchPage = async (path: string, init: FetchPageInit) => {
    const search = init.querySerializer({});
    const request: StubRequest = {
      n: requests.length,
      path,
      pathParams: init.params?.path,
      search,
      query: new URLSearchParams(search),
      signal: init.signal,
      aborted: false,
      settled: false,
    };
    requests.push(request);
    try {
      await abortable(options.delay?.(request) ?? Promise.resolve(), request);
      return options.respond ? options.respond(request, () => answer(request)) : answer(request);
    } finally {
      request.settled = true;
    }
  };

  return {
    fetchPage,
    requests,
    pending: () => requests.filter((r) => !r.settled).length,
    expireCursors: () => {
      epoch += 1;
    },
  };
}

function expired(reason: "expired" | "query_changed"): CursorExpiredError {
  return new CursorExpiredError(`cursor ${reason}`, {
    status: 410,
    code: "CURSOR_EXPIRED",
    details: [{ reason }],
  });
}

function pageSize(raw: string | null, field: string): number {
  if (raw === null) return 100;
  const size = Number(raw);
  if (!/^\d+$/.test(raw) || size < 1 || size > 500) {
    throw new BadRequestError(`${field} out of range`, { status: 400, details: [{ field }] });
  }
  return size;
}

function offsetPage(items: readonly StubItem[], q: URLSearchParams, size: number, n: number) {
  const page = Number(q.get("page") ?? "1");
  const start = (page - 1) * size;
  return {
    data: items.slice(start, start + size),
    meta: {
      request_id: `req_${n}`,
      page_info: {
        page,
        per_page: size,
        total_count: items.length,
        total_pages: Math.ceil(items.length / size),
      },
    },
  };
}

// Waits for `work`, unless the request's signal fires first: then rejects with AbortError,
// as the real client does.
function abortable(work: Promise<void>, request: StubRequest): Promise<void> {
  const signal = request.signal;
  if (!signal) return work;
  if (signal.aborted) {
    request.aborted = true;
    return Promise.reject(new AbortError("aborted"));
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      request.aborted = true;
      reject(new AbortError("aborted", { cause: signal.reason }));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** A fault injected into one call. */
export type Fault = "none" | "429" | "500" | "503" | "reset" | "timeout" | "lost";

/** The error a transient fault surfaces as, as the retrying client would throw it. */
export function faultError(fault: Exclude<Fault, "none">): KubeadaptError {
  switch (fault) {
    case "429":
      return new RateLimitError("rate limited", { status: 429, retryAfterMs: 0 });
    case "500":
    case "503":
      return new ServerError("server error", { status: Number(fault) });
    case "reset":
    case "lost":
      return new ConnectionError("connection reset");
    case "timeout":
      return new TimeoutError("timed out");
  }
}

/**
 * Injects `schedule[i]` into call i (calls past the end succeed). `lost` lets the stub answer,
 * then drops the response, like a connection reset after the server did the work.
 */
export function withFaults(fetchPage: FetchPage, schedule: readonly Fault[]): FetchPage {
  let call = 0;
  return async (path, init) => {
    const fault = schedule[call++] ?? "none";
    if (fault === "none") return fetchPage(path, init);
    if (fault === "lost") await fetchPage(path, init);
    throw faultError(fault);
  };
}

const TRANSIENT = new Set(["RateLimitError", "ServerError", "ConnectionError", "TimeoutError"]);

/** A tiny stand-in for the client's retry layer: retries transient errors, `attempts` in all. */
export function withRetries(fetchPage: FetchPage, attempts: number): FetchPage {
  return async (path, init) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetchPage(path, init);
      } catch (error) {
        const transient = isKubeadaptError(error) && TRANSIENT.has(error.name);
        if (!transient || attempt >= attempts || init.signal?.aborted) throw error;
      }
    }
  };
}
