/** What one hop of a request sends. */
export interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/** The most redirects followed, as in the Fetch standard. */
export const MAX_REDIRECTS = 20;

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
// The headers that describe a request body, dropped with it (Fetch standard, "request-body-header
// name").
const BODY_HEADERS = [
  "content-encoding",
  "content-language",
  "content-location",
  "content-type",
  "content-length",
];
// Credentials that must not follow a request to another origin: the Fetch standard names
// `authorization`; Node's fetch also drops these two.
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

/** Whether a response of `status` with a `location` is a redirect that {@link nextHop} follows. */
export const isRedirect = (status: number, location: unknown): boolean =>
  REDIRECT_STATUS.has(status) && location !== undefined;

/**
 * The next hop after a response of `status` with `location`, by the Fetch standard's
 * "HTTP-redirect fetch": undefined if the response is not a redirect to follow. 301/302 turn a
 * POST into a GET and 303 turns anything but GET/HEAD into a GET, each dropping the body;
 * a hop to another origin drops the credentials and `Host`. Throws a `TypeError` (a network
 * error, as fetch's) for a location that is not http(s), or one on another origin with
 * credentials in it.
 */
export function nextHop(hop: Hop, status: number, location: string | undefined): Hop | undefined {
  if (!isRedirect(status, location)) return undefined;
  let url: URL;
  try {
    url = new URL(location as string, hop.url);
  } catch (cause) {
    throw new TypeError("fetch failed: invalid redirect location", { cause });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`fetch failed: redirect to a ${url.protocol} URL`);
  }
  const headers = { ...hop.headers };
  let { method, body } = hop;
  if (
    ((status === 301 || status === 302) && method === "POST") ||
    (status === 303 && method !== "GET" && method !== "HEAD")
  ) {
    method = "GET";
    body = undefined;
    for (const name of BODY_HEADERS) delete headers[name];
  }
  if (url.origin !== hop.url.origin) {
    // Credentials in the URL would be sent as another origin's (the Fetch standard's CORS rule).
    if (url.username || url.password) {
      throw new TypeError("fetch failed: redirect to another origin with credentials in the URL");
    }
    for (const name of CREDENTIAL_HEADERS) delete headers[name];
    // A Host the caller set names the first origin: the new one gets its own, as with fetch.
    delete headers.host;
  }
  return { url, method, headers, body };
}
