import { abortableSleep, MAX_TIMER_DELAY } from "../internal/abortable-sleep.js";
import { type BrokenHttp, brokenHttp } from "../internal/broken-http.js";
import { networkCause } from "../internal/network-cause.js";
import { parseRetryAfter } from "../internal/retry-after.js";
import { onAbort } from "../internal/signals.js";
import { ClusterNames } from "./cluster-names.js";
import { Currencies } from "./currencies.js";
import { FamiliesRead } from "./forbidden.js";
import { describeNetworkError, isConnectionReset } from "./network-error.js";
import { cursorTarget } from "./saved-target.js";
import type { ContractOptions, CutShort, SavedCursor } from "./types.js";

/** Where the session reports what it saw while sending one check's requests. */
export interface RequestSink {
  /** Requests sent for this check, retries included. */
  sent: number;
  /** Requests sent again. */
  retries: number;
  /** The request as messages name it, e.g. `GET /v1/workloads?limit=2`. */
  label(request: Request): string;
  fail(message: string): void;
  /** Validates a response the check will not see (one that was retried) against the spec. */
  inspect(request: Request, response: Response): Promise<void>;
  /** The check cannot go on: a limit of the run is reached or the target did not answer. */
  interrupt(kind: Interruption["kind"], reason: string): void;
}

/** Why a check stopped before its end: one of the run's own limits, or the target. */
export interface Interruption {
  kind: CutShort | "unavailable" | "forbidden";
  reason: string;
  /** Violations found before it: only those count. */
  violationsBefore: number;
}

/** Thrown into a check when the session refuses to send or gives up on a request. */
export class InterruptedError extends Error {
  override name = "ContractInterruptedError" as const;
  /** How the target broke HTTP, when it answered in HTTP no client can read. */
  broken: BrokenHttp | undefined;
  /** The network's code (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, …) of a request not sent. */
  code: string | undefined;
}

// Statuses that say "not now" rather than "no": 429 (rate limited), 503 (overloaded or
// deploying), 502 (a gateway lost the backend) and 504 (a gateway gave up waiting for it); a
// reset connection is retried likewise.
const TRANSIENT = new Set([429, 502, 503, 504]);
/** The first wait before retrying a transient failure; each retry doubles it. */
export const BACKOFF_MS = 500;
/** What {@link Session} applies for the options left out (the JSDoc `@default`s say the same). */
export const SESSION_DEFAULTS = {
  rate: 10,
  maxRetries: 3,
  maxRetryAfterSeconds: 60,
  timeoutSeconds: 30,
} as const;
const CURSORS_PER_PATH = 3;
const CURSORS_KEPT = 30;

/**
 * The longest response body the suite reads, in bytes: every body is held whole, so one that
 * never ends would fill the memory before the time limit ends it (over loopback, a server
 * streams gigabytes in seconds). No page of the API comes near it.
 */
export const MAX_BODY_BYTES = 64 * 2 ** 20;

/**
 * An attempt that gave nothing to judge and is not asked again: no complete response (status,
 * headers and body) within the time limit, or a body past {@link MAX_BODY_BYTES}.
 */
class AttemptFailure extends Error {}

/** An attempt whose body broke off (its `cause` says how): retried like a reset connection. */
class BodyReadError extends Error {}

/**
 * Everything a run shares between its checks: the one fetch, paced to `rate`, within the
 * `maxRequests` budget and the `maxDurationSeconds` time limit, retrying a 429 (after
 * `Retry-After`), 502, 503, 504 or reset connection a bounded number of times, until `signal`
 * aborts; the request counts; the cursors seen.
 */
