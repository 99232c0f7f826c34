import type { Dispatcher } from "undici";
import { ConnectionError } from "../index.js";
import { causeChain } from "../internal/cause-chain.js";
import { RETRY_STATUS } from "../internal/retry-status.js";

// undici's ProxyAgent's error when the proxy answers CONNECT with a status other than 200.
const REFUSED = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/;

/**
 * A proxy that would not open a tunnel, for good (403, 407: asking again gets the same answer),
 * said plainly (credentials left out). A `ConnectionError`, which the client throws at once.
 */
export class ProxyRefusedError extends ConnectionError {
  static override readonly errorName: string = "ProxyRefusedError";
  constructor(
    message: string,
    /** The variable that named the proxy: `HTTP_PROXY` or `HTTPS_PROXY`. */
    readonly variable: string,
  ) {
    super(message);
  }
}

/**
 * A proxy that could not open a tunnel this time (502, 503, 504: it could not reach the target,
 * or is overloaded), said plainly: the cause of a network failure, retried as one.
 */
export class ProxyGatewayError extends Error {
  override readonly name = "ProxyGatewayError" as const;
  constructor(
    message: string,
    /** The variable that named the proxy: `HTTP_PROXY` or `HTTPS_PROXY`. */
    readonly variable: string,
  ) {
    super(message);
  }
}

/** The proxy a request went through: the variable that named it, and its URL. */
export interface ProxyInUse {
  /** `HTTP_PROXY` or `HTTPS_PROXY`. */
  variable: string;
  /** The proxy's URL, which may hold credentials: only its origin is ever shown. */
  url: string;
}

/**
 * `error` explained when it is undici's refused tunnel ("Proxy response (403) !== 200 when HTTP
 * Tunneling"), else `error` itself. undici asks a proxy for a `CONNECT` tunnel even to an
 * http:// target, and proxies commonly allow it to port 443 only (Squid's default): an
 * in-cluster http:// target then failed with undici's words and nothing on what to do. A status
 * the client retries from the API too (502, 503, 504...) gives a {@link ProxyGatewayError},
 * retried as a network failure; any other a {@link ProxyRefusedError}, which retrying would not
 * change. The new error has no `cause`: messages quote the deepest cause's text.
 */
export function explainRefusal(error: Error, proxy: ProxyInUse, origin: string): Error {
  const status = REFUSED.exec(error.message)?.[1];
  if (status === undefined) return error;
  const target = new URL(origin);
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  const transient = RETRY_STATUS.test(status as never);
  const why =
    status === "407"
      ? `407: it wants credentials; check the user and password in ${proxy.variable}`
      : transient
        ? `${status}: it could not reach the target this time, or is overloaded`
        : `${status}; many proxies tunnel to port 443 only: add ${target.hostname} to NO_PROXY to go direct`;
  const did = transient ? "could not open a tunnel" : "refused to tunnel";
  const message = `the proxy at ${new URL(proxy.url).origin} (${proxy.variable}) ${did} to ${target.hostname}:${port} (CONNECT → ${why})`;
  const Answer = transient ? ProxyGatewayError : ProxyRefusedError;
  return new Answer(message, proxy.variable);
}

/**
 * The proxy's answer a failed request's error holds (itself, or a cause down its chain): a
 * {@link ProxyRefusedError} or {@link ProxyGatewayError}, else undefined.
 */
export function proxyAnswerIn(error: unknown): ProxyRefusedError | ProxyGatewayError | undefined {
  return causeChain(error).find(
    (node) => node instanceof ProxyRefusedError || node instanceof ProxyGatewayError,
  );
}

/** `handler`, with a refused tunnel's error explained by {@link explainRefusal}. */
export function explainingRefusal(
  handler: Dispatcher.DispatchHandler,
  proxy: ProxyInUse,
  origin: string,
): Dispatcher.DispatchHandler {
  // Called on `handler` itself: a handler may keep its state in private fields.
  return {
    onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
    onRequestUpgrade: (controller, status, headers, socket) =>
      handler.onRequestUpgrade?.(controller, status, headers, socket),
    onResponseStart: (controller, status, headers, text) =>
      handler.onResponseStart?.(controller, status, headers, text),
    onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
    onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
    onResponseError: (controller, error) =>
      handler.onResponseError?.(controller, explainRefusal(error, proxy, origin)),
  };
}
