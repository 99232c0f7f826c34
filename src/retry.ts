import { AbortError, ConnectionError, isKubeadaptError, TimeoutError } from "./errors.js";
import { abortableSleep, type Sleep } from "./internal/abortable-sleep.js";
import type { PageRequest } from "./internal/page-request.js";
import { redact as redactKeys } from "./internal/redact.js";
import { parseRetryAfter } from "./internal/retry-after.js";
import { attemptSignal } from "./internal/signals.js";

/** A `fetch` as openapi-fetch calls it: one `Request` in, one `Response` out. */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * The fetch {@link createRetryingFetch} returns: a {@link FetchLike} that also takes headers to
 * send instead of the request's own (the client's auth layer adds `Authorization` this way, so
 * no extra `Request` is built per call and a `Request` middleware saw never holds the token).
 * A walk's page may come as a {@link PageRequest}, with its headers.
 */
export type RetryingFetch = (
  request: Request | PageRequest,
  headers?: Headers,
) => Promise<Response>;

/**
 * The statuses a GET is retried on: 408 (the server gave up waiting for us), 429 (rate limited:
 * wait as told), 500 (often one bad replica), 502 and 504 (a proxy could not reach or timed out
 * on a backend, typically during a deploy) and 503 (overloaded or restarting).
 */
const RETRY_STATUS = /^(408|429|50[0234])$/;

/** How {@link createRetryingFetch} retries and times out. */
export interface RetryOptions {
  /**
   * The fetch that sends each attempt, as one complete `Request`. Without it, the global fetch
   * is called as `fetch(request, init)`.
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
  return Math.min(500 * 2 ** retry, 8_000) * (1 - 0.25 * random());
}

/**
 * A fetch for openapi-fetch that retries GET/HEAD on 408, 429, 500, 502, 503 and 504 and on
 * network failures or timeouts, with exponential backoff or the server's `Retry-After`. Each
 * attempt is a new request made from the original (same URL, method and headers) and has its
 * own `timeoutMs`. The request's signal (the caller's, or a walk page's) stops everything
 * at once with an {@link AbortError}. The last response is returned as is (non-2xx included);
 * a last failure without a response throws {@link TimeoutError} or {@link ConnectionError}.
 */
export function createRetryingFetch(options: RetryOptions = {}): RetryingFetch {
  const {
    maxRetries = 2,
    timeoutMs = 60_000,
    maxRetryDelayMs = 60_000,
    random = Math.random,
    sleep = abortableSleep,
    redact = redactKeys,
  } = options;

  return async (request, headers) => {
    const caller = request.signal;
    // A PageRequest is sent by URL; its signal is its page's, which lives no longer than it.
    const page = !(request instanceof Request);
    const aborted = (fallback: unknown) =>
      new AbortError("the request was aborted", {
        cause: caller.aborted ? caller.reason : fallback,
      });
    // Only GET and HEAD are retried, and they have no body: every attempt can be made from
    // `request` itself, with nothing to clone. Other methods are sent once.
    const retryable = /^(GET|HEAD)$/i.test(request.method);

    for (let retry = 0; ; retry++) {
      if (caller.aborted) throw aborted(caller.reason);
      const mayRetry = retryable && retry < maxRetries;
      const timeout = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let delay: number;
      try {
        const response = await new Promise<Response>((resolve, reject) => {
          // The timer and the caller's signal end the attempt here, so it settles at once even
          // if the fetch ignores its signal; a response that arrives after that has its body
          // cancelled.
          const stop = (reason?: unknown) => {
            timeout.abort(reason);
            reject(timeout.signal.reason);
          };
          const attempt = attemptSignal(caller, page, timeout, stop);
          timer = setTimeout(stop, timeoutMs);
          // `headers: undefined` leaves the request's own headers.
          const init = { headers, signal: attempt };
          const input = page ? request.url : request;
          // The global fetch builds its own Request from (input, init) anyway: handing it the
          // init saves building one more per attempt. A custom fetch may read only its first
          // argument, so it gets the whole attempt as one Request.
          (options.fetch ? options.fetch(new Request(input, init)) : fetch(input, init)).then(
            (response) => {
              if (attempt.aborted) void response.body?.cancel().catch(() => {});
              resolve(response);
            },
            reject,
          );
        });
        if (!mayRetry || !RETRY_STATUS.test(String(response.status))) return response;
        const requested = parseRetryAfter(response.headers);
        // A server asking for a long pause gets its answer back now, not a hung client.
        if (requested !== undefined && requested > maxRetryDelayMs) return response;
        void response.body?.cancel().catch(() => {});
        delay = requested ?? backoffDelay(retry, random);
      } catch (error) {
        // The caller's abort aborts `timeout` too (one listener links them): checked first.
        if (caller.aborted) throw aborted(error);
        const timedOut = timeout.signal.aborted;
        if (!timedOut && isKubeadaptError(error)) throw error;
        if (!timedOut && error instanceof Error && error.name === "AbortError") {
          throw aborted(error);
        }
        if (!mayRetry) throw finalError(request, timedOut, error, retry + 1, timeoutMs, redact);
        delay = backoffDelay(retry, random);
      } finally {
        clearTimeout(timer);
      }
      try {
        await sleep(delay, caller);
      } catch (error) {
        throw aborted(error);
      }
    }
  };
}

/** The error of a last attempt that got no response: it timed out, or the network failed. */
function finalError(
  request: Request | PageRequest,
  timedOut: boolean,
  error: unknown,
  attempts: number,
  timeoutMs: number,
  redact: (text: string) => string,
) {
  // The URL without its query: a cursor is long and says nothing about the failure.
  const label = `${request.method} ${request.url.replace(/[?#].*/, "")}`;
  const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
  if (timedOut) return new TimeoutError(`${label} timed out after ${timeoutMs} ms (${tries})`);
  // The underlying error is kept as `cause` unless it would carry a secret into logs. `redact`
  // removes every key-shaped string (and the client's token), so text it leaves alone holds none.
  const isError = error instanceof Error;
  const message = isError ? error.message : String(error);
  const text = `${message}\n${isError ? error.stack : ""}`;
  const cause =
    redact(text) === text
      ? error
      : new Error(`${isError ? error.name : "Error"}: ${redact(message)}`);
  return new ConnectionError(
    redact(`${label} failed without a response (${tries})${isError ? `: ${message}` : ""}`),
    { cause },
  );
}
