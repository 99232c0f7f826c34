// Real HTTP on loopback through the global fetch (no `fetch` option), against a server that
// streams a body without end. The retry layer counts a body as it streams and gives up past
// 64 MiB, nodeTransport's default maxBodyBytes, cancelling the stream; before, it held the body
// until timeoutMs (about 1 GB in 3 s over loopback, so a process could run out of memory first).
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { createKubeadapt, isConnectionError, type Kubeadapt } from "../../src/index.js";
import { MAX_BODY_BYTES } from "../../src/node/transport.js";
import { type Handler, serverPerTest } from "../helpers/loopback-server.js";

const serve = serverPerTest();

// What socket buffers on loopback can hold past what the client read: a few MB each way.
const BUFFERS = 16 * 2 ** 20;

/**
 * A handler that sends 64 KiB chunks for as long as the client reads them, and `written`: the
 * bytes each response handed to its socket, known once the client closed the connection.
 */
function endless() {
  const written: Promise<number>[] = [];
  const handler: Handler = (_request, response: ServerResponse) => {
    let bytes = 0;
    written.push(new Promise((resolve) => response.on("close", () => resolve(bytes))));
    response.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(1 << 16, 32);
    const write = () => {
      while (!response.destroyed) {
        bytes += chunk.length;
        if (!response.write(chunk)) break;
      }
      if (!response.destroyed) response.once("drain", write);
    };
    write();
  };
  return { handler, written };
}

const client = (baseUrl: string, maxRetries = 0) =>
  createKubeadapt({ token: "ka_test_tok", baseUrl, maxRetries, logLevel: "off" });

describe("an endless body over the global fetch", () => {
  it.each([
    ["get", (ka: Kubeadapt) => ka.get("/v1/organization")],
    ["ka.client.GET", (ka: Kubeadapt) => ka.client.GET("/v1/organization")],
    ["a walk", (ka: Kubeadapt) => ka.paginate("/v1/clusters").toArray({ max: 10 })],
  ])("%s fails with ConnectionError naming the limit, and stops reading", async (_, call) => {
    const { handler, written } = endless();
    const server = await serve(handler);
    const error = await call(client(server.origin)).catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toContain(
      `failed (1 attempt): TypeError: body over ${MAX_BODY_BYTES} bytes`,
    );
    // The client cancelled the body: the connection closed once the server had written the
    // limit and what the socket buffers took besides, not the gigabytes a deadline lets through.
    expect(written).toHaveLength(1);
    const bytes = await written[0];
    expect(bytes).toBeGreaterThan(MAX_BODY_BYTES);
    expect(bytes).toBeLessThan(MAX_BODY_BYTES + BUFFERS);
  });

  it("is retried like a network failure", async () => {
    const { handler, written } = endless();
    const server = await serve(handler);
    const error = await client(server.origin, 1)
      .get("/v1/organization")
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toContain("(2 attempts)");
    expect(server.seen).toHaveLength(2);
    for (const bytes of await Promise.all(written)) {
      expect(bytes).toBeLessThan(MAX_BODY_BYTES + BUFFERS);
    }
  });
});
