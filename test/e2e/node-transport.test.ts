import { deflateRawSync, gzipSync } from "node:zlib";
import { Agent, EnvHttpProxyAgent, ProxyAgent } from "undici";
import { describe, expect, it } from "vitest";
import { ConnectionError, createKubeadapt } from "../../src/index.js";
import { type NodeTransport, nodeTransport } from "../../src/node/index.js";
import { type Handler, serverPerTest, TEST_CA } from "../helpers/loopback-server.js";
import { rawServerPerTest } from "../helpers/raw-server.js";
import { startTunnelingProxy } from "../helpers/tunneling-proxy.js";

const serve = serverPerTest();

// Redirects `/from/<status>` to `/to`, which echoes the request it got.
const redirecting: Handler = (request, response) => {
  const status = /^\/from\/(\d+)/.exec(request.url)?.[1];
  if (status) return response.writeHead(Number(status), { location: "/to" }).end();
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(request));
};

const fetches: [string, typeof fetch][] = [
  ["the global fetch", fetch],
  ["nodeTransport()", nodeTransport()],
];

describe.each(fetches)("%s", (_name, send) => {
  it.each([
    [301, "GET", ""],
    [302, "GET", ""],
    [303, "GET", ""],
    [307, "POST", "payload"],
    [308, "POST", "payload"],
  ])("on %i turns a POST into a %s with body %j", async (status, method, body) => {
    const server = await serve(redirecting);
    const response = await send(`${server.origin}/from/${status}`, {
      method: "POST",
      body: "payload",
      headers: { "content-type": "text/plain" },
    });
    const echoed = await response.json();
    expect(echoed).toMatchObject({ method, body, url: "/to" });
    expect(echoed.headers["content-type"]).toBe(body ? "text/plain" : undefined);
    expect([response.url, response.redirected]).toEqual([`${server.origin}/to`, true]);
  });

  it("on 303 turns a PUT into a GET, and keeps a GET a GET", async () => {
    const server = await serve(redirecting);
    const put = await send(`${server.origin}/from/303`, { method: "PUT", body: "x" });
    expect(await put.json()).toMatchObject({ method: "GET", body: "" });
    const get = await send(`${server.origin}/from/301`);
    expect(await get.json()).toMatchObject({ method: "GET" });
  });

  it("drops Authorization and Cookie on a cross-origin redirect only", async () => {
    const other = await serve(redirecting);
    const server = await serve((request, response) => {
      if (request.url === "/to") return redirecting(request, response, 0);
      const location = request.url === "/here" ? "/to" : `${other.origin}/to`;
      response.writeHead(302, { location }).end();
    });
    const headers = { authorization: "Bearer secret", cookie: "a=b", "x-kept": "yes" };
    const same = await (await send(`${server.origin}/here`, { headers })).json();
    expect(same.headers).toMatchObject(headers);
    const cross = await (await send(`${server.origin}/away`, { headers })).json();
    expect(cross.headers).toMatchObject({ "x-kept": "yes" });
    expect(cross.headers).not.toHaveProperty("authorization");
    expect(cross.headers).not.toHaveProperty("cookie");
  });

  it('returns the redirect itself with redirect: "manual", rejects with "error"', async () => {
    const server = await serve(redirecting);
    const manual = await send(`${server.origin}/from/302`, { redirect: "manual" });
    expect([manual.status, manual.headers.get("location"), manual.redirected]).toEqual([
      302,
      "/to",
      false,
    ]);
    await expect(send(`${server.origin}/from/302`, { redirect: "error" })).rejects.toThrow(
      TypeError,
    );
  });

  it("gives up after 20 redirects with a TypeError", async () => {
    const server = await serve((request, response) => {
      const n = Number(request.url.slice(1));
      response.writeHead(302, { location: `/${n + 1}` }).end();
    });
    await expect(send(`${server.origin}/0`)).rejects.toThrow(TypeError);
    expect(server.seen).toHaveLength(21);
  });

  it("rejects a redirect to a non-HTTP URL with a TypeError", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(302, { location: "file:///etc/passwd" }).end();
    });
    await expect(send(`${server.origin}/`)).rejects.toThrow(TypeError);
  });

  it("decodes raw deflate and stacked codings, and keeps Content-Encoding", async () => {
    const server = await serve((request, response) => {
      const raw = request.url === "/raw";
      const body = raw ? deflateRawSync("raw text") : gzipSync(gzipSync("twice"));
      response.writeHead(200, { "content-encoding": raw ? "deflate" : "gzip, gzip" }).end(body);
    });
    const raw = await send(`${server.origin}/raw`);
    expect([await raw.text(), raw.headers.get("content-encoding")]).toEqual([
      "raw text",
      "deflate",
    ]);
    expect(await (await send(`${server.origin}/twice`)).text()).toBe("twice");
  });

  it("fails on a corrupt gzip body, and leaves an unknown coding as sent", async () => {
    const server = await serve((request, response) => {
      const corrupt = request.url === "/corrupt";
      response
        .writeHead(200, { "content-encoding": corrupt ? "gzip" : "zstd-ish" })
        .end(corrupt ? "not gzip at all" : "as sent");
    });
    await expect(send(`${server.origin}/corrupt`).then((r) => r.text())).rejects.toThrow();
    expect(await (await send(`${server.origin}/unknown`)).text()).toBe("as sent");
  });

  it("gives no body for HEAD and 204, an empty one for an empty 200", async () => {
    const server = await serve((request, response) => {
      response.writeHead(request.url === "/none" ? 204 : 200).end();
    });
    expect((await send(`${server.origin}/`, { method: "HEAD" })).body).toBeNull();
    expect((await send(`${server.origin}/none`)).body).toBeNull();
    const empty = await send(`${server.origin}/`);
    expect([empty.body === null, await empty.text()]).toEqual([false, ""]);
  });

  it("drops a leading UTF-8 byte order mark from text() and json(), not from the bytes", async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const server = await serve((_request, response) => {
      response.end(Buffer.concat([bom, Buffer.from('{"a":"é"}')]));
    });
    expect(await (await send(server.origin)).json()).toEqual({ a: "é" });
    expect(await (await send(server.origin)).text()).toBe('{"a":"é"}');
    const bytes = await (await send(server.origin)).arrayBuffer();
    expect(Buffer.from(bytes).subarray(0, 3)).toEqual(bom);
  });

  it("reads a body once: by text(), json(), clone() or its stream", async () => {
    const server = await serve((_request, response) => response.end('{"a":1}'));
    const first = await send(server.origin);
    const copy = first.clone();
    expect(await first.json()).toEqual({ a: 1 });
    expect(first.bodyUsed).toBe(true);
    await expect(first.text()).rejects.toThrow(TypeError);
    expect(() => first.clone()).toThrow(TypeError);
    expect(await copy.text()).toBe('{"a":1}');
    const streamed = await send(server.origin);
    const reader = streamed.body?.getReader();
    const chunk = await reader?.read();
    expect(Buffer.from(chunk?.value ?? []).toString()).toBe('{"a":1}');
    expect(streamed.bodyUsed).toBe(true);
    await expect(streamed.arrayBuffer()).rejects.toThrow(TypeError);
  });

  it("reads text() after body was looked at but not read, and locks it", async () => {
    const server = await serve((_request, response) => response.end("whole"));
    const response = await send(server.origin);
    const body = response.body;
    expect([body?.locked, response.bodyUsed]).toEqual([false, false]);
    expect(await response.text()).toBe("whole");
    expect([body?.locked, response.bodyUsed]).toEqual([true, true]);
    const clone = (await send(server.origin)).clone();
    expect(await clone.body?.getReader().read()).toMatchObject({ done: false });
    expect(clone.bodyUsed).toBe(true);
  });

  it("rejects with the signal's reason, before the request or while it waits", async () => {
    const server = await serve(() => {});
    const reason = new Error("stop");
    await expect(send(server.origin, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    const controller = new AbortController();
    const pending = send(server.origin, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("rejects a refused connection with a TypeError", async () => {
    const server = await serve(() => {});
    await server.close();
    await expect(send(server.origin)).rejects.toThrow(TypeError);
  });

  it("sends a Request's method, headers and body", async () => {
    const server = await serve(redirecting);
    const request = new Request(`${server.origin}/to`, {
      method: "PATCH",
      headers: { "x-one": "1" },
      body: "patched",
    });
    expect(await (await send(request)).json()).toMatchObject({
      method: "PATCH",
      body: "patched",
      headers: { "x-one": "1" },
    });
  });
});

describe("nodeTransport() shared by clients", () => {
  it("sends each client's own headers on its pages, in any order", async () => {
    const server = await serve((request, response) => {
      const { authorization, accept, "x-team": team } = request.headers;
      const body = { data: { authorization, accept, team }, meta: {} };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    const transport = nodeTransport();
    const client = (token: string, team: string) =>
      createKubeadapt({
        token,
        baseUrl: server.origin,
        fetch: transport,
        headers: { "x-team": team },
      });
    const [a, b] = [client("ka_test_token_a", "a"), client("ka_test_token_b", "b")];
    const seen = [];
    for (const ka of [a, b, b, a]) seen.push(await ka.get("/v1/organization"));
    const expected = (token: string, team: string) => ({
      authorization: `Bearer ${token}`,
      accept: "*/*",
      team,
    });
    const [sentA, sentB] = [expected("ka_test_token_a", "a"), expected("ka_test_token_b", "b")];
    expect(seen).toEqual([sentA, sentB, sentB, sentA]);
  });
});

describe("nodeTransport() after close()", () => {
  it("fails every request at once with a ConnectionError the client does not retry", async () => {
    let requests = 0;
    const server = await serve((_request, response) => {
      requests += 1;
      // The first request is answered only after close(): it is in flight when closing.
      if (requests > 1) return;
      setTimeout(() => response.writeHead(200).end("{}"), 2_000);
    });
    const transport = nodeTransport();
    // The retry layer logs each retry it schedules as a warning: none may be.
    const warnings: string[] = [];
    const logger = { ...console, warn: (line: string) => warnings.push(line) };
    const ka = createKubeadapt({
      token: "ka_test_token",
      baseUrl: server.origin,
      fetch: transport,
      logger,
    });
    const inFlight = ka.get("/v1/organization").catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await transport.close();
    const failures = [
      await inFlight,
      await ka.get("/v1/organization").catch((error: unknown) => error),
      await ka
        .paginate("/v1/workloads")
        .toArray({ max: 5 })
        .catch((error: unknown) => error),
      await ka.client.GET("/v1/organization").catch((error: unknown) => error),
      await transport(`${server.origin}/v1/organization`).catch((error: unknown) => error),
    ];
    for (const error of failures) {
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/transport was closed/);
    }
    // Not retried (no retry scheduled), and nothing sent after the first request.
    expect(warnings).toEqual([]);
    expect(requests).toBe(1);
  });

  it("leaves a dispatcher it was given alone, and keeps sending through it", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ data: { ok: true }, meta: {} }));
    });
    const dispatcher = new Agent();
    const transport = nodeTransport({ dispatcher });
    await transport.close();
    const ka = createKubeadapt({
      token: "ka_test_token",
      baseUrl: server.origin,
      fetch: transport,
    });
    expect(await ka.get("/v1/organization")).toEqual({ ok: true });
    await dispatcher.close();
  });
});

