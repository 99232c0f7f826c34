import { parseRetryAfter } from "../internal/retry-after.js";
import { describeNetworkError, isConnectionReset } from "./network-error.js";
import type { ContractOptions, SavedCursor } from "./types.js";

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
  /** The check cannot go on: the budget is spent or the target did not answer. */
  interrupt(kind: Interruption["kind"], reason: string): void;
}

/** Why a check stopped before its end. */
export interface Interruption {
  kind: "budget" | "unavailable";
  reason: string;
  /** Violations found before it: only those count. */
  violationsBefore: number;
}

/** Thrown into a check when the session refuses to send or gives up on a request. */
export class InterruptedError extends Error {
  override name = "ContractInterruptedError" as const;
}

// Statuses that say "not now" rather than "no": 429 (rate limited), 503 (overloaded or
// deploying), 502 (a gateway lost the backend) and 504 (a gateway gave up waiting for it); a
// reset connection is retried likewise.
const TRANSIENT = new Set([429, 502, 503, 504]);
const BACKOFF_MS = 500;
const CURSORS_PER_PATH = 3;
const CURSORS_KEPT = 30;

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
 * `Retry-After`), 502, 503, 504 or reset connection a bounded number of times; the request counts;
 * the cursors seen.
 */
export class Session {
  /** Requests sent, retries included. */
  sent = 0;
  /** Requests sent again. */
  retries = 0;
  /** Set once the budget is spent: why later checks are skipped. */
  budgetSpent: string | undefined;
  /** Cursors seen, a few per path. */
  readonly cursors: SavedCursor[] = [];
  private readonly fetch: (request: Request) => Promise<Response>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly intervalMs: number;
  private readonly maxRequests: number | undefined;
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;
  private readonly timeoutMs: number;
  private readonly maxDurationSeconds: number | undefined;
  /** When the run's time is spent (`Date.now()` ms); Infinity without `maxDurationSeconds`. */
  private readonly deadline: number;
  private nextSlot = 0;
  private passThrough = 0;

  constructor(options: ContractOptions) {
    this.fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
    this.sleep = options.hooks?.sleep ?? timer;
    const rate = options.rate ?? 10;
    this.intervalMs = rate > 0 ? 1000 / rate : 0;
    this.maxRequests = options.maxRequests;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxWaitMs = (options.maxRetryAfterSeconds ?? 60) * 1000;
    this.timeoutMs = (options.timeoutSeconds ?? 30) * 1000;
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
   * Sends `request`, retrying transient failures; a response it retries is validated (through
   * `sink.inspect`) like any other, so every 429 met is checked.
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
        if (error instanceof AttemptFailure) {
          throw this.stop(sink, "unavailable", `${sink.label(request)}: ${error.message}`);
        }
        if (!isConnectionReset(error) || attempt >= this.maxRetries) {
          // A response the suite could not get whole: no verdict on it.
          const body = error instanceof BodyReadError ? "the body could not be read: " : "";
          const reason = `${sink.label(request)}: ${body}${describeNetworkError(error)}`;
          throw this.stop(sink, "unavailable", reason);
        }
        await this.retry(sink, BACKOFF_MS * 2 ** attempt);
        continue;
      }
      const { status } = response;
      if (!TRANSIENT.has(status) || String(status) === forced || this.passThrough > 0) {
        return response;
      }
      if (await isApiAnswer(response)) await sink.inspect(request, response);
      if (attempt >= this.maxRetries) {
        const reason = `${sink.label(request)}: still ${status} after ${attempt} retries`;
        throw this.stop(sink, "unavailable", reason);
      }
      const wait = parseRetryAfter(response.headers) ?? BACKOFF_MS * 2 ** attempt;
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
    const deadline = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => {
        reject(new AttemptFailure(`no complete response within ${this.timeoutMs / 1000} s`));
        controller.abort();
      }, this.timeoutMs);
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
      return new Response(body, response);
    };
    try {
      return await Promise.race([read(), deadline]);
    } finally {
      clearTimeout(timeout);
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
    this.cursors.push({ path, query: rest, cursor, savedAt: new Date().toISOString() });
  }

  // Takes one request from the budget and the time left, then waits for its turn under the rate.
  private async slot(sink: RequestSink): Promise<void> {
    if (this.maxRequests !== undefined && this.sent >= this.maxRequests) {
      throw this.stop(sink, "budget", `the request budget of ${this.maxRequests} is spent`);
    }
    const now = Date.now();
    const at = this.intervalMs === 0 ? now : Math.max(now, this.nextSlot);
    this.checkTime(sink, at - now);
    this.sent++;
    sink.sent++;
    if (this.intervalMs === 0) return;
    this.nextSlot = at + this.intervalMs;
    if (at > now) await this.sleep(at - now);
  }

  // A wait that would end past the deadline is not begun: the run ends within its time.
  private checkTime(sink: RequestSink, waitMs: number): void {
    if (Date.now() + waitMs < this.deadline) return;
    throw this.stop(sink, "budget", `the time limit of ${this.maxDurationSeconds} s is spent`);
  }

  private async retry(sink: RequestSink, waitMs: number): Promise<void> {
    this.checkTime(sink, waitMs);
    this.retries++;
    sink.retries++;
    await this.sleep(waitMs);
  }

  private stop(sink: RequestSink, kind: Interruption["kind"], reason: string): InterruptedError {
    if (kind === "budget") this.budgetSpent = reason;
    sink.interrupt(kind, reason);
    return new InterruptedError(reason);
  }
}

/**
 * Whether a transient response is the API's own, to be judged against the spec: every 429, and
 * a 503 that carries the error envelope (JSON with `error`). A 502 or 504, and a 503 page from a
 * load balancer whose backend is down (HTML, text, a gateway's own JSON), come from in front of
 * the API: judging them would fail every check that met an outage, which is no contract
 * violation.
 */
async function isApiAnswer(response: Response): Promise<boolean> {
  if (response.status === 429) return true;
  if (response.status !== 503) return false;
  try {
    const body = JSON.parse(await response.clone().text());
    return typeof body === "object" && body !== null && "error" in body;
  } catch {
    return false;
  }
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
