import type { IncomingHttpHeaders } from "node:http";
import type { Dispatcher } from "undici";
import { isKubeadaptError } from "../errors.js";
import { onAbort, type SignalLike } from "../internal/signals.js";
import type { PendingConnects } from "./pending-connects.js";
import type { Hop } from "./redirect.js";

/** A response read to its end: the status line, the header fields and the body's bytes. */
export interface Received {
  status: number;
  statusText: string;
  /** Names lowercased; a repeated field's values in an array, in order. */
  headers: IncomingHttpHeaders;
  /** Empty when `send` settled at the headers (see {@link AtHeaders}). */
  body: Buffer;
  /** The body still to come, when `send` settled at the headers with "defer". */
  rest?: Rest;
}

/** The body of a response handed over at its headers: awaited, or cancelled if unwanted. */
export interface Rest {
  /** The whole body, or the error that ended it (the signal's reason, a network `TypeError`). */
  body: Promise<Buffer>;
  /** Aborts the request (its connection closes): for a body nobody will read. */
  cancel(): void;
}

/**
 * Whether `send` settles at a response's headers instead of its end: "drop" (no body, and the
 * request aborted, as fetch does on a redirect it follows), "defer" (the body as {@link Rest}),
 * or undefined to read it to the end.
 */
export type AtHeaders = (
  status: number,
  headers: IncomingHttpHeaders,
) => "drop" | "defer" | undefined;

/** Statuses whose response has no body, as a fetched one has `body === null`. */
export const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * Sends one hop through `dispatcher` and reads its response to the end. Rejects with the
 * signal's reason once `signal` aborts (the request is aborted, its connection closed), and
 * with a `TypeError` "fetch failed" (the cause attached) when the network fails, the connection
 * dropping mid-body included: the errors Node's fetch gives. A `KubeadaptError` the dispatcher
 * fails the request with is the rejection itself. A body longer than `maxBytes`
 * rejects with {@link tooLong}'s `TypeError` as soon as it passes them (the request is aborted).
 * A null-body status (204, 304...) settles at its headers, as fetch does, whatever its
 * `Content-Length` says (a 205's request is aborted then: it may announce a body that never
 * comes); `atHeaders` may settle others there too. With `pending` (the
 * dispatcher's connector), a connect in progress keeps the process alive only while this
 * request waits for it.
 */
export function send(
  hop: Hop,
  dispatcher: Dispatcher,
  signal: SignalLike | undefined,
  maxBytes: number,
  atHeaders?: AtHeaders,
  pending?: PendingConnects,
): Promise<Received> {
  return new Promise<Received>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const reader = new Reader(resolve, reject, maxBytes, atHeaders, pending);
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
const EMPTY = Buffer.alloc(0);
const noop = () => {};

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
    // Replaced once settled at the headers with "defer": then they settle the Rest's body.
    private resolve: (received: Received) => void,
    private reject: (error: unknown) => void,
    readonly maxBytes: number,
    readonly atHeaders: AtHeaders | undefined,
    // Held from now until the request has its connection or ends, whichever comes first.
    private pending: PendingConnects | undefined,
  ) {
    pending?.hold();
  }

  /**
   * Rejects with `reason` (or resolves with `received`) and aborts the request (its connection
   * closes).
   */
  stop(reason: unknown, received?: Received): void {
    this.#settle(reason, received);
    this.#controller?.abort(ABORTED);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    this.#release();
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
    // undici still checks the message against a Content-Length (a 304 may carry the one of the
    // representation) and fails it later, closing the connection: an error ignored once settled.
    const early = NULL_BODY.has(status) ? "none" : this.atHeaders?.(status, headers);
    // llhttp ends a 204 or 304 at its headers but reads a 205's announced body as any other's:
    // undici would wait for it (no body timeout here), holding the connection and the process.
    if (early === "none" && status !== 205) this.#settle(undefined, this.#received(EMPTY));
    else if (early === "none" || early === "drop") this.stop(undefined, this.#received(EMPTY));
    else if (early === "defer") this.#defer();
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#length += chunk.length;
    if (this.#length > this.maxBytes) this.stop(tooLong(this.maxBytes));
    else this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    const chunks = this.#chunks;
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    this.#settle(undefined, this.#received(body));
  }

  onResponseError(_controller: Dispatcher.DispatchController, cause: Error): void {
    // A dispatcher's own KubeadaptError (the CLI's proxy refusal) is already in the client's
    // terms: handed over as it is, which the client throws at once.
    this.#settle(isKubeadaptError(cause) ? cause : new TypeError("fetch failed", { cause }));
  }

  #received(body: Buffer): Received {
    return { status: this.#status, statusText: this.#statusText, headers: this.#headers, body };
  }

  // Hands the response over now; what follows settles its Rest, which the signal still stops.
  #defer(): void {
    const handOver = this.resolve;
    const received = this.#received(EMPTY);
    received.rest = {
      body: new Promise<Buffer>((resolve, reject) => {
        this.resolve = (whole) => resolve(whole.body);
        this.reject = reject;
      }),
      cancel: () => this.stop(ABORTED),
    };
    // Cancelled or failed with nobody reading: not an unhandled rejection.
    received.rest.body.catch(noop);
    handOver(received);
  }

  #release(): void {
    this.pending?.release();
    this.pending = undefined;
  }

  #settle(error: unknown, received?: Received): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#release();
    this.unlink();
    if (received) this.resolve(received);
    else this.reject(error);
  }
}
