import { AbortError, ConnectionError, isKubeadaptError, TimeoutError } from "./errors.js";
import { abortableSleep, MAX_TIMER_DELAY, type Sleep } from "./internal/abortable-sleep.js";
import { EXCHANGE, type MaybeExchanging, type PageResponse } from "./internal/exchange.js";
import type { Logger } from "./internal/log.js";
import type { PageReply, PageRequest } from "./internal/page-request.js";
import { redact as redactKeys } from "./internal/redact.js";
import { parseRetryAfter } from "./internal/retry-after.js";
import { RETRY_STATUS } from "./internal/retry-status.js";
import { onAbort, plainSignal, type SignalLike, toAbortSignal } from "./internal/signals.js";

/**
 * A `fetch` as the client calls it, the way the global `fetch` is called: `(url, init)` for
 * walk pages and a `get` with only `params`, `(request, init)` for `ka.client` calls, a `get`
 * with other options, and whenever a middleware is registered (it may have seen or replaced
 * the `Request`). `init` always has the attempt's
 * `signal` and, when they differ from the request's, its `headers`; it wins over the request's
 * own, as with the global fetch. No `Request` is built for it.
 */
export type FetchLike = (input: string | Request, init?: RequestInit) => Promise<Response>;

/**
 * The fetch {@link createRetryingFetch} returns. It takes the `Request` openapi-fetch built, with
 * the headers to send instead of its own (the client's auth layer adds `Authorization` this way,
 * so no extra `Request` is built per call and a `Request` middleware saw never holds the token),
 * and resolves with a `Response`; or it takes a {@link PageRequest} and resolves with a
 * {@link PageReply}: the last response and its body text.
 */
export interface RetryingFetch {
  (request: Request, headers?: Headers): Promise<Response>;
  (request: PageRequest): Promise<PageReply>;
}

const noop = () => {};

/** How {@link createRetryingFetch} retries, times out and logs. */
export interface RetryOptions {
  /**
   * The fetch that sends each attempt, called as `fetch(url or request, init)`.
   * @default globalThis.fetch, read at call time
   */
  fetch?: FetchLike | undefined;
  /**
   * Retries after the first attempt, for GET/HEAD only.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Time limit of each attempt, in milliseconds, from sending the request until the whole body
   * has arrived; 2^31 - 1 or more (`Infinity` included) sets no limit.
   * @default 60_000
   */
  timeoutMs?: number | undefined;
  /**
   * The longest server-requested delay (`Retry-After`) that is waited out (a wait lasts at most
   * 2^31 - 1 ms, about 24.8 days); a longer one ends the retries and its response is returned at
   * once.
   * @default 60_000
   */
  maxRetryDelayMs?: number | undefined;
  /**
   * How much goes to `logger`: the index of a level in `LOG_LEVELS` (0 off ... 4 debug).
   * @default 2 (warn)
   */
  logLevel?: number | undefined;
  /** @default console */
  logger?: Logger | undefined;
  /** @internal Jitter source in [0, 1). @default Math.random */
  random?: (() => number) | undefined;
  /** @internal Waits between attempts. @default an abortable `setTimeout` */
  sleep?: Sleep | undefined;
  /** @internal Removes secrets from the text this layer writes. @default key-shape redaction */
  redact?: ((text: string) => string) | undefined;
}

/**
 * The backoff before retry number `retry` (0-based): 500 ms doubling to at most 8 s, less up to
 * 25% jitter so that many clients do not retry in lockstep.
 */
export const backoffDelay = (retry: number, random: () => number): number =>
  Math.min(500 * 2 ** retry, 8_000) * (1 - 0.25 * random());

/**
 * A fetch for openapi-fetch that retries GET/HEAD on 408, 429, 500, 502, 503 and 504 and on
 * network failures or timeouts, with exponential backoff or the server's `Retry-After`. An
 * attempt is the whole response: it reads the body before returning, within its own
 * `timeoutMs`, so a body that stalls or breaks off is retried like any other failure, and the
 * response returned has its body in memory. The request's signal (the caller's, or a walk
 * page's) stops everything at once with an {@link AbortError}. The last response is returned
 * (non-2xx included); a last failure without one throws {@link TimeoutError} or
 * {@link ConnectionError}.
 */
