import type { Dispatcher } from "undici";

// undici's ProxyAgent's error when the proxy answers CONNECT with a status other than 200.
const REFUSED = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/;

/** A proxy that would not open a tunnel to the target, said plainly (credentials left out). */
export class ProxyRefusedError extends Error {
  override readonly name = "ProxyRefusedError" as const;
  /** The status the proxy answered the `CONNECT` with. */
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
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
 * in-cluster http:// target then failed with undici's words and nothing on what to do. The
 * new error has no `cause`: messages quote the deepest cause's text.
 */
export function explainRefusal(error: Error, proxy: ProxyInUse, origin: string): Error {
  const status = REFUSED.exec(error.message)?.[1];
  if (status === undefined) return error;
  const target = new URL(origin);
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  const why =
    status === "407"
      ? `407: it wants credentials; check the user and password in ${proxy.variable}`
      : `${status}; many proxies tunnel to port 443 only: add ${target.hostname} to NO_PROXY to go direct`;
  const message = `the proxy at ${new URL(proxy.url).origin} (${proxy.variable}) refused to tunnel to ${target.hostname}:${port} (CONNECT → ${why})`;
  return new ProxyRefusedError(message, Number(status));
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
