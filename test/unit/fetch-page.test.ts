import createClient from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { paths } from "../../generated/schema.js";
import {
  AbortError,
  BadRequestError,
  CursorExpiredError,
  createKubeadapt,
  ProtocolError,
} from "../../src/index.js";
import { createFetchPage } from "../../src/internal/fetch-page.js";
import { createRetryingFetch } from "../../src/retry.js";
import { stubFetch } from "../helpers/stub-fetch.js";

const BASE = "https://api.test";
const signal = new AbortController().signal;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** A fetchPage over a stub server: through openapi-fetch, or skipping it (`direct`). */
function fetchPageWith(
  handler: (request: Request) => Response | Promise<Response>,
  direct: boolean,
) {
  const { fetch, requests } = stubFetch(handler);
  const client = createClient<paths>({ baseUrl: BASE, fetch });
  return {
    fetchPage: createFetchPage(
      client,
      createRetryingFetch({ fetch, maxRetries: 0 }),
      BASE,
      {},
      "ka_test_tok",
      () => direct,
    ),
    requests,
  };
}

const page = (ids: string[], next: string) =>
  Response.json({
    data: ids.map((id) => ({ id })),
    meta: {
      request_id: "req_1",
      applied_at: "2026-05-21T10:30:00Z",
      pagination: { next_cursor: next, has_more: next !== "", limit: 2 },
    },
  });