export function createRetryingFetch(options: RetryOptions = {}): RetryingFetch {
  const {
    maxRetries = 2,
    timeoutMs = 60_000,
    maxRetryDelayMs = 60_000,
    logLevel = 2,
    logger = console,
    random = Math.random,
    sleep = abortableSleep,
    redact = redactKeys,
  } = options;

  return (async (request: Request | PageRequest, headers?: Headers) => {
    const caller = request.signal;
    // A PageRequest is sent as (url, init), or exchanged; its body is read as text only.
    const page = !(request instanceof Request);
    const send = options.fetch ?? fetch;
    // A page goes through the transport's direct exchange where it has one: no Response.
    const exchange = page && (send as MaybeExchanging)[EXCHANGE];
    const aborted = (fallback?: unknown) =>
      new AbortError("the request was aborted", {
        cause: caller?.aborted ? caller.reason : fallback,
      });
    // Only GET and HEAD are retried, and they have no body: every attempt can be made from
    // `request` itself, with nothing to clone. Other methods are sent once.
    const retryable = /^(GET|HEAD)$/i.test(request.method);
    const attempts = retryable ? maxRetries + 1 : 1;
    // What log lines name the request by: method and path, and the query where asked (debug
    // and info lines; a cursor is long and says nothing about a failure). The first scheme and
    // host is the URL's: a method has no "://".
    const label = (query?: boolean) =>
      `${request.method} ${query ? request.url : request.url.replace(/[?#].*/, "")}`.replace(
        /\w+:\/\/[^/]*/,
        "",
      );
    // Every line loses the token and anything key-shaped (a server may echo one anywhere). A
    // logger that throws is ignored: logging never changes a request's outcome.
    const log = (level: keyof Logger, message: string) => {
      try {
        logger[level](redact(`kubeadapt: ${message}`));
      } catch {}
    };
    const begun = Date.now();

    for (let retry = 0; ; retry++) {
      if (caller?.aborted) throw aborted();
      const mayRetry = retry < attempts - 1;
      // The attempt's own signal: the timer and the caller's signal abort it, which ends the
      // attempt at once, in whichever phase it is (headers or body), even if the fetch or its
      // body ignores the signal.
      const attempt = plainSignal();
      const race = <T>(work: Promise<T>) =>
        new Promise<T>((resolve, reject) => {
          onAbort(attempt, () => reject(attempt.reason));
          work.then(resolve, reject);
        });
      const unlink = caller ? onAbort(caller, () => attempt.abort(caller.reason)) : noop;
      const timer =
        timeoutMs < MAX_TIMER_DELAY ? setTimeout(() => attempt.abort(), timeoutMs) : undefined;
      const start = Date.now();
      // Called only at "debug": below it, no debug line is ever formatted.
      const trace = (outcome: unknown, id?: string | null) =>
        log(
          "debug",
          `${label(true)} ${outcome} (attempt ${retry + 1} of ${attempts}, ${Date.now() - start} ms${id ? `, request ${id}` : ""})`,
        );
      let delay: number;
      let cause: string;
      try {
        const response: Response | PageResponse = await race(
          exchange
            ? exchange(request.url, (request as PageRequest).headers, attempt)
            : fetchAttempt(send, request, headers, attempt),
        );
        const { status } = response;
        // `test` reads the status as its digits.
        const retryStatus = mayRetry && RETRY_STATUS.test(status as never);
        const requested = retryStatus ? parseRetryAfter(response.headers) : undefined;
        // A server asking for a long pause gets its answer back now, not a hung client (no
        // Retry-After: undefined, which compares false).
        if (retryStatus && !((requested as number) > maxRetryDelayMs)) {
          if (logLevel > 3) trace(status, requestId(response));
          void response.body?.cancel().catch(noop);
          delay = requested ?? backoffDelay(retry, random);
          cause = `HTTP ${status}`;
        } else {
          // A page is read as the text its reader parses (an empty body as ""); anything else
          // as bytes, which a new Response wraps with no copy or re-encoding.
          const body = page
            ? await race(response.text())
            : response.body
              ? await race((response as Response).arrayBuffer())
              : undefined;
          if (logLevel > 3) trace(status, requestId(response, body));
          if (retryStatus && logLevel > 1) {
            log(
              "warn",
              `${label()} HTTP ${status}: not retried, Retry-After ${requested} ms > maxRetryDelayMs`,
            );
          }
          if (logLevel > 2) {
            log(
              "info",
              `${label(true)} ${status} after ${retry + 1} attempt${retry ? "s" : ""}, ${Date.now() - begun} ms`,
            );
          }
          // A page's reply is a new object: writing its text onto the transport's response
          // instead (a changed method) made V8 keep every page alive through minor GCs.
          if (page) return { response, text: body as string };
          return body === undefined
            ? (response as Response)
            : withBytes(response as Response, body as ArrayBuffer);
        }
      } catch (error) {
        // The caller's abort stops the attempt too (one listener links them): checked first.
        if (caller?.aborted) throw aborted(error);
        // Past the caller's check, only the timer aborts the attempt.
        const timedOut = attempt.aborted;
        // Whether `value`, or anything it holds (an error's message, stack, `cause`, and what
        // `util.inspect` shows besides: undici's parser errors keep the bytes they could not
        // parse, which may echo the request's `Authorization`, as `data`), has text `redact`
        // changes. Past 1000 values (a socket in the chain, a cycle), it counts as holding
        // one: not looked at.
        let budget = 1000;
        const holdsSecret = (value: unknown): boolean =>
          --budget < 0 ||
          (value && typeof value === "object"
            ? Reflect.ownKeys(value).some((key) =>
                holdsSecret((value as Record<PropertyKey, unknown>)[key]),
              )
            : redact(String(value)) !== String(value));
        if (!timedOut) {
          if (isKubeadaptError(error)) throw error;
          // A fetch's own AbortError is kept as `cause` under the same rule as a network error's.
          if (error instanceof Error && error.name === "AbortError")
            throw aborted(holdsSecret(error) ? undefined : error);
        }
        cause = timedOut
          ? "timed out"
          : `failed: ${error instanceof Error ? error.message : String(error)}`;
        if (logLevel > 3) trace(cause);
        if (!mayRetry) {
          if (logLevel > 0)
            log("error", `${label()} ${cause} (${retry + 1} of ${attempts} attempts)`);
          // The last attempt got no response: it timed out, or the network failed. (Inline, not
          // a helper: the bundle is smaller by 32 B min+gzip.) The URL without its query: a
          // cursor is long and says nothing about the failure. Redacted here: the rest of either
          // message is redacted already (`text`) or is the SDK's own words.
          const what = redact(`${request.method} ${request.url.replace(/[?#].*/, "")}`);
          // Worded as the info line words it ("1 attempt", "3 attempts").
          const tries = `${retry + 1} attempt${retry ? "s" : ""}`;
          if (timedOut)
            throw new TimeoutError(`${what} timed out after ${timeoutMs} ms (${tries})`);
          // The underlying error is kept as `cause` unless it would carry a secret into logs.
          // `redact` removes every key-shaped string (and the client's token), so text it leaves
          // alone holds none. As text, an Error is its name and message: "TypeError: fetch
          // failed". Node's fetch says why only in its cause ("SocketError: other side
          // closed"), which follows.
          const text = redact(
            String(error) + ((error as Error)?.cause ? ` (${(error as Error).cause})` : ""),
          );
          throw new ConnectionError(`${what} failed (${tries}): ${text}`, {
            cause: holdsSecret(error) ? new Error(text) : error,
          });
        }
        delay = backoffDelay(retry, random);
      } finally {
        clearTimeout(timer);
        unlink();
      }
      if (logLevel > 1) {
        log(
          "warn",
          `${label()} ${cause}: retry ${retry + 1} of ${attempts - 1} in ${Math.round(delay)} ms`,
        );
      }
      try {
        await sleep(delay, caller);
      } catch (error) {
        throw aborted(error);
      }
    }
  }) as RetryingFetch;
}