describe("nodeTransport() and its dispatcher's failures", () => {
  // The CLI's proxy agent fails a request whose tunnel the proxy refused with a ConnectionError.
  it("hands a KubeadaptError the dispatcher fails a request with to the client as it is: not retried", async () => {
    const refusal = new ConnectionError("refused by policy");
    let dispatched = 0;
    const dispatcher = new Agent().compose(() => (_options, handler) => {
      dispatched++;
      queueMicrotask(() => handler.onResponseError?.(undefined as never, refusal));
      return true;
    });
    const ka = createKubeadapt({
      baseUrl: "http://127.0.0.1:9",
      fetch: nodeTransport({ dispatcher }),
      maxRetries: 2,
      logLevel: "off",
    });
    await expect(ka.get("/v1/organization")).rejects.toBe(refusal);
    expect(dispatched).toBe(1);
  });
});

describe("nodeTransport() over TLS", () => {
  it("uses the dispatcher it is given (here trusting the test CA)", async () => {
    const server = await serve((_request, response) => response.end("secure"), true);
    await expect(nodeTransport()(server.origin)).rejects.toThrow(TypeError);
    const trusting = nodeTransport({ dispatcher: new Agent({ connect: { ca: TEST_CA } }) });
    expect(await (await trusting(server.origin)).text()).toBe("secure");
  });
});