export class Session {
  /** Requests sent, retries included. */
  sent = 0;
  /** Requests sent again. */
  retries = 0;
  /** Set once the budget or the time is spent, or the run interrupted: why later checks are skipped. */
  limitReached: { kind: CutShort; reason: string } | undefined;
  /** Cursors seen, a few per path. */
  readonly cursors: SavedCursor[] = [];
  /** The families the suite's token has read: a 403 on one is no missing scope. */
  readonly familiesRead = new FamiliesRead();
  /** The organization's billing currency, fixed by the first amount of the run. */
  readonly currencies = new Currencies();
  /** Every cluster's name, from the pages of `/v1/clusters` read: what references must say. */
  readonly clusterNames = new ClusterNames();
  private readonly fetch: (request: Request) => Promise<Response>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly intervalMs: number;
  private readonly maxRequests: number | undefined;
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;
  private readonly timeoutMs: number;
  private readonly maxDurationSeconds: number | undefined;
  private readonly signal: AbortSignal | undefined;
  private readonly baseUrl: string;
  /** When the run's time is spent (`Date.now()` ms); Infinity without `maxDurationSeconds`. */
  private readonly deadline: number;
  private nextSlot = 0;
  private passThrough = 0;

  constructor(options: ContractOptions) {
    this.fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
    // Clamped to what a timer holds: a longer wait (a Retry-After past 24.8 days that
    // maxRetryAfterSeconds allows, a rate below one request in 24.8 days) would end after 1 ms.
    this.signal = options.signal;
    this.baseUrl = options.baseUrl;
    const sleep = options.hooks?.sleep;
    // The signal ends a wait at once; a hook's sleep (a fake clock) returns at once anyway.
    this.sleep = sleep ?? ((ms) => abortableSleep(ms, this.signal));
    const rate = options.rate ?? SESSION_DEFAULTS.rate;
    this.intervalMs = rate > 0 ? 1000 / rate : 0;
    this.maxRequests = options.maxRequests;
    this.maxRetries = options.maxRetries ?? SESSION_DEFAULTS.maxRetries;
    this.maxWaitMs = (options.maxRetryAfterSeconds ?? SESSION_DEFAULTS.maxRetryAfterSeconds) * 1000;
    this.timeoutMs = (options.timeoutSeconds ?? SESSION_DEFAULTS.timeoutSeconds) * 1000;
    const { maxDurationSeconds } = options;
    this.maxDurationSeconds = maxDurationSeconds;
    this.deadline =
      maxDurationSeconds === undefined ? Infinity : Date.now() + maxDurationSeconds * 1000;
  }

  /** Runs `fn` with 429s and 503s handed to the check instead of retried (to check them). */
  async withoutRetries<T>(fn: () => Promise<T>): Promise<T> {
    this.passThrough++;
    try {
      return await fn();
    } finally {
      this.passThrough--;
    }
  }

  /**
   * Sends `request`, retrying transient failures; a response it retries that is the API's own
   * (see {@link apiError}) is validated (through `sink.inspect`) like any other, so every
   * 429 of the API met is checked.
   * Throws {@link InterruptedError} (after telling `sink`) when the budget is spent or the
   * target still fails after the last retry.
   */
  async send(request: Request, sink: RequestSink): Promise<Response> {
    // A target asked for a status with `Prefer: code=…` answers it every time: it is the point.
    const forced = /code=(\d{3})/.exec(request.headers.get("prefer") ?? "")?.[1];
    for (let attempt = 0; ; attempt++) {
      await this.slot(sink);
      let response: Response;
      try {
        response = await this.attempt(request);
      } catch (error) {
        this.checkSignal(sink);
        if (error instanceof AttemptFailure) {
          throw this.stop(sink, "unavailable", `${sink.label(request)}: ${error.message}`);
        }
        if (!isConnectionReset(error) || attempt >= this.maxRetries) {
          // A response the suite could not get whole: no verdict on it.
          const body = error instanceof BodyReadError ? "the body could not be read: " : "";
          const reason = `${sink.label(request)}: ${body}${describeNetworkError(error)}`;
          throw Object.assign(this.stop(sink, "unavailable", reason), {
            broken: brokenHttp(error),
            code: networkCause(error).code,
          });
        }
        await this.retry(sink, BACKOFF_MS * 2 ** attempt);
        continue;
      }
      const { status } = response;
      if (!TRANSIENT.has(status) || String(status) === forced || this.passThrough > 0) {
        return response;
      }
      const error = await apiError(response);
      if (error) {
        await sink.inspect(request, response);
        const wrong = wrongCode(status, error);
        if (wrong) sink.fail(`${sink.label(request)} → ${status}: ${wrong}`);
      }
      if (attempt >= this.maxRetries) {
        const reason = `${sink.label(request)}: still ${status} after ${attempt} retries`;
        throw this.stop(sink, "unavailable", reason);
      }
      // An HTTP-date is the server's clock: measured against its own Date header, a runner
      // minutes behind or ahead waits what was asked, not 0 or past maxWaitMs. Never less than
      // the backoff: a limiter that rounds a sub-second wait down says `Retry-After: 0`, and
      // retries at once would all land in the window it is still counting.
      const serverNow = Date.parse(response.headers.get("date") ?? "");
      const wait = Math.max(
        parseRetryAfter(response.headers, Number.isNaN(serverNow) ? undefined : serverNow) ?? 0,
        BACKOFF_MS * 2 ** attempt,
      );
      if (wait > this.maxWaitMs) {
        const reason = `${sink.label(request)} → ${status}: Retry-After asks for ${Math.ceil(wait / 1000)} s, more than the ${this.maxWaitMs / 1000} s the suite waits`;
        throw this.stop(sink, "unavailable", reason);
      }
      await this.retry(sink, wait);
    }
  }

