import type { IncomingHttpHeaders } from "node:http";
import type { Dispatcher } from "undici";
import type { Stopper } from "../internal/exchange.js";
import type { Hop } from "./redirect.js";

/** A response read to its end: the status line, the header fields and the body's bytes. */
export interface Received {
  status: number;
  statusText: string;
  /** Names lowercased; a repeated field's values in an array, in order. */
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Sends one hop through `dispatcher` and reads its response to the end. Rejects with the
 * stopper's reason once `stopper` stops (the request is aborted, its connection closed), and
 * with a `TypeError` "fetch failed" (the cause attached) when the network fails, the connection
 * dropping mid-body included: the errors Node's fetch gives.
 */
export function send(hop: Hop, dispatcher: Dispatcher, stopper: Stopper) {
  return new Promise<Received>((resolve, reject) => {
    if (stopper.stopped) return reject(stopper.reason);
    let settled = false;
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let statusText = "";
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    const settle = (error: unknown, received?: Received) => {
      if (settled) return;
      settled = true;
      stopper.onStop = undefined;
      if (received) resolve(received);
      else reject(error);
    };
    stopper.onStop = (reason) => {
      settle(reason);
      controller?.abort(ABORTED);
    };
    const { url } = hop;
    dispatcher.dispatch(
      {
        origin: url.origin,
        path: url.pathname + url.search,
        method: hop.method,
        headers: hop.headers,
        body: hop.body ?? null,
      },
      {
        onRequestStart(started) {
          controller = started;
          // Aborted while it waited for a connection: it never goes out.
          if (settled) started.abort(ABORTED);
        },
        onResponseStart(_controller, code, fields, message) {
          // An informational (1xx) response comes before the real one: wait for that.
          if (code < 200) return;
          status = code;
          statusText = message ?? "";
          headers = fields;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
          settle(undefined, { status, statusText, headers, body });
        },
        onResponseError(_controller, cause) {
          settle(new TypeError("fetch failed", { cause }));
        },
      },
    );
  });
}

// What the dispatcher is told when a request is abandoned; the caller already has its reason.
const ABORTED = new Error("the request was aborted");
