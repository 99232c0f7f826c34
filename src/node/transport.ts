import { Agent, type Dispatcher } from "undici";
import { ConnectionError } from "../errors.js";
import { EXCHANGE, type Exchange } from "../internal/exchange.js";
import { RETRY_STATUS } from "../internal/retry-status.js";
import type { SignalLike } from "../internal/signals.js";
import { integerOption } from "../walk/options.js";
import { BufferedResponse } from "./buffered-response.js";
import { ACCEPT_ENCODING, decodeBody } from "./decode.js";
import { deferredPage, fieldValue, pageResponse } from "./page-response.js";
import { PendingConnects } from "./pending-connects.js";
import { type Hop, isRedirect, MAX_REDIRECTS, nextHop } from "./redirect.js";
import { type AtHeaders, NULL_BODY, type Received, type Rest, send, tooLong } from "./send.js";
import { utf8Text } from "./utf8-text.js";

/** Options of {@link nodeTransport}. */
export interface NodeTransportOptions {
  /**
   * The undici dispatcher that holds the connections: pass your own `Agent` for a custom CA or
   * client certificates (`new Agent({ connect: { ca } })`), or a proxy: `new ProxyAgent(url)`,
   * or `new EnvHttpProxyAgent()` for `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY`.
   * @default new Agent({ headersTimeout: 0, bodyTimeout: 0 }): keep-alive, and no time limit
   * of its own (the client's `timeoutMs` covers the whole response)
   */
  dispatcher?: Dispatcher | undefined;
  /**
   * The longest response body, in bytes, as received and once decoded: a longer one rejects
   * with a `TypeError` (the client's `ConnectionError`) as soon as it passes the limit. The
   * transport buffers each body whole, so without a limit a server sending an endless body (or
   * a small gzip that decodes to gigabytes) would fill the memory before `timeoutMs` ends it.
   * @default 67_108_864 (64 MiB; an API page of 500 items is a few MB)
   */
  maxBodyBytes?: number | undefined;
}

/** The default of {@link NodeTransportOptions.maxBodyBytes}: 64 MiB. */
export const MAX_BODY_BYTES = 2 ** 26;

/** A `fetch` as the transport implements it: `(url, init)` or `(request)`. */
export type NodeFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** What {@link nodeTransport} returns: its `fetch`, and a way to let go of its connections. */
export type NodeTransport = NodeFetch & {
  /**
   * Destroys the transport's own `Agent`: every connection, idle, in use or still connecting.
   * From then on, every request (those in flight included) rejects at once with a
   * `ConnectionError` that says the transport was closed, which the client does not retry. A
   * `dispatcher` you passed is yours to destroy: then `close()` does nothing. Not needed for a
   * process to exit: idle connections do not keep it alive.
   */
  close(): Promise<void>;
};

/** The last hop of an exchange, what it received, and whether a redirect led there. */
interface Last {
  received: Received;
  hop: Hop;
  redirected: boolean;
}

// A redirect to follow is handed over at its headers, its body dropped: fetch does the same.
const toFollow: AtHeaders = (status, headers) =>
  isRedirect(status, headers.location) ? "drop" : undefined;
// A status the retry layer retries: the response is handed over at its headers, its body read
// only if it is not retried after all (the retry layer cancels the body of what it retries).
const retried = (status: number) => RETRY_STATUS.test(status as never);
const early: AtHeaders = (status, headers) =>
  status < 300 ? undefined : retried(status) ? "defer" : toFollow(status, headers);
// With redirect: "manual", a redirect is the answer: only the retried statuses are early.
const deferRetried: AtHeaders = (status) => (retried(status) ? "defer" : undefined);

/**
 * A `fetch` for Node on the `undici` package's `Agent` (keep-alive connections), for the
 * `fetch` option of `createKubeadapt`. The client sends `get` and walk pages through its direct
 * exchange, which answers with the status, headers and body text and builds no `Request`,
 * `Headers` or `Response`: a walk over HTTP costs about half the CPU per page of one on Node's
 * global fetch. It keeps fetch's rules: `Accept-Encoding: gzip, deflate, br` and decoding,
 * redirects (at most 20; `Authorization` and cookies dropped on a cross-origin hop; 301/302/303
 * method rules; `redirect: "manual"`/`"error"`), `signal` aborts with its reason, network
 * failures reject with a `TypeError`. Unlike fetch it resolves once the whole body has arrived,
 * so the client's per-attempt timeout covers the body too; it buffers the body, which suits an
 * API's pages (not downloads of unknown size), up to `maxBodyBytes`. No proxy from the
 * environment unless you pass `dispatcher: new EnvHttpProxyAgent()`.
 * @example
 * import { createKubeadapt } from "kubeadapt";
 * import { nodeTransport } from "kubeadapt/node";
 *
 * const ka = createKubeadapt({ token: process.env.KUBEADAPT_API_TOKEN, fetch: nodeTransport() });
 */
