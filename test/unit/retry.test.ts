import { getEventListeners } from "node:events";
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AbortError, ConnectionError, isAbortError, TimeoutError } from "../../src/errors.js";
import { EXCHANGE, type PageResponse } from "../../src/internal/exchange.js";
import type { PageRequest } from "../../src/internal/page-request.js";
import { onAbort, plainSignal, type SignalLike } from "../../src/internal/signals.js";
import {
  backoffDelay,
  createRetryingFetch,
  type FetchLike,
  type RetryOptions,
} from "../../src/retry.js";
import { stubFetch } from "../helpers/stub-fetch.js";

const URL_ = "https://api.test/v1/clusters?limit=10";

/** A sleep that records each delay and returns at once. */
function recordingSleep() {
  const delays: number[] = [];
  const sleep = async (ms: number) => {
    delays.push(ms);
  };
  return { sleep, delays };
}

function retrying(fetch: FetchLike, options: Omit<RetryOptions, "fetch"> = {}) {
  return createRetryingFetch({ fetch, sleep: recordingSleep().sleep, ...options });
}

const json = (status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

/** A fetch that never answers and ignores its signal, like a stuck connection. */
const hang = () => new Promise<Response>(() => {});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("createRetryingFetch: which responses are retried", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries a GET answered %i", async (status) => {
    const { fetch, requests } = stubFetch((_, call) => (call === 1 ? json(status) : json(200)));
    const response = await retrying(fetch)(new Request(URL_));
    expect(response.status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it("sends the identical request on every attempt (URL, method, headers)", async () => {
    const { fetch, requests } = stubFetch((_, call) => (call < 3 ? json(503) : json(200)));
    const headers = { authorization: "Bearer t", "x-custom": "1" };
    await retrying(fetch)(new Request(URL_, { headers }));
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.url).toBe(URL_);
      expect(request.method).toBe("GET");
      expect(Object.fromEntries(request.headers)).toEqual(headers);
    }
  });

  it("sends the given headers on every attempt and leaves the caller's request without them", async () => {
    const { fetch, requests } = stubFetch((_, call) => (call < 3 ? json(503) : json(200)));
    const request = new Request(URL_, { headers: { "x-custom": "1" } });
    const headers = new Headers({ "x-custom": "1", authorization: "Bearer t" });
    await createRetryingFetch({ fetch, sleep: recordingSleep().sleep })(request, headers);
    expect(requests).toHaveLength(3);
    for (const sent of requests) {
      expect(Object.fromEntries(sent.headers)).toEqual({
        "x-custom": "1",
        authorization: "Bearer t",
      });
    }
    expect(request.headers.get("authorization")).toBeNull();
  });

  it.each([400, 401, 403, 404, 410, 501])("returns a %i at once, with one request", async (s) => {
    const { fetch, requests } = stubFetch(() => json(s));
    const response = await retrying(fetch)(new Request(URL_));
    expect(response.status).toBe(s);
    expect(requests).toHaveLength(1);
  });

  it("returns the last response as is once maxRetries is exhausted", async () => {
    const { fetch, requests } = stubFetch(() => json(503));
    const response = await retrying(fetch, { maxRetries: 2 })(new Request(URL_));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 503 });
    expect(requests).toHaveLength(3);
  });

  it("does not retry with maxRetries: 0", async () => {
    const { fetch, requests } = stubFetch(() => json(503));
    await retrying(fetch, { maxRetries: 0 })(new Request(URL_));
    expect(requests).toHaveLength(1);
  });

  it("does not retry a POST", async () => {
    const { fetch, requests } = stubFetch(() => json(503));
    const response = await retrying(fetch)(new Request(URL_, { method: "POST", body: "{}" }));
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(1);
  });
});

