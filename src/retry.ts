import { AbortError, ConnectionError, isKubeadaptError, TimeoutError } from "./errors.js";
import { abortableSleep, type Sleep } from "./internal/abortable-sleep.js";
import { redact as redactKeys } from "./internal/redact.js";
import { parseRetryAfter } from "./internal/retry-after.js";
import { followRequest, raceAbort } from "./internal/signals.js";

/** A `fetch` as openapi-fetch calls it: one `Request` in, one `Response` out. */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * The fetch {@link createRetryingFetch} returns: a {@link FetchLike} that also takes headers to
 * send instead of the request's own (the client's auth layer adds `Authorization` this way, so
 * no extra `Request` is built per call and the caller's own `Request` never holds the token).
 */
export type RetryingFetch = (request: Request, headers?: Headers) => Promise<Response>;

/** The statuses a GET is retried on, and why. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([
  408, // Request Timeout: the server gave up waiting for us; a fresh attempt usually succeeds.
  429, // Too Many Requests: rate limited; wait as told (Retry-After), then the same call works.
  500, // Internal Server Error: often a transient fault on one replica.
  502, // Bad Gateway: a proxy could not reach a healthy backend, typically during a deploy.
  503, // Service Unavailable: overloaded or restarting; the server expects us back.
  504, // Gateway Timeout: a proxy timed out on the backend; the GET is safe to repeat.
]);

/** The methods that are retried: reads, which are safe to repeat. */
export const RETRY_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/** The first backoff delay, in milliseconds; it doubles each retry. */
export const INITIAL_RETRY_DELAY_MS = 500;
/** The longest backoff delay, in milliseconds (a server's `Retry-After` may ask for more). */
export const MAX_BACKOFF_MS = 8_000;

/** How {@link createRetryingFetch} retries and times out. */
export interface RetryOptions {
  /**
   * The fetch that sends each attempt.
   * @default globalThis.fetch, read at call time
   */
  fetch?: FetchLike | undefined;
  /**
   * Retries after the first attempt, for GET/HEAD only.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Time limit of each attempt, in milliseconds, until the response headers arrive.
   * @default 60_000
   */
  timeoutMs?: number | undefined;
  /**
   * The longest server-requested delay (`Retry-After`) that is waited out; a longer one ends the
   * retries and its response is returned at once.
   * @default 60_000
   */
  maxRetryDelayMs?: number | undefined;
  /** @internal Jitter source in [0, 1). @default Math.random */
  random?: (() => number) | undefined;
  /** @internal Waits between attempts. @default an abortable `setTimeout` */
  sleep?: Sleep | undefined;
  /** @internal Removes secrets from the messages this layer writes. @default key-shape redaction */
  redact?: ((text: string) => string) | undefined;
}

/**
 * The backoff before retry number `retry` (0-based): 500 ms doubling to at most 8 s, less up to
 * 25% jitter so that many clients do not retry in lockstep.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retry, MAX_BACKOFF_MS);
  return base * (1 - 0.25 * random());
}

type Attempt = { response: Response } | { failure: "timeout" | "network"; error: unknown };

/**
 * A fetch for openapi-fetch that retries GET/HEAD on {@link RETRY_STATUSES} and on network
 * failures or timeouts, with exponential backoff or the server's `Retry-After`. Each attempt is a
 * new request made from the original (same URL, method and headers) and has its own `timeoutMs`.
 * The request's own signal stops everything at once with an {@link AbortError}. The last
 * response is returned as is (non-2xx included); a last failure without a response throws
 * {@link TimeoutError} or {@link ConnectionError}.
 */
export function createRetryingFetch(options: RetryOptions = {}): RetryingFetch {
  const maxRetries = options.maxRetries ?? 2;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const redact = options.redact ?? redactKeys;

  return async function retryingFetch(request: Request, headers?: Headers): Promise<Response> {
    const doFetch: FetchLike = options.fetch ?? ((r) => globalThis.fetch(r));
    const caller = request.signal;
    // Only GET and HEAD are retried, and they have no body: every attempt can be made from
    // `request` itself, with nothing to clone. Other methods are sent once.
    const retryable = RETRY_METHODS.has(request.method.toUpperCase());

    for (let retry = 0; ; retry++) {
      throwIfAborted(caller);
      const outcome = await attempt(doFetch, request, headers, timeoutMs);
      const mayRetry = retryable && retry < maxRetries;
      let delay: number;
      if ("response" in outcome) {
        const { response } = outcome;
        if (!mayRetry || !RETRY_STATUSES.has(response.status)) return response;
        const requested = parseRetryAfter(response.headers);
        // A server asking for a long pause gets its answer back now, not a hung client.
        if (requested !== undefined && requested > maxRetryDelayMs) return response;
        void response.body?.cancel().catch(() => {});
        delay = requested ?? backoffDelay(retry, random);
      } else {
        if (!mayRetry) throw finalError(outcome, request, retry + 1, timeoutMs, redact);
        delay = backoffDelay(retry, random);
      }
      try {
        await sleep(delay, caller);
      } catch (error) {
        throw abortError(caller, error);
      }
    }
  };
}

// One attempt: a new Request made from `request`, on a signal that aborts with the caller's or
// after `timeoutMs` (one timer, cleared once the response headers or a failure arrive).
async function attempt(
  doFetch: FetchLike,
  request: Request,
  headers: Headers | undefined,
  timeoutMs: number,
): Promise<Attempt> {
  const caller = request.signal;
  const timeout = new AbortController();
  const linked = followRequest(request, timeout);
  const timer = setTimeout(() => timeout.abort(new Error("attempt timed out")), timeoutMs);
  try {
    const { signal } = linked;
    const input = new Request(request, headers ? { headers, signal } : { signal });
    return { response: await raceAbort(doFetch(input), signal) };
  } catch (error) {
    // Checked first: with one listener linking them, the caller's abort aborts `timeout` too.
    if (caller.aborted) throw abortError(caller, error);
    if (timeout.signal.aborted) return { failure: "timeout", error };
    if (isKubeadaptError(error)) throw error;
    if (isAbortLike(error)) throw abortError(caller, error);
    return { failure: "network", error };
  } finally {
    clearTimeout(timer);
    linked.dispose();
  }
}

function finalError(
  outcome: Exclude<Attempt, { response: Response }>,
  request: Request,
  attempts: number,
  timeoutMs: number,
  redact: (text: string) => string,
) {
  const url = new URL(request.url);
  const label = `${request.method} ${url.origin}${url.pathname}`;
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  if (outcome.failure === "timeout") {
    return new TimeoutError(`${label} timed out after ${timeoutMs} ms (${tries})`);
  }
  const cause = safeCause(outcome.error, redact);
  const reason = cause instanceof Error ? `: ${cause.message}` : "";
  return new ConnectionError(redact(`${label} failed without a response (${tries})${reason}`), {
    cause,
  });
}

// The underlying error is kept as `cause` unless it would carry a secret into logs. `redact`
// removes every key-shaped string (and the client's token), so text it leaves alone holds none.
function safeCause(error: unknown, redact: (text: string) => string): unknown {
  const isError = error instanceof Error;
  const message = isError ? error.message : String(error);
  const text = isError ? `${message}\n${error.stack ?? ""}` : message;
  if (redact(text) === text) return error;
  return new Error(`${isError ? error.name : "Error"}: ${redact(message)}`);
}

function isAbortLike(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError(signal, signal.reason);
}

function abortError(signal: AbortSignal, fallback: unknown): AbortError {
  return new AbortError("the request was aborted", {
    cause: signal.aborted ? signal.reason : fallback,
  });
}