export function nodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  // Its own Agent's connects in progress are in view: an abort or a deadline lets them go.
  return transportWith(options, options.dispatcher ? undefined : new PendingConnects());
}

/**
 * {@link nodeTransport}, with `pending` the connector of the dispatcher given, if it has one
 * (the CLI's proxy agent gives it to the agent of its direct hosts). Not in `kubeadapt/node`.
 */
export function transportWith(
  options: NodeTransportOptions,
  pending: PendingConnects | undefined,
): NodeTransport {
  const maxBytes = integerOption("maxBodyBytes", options.maxBodyBytes, 1, MAX_BODY_BYTES);
  // Set by close(). A closed transport never sends again: its requests fail with a KubeadaptError,
  // which the client's retry layer throws at once, where a network failure (undici's "client is
  // destroyed") would be retried with backoff to the same end.
  let closed = false;
  const whenClosed = (cause?: unknown) =>
    new ConnectionError("The transport was closed (transport.close()): it sends no request", {
      cause,
    });
  const dispatcher =
    options.dispatcher ??
    new Agent({ headersTimeout: 0, bodyTimeout: 0, connect: pending?.connect });
  // Sends `hop` and follows its redirects: the last hop and what it received. A chain of
  // `then`s rather than an async loop: a page (no redirect) costs one promise less.
  const follow = (
    hop: Hop,
    redirect: RequestRedirect,
    signal: SignalLike | undefined,
    atHeaders: AtHeaders | undefined,
    redirects = 0,
  ): Promise<Last> =>
    closed
      ? Promise.reject(whenClosed())
      : send(hop, dispatcher, signal, maxBytes, atHeaders, pending).then(
          (received) => {
            const next =
              redirect === "manual" ? undefined : nextHop(hop, received.status, location(received));
            if (next === undefined) return { received, hop, redirected: redirects > 0 };
            if (redirect === "error") throw new TypeError("fetch failed: unexpected redirect");
            if (redirects >= MAX_REDIRECTS) {
              throw new TypeError("fetch failed: redirect count exceeded");
            }
            return follow(next, redirect, signal, atHeaders, redirects + 1);
          },
          (error: unknown) => {
            // In flight when close() destroyed its connection.
            throw closed ? whenClosed(error) : error;
          },
        );
  const nodeFetch: NodeFetch = async (input, init) => {
    const { hop, signal, redirect, request } = firstHop(input, init);
    if (request?.body) hop.body = Buffer.from(await request.arrayBuffer());
    const last = await follow(hop, redirect, signal, redirect === "manual" ? deferRetried : early);
    const { received } = last;
    const rest = received.rest;
    // A HEAD has no body to wait for.
    if (rest && last.hop.method !== "HEAD") {
      const body = decodedRest(received, rest, last.hop, maxBytes);
      // Cancelled, or failed, with nobody reading: not an unhandled rejection.
      body.catch(() => {});
      return buffered(received, body, last.hop, last.redirected, rest.cancel);
    }
    const body = await decoded(received, last.hop, maxBytes);
    return buffered(received, body, last.hop, last.redirected);
  };
  // The headers of the last exchange, with fetch's defaults: a client gives every page the same
  // object, never changed (see Exchange), so they are merged once, not per page.
  let given: Readonly<Record<string, string>> | undefined;
  let sent: Record<string, string> = {};
  // The client's pages skip the Request and the Response: a GET, answered as a PageResponse.
  const pageExchange: Exchange = (url, headers, signal) => {
    if (headers !== given) {
      given = headers;
      sent = withDefaults(headers);
    }
    const hop: Hop = { url: new URL(url), method: "GET", headers: sent, body: undefined };
    return follow(hop, "follow", signal, early).then(({ received, hop: last }) => {
      const rest = received.rest;
      if (rest) {
        // Read only if the retry layer does not retry the status after all.
        const text = () => decodedRest(received, rest, last, maxBytes).then(utf8Text);
        return deferredPage(received, text, rest.cancel);
      }
      const body = decoded(received, last, maxBytes);
      return body instanceof Promise
        ? body.then((bytes) => pageResponse(received, bytes))
        : pageResponse(received, body);
    });
  };
  const close = async () => {
    if (options.dispatcher) return;
    closed = true;
    pending?.destroy();
    await dispatcher.destroy();
  };
  return Object.assign(nodeFetch, { [EXCHANGE]: pageExchange, close });
}

