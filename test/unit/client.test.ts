import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  CursorExpiredError,
  createKubeadapt,
  InvalidCursorError,
  isBadRequestError,
  isKubeadaptError,
  isNotFoundError,
  isProtocolError,
  isRateLimitError,
  isServerError,
  KubeadaptError,
  type KubeadaptOptions,
  NotFoundError,
  PermissionDeniedError,
  ProtocolError,
  RateLimitError,
  ServerError,
} from "../../src/index.js";
import { stubFetch } from "../helpers/stub-fetch.js";

const TOKEN = "ka_live_s3cretT0kenValue42";
const BASE = "https://api.test";
const CLUSTER_ID = "0b6f1f6e-0000-4000-8000-000000000001";

/** A stub fetch: answers with `handler`, records every request it receives. */
const stub = (handler: (request: Request) => Response | Promise<Response> = () => ok({})) =>
  stubFetch(handler);

function ok(data: unknown, meta: object = { request_id: "req_ok" }) {
  return Response.json({ data, meta });
}

function failure(status: number, code: string, message: string, details: object[] = []) {
  return Response.json(
    { data: null, meta: { request_id: `req_${status}` }, error: { code, message, details } },
    { status },
  );
}

function kubeadapt(fetch: KubeadaptOptions["fetch"], options: KubeadaptOptions = {}) {
  return createKubeadapt({ token: TOKEN, baseUrl: BASE, fetch, maxRetries: 0, ...options });
}

const getCluster = (ka: ReturnType<typeof createKubeadapt>, cluster_id = CLUSTER_ID) =>
  ka.get("/v1/clusters/{cluster_id}", { params: { path: { cluster_id } } });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("get", () => {
  it("returns the response's data", async () => {
    const cluster = { id: CLUSTER_ID, kind: "Cluster" };
    const { fetch, requests } = stub(() => ok(cluster));
    expect(await getCluster(kubeadapt(fetch))).toEqual(cluster);
    expect(requests[0]?.url).toBe(`${BASE}/v1/clusters/${CLUSTER_ID}`);
    expect(requests[0]?.method).toBe("GET");
  });

  it("sends the query parameters", async () => {
    const { fetch, requests } = stub(() => ok([]));
    await kubeadapt(fetch).get("/v1/clusters", {
      params: { query: { limit: 5, status: "connected" } },
    });
    const url = new URL(requests[0]?.url ?? "");
    expect(url.searchParams.get("limit")).toBe("5");
    expect(url.searchParams.get("status")).toBe("connected");
  });

  it("sends extra headers", async () => {
    const { fetch, requests } = stub();
    await getCluster(kubeadapt(fetch, { headers: { "user-agent": "my-tool/1.0" } }));
    expect(requests[0]?.headers.get("user-agent")).toBe("my-tool/1.0");
  });

  it("retries a 503 and returns the data of the next response", async () => {
    let calls = 0;
    const { fetch } = stub(() => {
      if (++calls > 1) return ok({ id: 1 });
      const response = failure(503, "SERVICE_UNAVAILABLE", "busy");
      response.headers.set("retry-after", "0"); // no backoff to sleep through
      return response;
    });
    expect(await getCluster(kubeadapt(fetch, { maxRetries: 1 }))).toEqual({ id: 1 });
    expect(calls).toBe(2);
  });
});