  /**
   * Sends `request` once and reads the whole response within the time limit: a target that
   * stops answering (before its headers or in the middle of a body) fails the attempt with
   * {@link AttemptFailure} instead of holding the run, even through a `fetch` that ignores its
   * signal, and so does a body past {@link MAX_BODY_BYTES}; a body that breaks off fails it with
   * {@link BodyReadError}. The response handed on holds its body in memory, so no check can
   * wait on it.
   */
  private async attempt(request: Request): Promise<Response> {
    const controller = new AbortController();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    let unlink = () => {};
    const deadline = new Promise<never>((_, reject) => {
      // The run's signal ends the attempt at once, even through a fetch that ignores its own.
      const { signal } = this;
      if (signal) {
        unlink = onAbort(signal, () => {
          reject(signal.reason);
          controller.abort();
        });
      }
      // A timer holds at most 2^31 - 1 ms (24.8 days); a longer one would fire after 1 ms.
      timeout = setTimeout(
        () => {
          reject(new AttemptFailure(`no complete response within ${this.timeoutMs / 1000} s`));
          controller.abort();
        },
        Math.min(this.timeoutMs, MAX_TIMER_DELAY),
      );
    });
    const read = async () => {
      const response = await this.fetch(
        new Request(request.clone(), { signal: controller.signal }),
      );
      // No body (a 204, a 304): nothing to wait for.
      if (!response.body) return response;
      const body = await readBody(response.body);
      if (body === undefined) {
        throw new AttemptFailure(`the body is longer than ${MAX_BODY_BYTES} bytes`);
      }
      const whole = new Response(body, response);
      // The copy's url is empty and redirected false: the preflight tells by them that a
      // redirect to another origin went on without the token.
      if (response.redirected) {
        Object.defineProperties(whole, {
          url: { value: response.url },
          redirected: { value: true },
        });
      }
      return whole;
    };
    try {
      return await Promise.race([read(), deadline]);
    } finally {
      clearTimeout(timeout);
      unlink();
    }
  }

  /** Keeps `cursor` (issued for `path` and `query`) unless enough of that path are kept. */
  keepCursor(path: string, query: URLSearchParams, cursor: string): void {
    const same = this.cursors.filter((c) => c.path === path).length;
    if (same >= CURSORS_PER_PATH || this.cursors.length >= CURSORS_KEPT) return;
    const pairs = [...query].filter(([key]) => key !== "cursor");
    const rest = Object.fromEntries(pairs);
    // A repeated key would not survive the record: such a query could not be replayed as is.
    if (Object.keys(rest).length !== pairs.length) return;
    const savedAt = new Date().toISOString();
    this.cursors.push({ baseUrl: cursorTarget(this.baseUrl), path, query: rest, cursor, savedAt });
  }