describe.each([
  ["through openapi-fetch", false],
  ["skipping openapi-fetch", true],
])("fetchPage %s", (_name, direct) => {
  it("returns the whole parsed envelope, data and meta", async () => {
    const { fetchPage } = fetchPageWith(() => page(["a"], ""), direct);
    const body = await fetchPage("/v1/clusters", { signal, querySerializer: () => "limit=2" });
    expect(body).toEqual({
      data: [{ id: "a" }],
      meta: expect.objectContaining({ pagination: expect.objectContaining({ has_more: false }) }),
    });
  });

  it("sends the serializer's query string and the path parameters", async () => {
    const { fetchPage, requests } = fetchPageWith(() => page([], ""), direct);
    await fetchPage("/v1/clusters/{cluster_id}/workloads", {
      signal,
      params: { path: { cluster_id: "c 1" } },
      querySerializer: () => "limit=2&cursor=abc%3D",
    });
    expect(requests[0]?.url).toBe(`${BASE}/v1/clusters/c%201/workloads?limit=2&cursor=abc%3D`);
  });

  it("throws the typed error of a non-2xx envelope", async () => {
    const { fetchPage } = fetchPageWith(
      () =>
        Response.json(
          {
            data: null,
            meta: { request_id: "req_410" },
            error: { code: "CURSOR_EXPIRED", message: "old", details: [{ reason: "expired" }] },
          },
          { status: 410 },
        ),
      direct,
    );
    const error = await fetchPage("/v1/clusters", {
      signal,
      querySerializer: () => "cursor=x",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CursorExpiredError);
    expect(error).toMatchObject({ reason: "expired", requestId: "req_410", status: 410 });
  });

  it("throws ProtocolError for a 200 that is not JSON", async () => {
    const { fetchPage } = fetchPageWith(() => new Response("<html>oops</html>"), direct);
    await expect(
      fetchPage("/v1/clusters", { signal, querySerializer: () => "" }),
    ).rejects.toBeInstanceOf(ProtocolError);
  });

  it("rejects a dot-segment path parameter before any request", async () => {
    const { fetchPage, requests } = fetchPageWith(() => page([], ""), direct);
    await expect(
      fetchPage("/v1/clusters/{cluster_id}/workloads", {
        signal,
        params: { path: { cluster_id: ".." } },
        querySerializer: () => "",
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
    expect(requests).toHaveLength(0);
  });
});

describe("ka.paginate through the client", () => {
  it("walks every page with auth, following next_cursor", async () => {
    const { fetch, requests } = stubFetch((request) => {
      const cursor = new URL(request.url).searchParams.get("cursor");
      return cursor === null ? page(["a", "b"], "c2") : page(["c"], "");
    });
    const ka = createKubeadapt({ token: "ka_test_tok", baseUrl: BASE, fetch });
    const ids: string[] = [];
    for await (const cluster of ka.paginate("/v1/clusters", { params: { query: { limit: 2 } } })) {
      ids.push(cluster.id);
    }
    expect(ids).toEqual(["a", "b", "c"]);
    expect(requests).toHaveLength(2);
    expect(new URL(requests[1]?.url ?? "").searchParams.get("cursor")).toBe("c2");
    expect(requests.every((r) => r.headers.get("authorization") === "Bearer ka_test_tok")).toBe(
      true,
    );
  });

  it("passes the walk's signal to each page request", async () => {
    const controller = new AbortController();
    const { fetch } = stubFetch(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const ka = createKubeadapt({ token: "ka_test_tok", baseUrl: BASE, fetch });
    const walk = ka.paginate("/v1/clusters", { signal: controller.signal });
    const first = walk[Symbol.asyncIterator]().next();
    setTimeout(() => controller.abort(), 5);
    await expect(first).rejects.toBeInstanceOf(AbortError);
  });

  it("aborts a page request in flight when a middleware is registered too", async () => {
    const controller = new AbortController();
    const { fetch, requests } = stubFetch(() => new Promise<Response>(() => {}));
    const ka = createKubeadapt({ token: "ka_test_tok", baseUrl: BASE, fetch });
    const seen: AbortSignal[] = [];
    ka.client.use({
      onRequest({ request }) {
        seen.push(request.signal);
      },
    });
    const first = ka
      .paginate("/v1/clusters", { signal: controller.signal })
      [Symbol.asyncIterator]()
      .next();
    setTimeout(() => controller.abort(), 5);
    await expect(first).rejects.toBeInstanceOf(AbortError);
    // The middleware saw the page's signal abort, and so did the request sent.
    expect(seen.map((signal) => signal.aborted)).toEqual([true]);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it("runs the client's middleware on every page request", async () => {
    const { fetch, requests } = stubFetch((request) =>
      page(["a"], new URL(request.url).searchParams.get("cursor") ? "" : "c1"),
    );
    const ka = createKubeadapt({ token: "ka_test_tok", baseUrl: BASE, fetch });
    const seen: string[] = [];
    ka.client.use({
      onRequest({ request }) {
        seen.push(request.url);
        return new Request(request, { headers: { "x-trace": "1" } });
      },
    });
    expect(await ka.paginate("/v1/clusters").toArray({ max: 10 })).toHaveLength(2);
    expect(seen).toEqual([
      `${BASE}/v1/clusters?limit=10`,
      `${BASE}/v1/clusters?limit=10&cursor=c1`,
    ]);
    expect(requests.map((r) => r.headers.get("x-trace"))).toEqual(["1", "1"]);
    expect(requests.every((r) => r.headers.get("authorization") === "Bearer ka_test_tok")).toBe(
      true,
    );
  });

  it("builds no Request per page while no middleware is registered, and real ones after", async () => {
    const calls: [unknown, RequestInit][] = [];
    vi.stubGlobal("fetch", async (input: unknown, init: RequestInit) => {
      calls.push([input, init]);
      const url = typeof input === "string" ? input : (input as Request).url;
      return page(["a"], new URL(url).searchParams.get("cursor") ? "" : "c1");
    });
    const ka = createKubeadapt({
      token: "ka_test_tok",
      baseUrl: BASE,
      headers: { "user-agent": "bench/1" },
    });
    expect(await ka.paginate("/v1/clusters").toArray({ max: 10 })).toHaveLength(2);
    // The global fetch gets the URL and an init with every header and the page's signal.
    expect(calls.map(([input]) => input)).toEqual([
      `${BASE}/v1/clusters?limit=10`,
      `${BASE}/v1/clusters?limit=10&cursor=c1`,
    ]);
    for (const [, init] of calls) {
      const headers = new Headers(init.headers);
      expect(headers.get("authorization")).toBe("Bearer ka_test_tok");
      expect(headers.get("user-agent")).toBe("bench/1");
      expect(init.signal).toBeInstanceOf(AbortSignal);
    }
    calls.length = 0;
    ka.client.use({ onRequest: () => undefined });
    expect(await ka.paginate("/v1/clusters").toArray({ max: 10 })).toHaveLength(2);
    expect(calls.map(([input]) => input instanceof Request)).toEqual([true, true]);
    // The Request a middleware could see never holds the token.
    expect(calls.map(([input]) => (input as Request).headers.get("authorization"))).toEqual([
      null,
      null,
    ]);
  });

  it("sends a get with only parameters as (url, init), one with headers or options through openapi-fetch", async () => {
    const { fetch, calls, requests } = stubFetch(() =>
      Response.json({ data: { name: "org" }, meta: {} }),
    );
    const ka = createKubeadapt({ token: "ka_test_tok", baseUrl: BASE, fetch });
    await ka.get("/v1/organization", { params: {} });
    await ka.get("/v1/organization", { headers: { "x-trace": "7" } });
    await ka.get("/v1/organization", { cache: "no-store" });
    expect(calls.map((call) => typeof call.input)).toEqual(["string", "object", "object"]);
    expect(requests[1]?.headers.get("x-trace")).toBe("7");
    expect(requests[2]?.cache).toBe("no-store");
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual(
      Array(3).fill("Bearer ka_test_tok"),
    );
  });

  it("gives a custom fetch (url, init) per page while no middleware is registered, (request, init) after", async () => {
    vi.stubEnv("KUBEADAPT_API_TOKEN", "");
    const { fetch, calls } = stubFetch(() => page(["a"], ""));
    const ka = createKubeadapt({ baseUrl: BASE, fetch, headers: { "user-agent": "app/2" } });
    expect(await ka.paginate("/v1/clusters").toArray({ max: 5 })).toHaveLength(1);
    expect(calls[0]?.input).toBe(`${BASE}/v1/clusters?limit=5`);
    const headers = new Headers(calls[0]?.init?.headers);
    expect(calls[0]?.init?.method).toBe("GET");
    expect(headers.get("user-agent")).toBe("app/2");
    expect(headers.get("authorization")).toBeNull();
    expect(calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
    ka.client.use({ onRequest: () => undefined });
    expect(await ka.paginate("/v1/clusters").toArray({ max: 5 })).toHaveLength(1);
    expect(calls[1]?.input).toBeInstanceOf(Request);
    expect((calls[1]?.input as Request | undefined)?.url).toBe(`${BASE}/v1/clusters?limit=5`);
  });
});
