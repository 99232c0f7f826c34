import { abortableSleep } from "../internal/abortable-sleep.js";
import type { FakeClock } from "./clock.js";
import type { CursorCodec } from "./cursor.js";
import { isoSeconds } from "./data/common.js";
import type { Store } from "./data/store.js";
import type { FaultDecision, FaultInjector } from "./faults.js";
import { preferredResult, selectsResponse } from "./prefer.js";
import { mulberry32, type Random } from "./prng.js";
import { Query } from "./query.js";
import { ApiError, type BaseMeta, errorResult, type FakeResult } from "./respond.js";
import { matchRoute } from "./router.js";

/** One request the fake received, in arrival order. The token is never recorded. */
export interface FakeRequestRecord {
  method: string;
  /** The URL path, e.g. `/v1/workloads`. */
  path: string;
  /** The spec path template it matched, e.g. `/v1/workloads/{workload_uid}`. */
  route?: string;
  /** The query parameters as sent. */
  query: Record<string, string | string[]>;
  /** The fake clock's time when it arrived. */
  at: number;
  /** `pending` while in flight; `dropped` when a fault cut the connection; `aborted` by the client. */
  outcome: "pending" | "response" | "dropped" | "aborted";
  /** HTTP status of the response, once sent. */
  status?: number;
  /** `meta.request_id` of the response. */
  requestId?: string;
  /** The fault injected into this request, if any. */
  fault?: "drop" | "rate_limit" | "server_error";
  /** A bug in the fake itself (served as 500 INTERNAL_ERROR): the thrown error's message. */
  error?: string;
}

/** What the core produced for a request: a response, or a dropped connection. */
export type Outcome = FakeResult | { drop: true };

/** The fake's state shared by both transports. */
export interface CoreDeps {
  store: Store;
  clock: FakeClock;
  cursors: CursorCodec;
  faults: FaultInjector;
  token: string | undefined;
  seed: number;
  log: FakeRequestRecord[];
  /** Whether `Prefer: code=…, example=…` selects a documented example (`honorPrefer`). */
  prefer: { honor: boolean };
}

const NO_FAULT: FaultDecision = { kind: "none" };
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const HTML_502 =
  "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n";

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

/** Turns requests into outcomes: faults, then auth, routing and the family handlers. */
export class Core {
  private readonly ids: Random;

  constructor(private readonly deps: CoreDeps) {
    this.ids = mulberry32((deps.seed ^ 0x5eed1d) >>> 0);
  }

  private meta(): BaseMeta {
    let id = "req_01J";
    for (let i = 0; i < 23; i++) id += CROCKFORD[Math.floor(this.ids() * 32)];
    return { request_id: id, applied_at: isoSeconds(this.deps.clock.now()) };
  }

  private faultResult(base: BaseMeta, fault: FaultDecision): FakeResult | undefined {
    if (fault.kind === "rate_limit") {
      const s = fault.retryAfterSeconds;
      return errorResult(
        base,
        new ApiError(429, "RATE_LIMITED", `rate limit exceeded, retry after ${s}s`, [], {
          "retry-after": String(s),
        }),
      );
    }
    if (fault.kind !== "server_error") return undefined;
    if (fault.status === 502)
      return {
        status: 502,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: HTML_502,
      };
    const headers: Record<string, string> =
      fault.retryAfterSeconds === undefined
        ? {}
        : { "retry-after": String(fault.retryAfterSeconds) };
    return errorResult(
      base,
      fault.status === 503
        ? new ApiError(503, "SERVICE_UNAVAILABLE", "service temporarily unavailable", [], headers)
        : new ApiError(500, "INTERNAL_ERROR", "internal error"),
    );
  }

  private authorized(header: string | null): boolean {
    const m = header ? /^Bearer +(\S+) *$/i.exec(header) : null;
    if (!m) return false;
    return this.deps.token === undefined || m[1] === this.deps.token;
  }

  /** Serves one request. Rejects with the signal's reason when the client aborts. */
  async handle(
    request: Request,
    signal: AbortSignal | undefined = request.signal,
  ): Promise<Outcome> {
    const url = new URL(request.url);
    const record: FakeRequestRecord = {
      method: request.method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      at: this.deps.clock.now(),
      outcome: "pending",
    };
    this.deps.log.push(record);
    try {
      await abortableSleep(this.deps.faults.latency(), signal);
    } catch (reason) {
      record.outcome = "aborted";
      throw reason;
    }
    // Like Prism, which injects none, a request that selects its response with Prefer gets it.
    const fault =
      this.deps.prefer.honor && selectsResponse(request.headers.get("prefer"))
        ? NO_FAULT
        : this.deps.faults.decide();
    if (fault.kind === "drop") {
      record.outcome = "dropped";
      record.fault = "drop";
      return { drop: true };
    }
    const base = this.meta();
    let result = this.faultResult(base, fault);
    if (result) record.fault = fault.kind === "rate_limit" ? "rate_limit" : "server_error";
    else result = await this.route(request, url, base, record);
    record.outcome = "response";
    record.status = result.status;
    record.requestId = base.request_id;
    return result;
  }

  private async route(
    request: Request,
    url: URL,
    base: BaseMeta,
    record: FakeRequestRecord,
  ): Promise<FakeResult> {
    try {
      if (!this.authorized(request.headers.get("authorization"))) {
        throw new ApiError(401, "UNAUTHORIZED", "missing or invalid API token");
      }
      const match = matchRoute(url.pathname);
      if (!match) throw new ApiError(404, "NOT_FOUND", `no route for ${url.pathname}`);
      record.route = match.template;
      if (request.method !== "GET") {
        throw new ApiError(405, "BAD_REQUEST", `method ${request.method} not allowed`, [], {
          allow: "GET",
        });
      }
      const preferred = this.deps.prefer.honor
        ? preferredResult(match.template, request.headers.get("prefer"))
        : undefined;
      if (preferred) return preferred;
      return await match.handler({
        path: url.pathname,
        params: match.params,
        query: new Query(url.searchParams),
        base,
        store: this.deps.store,
        cursors: this.deps.cursors,
        now: this.deps.clock.now(),
      });
    } catch (error) {
      if (error instanceof ApiError) return errorResult(base, error);
      record.error = error instanceof Error ? error.message : String(error);
      return errorResult(base, new ApiError(500, "INTERNAL_ERROR", "internal error"));
    }
  }
}