describe("errors from responses", () => {
  it.each([
    [400, "BAD_REQUEST", BadRequestError],
    [400, "INVALID_CURSOR", InvalidCursorError],
    [401, "UNAUTHORIZED", AuthenticationError],
    [403, "FORBIDDEN", PermissionDeniedError],
    [404, "NOT_FOUND", NotFoundError],
    [410, "CURSOR_EXPIRED", CursorExpiredError],
    [429, "RATE_LIMITED", RateLimitError],
    [500, "INTERNAL_ERROR", ServerError],
    [503, "SERVICE_UNAVAILABLE", ServerError],
    [409, "CONFLICT", KubeadaptError],
  ] as const)("%i %s throws %o with the envelope's fields", async (status, code, Class) => {
    const details = [{ field: "limit", reason: "out_of_range" }];
    const { fetch } = stub(() => failure(status, code, "it failed", details));
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({
      name: Class.name,
      status,
      code,
      message: "it failed",
      details,
      requestId: `req_${status}`,
    });
  });

  it.each([400, 401, 403, 404, 410])("throws a %i at once, after one request", async (status) => {
    const { fetch, requests } = stub(() => failure(status, "X", "no"));
    await expect(getCluster(kubeadapt(fetch, { maxRetries: 2 }))).rejects.toBeInstanceOf(
      KubeadaptError,
    );
    expect(requests).toHaveLength(1);
  });

  it("gives a 410 the reason from details[0].reason", async () => {
    const { fetch } = stub(() =>
      failure(410, "CURSOR_EXPIRED", "changed", [{ reason: "query_changed" }]),
    );
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CursorExpiredError);
    expect((error as CursorExpiredError).reason).toBe("query_changed");
  });

  it("gives a 429 the Retry-After as retryAfterMs", async () => {
    const { fetch } = stub(() => {
      const response = failure(429, "RATE_LIMITED", "slow down");
      response.headers.set("retry-after", "30");
      return response;
    });
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(30_000);
  });

  it("throws RateLimitError at once when Retry-After exceeds maxRetryDelayMs", async () => {
    const { fetch, requests } = stub(() => {
      const response = failure(429, "RATE_LIMITED", "slow down");
      response.headers.set("retry-after", "3600");
      return response;
    });
    const ka = kubeadapt(fetch, { maxRetries: 2, maxRetryDelayMs: 60_000 });
    const error = await getCluster(ka).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(requests).toHaveLength(1);
  });

  it.each([
    ["999999999 seconds", "999999999"],
    ["an HTTP-date years ahead", "Fri, 01 Jan 2100 00:00:00 GMT"],
  ])(
    "does not wait a Retry-After of %s: RateLimitError at once, saying how long",
    async (_name, value) => {
      const { fetch, requests } = stub(() => {
        const response = failure(429, "RATE_LIMITED", "slow down");
        response.headers.set("retry-after", value);
        return response;
      });
      const ka = kubeadapt(fetch, { maxRetries: 2 });
      const error = await getCluster(ka).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      // More than ten years, as asked; nothing was slept.
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(10 * 365 * 86_400_000);
      expect(requests).toHaveLength(1);
    },
  );

  it("gives up on a 429 that never ends after maxRetries retries, with RateLimitError", async () => {
    const { fetch, requests } = stub(() => {
      const response = failure(429, "RATE_LIMITED", "slow down");
      response.headers.set("retry-after", "0");
      return response;
    });
    const ka = kubeadapt(fetch, { maxRetries: 2, logLevel: "off" });
    const error = await getCluster(ka).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RateLimitError", status: 429, retryAfterMs: 0 });
    expect(requests).toHaveLength(3);
  });

  it("throws ServerError, quoting a short excerpt, for a gateway's HTML 502 page", async () => {
    const html = `<html><body><h1>502 Bad Gateway</h1>${"x".repeat(1000)}</body></html>`;
    const { fetch } = stub(
      () => new Response(html, { status: 502, headers: { "content-type": "text/html" } }),
    );
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(isServerError(error)).toBe(true);
    expect(isProtocolError(error)).toBe(false);
    expect((error as ServerError).status).toBe(502);
    expect((error as Error).message).toContain("text/html");
    expect((error as Error).message).toContain("502 Bad Gateway");
    expect((error as Error).message.length).toBeLessThan(400);
  });

  it("throws RateLimitError at once for a proxy's plain-text 429 asking for a long wait", async () => {
    const { fetch, requests } = stub(
      () => new Response("Too Many Requests", { status: 429, headers: { "retry-after": "3600" } }),
    );
    const error = await getCluster(kubeadapt(fetch, { maxRetries: 2 })).catch((e: unknown) => e);
    expect(isRateLimitError(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
    expect(requests).toHaveLength(1);
  });

  it("throws ProtocolError for a web server's HTML 404 page (a wrong baseUrl)", async () => {
    const { fetch } = stub(() => new Response("<h1>Not Found</h1>", { status: 404 }));
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(isProtocolError(error)).toBe(true);
    expect(isNotFoundError(error)).toBe(false);
  });

  it("throws ProtocolError for invalid JSON on a 200", async () => {
    const { fetch } = stub(() => new Response("{not json", { status: 200 }));
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).status).toBe(200);
    expect((error as Error).message).toContain("{not json");
  });

  it("throws ProtocolError for a 200 JSON body without data", async () => {
    const { fetch } = stub(() => Response.json([1, 2]));
    await expect(getCluster(kubeadapt(fetch))).rejects.toBeInstanceOf(ProtocolError);
  });

  // Every GET's `data` is an object or an array: anything else would fail later, in the
  // caller's code, as a TypeError.
  it.each([null, 5, "x", true])("throws ProtocolError for a 200 whose data is %j", async (data) => {
    const { fetch } = stub(() => ok(data));
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toContain(
      'expected a JSON envelope with "data" with HTTP 200',
    );
  });

  it("hands on data that is an object or an array", async () => {
    for (const data of [{}, []]) {
      const { fetch } = stub(() => ok(data));
      await expect(getCluster(kubeadapt(fetch))).resolves.toEqual(data);
    }
  });

  it("quotes a 200 without data with the token it echoed in JSON escapes redacted", async () => {
    const escaped = TOKEN.replace(/_/g, "\\u005f");
    const { fetch } = stub(
      () =>
        new Response(`{"echo":"Bearer ${escaped}"}`, {
          headers: { "content-type": "application/json" },
        }),
    );
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toContain("[REDACTED]");
    expect(`${(error as Error).message} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(
      "s3cretT0kenValue42",
    );
  });

  it("leaves ka.client in openapi-fetch style: { error, response }, no throw", async () => {
    const { fetch } = stub(() => failure(404, "NOT_FOUND", "no such cluster"));
    const { data, error, response } = await kubeadapt(fetch).client.GET(
      "/v1/clusters/{cluster_id}",
      { params: { path: { cluster_id: CLUSTER_ID } } },
    );
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error?.error.code).toBe("NOT_FOUND");
  });

  it.each([
    ["without a Content-Length", {}],
    ["with a Content-Length", { "content-length": "48" }],
  ])(
    "throws get's ProtocolError from ka.client for a 2xx body that is not JSON (%s)",
    async (_, length) => {
      const html = `<html>sign in ${TOKEN}</html>`.padEnd(48);
      const { fetch } = stub(
        () =>
          new Response(html, { status: 200, headers: { "content-type": "text/html", ...length } }),
      );
      const ka = kubeadapt(fetch);
      const raw = await ka.client
        .GET("/v1/clusters/{cluster_id}", { params: { path: { cluster_id: CLUSTER_ID } } })
        .catch((e: unknown) => e);
      const viaGet = await getCluster(ka).catch((e: unknown) => e);
      expect(raw).toBeInstanceOf(ProtocolError);
      expect(isKubeadaptError(raw)).toBe(true);
      expect((raw as ProtocolError).status).toBe(200);
      expect((raw as Error).message).toBe((viaGet as Error).message);
      expect(inspect(raw, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    },
  );

  it("gives ka.client's response its body's length, and a json() that throws get's error", async () => {
    const { fetch } = stub(() => new Response("<html>", { status: 200 }));
    const { response } = await kubeadapt(fetch).client.GET("/v1/organization", {
      parseAs: "stream",
    });
    expect(response.headers.get("content-length")).toBe("6");
    await expect(response.json()).rejects.toBeInstanceOf(ProtocolError);
  });

  it("leaves ka.client's other bodies alone: text asked for, an empty 2xx, a non-JSON error", async () => {
    const { fetch } = stub((request) =>
      request.url.endsWith("/v1/organization")
        ? new Response(null, { status: 200 })
        : request.url.endsWith("/v1/teams")
          ? new Response("", { status: 200 })
          : request.url.endsWith("/v1/clusters")
            ? new Response("<html>bad gateway</html>", { status: 502 })
            : new Response("plain text", { status: 200 }),
    );
    const { client } = kubeadapt(fetch);
    const text = await client.GET("/v1/clusters/{cluster_id}", {
      params: { path: { cluster_id: CLUSTER_ID } },
      parseAs: "text",
    });
    expect(text.data).toBe("plain text");
    expect((await client.GET("/v1/organization")).data).toBeUndefined();
    expect((await client.GET("/v1/teams")).data).toBeUndefined();
    const failed = await client.GET("/v1/clusters");
    expect(failed.response.status).toBe(502);
    expect(failed.error).toBe("<html>bad gateway</html>");
  });
});

describe("guards", () => {
  it("recognise errors from a second copy of the package", async () => {
    const copy = (await import(
      // @ts-expect-error: a query string gives a second, separate instance of the module
      "../../src/errors.ts?copy=2"
    )) as typeof import("../../src/errors.js");
    const foreign = new copy.NotFoundError("gone", { status: 404 });
    expect(foreign).not.toBeInstanceOf(NotFoundError);
    expect(isNotFoundError(foreign)).toBe(true);
    expect(isKubeadaptError(foreign)).toBe(true);
    expect(isBadRequestError(foreign)).toBe(false);
    expect(isBadRequestError(new copy.InvalidCursorError("bad"))).toBe(true);
  });

  it("reject look-alikes that only copy the name", () => {
    const fake = Object.assign(new Error("x"), { name: "NotFoundError" });
    expect(isNotFoundError(fake)).toBe(false);
    expect(isKubeadaptError({ name: "KubeadaptError" })).toBe(false);
  });
});

describe("the token", () => {
  it("is sent as a Bearer header to baseUrl's origin", async () => {
    const { fetch, requests } = stub();
    await getCluster(kubeadapt(fetch));
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]?.url).not.toContain(TOKEN);
  });

  it("is not sent to another origin", async () => {
    const { fetch, requests } = stub();
    await kubeadapt(fetch).client.GET("/v1/clusters/{cluster_id}", {
      baseUrl: "https://elsewhere.test",
      params: { path: { cluster_id: CLUSTER_ID } },
    });
    expect(requests[0]?.url).toContain("https://elsewhere.test/");
    expect(requests[0]?.headers.get("authorization")).toBeNull();
  });

  it.each([
    "https://api.test.evil.example",
    "https://api.test:8443",
    "http://api.test",
    "https://evil.example/https://api.test",
  ])("is not sent to the look-alike origin %s", async (baseUrl) => {
    const { fetch, requests } = stub();
    await kubeadapt(fetch).client.GET("/v1/clusters/{cluster_id}", {
      baseUrl,
      params: { path: { cluster_id: CLUSTER_ID } },
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.get("authorization")).toBeNull();
  });

  it("is sent when baseUrl spells the same origin differently (case, default port)", async () => {
    const { fetch, requests } = stub();
    await kubeadapt(fetch).client.GET("/v1/clusters/{cluster_id}", {
      baseUrl: "HTTPS://API.TEST:443",
      params: { path: { cluster_id: CLUSTER_ID } },
    });
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("never appears in an error that echoes it, serialized or inspected", async () => {
    const other = "ka_test_anotherKey999";
    const { fetch } = stub(() =>
      failure(401, "UNAUTHORIZED", `token ${TOKEN} is invalid (also ${other})`, [
        { field: "authorization", message: `Bearer ${TOKEN}` },
      ]),
    );
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    for (const text of [
      (error as Error).message,
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
    ]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(other);
    }
    expect((error as Error).message).toContain("[REDACTED]");
  });

  // Only a token with URL-reserved characters has a spelling other than its own (ka_live_ keys
  // encode to themselves).
  it.each([
    [
      "a 401 envelope's message",
      401,
      AuthenticationError,
      (echo: string) => failure(401, "UNAUTHORIZED", `bad token ${echo}`),
    ],
    [
      "a 502 HTML page",
      502,
      ServerError,
      (echo: string) => new Response(`<p>${echo}</p>`, { status: 502 }),
    ],
  ])("never appears percent-encoded, echoed in %s", async (_, _status, Type, respond) => {
    const token = "Zq9SECRET+tok/en=";
    const { fetch } = stub((request) =>
      respond(encodeURIComponent(request.headers.get("authorization") ?? "")),
    );
    const ka = createKubeadapt({ token, baseUrl: BASE, fetch, maxRetries: 0 });
    for (const error of [
      await getCluster(ka).catch((e: unknown) => e),
      await ka
        .paginate("/v1/workloads")
        .toArray({ max: 1 })
        .catch((e: unknown) => e),
    ]) {
      expect(error).toBeInstanceOf(Type);
      expect((error as Error).message).toContain("Bearer%20[REDACTED]");
      for (const text of [JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
        expect(text).not.toContain("SECRET");
      }
    }
  });

  it("never appears in an error whose details echo it as a key", async () => {
    const { fetch } = stub(() =>
      failure(401, "UNAUTHORIZED", "bad token", [
        { field: "authorization", [`Bearer ${TOKEN}`]: "invalid" },
      ]),
    );
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect((error as AuthenticationError).details[0]?.field).toBe("authorization");
  });

  it.each([
    [502, ServerError],
    [401, ProtocolError],
  ])("never appears in the error quoting a %i body that echoes it", async (status, Type) => {
    const { fetch } = stub(() => new Response(`<p>Bearer ${TOKEN}</p>`, { status }));
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Type);
    expect((error as Error).message).toContain("Bearer [REDACTED]");
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(TOKEN);
  });

  // A path parameter (or a gateway base URL) may hold it: the URL is in the message.
  it.each([
    ["the token", TOKEN.replace("ka_live_", "tok-")],
    ["a key-shaped string", "ka_test_0therKey99"],
  ])("never appears in a TimeoutError whose URL holds %s", async (_, secret) => {
    const fetch = () => new Promise<Response>(() => {});
    const ka = createKubeadapt({
      token: secret,
      baseUrl: BASE,
      fetch,
      maxRetries: 0,
      timeoutMs: 1,
    });
    const error = await getCluster(ka, `c-${secret}`).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect((error as Error).message).toContain("/v1/clusters/c-[REDACTED] timed out");
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(secret);
  });

  it("never appears in a ConnectionError, even when the network error quotes it", async () => {
    const fetch = async () => {
      throw new TypeError(`could not send Bearer ${TOKEN}`);
    };
    const error = await getCluster(kubeadapt(fetch)).catch((e: unknown) => e);
    expect(isKubeadaptError(error)).toBe(true);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  describe.each([
    ["skipping openapi-fetch", false],
    ["through openapi-fetch (a middleware registered)", true],
  ])("echoed by a server into next_cursor, %s", (_, middleware) => {
    // Page 1 is fine; page 2's next_cursor is `secret`; any later request fails, as a server
    // would answer a cursor it never issued.
    const walkWith = (secret: (request: Request) => string) => {
      const { fetch, requests } = stubFetch((request, call) => {
        if (call > 2) return failure(400, "INVALID_CURSOR", "unknown cursor");
        const next_cursor = call === 1 ? "c2" : secret(request);
        return ok([{ id: `i${call}` }], {
          request_id: `req_${call}`,
          pagination: { next_cursor, has_more: true },
        });
      });
      const ka = kubeadapt(fetch);
      if (middleware) ka.client.use({ onRequest: () => undefined });
      return { walk: ka.paginate("/v1/workloads"), requests };
    };

    it("is a ProtocolError before it is sent, and the error resumes from the last good cursor", async () => {
      const { walk, requests } = walkWith(
        (request) => request.headers.get("authorization")?.replace("Bearer ", "") ?? "",
      );
      const seen: (string | undefined)[] = [];
      const error = await (async () => {
        for await (const page of walk.pages()) seen.push(page.nextCursor);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).cursor).toBe("c2");
      expect((error as ProtocolError).page).toBe(2);
      expect((error as ProtocolError).itemsYielded).toBe(1);
      expect(seen).toEqual(["c2"]);
      expect(requests).toHaveLength(2);
      for (const request of requests) expect(request.url).not.toContain(TOKEN);
      for (const text of [
        (error as Error).message,
        JSON.stringify(error),
        inspect(error, { depth: 10, showHidden: true }),
      ]) {
        expect(text).not.toContain(TOKEN);
      }
    });

    it("is refused when it holds any key-shaped string, not only this client's token", async () => {
      const { walk, requests } = walkWith(() => "eyJ.ka_test_anotherKey999");
      await expect(walk.toArray({ max: 10 })).rejects.toBeInstanceOf(ProtocolError);
      expect(requests).toHaveLength(2);
    });
  });

  it("is refused in next_cursor percent-encoded, before it is sent", async () => {
    const token = "Zq9SECRET+tok/en=";
    const { fetch, requests } = stubFetch(() =>
      ok([{ id: "i1" }], {
        pagination: { next_cursor: encodeURIComponent(token), has_more: true },
      }),
    );
    const ka = createKubeadapt({ token, baseUrl: BASE, fetch, maxRetries: 0 });
    await expect(ka.paginate("/v1/workloads").toArray({ max: 10 })).rejects.toBeInstanceOf(
      ProtocolError,
    );
    expect(requests).toHaveLength(1);
  });

  it("is not visible when the client is inspected or serialized", () => {
    const ka = kubeadapt(stub().fetch);
    expect(inspect(ka, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(ka)).not.toContain(TOKEN);
  });

  it("is refused, without being quoted, when it cannot be a header value", () => {
    const bad = `${TOKEN}\n`;
    const error = (() => {
      try {
        createKubeadapt({ token: bad, baseUrl: BASE });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KubeadaptError);
    expect((error as Error).message).not.toContain(TOKEN);
  });
});

describe("baseUrl security", () => {
  it("refuses plain http:// to a non-loopback host", () => {
    expect(() => createKubeadapt({ token: TOKEN, baseUrl: "http://api.example.com" })).toThrow(
      /http:\/\/.*unencrypted/,
    );
    expect(() => createKubeadapt({ token: TOKEN, baseUrl: "http://10.0.0.1:8080" })).toThrow(
      KubeadaptError,
    );
  });

  it.each([
    "http://localhost:4010",
    "http://127.0.0.1:4010",
    "http://127.8.9.10",
    "http://[::1]:4010",
  ])("allows plain http:// to loopback %s", (baseUrl) => {
    expect(() => createKubeadapt({ token: TOKEN, baseUrl })).not.toThrow();
  });

  it("allows plain http:// anywhere with allowInsecureHttp: true", () => {
    expect(() =>
      createKubeadapt({ token: TOKEN, baseUrl: "http://api.example.com", allowInsecureHttp: true }),
    ).not.toThrow();
  });

  it('sends nothing over plain http:// when allowInsecureHttp is the text "false"', () => {
    const { fetch, requests } = stub();
    const options = { baseUrl: "http://api.example.com", allowInsecureHttp: "false" as never };
    expect(() => kubeadapt(fetch, options)).toThrow(KubeadaptError);
    expect(requests).toHaveLength(0);
  });

  it("refuses a baseUrl that is not an http(s) URL", () => {
    expect(() => createKubeadapt({ baseUrl: "ftp://api.test" })).toThrow(KubeadaptError);
    expect(() => createKubeadapt({ baseUrl: "api.test" })).toThrow(KubeadaptError);
  });

  it("keeps a path prefix of baseUrl", async () => {
    const { fetch, requests } = stub();
    await getCluster(kubeadapt(fetch, { baseUrl: "https://api.test/prefix/" }));
    expect(requests[0]?.url).toBe(`https://api.test/prefix/v1/clusters/${CLUSTER_ID}`);
  });

  // Every path already starts with /v1: the API's root written with its version means the root.
  it.each([
    ["https://api.test/v1", "https://api.test/v1/clusters"],
    ["https://api.test/v1/", "https://api.test/v1/clusters"],
    ["https://api.test/prefix/v1//", "https://api.test/prefix/v1/clusters"],
    ["https://api.test/v1/v1", "https://api.test/v1/v1/clusters"],
    ["https://api.test/v10", "https://api.test/v10/v1/clusters"],
    ["https://api.test/xv1", "https://api.test/xv1/v1/clusters"],
  ])("reads baseUrl %s as the API's root, once: get, walks and ka.client", async (baseUrl, url) => {
    const { fetch, requests } = stub(() => ok([], { pagination: { has_more: false } }));
    const ka = kubeadapt(fetch, { baseUrl });
    await ka.get("/v1/clusters");
    await ka.paginate("/v1/clusters").toArray({ max: 1 });
    await ka.client.GET("/v1/clusters");
    expect(requests.map((request) => request.url.replace(/\?.*/, ""))).toEqual([url, url, url]);
  });
});