describe("nodeTransport() through a proxy", () => {
  it.each([
    ["ProxyAgent", (url: string) => new ProxyAgent(url)],
    ["EnvHttpProxyAgent", (url: string) => new EnvHttpProxyAgent({ httpProxy: url })],
  ])("walks pages through the %s it is given", async (_name, dispatcherFor) => {
    const server = await serve((request, response) => {
      const cursor = new URL(request.url, "http://x").searchParams.get("cursor");
      const body = cursor
        ? { data: [{ id: "b" }], meta: { pagination: { has_more: false, next_cursor: "" } } }
        : { data: [{ id: "a" }], meta: { pagination: { has_more: true, next_cursor: "p2" } } };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    const { url, tunnels, close } = await startTunnelingProxy();
    try {
      const dispatcher = dispatcherFor(url);
      const ka = createKubeadapt({
        token: "ka_proxy_test_token",
        baseUrl: server.origin,
        fetch: nodeTransport({ dispatcher }),
      });
      const items = await ka.paginate("/v1/workloads").toArray({ max: 10 });
      expect(items.map((item) => item.id)).toEqual(["a", "b"]);
      // Every connection went through the proxy (the walk may open more than one).
      expect(tunnels.length).toBeGreaterThan(0);
      expect(new Set(tunnels)).toEqual(new Set([new URL(server.origin).host]));
      await dispatcher.destroy();
    } finally {
      await close();
    }
  });
});

describe("nodeTransport() body limit", () => {
  const LIMIT = 1 << 20;

  // Sends 64 KiB chunks for as long as the client reads them: a body that never ends.
  const endless: Handler = (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(1 << 16, 32);
    const write = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once("drain", write);
    };
    write();
  };

  it("rejects a body past maxBodyBytes with a TypeError as soon as it passes, not at its end", async () => {
    const server = await serve(endless);
    const error = await nodeTransport({ maxBodyBytes: LIMIT })(server.origin).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(`longer than ${LIMIT} bytes`);
  });

  it("rejects a body that decodes past maxBodyBytes (a gzip bomb)", async () => {
    const bomb = gzipSync(Buffer.alloc(4 * LIMIT, 32));
    expect(bomb.length).toBeLessThan(LIMIT);
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-encoding": "gzip" }).end(bomb);
    });
    const error = await nodeTransport({ maxBodyBytes: LIMIT })(server.origin).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(`longer than ${LIMIT} bytes`);
  });

  it("ends a get of an endless body in ConnectionError, well before timeoutMs", async () => {
    const server = await serve(endless);
    const ka = createKubeadapt({
      baseUrl: server.origin,
      fetch: nodeTransport({ maxBodyBytes: LIMIT }),
      maxRetries: 0,
      timeoutMs: 60_000,
      logLevel: "off",
    });
    const error = await ka.get("/v1/clusters").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError" });
    expect((error as Error).message).toContain(`longer than ${LIMIT} bytes`);
  });

  it("refuses a maxBodyBytes that is not a positive integer", () => {
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => nodeTransport({ maxBodyBytes })).toThrow(/maxBodyBytes/);
    }
  });
});