/**
 * One attempt through a `fetch`: `(url, { headers, signal })` for a page (a copy of its shared
 * headers: a custom fetch may change what it is given), `(request, { headers, signal })`
 * otherwise. Its signal is an `AbortSignal` that follows the attempt's.
 */
const fetchAttempt = (
  send: FetchLike,
  request: Request | PageRequest,
  headers: Headers | undefined,
  attempt: SignalLike,
): Promise<Response> => {
  const signal = toAbortSignal(attempt) as AbortSignal;
  const sent =
    request instanceof Request
      ? // `headers: undefined` is no headers (the request's own), as fetch reads it.
        send(request, { headers, signal } as RequestInit)
      : send(request.url, { method: "GET", headers: { ...request.headers }, signal });
  return sent.then((response) => {
    // Late (the attempt was stopped): nobody will read it.
    if (signal.aborted) void response.body?.cancel().catch(noop);
    return response;
  });
};

/**
 * A fresh `Response` over `body`, the bytes already read of `response`, with the same status,
 * headers (but `Content-Length`: the length of these bytes, when there are any) and URL: it can
 * be read, streamed or cloned as usual.
 */
const withBytes = (response: Response, body: ArrayBuffer): Response => {
  const copy = new Response(body, response);
  // With a length, openapi-fetch reads JSON with `json()`, which the client makes typed.
  if (body.byteLength) copy.headers.set("content-length", `${body.byteLength}`);
  return Object.defineProperty(copy, "url", { value: response.url });
};

/**
 * The response's request id, for debug lines: `x-request-id`, else the `request_id` of a body
 * read as text (a `get`'s or a page's; a `ka.client` body, read as bytes, is not decoded for it).
 */
const requestId = (response: Response | PageResponse, body?: string | ArrayBuffer) =>
  response.headers.get("x-request-id") ??
  // Bytes stringify to "[object ArrayBuffer]", and no body to "undefined": neither matches.
  /"request_id":\s*"([^"]*)"/.exec(body as string)?.[1];