const location = (received: Received) => {
  const value = fieldValue(received.headers.location);
  // The header's bytes arrive read as latin1; a URL with UTF-8 in it was sent as UTF-8 bytes.
  return value === null ? undefined : Buffer.from(value, "latin1").toString();
};

// The body as fetch hands it over: none for a null-body status or HEAD, else decoded (to at
// most `maxBytes`). Synchronous unless there is a coding to undo: one promise less per plain
// response.
function decoded(received: Received, hop: Hop, maxBytes: number): Buffer | null | Promise<Buffer> {
  if (NULL_BODY.has(received.status) || hop.method === "HEAD") return null;
  // A coding per header line arrives as an array: fetch reads them as one list.
  const coding = fieldValue(received.headers["content-encoding"]);
  if (!coding) return received.body;
  return decodeBody(received.body, coding, maxBytes).catch((cause) => {
    throw cause?.code === "ERR_BUFFER_TOO_LARGE"
      ? tooLong(maxBytes)
      : new TypeError("fetch failed: the body could not be decoded", { cause });
  });
}

// The body of a response handed over at its headers, decoded once it has all arrived.
const decodedRest = (received: Received, rest: Rest, hop: Hop, maxBytes: number) =>
  rest.body.then((bytes) => decoded({ ...received, body: bytes }, hop, maxBytes) ?? bytes);

function buffered(
  received: Received,
  body: Buffer | Promise<Buffer> | null,
  hop: Hop,
  redirected: boolean,
  cancel?: () => void,
) {
  const init = { status: received.status, statusText: received.statusText };
  // As fetch serializes a response's URL: without its fragment.
  const { href } = hop.url;
  const url = href.includes("#") ? href.slice(0, href.indexOf("#")) : href;
  const response = new BufferedResponse(body, init, url, redirected, cancel);
  // Into the response's own Headers: one Headers per response, not one more copied into it.
  for (const [name, value] of Object.entries(received.headers)) {
    for (const one of Array.isArray(value) ? value : [value ?? ""]) {
      response.headers.append(name, one);
    }
  }
  return response;
}

/**
 * The first hop of `fetch(input, init)` (its body still to be read from `request`, if any), with
 * the signal and redirect mode it runs under.
 */
function firstHop(input: Request | string | URL, init: RequestInit | undefined) {
  let request: Request | undefined;
  // A Request, or a body to encode, is read the way fetch reads it; a plain URL goes faster.
  if (input instanceof Request || (init?.body !== undefined && init.body !== null)) {
    request = new Request(input, init);
  }
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined;
  const url = new URL(request ? request.url : String(input));
  const headers: Record<string, string> = {};
  const given = request ? request.headers : init?.headers;
  for (const [name, value] of given instanceof Headers ? given : new Headers(given)) {
    headers[name] = value;
  }
  const method = request ? request.method : normalizeMethod(init?.method ?? "GET");
  const redirect = request ? request.redirect : (init?.redirect ?? "follow");
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`fetch failed: ${url.protocol} URLs are not supported`);
  }
  // As `new Request` refuses them (a Request given was built by it already); not quoted, as
  // the URL's password would be.
  if (url.username || url.password) {
    throw new TypeError("fetch failed: a URL with credentials (user:password@) is not allowed");
  }
  if (FORBIDDEN_METHOD.test(method)) {
    throw new TypeError(`'${method}' HTTP method is unsupported.`);
  }
  const hop: Hop = { url, method, headers: withDefaults(headers), body: undefined };
  return { hop, signal, redirect, request };
}

// What fetch sends unless told otherwise (names lowercased, as in `headers`).
const withDefaults = (headers: Readonly<Record<string, string>>): Record<string, string> => ({
  accept: "*/*",
  "accept-encoding": ACCEPT_ENCODING,
  ...headers,
});

// Methods fetch refuses (the Fetch standard's "forbidden methods"), in any case.
const FORBIDDEN_METHOD = /^(connect|trace|track)$/i;

// fetch upper-cases these method names only; any other stays as given.
const normalizeMethod = (method: string) =>
  /^(delete|get|head|options|post|put)$/i.test(method) ? method.toUpperCase() : method;