describe("nodeTransport() and a 205 that announces a body it never sends", () => {
  const raw = rawServerPerTest();
  // Answers 205 with a Content-Length and no body, leaving its socket open; resolves `closed`
  // once the client closes the connection, which only the client can do.
  async function silent205() {
    let closed: Promise<void> | undefined;
    const server = await raw((socket) => {
      closed = new Promise((resolve) => socket.once("close", () => resolve()));
      socket.write(
        "HTTP/1.1 205 Reset\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n",
      );
    });
    return { server, closed: () => closed };
  }

  it.each([
    [
      "its fetch",
      "205",
      (origin: string, transport: NodeTransport) =>
        transport(origin).then((response) => String(response.status)),
    ],
    [
      "a client's get",
      "ProtocolError",
      (origin: string, transport: NodeTransport) =>
        createKubeadapt({ baseUrl: origin, fetch: transport, maxRetries: 0, logLevel: "off" })
          .get("/v1/organization")
          .then(
            () => "resolved",
            (error: Error) => error.name,
          ),
    ],
  ])(
    "through %s settles (%s) at its headers and closes the connection nobody will read",
    async (_, outcome, call) => {
      const { server, closed } = await silent205();
      // A transport of its own, never closed: only the transport itself could end the connection.
      expect(await call(server.origin, nodeTransport())).toBe(outcome);
      // Waited for forever before (the transport's Agent has no body timeout).
      await closed();
    },
  );
});
