import type { RetryingFetch } from "../retry.js";

/**
 * Wraps `next` so that requests to `origin` (and only there) carry `Authorization: Bearer
 * <token>`; a request to any other origin goes out without it. The token stays in this closure:
 * it is never a property, never in a URL, never in a `Request` that middleware could see.
 */
export const createAuthFetch = (next: RetryingFetch, origin: string, token: string | undefined) => {
  // `Request.url` is normalized like `URL.origin` (lowercase host, no default port), and the
  // `/` after the origin stops "https://api.example.evil" from matching "https://api.example".
  const prefix = `${origin}/`;
  return (request: Request): Promise<Response> => {
    if (!token || !request.url.startsWith(prefix)) return next(request);
    const headers = new Headers(request.headers);
    headers.set("authorization", `Bearer ${token}`);
    // The retrying fetch sends each attempt with these headers: no Request is built here.
    return next(request, headers);
  };
};