describe("path parameters", () => {
  it.each(["..", ".", "", "%2e%2e", "%2E.", ".%2e"])(
    "rejects %j before any request",
    async (id) => {
      const { fetch, requests } = stub();
      const error = await getCluster(kubeadapt(fetch), id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).details[0]?.field).toBe("cluster_id");
      expect(requests).toHaveLength(0);
    },
  );

  it("rejects them on ka.client too", async () => {
    const { fetch, requests } = stub();
    await expect(
      kubeadapt(fetch).client.GET("/v1/clusters/{cluster_id}", {
        params: { path: { cluster_id: ".." } },
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
    expect(requests).toHaveLength(0);
  });

  it("percent-encodes a value so it stays one segment", async () => {
    const { fetch, requests } = stub();
    await getCluster(kubeadapt(fetch), "a/b");
    await getCluster(kubeadapt(fetch), "../x");
    expect(requests[0]?.url).toBe(`${BASE}/v1/clusters/a%2Fb`);
    expect(requests[1]?.url).toBe(`${BASE}/v1/clusters/..%2Fx`);
  });
});

describe("page sizes", () => {
  it.each([0, 501, -5, 2.5, "abc", "", Number.NaN])(
    "rejects limit %j before any request",
    async (limit) => {
      const { fetch, requests } = stub();
      const error = await kubeadapt(fetch)
        .get("/v1/clusters", { params: { query: { limit: limit as number } } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).details).toEqual([
        { field: "limit", reason: "out_of_range" },
      ]);
      expect(requests).toHaveLength(0);
    },
  );

  it.each([1, 100, 500])("accepts limit %i", async (limit) => {
    const { fetch, requests } = stub(() => ok([]));
    await kubeadapt(fetch).get("/v1/clusters", { params: { query: { limit } } });
    expect(requests).toHaveLength(1);
  });

  it.each([0, 501, 1.5])("rejects per_page %j before any request", async (per_page) => {
    const { fetch, requests } = stub();
    const error = await kubeadapt(fetch)
      .get("/v1/cost-explorer", {
        params: {
          query: {
            group_by: "namespace",
            per_page,
          },
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).details[0]).toEqual({
      field: "per_page",
      reason: "out_of_range",
    });
    expect(requests).toHaveLength(0);
  });
});

describe("defaults from the environment", () => {
  it("reads the token from KUBEADAPT_API_TOKEN", async () => {
    vi.stubEnv("KUBEADAPT_API_TOKEN", "ka_test_fromEnv");
    const { fetch, requests } = stub();
    await getCluster(createKubeadapt({ baseUrl: BASE, fetch }));
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer ka_test_fromEnv");
  });

  it("reads the base URL from KUBEADAPT_BASE_URL", async () => {
    vi.stubEnv("KUBEADAPT_BASE_URL", "https://staging.test");
    const { fetch, requests } = stub();
    await getCluster(createKubeadapt({ token: TOKEN, fetch }));
    expect(requests[0]?.url.startsWith("https://staging.test/v1/")).toBe(true);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("defaults the base URL to https://public-api.kubeadapt.io", async () => {
    vi.stubEnv("KUBEADAPT_BASE_URL", "");
    const { fetch, requests } = stub();
    await getCluster(createKubeadapt({ token: TOKEN, fetch }));
    expect(requests[0]?.url.startsWith("https://public-api.kubeadapt.io/v1/")).toBe(true);
  });

  it("prefers explicit options to the environment", async () => {
    vi.stubEnv("KUBEADAPT_API_TOKEN", "ka_test_fromEnv");
    vi.stubEnv("KUBEADAPT_BASE_URL", "https://staging.test");
    const { fetch, requests } = stub();
    await getCluster(kubeadapt(fetch));
    expect(requests[0]?.url.startsWith(`${BASE}/`)).toBe(true);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("sends no Authorization header when there is no token", async () => {
    vi.stubEnv("KUBEADAPT_API_TOKEN", "");
    const { fetch, requests } = stub();
    await getCluster(createKubeadapt({ baseUrl: BASE, fetch }));
    expect(requests[0]?.headers.get("authorization")).toBeNull();
  });

  it("uses globalThis.fetch at call time when no fetch is given", async () => {
    const ka = createKubeadapt({ token: TOKEN, baseUrl: BASE });
    const { fetch, requests } = stub();
    vi.stubGlobal("fetch", fetch);
    await getCluster(ka);
    expect(requests).toHaveLength(1);
  });

  it("hands the global fetch (url, init) for get and (ka.client's Request, init) for ka.client, the token only in init's headers", async () => {
    const ka = createKubeadapt({ token: TOKEN, baseUrl: BASE });
    const calls: [unknown, RequestInit][] = [];
    vi.stubGlobal("fetch", async (input: unknown, init: RequestInit) => {
      calls.push([input, init]);
      return ok({});
    });
    await getCluster(ka);
    await ka.client.GET("/v1/organization");
    expect(calls).toHaveLength(2);
    const [[url], [request]] = calls as [[string, RequestInit], [Request, RequestInit]];
    expect(url).toBe(`${BASE}/v1/clusters/${CLUSTER_ID}`);
    expect(request).toBeInstanceOf(Request);
    expect(request.headers.get("authorization")).toBeNull();
    for (const [, init] of calls) {
      expect(new Headers(init.headers).get("authorization")).toBe(`Bearer ${TOKEN}`);
    }
  });
});

describe("options", () => {
  it.each([
    { maxRetries: -1 },
    { maxRetries: 1.5 },
    { timeoutMs: 0 },
    { timeoutMs: 1.5 },
    { maxRetries: Number.POSITIVE_INFINITY },
    { timeoutMs: Number.NEGATIVE_INFINITY },
    { maxRetryDelayMs: Number.NaN },
  ])("refuses %o, naming the option", (options) => {
    const error = (() => {
      try {
        createKubeadapt({ token: TOKEN, baseUrl: BASE, ...options });
      } catch (e) {
        return e;
      }
    })();
    expect(isBadRequestError(error) && error.details[0]?.field).toBe(Object.keys(options)[0]);
  });

  it("refuses a fetch that is not a function, before any request", () => {
    const error = (() => {
      try {
        createKubeadapt({ token: TOKEN, baseUrl: BASE, fetch: "x" as never });
      } catch (e) {
        return e;
      }
    })();
    expect(isBadRequestError(error) && error.details[0]?.field).toBe("fetch");
    expect((error as Error).message).toBe("fetch must be a function");
  });

  it("accepts 0 retries and a 0 ms Retry-After cap", () => {
    expect(() =>
      createKubeadapt({ token: TOKEN, baseUrl: BASE, maxRetries: 0, maxRetryDelayMs: 0 }),
    ).not.toThrow();
  });
});
