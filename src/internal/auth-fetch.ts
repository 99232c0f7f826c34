import type { RetryingFetch } from "../retry.js";

/**
 * Wraps `next` so that requests to `origin` (and only there) carry `Authorization: Bearer
 * <token>`; a request to any other origin goes out without it. The token stays in this closure:
 * it is never a property, never in a URL.
 */
export function createAuthFetch(next: RetryingFetch, origin: string, token: string | undefined) {
  return function authFetch(request: Request): Promise<Response> {
    if (!token || new URL(request.url).origin !== origin) return next(request);
    const headers = new Headers(request.headers);
    headers.set("authorization", `Bearer ${token}`);
    // The retrying fetch sends each attempt with these headers: no Request is built here.
    return next(request, headers);
  };
}
