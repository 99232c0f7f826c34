import type { IncomingHttpHeaders } from "node:http";
import type { Dispatcher } from "undici";
import { onAbort, type SignalLike } from "../internal/signals.js";
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
 * signal's reason once `signal` aborts (the request is aborted, its connection closed), and
 * with a `TypeError` "fetch failed" (the cause attached) when the network fails, the connection
 * dropping mid-body included: the errors Node's fetch gives. A body longer than `maxBytes`
 * rejects with {@link tooLong}'s `TypeError` as soon as it passes them (the request is aborted).
 */
export function send(
  hop: Hop,
  dispatcher: Dispatcher,
  signal: SignalLike | undefined,
  maxBytes: number,
): Promise<Received> {
  return new Promise<Received>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const reader = new Reader(resolve, reject, maxBytes);
    if (signal) reader.unlink = onAbort(signal, () => reader.stop(signal.reason));
    const { url } = hop;
    dispatcher.dispatch(
      {
        origin: url.origin,
        path: url.pathname + url.search,
        method: hop.method,
        headers: hop.headers,
        body: hop.body ?? null,
      },
      reader,
    );
  });
}

// What the dispatcher is told when a request is abandoned; the caller already has its reason.
const ABORTED = new Error("the request was aborted");

/**
 * The network error of a body longer than `maxBytes` (as received, or once decoded): buffered
 * whole, a body that never ends would fill the memory before any time limit ends it.
 */
export const tooLong = (maxBytes: number) =>
  new TypeError(`fetch failed: the response body is longer than ${maxBytes} bytes`);

/** undici's handler of one request: reads the response to its end and settles `send`'s promise. */
class Reader implements Dispatcher.DispatchHandler {
  #settled = false;
  #controller: Dispatcher.DispatchController | undefined;
  #status = 0;
  #statusText = "";
  #headers: IncomingHttpHeaders = {};
  readonly #chunks: Buffer[] = [];
  #length = 0;

  /** Removes the listener on the request's signal: set by `send`. */
  unlink = () => {};

  constructor(
    readonly resolve: (received: Received) => void,
    readonly reject: (error: unknown) => void,
    readonly maxBytes: number,
  ) {}

  /** Rejects with `reason` and aborts the request (its connection closes). */
  stop(reason: unknown): void {
    this.#settle(reason);
    this.#controller?.abort(ABORTED);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // Stopped while it waited for a connection: it never goes out.
    if (this.#settled) controller.abort(ABORTED);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: IncomingHttpHeaders,
    statusText?: string,
  ): void {
    // An informational (1xx) response comes before the real one: wait for that.
    if (status < 200) return;
    this.#status = status;
    this.#statusText = statusText ?? "";
    this.#headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#length += chunk.length;
    if (this.#length > this.maxBytes) this.stop(tooLong(this.maxBytes));
    else this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    const chunks = this.#chunks;
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    this.#settle(undefined, {
      status: this.#status,
      statusText: this.#statusText,
      headers: this.#headers,
      body,
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, cause: Error): void {
    this.#settle(new TypeError("fetch failed", { cause }));
  }

  #settle(error: unknown, received?: Received): void {
    if (this.#settled) return;
    this.#settled = true;
    this.unlink();
    if (received) this.resolve(received);
    else this.reject(error);
  }
}
