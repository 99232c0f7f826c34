/**
 * What openapi-fetch builds for a walk's page in place of a `Request` while no middleware could
 * see it: what the fetch layer sends. The global fetch builds its own `Request` from whatever it
 * is given, so a real one here would be built only to be copied: on Node a URL parse, a Headers
 * copy, an AbortController and, for the page's signal, a WeakRef, a FinalizationRegistry entry
 * and a listener, per page (about 3% of a walk's CPU time, measured in a paired A/B).
 */
export interface PageRequest {
  url: string;
  method: string;
  /** openapi-fetch's merged headers, made for this request alone: the auth layer adds to them. */
  headers: Headers;
  /** The page's own signal, which lives no longer than the request. */
  signal: AbortSignal;
}

/** openapi-fetch's per-call `Request` option (called with `new`) that builds a {@link PageRequest}. */
export function PageRequest(url: string, init: Omit<PageRequest, "url">): PageRequest {
  return { url, method: init.method, headers: init.headers, signal: init.signal };
}
