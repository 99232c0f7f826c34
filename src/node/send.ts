import type { Agent as HttpAgent, IncomingMessage } from "node:http";
import { request as httpRequest } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import { request as httpsRequest } from "node:https";
import type { Hop } from "./redirect.js";

/** A response read to its end: the status line, the raw header pairs and the body's bytes. */
export interface Received {
  status: number;
  statusText: string;
  rawHeaders: string[];
  headers: IncomingMessage["headers"];
  body: Buffer;
}

/** The keep-alive agents of one transport. */
export interface Agents {
  http: HttpAgent;
  https: HttpsAgent;
}

/**
 * Sends one hop and reads its response to the end. Rejects with `signal.reason` once `signal`
 * aborts (the socket is destroyed), and with a `TypeError` "fetch failed" (the cause attached)
 * when the network fails, the connection drops mid-body included: the errors Node's fetch gives.
 */
export function send(hop: Hop, agents: Agents, signal: AbortSignal | undefined) {
  return new Promise<Received>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const https = hop.url.protocol === "https:";
    const request = (https ? httpsRequest : httpRequest)(hop.url, {
      method: hop.method,
      headers: hop.headers,
      agent: https ? agents.https : agents.http,
    });
    let settled = false;
    const settle = (error: unknown, received?: Received) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (received) resolve(received);
      else reject(error);
    };
    const fail = (cause: unknown) => {
      request.destroy();
      settle(new TypeError("fetch failed", { cause }));
    };
    const onAbort = () => {
      settle(signal?.reason);
      request.destroy();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", fail);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", fail);
      response.on("end", () =>
        settle(undefined, {
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? "",
          rawHeaders: response.rawHeaders,
          headers: response.headers,
          body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
        }),
      );
      // A connection closed before the body's end (some Node versions emit no error for it).
      response.on("close", () => {
        if (!response.complete) fail(new Error("the connection closed before the body ended"));
      });
    });
    request.end(hop.body);
  });
}
