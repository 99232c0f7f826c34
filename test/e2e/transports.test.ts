// The SDK's rules over real HTTP, run through each transport a Node user can pick: the global
// fetch (the default) and `kubeadapt/node`'s nodeTransport(). Every behaviour must come out the
// same through both.
import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createKubeadapt, type FetchLike, type KubeadaptOptions } from "../../src/index.js";
import { nodeTransport } from "../../src/node/index.js";
import { type Loopback, listPage, type Seen, serverPerTest } from "../helpers/loopback-server.js";

const TOKEN = "ka_transport_test_token";
const JSON_TYPE = { "content-type": "application/json" };

const transports: [string, () => FetchLike | undefined][] = [
  ["the global fetch", () => undefined],
  ["nodeTransport()", () => nodeTransport()],
];

const serve = serverPerTest();

// Headers and the first half of a page, then nothing more (the socket stays open).
function stallMidBody(response: ServerResponse, body: string): void {
  response.writeHead(200, { ...JSON_TYPE, "content-length": String(Buffer.byteLength(body)) });
  response.write(body.slice(0, body.length / 2));
}

describe.each(transports)("over %s", (_name, transport) => {
  const client = (server: Loopback, options: KubeadaptOptions = {}) =>
    createKubeadapt({
      token: TOKEN,
      baseUrl: server.origin,
      fetch: transport(),
      // Retries are expected here: their warnings would only clutter the test output.
      logLevel: "off",
      ...options,
    });

  it("walks every item in order, with the token on every page", async () => {
    const server = await serve((request, response) => {
      const cursor = new URL(request.url, "http://x").searchParams.get("cursor");
      const page = cursor === null ? listPage(["a", "b"], "p2") : listPage(["c"]);
      response.writeHead(200, JSON_TYPE).end(page);
    });
    const ids: string[] = [];
    const walk = client(server).paginate("/v1/clusters", { params: { query: { limit: 2 } } });
    for await (const cluster of walk) ids.push(cluster.id);
    expect(ids).toEqual(["a", "b", "c"]);
    expect(server.seen.map((seen) => seen.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ] as const)("asks for and decodes a %s body", async (encoding, compress) => {
    const server = await serve((_request, response) => {
      response
        .writeHead(200, { ...JSON_TYPE, "content-encoding": encoding })
        .end(compress(listPage(["x", "y"])));
    });
    expect(await client(server).get("/v1/clusters")).toEqual([{ id: "x" }, { id: "y" }]);
    // Node 20's fetch decodes br but asks only for gzip and deflate.
    expect(server.seen[0]?.headers["accept-encoding"]).toMatch(/gzip, deflate/);
  });

  it("decodes a body whose codings come in two Content-Encoding lines", async () => {
    const server = await serve((_request, response) => {
      response
        .writeHead(200, [
          ["content-type", "application/json"],
          ["content-encoding", "deflate"],
          ["content-encoding", "gzip"],
        ])
        .end(gzipSync(deflateSync(listPage(["x"]))));
    });
    expect(await client(server, { maxRetries: 0 }).get("/v1/clusters")).toEqual([{ id: "x" }]);
  });

  it("reads a page that starts with a UTF-8 byte order mark", async () => {
    const server = await serve((_request, response) => {
      const bom = Buffer.from([0xef, 0xbb, 0xbf]);
      response.writeHead(200, JSON_TYPE).end(Buffer.concat([bom, Buffer.from(listPage(["é"]))]));
    });
    const ka = client(server, { maxRetries: 0 });
    expect(await ka.get("/v1/clusters")).toEqual([{ id: "é" }]);
    expect(await ka.paginate("/v1/clusters").toArray({ max: 10 })).toEqual([{ id: "é" }]);
  });

  it("retries a body that cannot be decoded, then throws ConnectionError", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { ...JSON_TYPE, "content-encoding": "gzip" }).end("not gzip");
    });
    const error = await client(server, { maxRetries: 1 })
      .get("/v1/clusters")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError" });
    expect(server.seen).toHaveLength(2);
  });

  it.each([
    ["a stalled response (no headers)", () => {}],
    [
      "a body that stalls mid-way",
      (_request: unknown, response: ServerResponse) => stallMidBody(response, listPage(["a"])),
    ],
  ])("retries %s, then throws TimeoutError", async (_name, handler) => {
    const server = await serve(handler);
    const error = await client(server, { timeoutMs: 150, maxRetries: 1 })
      .get("/v1/clusters")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(server.seen).toHaveLength(2);
  });

  // Bytes keep coming, so a timer that waits for silence (undici's bodyTimeout) never fires:
  // only the attempt's deadline over the whole response ends these.
  it.each([
    ["a body that trickles a byte every 50 ms", 50, 1],
    ["a body that never ends (16 KiB every 5 ms)", 5, 1 << 14],
  ])(
    "ends %s in TimeoutError at timeoutMs: get, ka.client and a walk",
    async (_name, every, size) => {
      const server = await serve((_request, response) => {
        response.writeHead(200, JSON_TYPE);
        const timer = setInterval(() => response.write(" ".repeat(size)), every);
        response.on("close", () => clearInterval(timer));
      });
      const ka = client(server, { timeoutMs: 200, maxRetries: 0 });
      const calls = [
        () => ka.get("/v1/clusters"),
        () => ka.client.GET("/v1/clusters"),
        () => ka.paginate("/v1/clusters").toArray({ max: 10 }),
      ];
      for (const call of calls) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toMatchObject({
          name: "TimeoutError",
          message: expect.stringContaining("timed out after 200 ms (1 attempt)"),
        });
        expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(TOKEN);
      }
    },
  );

  it("closes the connection of a stalled prefetch when the consumer breaks out of the walk", async () => {
    let closed = () => {};
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const server = await serve((request, response) => {
      if (!request.url.includes("cursor=")) {
        return response.writeHead(200, JSON_TYPE).end(listPage(["a"], "p2"));
      }
      // Page 2 never answers: only the client can end its request.
      response.socket?.once("close", () => closed());
    });
    // A deadline far past the test's own: nothing but the break may end the request.
    const walk = client(server, { timeoutMs: 600_000 }).paginate("/v1/clusters");
    for await (const _ of walk) {
      while (server.seen.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      break;
    }
    await connectionClosed;
    expect(server.seen.map((seen) => seen.url)).toEqual(["/v1/clusters", "/v1/clusters?cursor=p2"]);
  });

  it("retries after the connection drops mid-body, and gets the page", async () => {
    const body = listPage(["a", "b"]);
    const server = await serve((_request, response, n) => {
      if (n > 0) return response.writeHead(200, JSON_TYPE).end(body);
      stallMidBody(response, body);
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const ka = client(server, { maxRetries: 1 });
    expect(await ka.get("/v1/clusters")).toEqual([{ id: "a" }, { id: "b" }]);
    expect(server.seen).toHaveLength(2);
  });

  it("skips informational responses (102, 103) and reads the page after them", async () => {
    const server = await serve((_request, response) => {
      response.writeProcessing();
      response.writeEarlyHints({ link: "</v1/clusters>; rel=preload" });
      response.writeHead(200, JSON_TYPE).end(listPage(["a"]));
    });
    const ka = client(server, { maxRetries: 0 });
    expect(await ka.get("/v1/clusters")).toEqual([{ id: "a" }]);
    expect(await ka.paginate("/v1/clusters").toArray({ max: 10 })).toEqual([{ id: "a" }]);
  });

  // Node's fetch rejects these as `TypeError: fetch failed`, saying what only in its cause.
  it.each([
    [
      "a redirect loop",
      (request: Seen, response: ServerResponse) => {
        response.writeHead(302, { location: request.url }).end();
      },
      /redirect count exceeded/,
    ],
    [
      "a 100 Continue it did not ask for (undici refuses one)",
      (_request: Seen, response: ServerResponse) => {
        response.writeContinue();
        response.writeHead(200, JSON_TYPE).end(listPage(["a"]));
      },
      /bad response/,
    ],
  ])("ends %s in ConnectionError whose message says what", async (_name, handler, what) => {
    const server = await serve(handler);
    const ka = client(server, { maxRetries: 1 });
    for (const call of [
      () => ka.get("/v1/clusters"),
      () => ka.paginate("/v1/clusters").toArray({ max: 10 }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: "ConnectionError",
        message: expect.stringMatching(what),
      });
      expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(TOKEN);
    }
  });

  it("throws ConnectionError without the token when nothing listens", async () => {
    const server = await serve(() => {});
    await server.close();
    const error = await client(server, { maxRetries: 0 })
      .get("/v1/clusters")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError" });
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(TOKEN);
    expect(String((error as Error).stack)).not.toContain(TOKEN);
  });

  it("throws ConnectionError without the token when a malformed response echoes the request", async () => {
    // Not HTTP: the parser's error keeps the bytes it could not parse, here the request's
    // Authorization header, which must not reach the error's cause chain.
    const server = await serve((request, response) => {
      response.socket?.end(`HTTP/1.1 2x0 ${request.headers.authorization}\r\n\r\n`);
    });
    const error = await client(server, { maxRetries: 0 })
      .get("/v1/clusters")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError" });
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(TOKEN);
  });

  it("throws ServerError without the token when a gateway echoes it into Content-Type", async () => {
    const server = await serve((request, response) => {
      const type = `text/html; echo="${request.headers.authorization}"`;
      response.writeHead(502, { "content-type": type }).end("<h1>Bad Gateway</h1>");
    });
    const error = await client(server, { maxRetries: 0 })
      .get("/v1/clusters")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ServerError", status: 502 });
    expect((error as Error).message).toContain('text/html; echo="Bearer [REDACTED]"');
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(TOKEN);
  });

  it("throws ProtocolError without the token when a broken page echoes it as its request id", async () => {
    const server = await serve((request, response) => {
      const meta = { request_id: request.headers.authorization, pagination: { has_more: "yes" } };
      response.writeHead(200, JSON_TYPE).end(JSON.stringify({ data: [], meta }));
    });
    const error = await client(server)
      .paginate("/v1/clusters")
      .toArray({ max: 10 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ProtocolError", page: 1 });
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(TOKEN);
  });

  it("hands on a page's request id only in the spec's form, never an echoed token", async () => {
    const server = await serve((request, response) => {
      const second = request.url?.includes("cursor=") ?? false;
      const meta = {
        request_id: second ? "req_2" : request.headers.authorization,
        pagination: { has_more: !second, next_cursor: second ? "" : "c2" },
      };
      response.writeHead(200, JSON_TYPE).end(JSON.stringify({ data: [{ id: "a" }], meta }));
    });
    const pages = [];
    for await (const page of client(server).paginate("/v1/clusters").pages()) pages.push(page);
    expect(pages.map((page) => page.requestId)).toEqual([undefined, "req_2"]);
    expect(inspect(pages, { depth: 20 })).not.toContain(TOKEN);
  });

  it("gives an API error the request id of its envelope only in the spec's form", async () => {
    const server = await serve((request, response) => {
      const echo = request.url?.includes("echo") ?? false;
      const meta = { request_id: echo ? `req_1 ${request.headers.authorization}` : "req_404" };
      const error = { code: "NOT_FOUND", message: "No such cluster" };
      response.writeHead(404, JSON_TYPE).end(JSON.stringify({ error, meta }));
    });
    const get = (id: string) =>
      client(server)
        .get("/v1/clusters/{cluster_id}", { params: { path: { cluster_id: id } } })
        .catch((e: unknown) => e);
    expect(await get("plain")).toMatchObject({ name: "NotFoundError", requestId: "req_404" });
    const echoed = await get("echo");
    expect(echoed).toMatchObject({ name: "NotFoundError", requestId: undefined });
    expect(inspect(echoed, { depth: 20, showHidden: true })).not.toContain(TOKEN);
  });

  it("throws AbortError when the caller aborts while the server is silent", async () => {
    const server = await serve(() => controller.abort());
    const controller = new AbortController();
    const error = await client(server)
      .get("/v1/clusters", { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.seen).toHaveLength(1);
  });

  it("throws AbortError when the caller aborts mid-body", async () => {
    const server = await serve((_request, response) => {
      stallMidBody(response, listPage(["a"]));
      setTimeout(() => controller.abort(), 20);
    });
    const controller = new AbortController();
    const walk = client(server).paginate("/v1/clusters", { signal: controller.signal });
    const error = await walk.toArray({ max: 10 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.seen).toHaveLength(1);
  });

  it("waits out 429 Retry-After, then gets the page", async () => {
    const server = await serve((_request, response, n) => {
      if (n === 0) return response.writeHead(429, { "retry-after": "0" }).end();
      response.writeHead(200, JSON_TYPE).end(listPage(["a"]));
    });
    expect(await client(server).get("/v1/clusters")).toEqual([{ id: "a" }]);
    expect(server.seen).toHaveLength(2);
  });

  it("follows a cross-origin redirect without the token, a same-origin one with it", async () => {
    const other = await serve((_request, response) => {
      response.writeHead(200, JSON_TYPE).end(listPage(["elsewhere"]));
    });
    const server = await serve((request, response) => {
      if (request.url.startsWith("/v1/clusters")) {
        return response.writeHead(302, { location: "/moved" }).end();
      }
      response.writeHead(307, { location: `${other.origin}/v1/clusters` }).end();
    });
    expect(await client(server).get("/v1/clusters")).toEqual([{ id: "elsewhere" }]);
    expect(server.seen.map((seen) => [seen.url, seen.headers.authorization])).toEqual([
      ["/v1/clusters", `Bearer ${TOKEN}`],
      ["/moved", `Bearer ${TOKEN}`],
    ]);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
  });
});