describe("createRetryingFetch: delays", () => {
  it("waits Retry-After delta-seconds before retrying", async () => {
    const { sleep, delays } = recordingSleep();
    const { fetch } = stubFetch((_, call) =>
      call === 1 ? json(429, { "retry-after": "3" }) : json(200),
    );
    await createRetryingFetch({ fetch, sleep })(new Request(URL_));
    expect(delays).toEqual([3000]);
  });

  it("waits until a Retry-After HTTP-date before retrying", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-05-21T10:30:00Z"));
    const { sleep, delays } = recordingSleep();
    const later = "Thu, 21 May 2026 10:30:05 GMT";
    const { fetch } = stubFetch((_, call) =>
      call === 1 ? json(503, { "retry-after": later }) : json(200),
    );
    await createRetryingFetch({ fetch, sleep })(new Request(URL_));
    expect(delays).toEqual([5000]);
  });

  it("prefers retry-after-ms over Retry-After", async () => {
    const { sleep, delays } = recordingSleep();
    const headers = { "retry-after-ms": "250", "retry-after": "9" };
    const { fetch } = stubFetch((_, call) => (call === 1 ? json(429, headers) : json(200)));
    await createRetryingFetch({ fetch, sleep })(new Request(URL_));
    expect(delays).toEqual([250]);
  });

  it("returns at once when Retry-After exceeds maxRetryDelayMs, without waiting", async () => {
    const { sleep, delays } = recordingSleep();
    const { fetch, requests } = stubFetch(() => json(429, { "retry-after": "7200" }));
    const response = await createRetryingFetch({ fetch, sleep, maxRetryDelayMs: 60_000 })(
      new Request(URL_),
    );
    expect(response.status).toBe(429);
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("backs off exponentially from 500 ms and caps at 8 s", async () => {
    const { sleep, delays } = recordingSleep();
    const { fetch } = stubFetch(() => json(503));
    await createRetryingFetch({ fetch, sleep, maxRetries: 6, random: () => 0 })(new Request(URL_));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });

  it("jitters each backoff down by at most 25%", () => {
    for (let retry = 0; retry < 8; retry++) {
      const base = Math.min(500 * 2 ** retry, 8000);
      for (const r of [0, 0.3, 0.7, 0.999999]) {
        const delay = backoffDelay(retry, () => r);
        expect(delay).toBeGreaterThan(base * 0.75);
        expect(delay).toBeLessThanOrEqual(base);
      }
    }
    expect(backoffDelay(1, () => 0.5)).not.toBe(backoffDelay(1, () => 0));
  });
});

describe("createRetryingFetch: aborts", () => {
  it("rejects at once with AbortError when aborted during a backoff sleep, leaving no timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const { fetch, requests } = stubFetch(() => json(503));
    const promise = createRetryingFetch({ fetch, random: () => 0 })(
      new Request(URL_, { signal: controller.signal }),
    );
    const settled = promise.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1); // the 500 ms backoff
    controller.abort();
    const error = await settled;
    expect(error).toBeInstanceOf(AbortError);
    expect(isAbortError(error)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(requests).toHaveLength(1);
  });

  it("does the same for a walk page, whose signal is a plain one", async () => {
    vi.useFakeTimers();
    const signal = plainSignal();
    const { fetch, requests } = stubFetch(() => json(503));
    const page: PageRequest = { url: URL_, method: "GET", headers: {}, signal };
    const settled = createRetryingFetch({ fetch, random: () => 0 })(page).catch(
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1); // the 500 ms backoff
    signal.abort(new Error("closed"));
    const error = await settled;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toEqual(new Error("closed"));
    expect(vi.getTimerCount()).toBe(0);
    expect(requests).toHaveLength(1);
  });

  it("rejects at once with AbortError when aborted during an attempt, even if fetch ignores the signal", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const promise = createRetryingFetch({ fetch: hang })(
      new Request(URL_, { signal: controller.signal }),
    );
    const settled = promise.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    expect(await settled).toBeInstanceOf(AbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes an aborting signal to each attempt's request", async () => {
    const controller = new AbortController();
    const { fetch, requests } = stubFetch(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const promise = createRetryingFetch({ fetch })(
      new Request(URL_, { signal: controller.signal }),
    );
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort();
    await expect(promise).rejects.toBeInstanceOf(AbortError);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it("reads the body within the attempt and leaves no listener on the caller's signal", async () => {
    const controller = new AbortController();
    const { fetch, requests } = stubFetch(() => json(200));
    const request = new Request(URL_, { signal: controller.signal });
    const response = await retrying(fetch)(request);
    expect(await response.json()).toEqual({ status: 200 });
    expect(requests[0]?.signal.aborted).toBe(false);
    expect(getEventListeners(request.signal, "abort")).toHaveLength(0);
    // The attempt is over: a later abort reaches nothing of it.
    controller.abort(new Error("stop"));
    expect(requests[0]?.signal.aborted).toBe(false);
  });

  it("clears the attempt's timer once the response arrives", async () => {
    vi.useFakeTimers();
    const { fetch } = stubFetch(() => json(200));
    const response = await retrying(fetch)(new Request(URL_));
    expect(response.status).toBe(200);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const { fetch, requests } = stubFetch(() => json(200));
    const request = new Request(URL_, { signal: AbortSignal.abort() });
    await expect(retrying(fetch)(request)).rejects.toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });
});

describe("createRetryingFetch: failures without a response", () => {
  it("retries a timed-out attempt, then throws TimeoutError", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const fetch: FetchLike = () => {
      calls++;
      return hang();
    };
    const promise = createRetryingFetch({ fetch, timeoutMs: 1000, maxRetries: 1, random: () => 0 })(
      new Request(URL_),
    );
    const settled = promise.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1000 + 500 + 1000);
    const error = await settled;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain("1000 ms");
    expect(calls).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("returns the response of an attempt that follows a timed-out one", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = stubFetch((_, call) => (call === 1 ? hang() : json(200)));
    const promise = createRetryingFetch({ fetch, timeoutMs: 1000, random: () => 0 })(
      new Request(URL_),
    );
    await vi.advanceTimersByTimeAsync(1500);
    expect((await promise).status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it("throws ConnectionError with the original error as cause after retries", async () => {
    const failure = new TypeError("fetch failed");
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls++;
      throw failure;
    };
    const error = await retrying(fetch)(new Request(URL_)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toBe(failure);
    expect((error as Error).message).toContain("3 attempts");
    expect(calls).toBe(3);
  });

  it("recovers when a network failure is followed by a response", async () => {
    const { fetch, requests } = stubFetch((_, call) => {
      if (call === 1) throw new TypeError("fetch failed");
      return json(200);
    });
    expect((await retrying(fetch)(new Request(URL_))).status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it("keeps a secret that the network error quotes out of the ConnectionError", async () => {
    const secret = "ka_live_abcdef123456";
    const fetch: FetchLike = async () => {
      throw new TypeError(`bad header Bearer ${secret}`);
    };
    const error = (await retrying(fetch, { maxRetries: 0 })(new Request(URL_)).catch(
      (e: unknown) => e,
    )) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).not.toContain(secret);
    expect(String((error.cause as Error).message)).not.toContain(secret);
    expect((error.cause as Error).stack).not.toContain(secret);
  });

  it("keeps a secret that a fetch's own AbortError quotes out of the AbortError's cause", async () => {
    const secret = "ka_live_abcdef123456";
    const own = new DOMException(`gave up on Bearer ${secret}`, "AbortError");
    const fetch: FetchLike = async () => {
      throw own;
    };
    const error = await retrying(fetch)(new Request(URL_)).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(secret);
  });

  it("keeps a fetch's own AbortError as the cause when it holds no secret", async () => {
    const own = new DOMException("This operation was aborted", "AbortError");
    const fetch: FetchLike = async () => {
      throw own;
    };
    const error = await retrying(fetch)(new Request(URL_)).catch((e: unknown) => e);
    expect((error as AbortError).cause).toBe(own);
  });

  it("drops a cause whose chain holds a secret in any property (undici's parser keeps the bytes)", async () => {
    const secret = "ka_live_abcdef123456";
    // What undici rejects with when a response is malformed: the bytes it could not parse (here
    // the request echoed back, Authorization included) in the cause's `data`.
    const parser = Object.assign(new Error("Response does not match the HTTP/1.1 protocol"), {
      data: `GET / HTTP/1.1\r\nauthorization: Bearer ${secret}\r\n`,
    });
    const fetch: FetchLike = async () => {
      throw new TypeError("fetch failed", { cause: parser });
    };
    const error = (await retrying(fetch, { maxRetries: 0 })(new Request(URL_)).catch(
      (e: unknown) => e,
    )) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(secret);
    expect((error.cause as Error).message).toBe(
      "TypeError: fetch failed (Error: Response does not match the HTTP/1.1 protocol)",
    );
  });

  // Node's fetch rejects every network failure as `TypeError: fetch failed`; what failed (a
  // reset, a redirect loop, a refused connection) is only in its cause.
  it("names the cause of the network error in the message, redacted", async () => {
    const secret = "ka_live_abcdef123456";
    const cause = new Error(`other side closed after Bearer ${secret}`);
    const fetch: FetchLike = async () => {
      throw new TypeError("fetch failed", { cause });
    };
    const error = (await retrying(fetch, { maxRetries: 0 })(new Request(URL_)).catch(
      (e: unknown) => e,
    )) as ConnectionError;
    expect(error.message).toBe(
      "GET https://api.test/v1/clusters failed (1 attempt): TypeError: fetch failed (Error: other side closed after Bearer [REDACTED])",
    );
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(secret);
  });
});

describe("createRetryingFetch: default fetch", () => {
  /** Installs a global fetch that reads (input, init) as the real one does: init wins. */
  function stubGlobalFetch(handler: Parameters<typeof stubFetch>[0]) {
    const { fetch, requests } = stubFetch(handler);
    const inits: RequestInit[] = [];
    vi.stubGlobal("fetch", (input: Request, init: RequestInit) => {
      inits.push(init);
      return fetch(new Request(input, init));
    });
    return { requests, inits };
  }

  it("reads globalThis.fetch at call time", async () => {
    const send = createRetryingFetch({ sleep: recordingSleep().sleep });
    const { fetch, requests } = stubFetch(() => json(200));
    vi.stubGlobal("fetch", fetch);
    expect((await send(new Request(URL_))).status).toBe(200);
    expect(requests).toHaveLength(1);
  });

  it("hands it the caller's request with the attempt's headers and signal as init, on every attempt", async () => {
    const { requests, inits } = stubGlobalFetch((_, call) => (call < 3 ? json(503) : json(200)));
    const request = new Request(URL_, { headers: { "x-custom": "1" } });
    const headers = new Headers({ "x-custom": "1", authorization: "Bearer t" });
    await createRetryingFetch({ sleep: recordingSleep().sleep })(request, headers);
    expect(requests).toHaveLength(3);
    for (const sent of requests) {
      expect(sent.url).toBe(URL_);
      expect(Object.fromEntries(sent.headers)).toEqual(Object.fromEntries(headers));
    }
    // A fresh signal per attempt, so a timed-out attempt's abort never reaches the next one.
    expect(new Set(inits.map((init) => init.signal)).size).toBe(3);
    expect(request.headers.get("authorization")).toBeNull();
  });

  it("aborts the attempt's signal when it times out", async () => {
    vi.useFakeTimers();
    const { requests } = stubGlobalFetch(hang);
    const promise = createRetryingFetch({ timeoutMs: 1000, maxRetries: 0 })(new Request(URL_));
    const settled = promise.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await settled).toBeInstanceOf(TimeoutError);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it("aborts the attempt's signal with the caller's while the body is read", async () => {
    const controller = new AbortController();
    const { requests } = stubGlobalFetch(
      () =>
        new Response(
          new ReadableStream({
            start(stream) {
              stream.enqueue(new TextEncoder().encode('{"partial":'));
            },
          }),
        ),
    );
    const promise = createRetryingFetch()(new Request(URL_, { signal: controller.signal }));
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort(new Error("stop"));
    await expect(promise).rejects.toBeInstanceOf(AbortError);
    expect(requests[0]?.signal.reason).toEqual(new Error("stop"));
  });
});

describe("createRetryingFetch: a walk's PageRequest", () => {
  const headers = Object.freeze({ authorization: "Bearer t", "x-custom": "1" });
  const pageRequest = (signal: AbortSignal): PageRequest => ({
    url: URL_,
    method: "GET",
    headers,
    signal,
  });

  it("gives the global fetch its URL, a copy of its headers and an attempt signal as init", async () => {
    const calls: [unknown, RequestInit][] = [];
    vi.stubGlobal("fetch", async (input: unknown, init: RequestInit) => {
      calls.push([input, init]);
      return json(calls.length < 2 ? 503 : 200);
    });
    const page = pageRequest(new AbortController().signal);
    const { response } = await createRetryingFetch({ sleep: recordingSleep().sleep })(page);
    expect(response.status).toBe(200);
    expect(calls.map(([input]) => input)).toEqual([URL_, URL_]);
    for (const [, init] of calls) {
      expect(init.headers).toEqual(headers);
      expect(init.headers).not.toBe(headers);
      expect(init.signal).toBeInstanceOf(AbortSignal);
      expect(init.signal).not.toBe(page.signal);
    }
  });

  it("gives a custom fetch its URL and a GET init with its headers, as the global fetch", async () => {
    const { fetch, requests, calls } = stubFetch(() => json(200));
    await retrying(fetch)(pageRequest(new AbortController().signal));
    expect(calls[0]?.input).toBe(URL_);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url).toBe(URL_);
    expect(requests[0]?.headers.get("x-custom")).toBe("1");
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer t");
  });

  it("ends in AbortError at once when its page's signal aborts, even if fetch ignores it", async () => {
    const controller = new AbortController();
    const { fetch, requests } = stubFetch(() => new Promise<Response>(() => {}));
    const promise = retrying(fetch)(pageRequest(controller.signal));
    setTimeout(() => controller.abort(), 5);
    await expect(promise).rejects.toBeInstanceOf(AbortError);
    expect(requests[0]?.signal.aborted).toBe(true);
  });
});

describe("createRetryingFetch: a transport's exchange", () => {
  const headers = Object.freeze({ authorization: "Bearer t" });
  const reply = (status: number, text = "{}"): PageResponse => ({
    status,
    ok: status < 300,
    headers: new Headers(status === 429 ? { "retry-after": "0" } : {}),
    text: () => Promise.resolve(text),
  });
  /** A fetch whose exchange answers with `answer(call)`; the fetch face itself throws. */
  function exchanging(answer: (call: number, signal: SignalLike) => Promise<PageResponse>) {
    const calls: { url: string; headers: object; signal: SignalLike }[] = [];
    const fetch = Object.assign(
      async () => {
        throw new Error("the fetch face was called");
      },
      {
        [EXCHANGE]: (url: string, sent: Record<string, string>, signal: SignalLike) => {
          calls.push({ url, headers: sent, signal });
          return answer(calls.length, signal);
        },
      },
    );
    return { fetch, calls };
  }
  const page = (signal?: AbortSignal): PageRequest => ({
    url: URL_,
    method: "GET",
    headers,
    signal,
  });

  it("sends pages through it, with the shared headers, and retries its statuses", async () => {
    const { fetch, calls } = exchanging(async (call) => reply(call === 1 ? 429 : 200, '{"a":1}'));
    const { response, text } = await retrying(fetch)(page());
    expect(response.status).toBe(200);
    expect(text).toBe('{"a":1}');
    expect(calls.map((call) => [call.url, call.headers])).toEqual([
      [URL_, headers],
      [URL_, headers],
    ]);
    expect(calls[0]?.headers).toBe(headers);
  });

  it("answers with the body beside the transport's response, which it never writes to", async () => {
    // Writing onto the transport's object (a new text()) made V8 keep every page alive through
    // minor GCs: a frozen reply makes such a write throw.
    const answered = Object.freeze(reply(200, '{"b":2}'));
    const { fetch } = exchanging(async () => answered);
    const result = await retrying(fetch)(page());
    expect(result).toEqual({ response: answered, text: '{"b":2}' });
    expect(result.response).toBe(answered);
  });

  it("leaves a Request (ka.client) to the fetch face", async () => {
    const { fetch, calls } = exchanging(async () => reply(200));
    await expect(retrying(fetch, { maxRetries: 0 })(new Request(URL_))).rejects.toThrow(
      "the fetch face was called",
    );
    expect(calls).toHaveLength(0);
  });

  it("stops a silent exchange at the deadline, each attempt, then throws TimeoutError", async () => {
    const stopped: unknown[] = [];
    const { fetch, calls } = exchanging(
      (_, signal) =>
        new Promise<PageResponse>(() => {
          onAbort(signal, () => stopped.push(signal.reason));
        }),
    );
    const error = await retrying(fetch, { timeoutMs: 20, maxRetries: 1 })(page()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(2);
    expect(stopped).toHaveLength(2);
    expect(calls.every((call) => call.signal.aborted)).toBe(true);
  });

  it("stops it with the caller's reason when the page's signal aborts, and throws AbortError", async () => {
    const controller = new AbortController();
    const stopped: unknown[] = [];
    const { fetch } = exchanging(
      (_, signal) =>
        new Promise<PageResponse>(() => {
          onAbort(signal, () => stopped.push(signal.reason));
        }),
    );
    const promise = retrying(fetch)(page(controller.signal));
    setTimeout(() => controller.abort(new Error("enough")), 5);
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toEqual(new Error("enough"));
    expect(stopped).toEqual([new Error("enough")]);
  });
});
