// A programmable HTTP(S) server on a free loopback port, for tests that need real sockets: each
// test says how to answer, and sees every request (headers and body) that arrived.
import { readFileSync } from "node:fs";
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/** A request the server received. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A running server. */
export interface Loopback {
  /** `http://127.0.0.1:<port>` (or https). */
  origin: string;
  seen: Seen[];
  close(): Promise<void>;
}

/** Answers the `n`th (0-based) request. */
export type Handler = (request: Seen, response: ServerResponse, n: number) => void;

/** The test certificate (for `localhost` and `127.0.0.1`) of the HTTPS server. */
export const TEST_CA = readFileSync(new URL("../fixtures/tls/cert.pem", import.meta.url));

/** Starts a server answering with `handler`; `tls` serves HTTPS with the test certificate. */
export async function startServer(handler: Handler, tls = false): Promise<Loopback> {
  const seen: Seen[] = [];
  const listener: RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = {
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      handler(entry, response, seen.length - 1);
    });
  };
  const server: Server = tls
    ? createTlsServer(
        { key: readFileSync(new URL("../fixtures/tls/key.pem", import.meta.url)), cert: TEST_CA },
        listener,
      )
    : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The `serve` of a test file: it starts a server, which is closed after the current test. */
export function serverPerTest(): (handler: Handler, tls?: boolean) => Promise<Loopback> {
  const servers: Loopback[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (handler, tls) => {
    const server = await startServer(handler, tls);
    servers.push(server);
    return server;
  };
}

/** A list page body of items `{ id }`, with the cursor of the next page (or none). */
export function listPage(ids: string[], next?: string): string {
  return JSON.stringify({
    data: ids.map((id) => ({ id })),
    meta: {
      request_id: "req_test",
      pagination: { has_more: next !== undefined, next_cursor: next ?? "" },
    },
  });
}
