import type { Core } from "./core.js";

/** Where `fake.listen()` binds. */
export interface ListenOptions {
  /** @default 0 (a free port) */
  port?: number | undefined;
  /** @default "127.0.0.1" */
  host?: string | undefined;
}

/** A running HTTP server of the fake. */
export interface FakeServer {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** Stops listening and destroys every open socket (keep-alive included). */
  close(): Promise<void>;
}

/**
 * Serves the fake over a real `node:http` server on loopback. `node:http` is imported here,
 * on demand, so the rest of the fake stays runtime-neutral.
 */
export async function listen(core: Core, options: ListenOptions = {}): Promise<FakeServer> {
  const http = await import("node:http");
  const host = options.host ?? "127.0.0.1";
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished)
        controller.abort(new DOMException("client disconnected", "AbortError"));
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? host}`), {
      method: req.method ?? "GET",
      headers,
    });
    core.handle(request, controller.signal).then(
      (outcome) => {
        if ("drop" in outcome) {
          req.socket.destroy();
          return;
        }
        res.writeHead(outcome.status, {
          ...outcome.headers,
          "content-length": Buffer.byteLength(outcome.body),
        });
        res.end(outcome.body);
      },
      () => {
        // The client went away while the response was delayed: nothing to send.
        req.socket.destroy();
      },
    );
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      }),
  };
}