  // Takes one request from the budget and the time left, then waits for its turn under the rate.
  private async slot(sink: RequestSink): Promise<void> {
    this.checkSignal(sink);
    if (this.maxRequests !== undefined && this.sent >= this.maxRequests) {
      throw this.stop(sink, "request-budget", `the request budget of ${this.maxRequests} is spent`);
    }
    const now = Date.now();
    const at = this.intervalMs === 0 ? now : Math.max(now, this.nextSlot);
    this.checkTime(sink, at - now);
    this.sent++;
    sink.sent++;
    if (this.intervalMs === 0) return;
    this.nextSlot = at + this.intervalMs;
    if (at > now) await this.wait(sink, at - now);
  }

  // A wait that would end past the deadline is not begun: the run ends within its time.
  private checkTime(sink: RequestSink, waitMs: number): void {
    if (Date.now() + waitMs < this.deadline) return;
    throw this.stop(sink, "time-limit", `the time limit of ${this.maxDurationSeconds} s is spent`);
  }

  private async retry(sink: RequestSink, waitMs: number): Promise<void> {
    this.checkTime(sink, waitMs);
    this.retries++;
    sink.retries++;
    await this.wait(sink, waitMs);
  }

  // A wait that the run's signal ends interrupts the check.
  private async wait(sink: RequestSink, ms: number): Promise<void> {
    try {
      await this.sleep(ms);
    } catch (error) {
      this.checkSignal(sink);
      throw error;
    }
  }

  // Once the run's signal has aborted, the check under way stops, and the run skips the rest.
  private checkSignal(sink: RequestSink): void {
    if (this.signal?.aborted) throw this.stop(sink, "interrupted", "the run was interrupted");
  }

  private stop(
    sink: RequestSink,
    kind: CutShort | "unavailable",
    reason: string,
  ): InterruptedError {
    if (kind !== "unavailable") this.limitReached = { kind, reason };
    sink.interrupt(kind, reason);
    return new InterruptedError(reason);
  }
}

/**
 * The error envelope's `error` object of a transient response that is the API's own, to be
 * judged against the spec: a 429 or 503 that carries one; undefined for any other. A 502 or 504, a 429 from an ingress or
 * gateway rate limiter (an HTML or text page, Kong's or AWS API Gateway's `{"message": …}`) and
 * a 503 from a load balancer whose backend is down (a page, a gateway's own JSON) come from in
 * front of the API: judging them would fail every check that met one, which is no contract
 * violation. They are retried all the same.
 */
async function apiError(response: Response): Promise<{ code?: unknown } | undefined> {
  if (response.status !== 429 && response.status !== 503) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(await response.clone().text());
  } catch {
    return undefined;
  }
  // An object, not a string: Spring Cloud Gateway's 503 says `"error": "Service Unavailable"`.
  const error = (body as { error?: unknown } | null)?.error;
  return typeof error === "object" && error !== null ? error : undefined;
}

/**
 * The `error.code` a retried status must carry: the spec's RateLimited and ServiceUnavailable
 * responses say so. Only the API's own answers reach this (see {@link apiError}).
 */
const CODE_OF: Readonly<Record<number, string>> = {
  429: "RATE_LIMITED",
  503: "SERVICE_UNAVAILABLE",
};

/**
 * What is wrong with the `error.code` of a `status` response that was retried, or undefined.
 * An error without a code is left to the schema (a violation already).
 */
function wrongCode(status: number, { code }: { code?: unknown }): string | undefined {
  const expected = CODE_OF[status];
  if (expected === undefined) return undefined;
  if (typeof code !== "string" || code === expected) return undefined;
  return `error.code is ${JSON.stringify(code)}, expected ${expected}`;
}

/**
 * The whole of `stream`, or undefined once it passes {@link MAX_BODY_BYTES} (the rest is
 * cancelled, not read). A body that breaks off rejects with {@link BodyReadError}.
 */
async function readBody(
  stream: ReadableStream<Uint8Array>,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      length += read.value.byteLength;
      if (length > MAX_BODY_BYTES) {
        void reader.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(read.value);
    }
  } catch (cause) {
    throw new BodyReadError("the body could not be read", { cause });
  }
  const body = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
