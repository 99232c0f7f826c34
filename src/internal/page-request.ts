/**
 * What openapi-fetch builds for `get` and a walk's page in place of a `Request` while no
 * middleware could see it: the URL and the init it would have built the `Request` from. The
 * fetch layer sends it as `fetch(url, init)`: the global fetch builds its own `Request` from
 * whatever it is given, so a real one here would be built only to be copied: on Node a URL
 * parse, a Headers copy, an AbortController and, for a signal, a WeakRef, a FinalizationRegistry
 * entry and a listener, per request (about 3% of a walk's CPU time, measured in a paired A/B).
 */
export interface PageRequest {
  url: string;
  method: string;
  /** openapi-fetch's merged headers, made for this request alone: the auth layer adds to them. */
  headers: Headers;
  /** The caller's signal (a walk page's own, which lives no longer than the request). */
  signal: AbortSignal | undefined;
  /** The whole init openapi-fetch built (method, headers, signal and any other option given). */
  init: RequestInit;
}

/** openapi-fetch's per-call `Request` option (called with `new`) that builds a {@link PageRequest}. */
export function PageRequest(
  url: string,
  init: RequestInit & { method: string; headers: Headers },
): PageRequest {
  return {
    url,
    method: init.method,
    headers: init.headers,
    signal: init.signal ?? undefined,
    init,
  };
}
