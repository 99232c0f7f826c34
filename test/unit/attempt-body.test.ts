import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConnectionError,
  createKubeadapt,
  isConnectionError,
  isTimeoutError,
  TimeoutError,
} from "../../src/index.js";
import type { PageRequest } from "../../src/internal/page-request.js";
import { createRetryingFetch } from "../../src/retry.js";
import { stubFetch } from "../helpers/stub-fetch.js";

const BASE = "https://api.test";
const URL_ = `${BASE}/v1/clusters?limit=10`;
const encoder = new TextEncoder();

/** Headers, then part of the body, then nothing: the stream never ends and ignores cancel. */
const stalled = () =>
  new Response(
    new ReadableStream({
      start(stream) {
        stream.enqueue(encoder.encode('{"data":[{"id":"a"},'));
      },
    }),
    { headers: { "content-type": "application/json" } },
  );

/** Headers, then part of the body, then the connection breaks off. */
const broken = () =>
  new Response(
    new ReadableStream({
      start(stream) {
        stream.enqueue(encoder.encode('{"data":[{"id":"a"},'));
        setTimeout(() => stream.error(new TypeError("terminated")), 1);
      },
    }),
  );

const page = (ids: string[], next = "") =>
  Response.json({
    data: ids.map((id) => ({ id })),
    meta: { request_id: "req_1", pagination: { next_cursor: next, has_more: next !== "" } },
  });

const noSleep = async () => {};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("an attempt covers the whole response", () => {
  it("ends a stalled body in TimeoutError within timeoutMs, even if the fetch ignores its signal", async () => {
    const { fetch, requests } = stubFetch(stalled);
    const send = createRetryingFetch({ fetch, timeoutMs: 50, maxRetries: 1, sleep: noSleep });
    const started = Date.now();
    const error = await send(new Request(URL_)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(isTimeoutError(error)).toBe(true);
    expect(requests).toHaveLength(2);
    // Two attempts of 50 ms, not undici's 300 s body timeout or forever.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("retries a stalled body like a timeout before the headers, and returns the next response whole", async () => {
    const { fetch, requests } = stubFetch((_, call) => (call === 1 ? stalled() : page(["a"])));
    const send = createRetryingFetch({ fetch, timeoutMs: 50, sleep: noSleep });
    const response = await send(new Request(URL_));
    expect(await response.json()).toMatchObject({ data: [{ id: "a" }] });
    expect(requests).toHaveLength(2);
  });

  it("retries a body that breaks off, and throws ConnectionError when the last one does", async () => {
    const { fetch, requests } = stubFetch(broken);
    const error = await createRetryingFetch({ fetch, maxRetries: 2, sleep: noSleep })(
      new Request(URL_),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/terminated/);
    expect(requests).toHaveLength(3);
  });

  it("returns a Request's response with its body in memory: unread, cloneable, same status, headers and URL", async () => {
    const { fetch } = stubFetch(() => {
      const response = Response.json({ ok: 1 }, { status: 404, headers: { "x-request-id": "r1" } });
      Object.defineProperty(response, "url", { value: `${BASE}/v1/moved` });
      return response;
    });
    const response = await createRetryingFetch({ fetch })(new Request(URL_));
    expect(response.bodyUsed).toBe(false);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-request-id")).toBe("r1");
    expect(response.url).toBe(`${BASE}/v1/moved`);
    expect(await response.clone().json()).toEqual({ ok: 1 });
    expect(await response.text()).toBe('{"ok":1}');
  });

  it("sends a PageRequest as (url, init): a copy of its headers and the attempt's signal", async () => {
    const { fetch, calls } = stubFetch(() => page(["a"]));
    const headers = Object.freeze({ authorization: "Bearer t" });
    const request: PageRequest = { url: URL_, method: "GET", headers, signal: undefined };
    const { text } = await createRetryingFetch({ fetch })(request);
    expect(text).toContain('"id":"a"');
    expect(calls[0]?.input).toBe(URL_);
    expect(calls[0]?.init?.headers).toEqual(headers);
    expect(calls[0]?.init?.headers).not.toBe(headers);
    expect(calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
  });
});

describe("through the client", () => {
  const client = (fetch: ReturnType<typeof stubFetch>["fetch"], maxRetries = 2) =>
    createKubeadapt({ token: "ka_test_tok", baseUrl: BASE, fetch, timeoutMs: 50, maxRetries });

  it("get retries a stalled body and returns the data of the next attempt", async () => {
    const { fetch, requests } = stubFetch((_, call) =>
      call === 1 ? stalled() : Response.json({ data: { name: "org" }, meta: {} }),
    );
    expect(await client(fetch).get("/v1/organization")).toEqual({ name: "org" });
    expect(requests).toHaveLength(2);
  });

  it.each([
    ["stalls", stalled, isTimeoutError],
    ["breaks off", broken, isConnectionError],
  ])(
    "get retries a body that %s, and throws the typed error when the last one does",
    async (_, respond, guard) => {
      const { fetch, requests } = stubFetch(respond);
      const error = await client(fetch, 1)
        .get("/v1/organization")
        .catch((e: unknown) => e);
      expect(guard(error)).toBe(true);
      expect(requests).toHaveLength(2);
    },
  );

  it("a walk retries a page whose body stalls, and yields no item twice", async () => {
    let stalls = 0;
    const { fetch, requests } = stubFetch((request) => {
      const cursor = new URL(request.url).searchParams.get("cursor");
      if (cursor === "c2" && stalls++ === 0) return stalled();
      return cursor === null
        ? page(["a", "b"], "c2")
        : cursor === "c2"
          ? page(["c", "d"], "c3")
          : page(["e"]);
    });
    const ids: string[] = [];
    for await (const item of client(fetch).paginate("/v1/clusters")) ids.push(item.id);
    expect(ids).toEqual(["a", "b", "c", "d", "e"]);
    expect(requests.map((r) => new URL(r.url).searchParams.get("cursor"))).toEqual([
      null,
      "c2",
      "c2",
      "c3",
    ]);
  });

  it("ka.client retries a stalled body and returns the next attempt's data", async () => {
    const { fetch, requests } = stubFetch((_, call) =>
      call === 1 ? stalled() : Response.json({ data: { name: "org" }, meta: {} }),
    );
    const { data, response } = await client(fetch).client.GET("/v1/organization");
    expect(data).toMatchObject({ data: { name: "org" } });
    expect(requests).toHaveLength(2);
    expect(response.status).toBe(200);
  });
});
