// Responses and requests where nodeTransport() once differed from Node's global fetch: each test
// runs through both and expects the same outcome.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createKubeadapt, type Kubeadapt } from "../../src/index.js";
import { nodeTransport } from "../../src/node/index.js";
import { serverPerTest } from "../helpers/loopback-server.js";
import { type RawServer, rawServerPerTest } from "../helpers/raw-server.js";

const raw = rawServerPerTest();
const serve = serverPerTest();

const fetches: [string, typeof fetch][] = [
  ["the global fetch", fetch],
  ["nodeTransport()", nodeTransport()],
];

// The request line of each request head, e.g. "GET /dest HTTP/1.1".
const lines = (heads: string[]) => heads.map((head) => head.split("\r\n")[0]);

describe.each(fetches)("%s", (_name, send) => {
  it.each([
    ["304 Not Modified", "100"],
    ["204 No Content", "2"],
  ])(
    "gives a %s that announces a body of %s bytes and sends none, at its headers",
    async (status, length) => {
      const server = await raw((socket) => {
        socket.write(`HTTP/1.1 ${status}\r\nContent-Length: ${length}\r\nETag: "x"\r\n\r\n`);
      });
      const response = await send(server.origin, { signal: AbortSignal.timeout(2000) });
      expect([response.status, response.body, response.headers.get("etag")]).toEqual([
        Number(status.slice(0, 3)),
        null,
        '"x"',
      ]);
    },
  );

  it("follows a redirect at its headers, without waiting for its body", async () => {
    const server = await raw((socket, head) => {
      if (head.startsWith("GET /start")) {
        socket.write("HTTP/1.1 302 Found\r\nLocation: /dest\r\nContent-Length: 100\r\n\r\npartial");
      } else socket.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone");
    });
    const response = await send(`${server.origin}/start`, { signal: AbortSignal.timeout(2000) });
    expect([response.status, response.url, await response.text()]).toEqual([
      200,
      `${server.origin}/dest`,
      "done",
    ]);
  });

  it("drops a given Host on a cross-origin redirect", async () => {
    const other = await raw((socket) => socket.end("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    const server = await raw((socket) => {
      socket.write(
        `HTTP/1.1 302 Found\r\nLocation: ${other.origin}/dest\r\nContent-Length: 0\r\n\r\n`,
      );
    });
    await send(`${server.origin}/away`, { headers: { host: "api.example", "x-kept": "yes" } });
    expect(other.heads[0]).toMatch(new RegExp(`^host: ${new URL(other.origin).host}$`, "im"));
    expect(other.heads[0]).toMatch(/^x-kept: yes$/im);
  });

  it("refuses a URL with credentials, sending nothing", async () => {
    const server = await raw((socket) =>
      socket.end("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
    );
    const url = server.origin.replace("http://", "http://user:secret@");
    await expect(send(`${url}/x`)).rejects.toThrow(TypeError);
    expect(server.heads).toEqual([]);
  });

  it("refuses a redirect to another origin whose Location holds credentials", async () => {
    const other = await raw((socket) => socket.end("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    const location = `${other.origin.replace("http://", "http://user:secret@")}/dest`;
    const server = await raw((socket) => {
      socket.write(`HTTP/1.1 302 Found\r\nLocation: ${location}\r\nContent-Length: 0\r\n\r\n`);
    });
    await expect(send(`${server.origin}/start`)).rejects.toThrow(TypeError);
    expect(other.heads).toEqual([]);
  });

  it("gives the response URL without its fragment", async () => {
    const server = await raw((socket) =>
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
    );
    const response = await send(`${server.origin}/a?x=1#frag`);
    expect(response.url).toBe(`${server.origin}/a?x=1`);
    expect(lines(server.heads)).toEqual(["GET /a?x=1 HTTP/1.1"]);
  });

  it.each(["TRACE", "track", "CONNECT"])(
    "refuses the method %s with a TypeError, sending nothing",
    async (method) => {
      const server = await raw((socket) =>
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
      );
      await expect(send(`${server.origin}/x`, { method })).rejects.toThrow(TypeError);
      expect(server.heads).toEqual([]);
    },
  );

  it.each(["gzip, identity", "identity, gzip", "gzip,"])(
    "hands over the body as sent when Content-Encoding %j names a coding it does not undo",
    async (coding) => {
      const body = gzipSync('{"a":1}');
      const server = await serve((_request, response) => {
        response.writeHead(200, { "content-encoding": coding }).end(body);
      });
      const bytes = Buffer.from(await (await send(server.origin)).arrayBuffer());
      expect(bytes).toEqual(body);
    },
  );

  it("rejects a body with more than five content codings", async () => {
    let body: Buffer = Buffer.from('{"a":1}');
    for (let i = 0; i < 6; i++) body = gzipSync(body);
    const server = await serve((_request, response) => {
      response
        .writeHead(200, { "content-encoding": "gzip, gzip, gzip, gzip, gzip, gzip" })
        .end(body);
    });
    await expect(send(server.origin).then((response) => response.text())).rejects.toThrow(
      TypeError,
    );
  });

  it("keeps a used, locked body after text(), not null", async () => {
    const server = await serve((_request, response) => response.end("hi"));
    const response = await send(server.origin);
    expect(await response.text()).toBe("hi");
    expect([response.body === null, response.body?.locked, response.bodyUsed]).toEqual([
      false,
      true,
      true,
    ]);
  });

  // A gateway's bare 502/503 and an auth proxy's empty 401 have no body bytes at all: a read of
  // the stream (the contract suite's) must end with none, not fail as if the body were cut off.
  it.each([
    [200, "Content-Length: 0"],
    [401, "Content-Length: 0"],
    [502, "Transfer-Encoding: chunked"],
    [503, "Content-Length: 0"],
  ])("reads an empty %i body (%s) through its stream as no bytes", async (status, framing) => {
    const server = await raw((socket) => {
      const ending = framing.startsWith("Transfer") ? "0\r\n\r\n" : "";
      socket.write(`HTTP/1.1 ${status} X\r\n${framing}\r\n\r\n${ending}`);
    });
    const response = await send(server.origin, { signal: AbortSignal.timeout(2000) });
    const reader = response.body?.getReader();
    let bytes = 0;
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
      bytes += read.value.byteLength;
    }
    expect([response.status, reader !== undefined, bytes]).toEqual([status, true, 0]);
  });

  it.each([
    ["600 Weird", 600, "Weird"],
    ["200 ОК ✓", 200, "ОК ✓"],
  ])("resolves a status line %j with its status and text", async (line, status, text) => {
    const server = await raw((socket) => {
      socket.end(
        Buffer.from(`HTTP/1.1 ${line}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi`),
      );
    });
    const response = await send(server.origin);
    expect([response.status, response.statusText, response.ok, await response.text()]).toEqual([
      status,
      text,
      status === 200,
      "hi",
    ]);
  });
});

describe.each([
  ["the global fetch", () => undefined],
  ["nodeTransport()", () => nodeTransport()],
])("a client over %s", (_name, transport) => {
  const client = (server: RawServer, maxRetries: number) =>
    createKubeadapt({
      baseUrl: server.origin,
      fetch: transport(),
      maxRetries,
      timeoutMs: 5000,
      logLevel: "off",
    });

  it("answers a get that gets 204 with a stray Content-Length as a 204, not a network error", async () => {
    const server = await raw((socket) => {
      socket.write("HTTP/1.1 204 No Content\r\nContent-Length: 2\r\n\r\n");
    });
    const ka = client(server, 0);
    const error = await ka.get("/v1/organization").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ProtocolError" });
  });

  it.each([
    ["get", (ka: Kubeadapt) => ka.get("/v1/organization")],
    [
      "ka.client.GET",
      (ka: Kubeadapt) => ka.client.GET("/v1/organization").then((r) => r.data?.data),
    ],
  ])(
    "%s retries a 503 at its headers, honouring Retry-After without waiting for its stalled body",
    async (_name, call) => {
      const server = await raw((socket) => {
        if (server.heads.length === 1) {
          socket.write(
            "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 100\r\n\r\n{",
          );
        } else {
          const page = JSON.stringify({ data: { name: "org" }, meta: {} });
          socket.write(
            `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${page.length}\r\n\r\n${page}`,
          );
        }
      });
      const started = Date.now();
      expect(await call(client(server, 1))).toEqual({ name: "org" });
      expect(Date.now() - started).toBeLessThan(2000);
    },
  );

  it("reads the body of a 503 it will not retry", async () => {
    const server = await raw((socket) => {
      const body = JSON.stringify({
        error: { code: "unavailable", message: "down for repair" },
        meta: { request_id: "req_9" },
      });
      socket.write(
        `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      setTimeout(() => socket.write(body), 50);
    });
    const ka = client(server, 0);
    const error = await ka.get("/v1/organization").catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "ServerError",
      message: expect.stringContaining("down for repair"),
    });
  });
});
