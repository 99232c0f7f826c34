import { type Client, createFinalURL, createQuerySerializer } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import type { RetryingFetch } from "../retry.js";
import type { FetchPage } from "../walk/types.js";
import { readResult, type TextResult } from "./read-result.js";
import { safePathSerializer } from "./safe-path-serializer.js";
import { requestSignal } from "./signals.js";

/** A {@link FetchPage} that also takes any `GET` init and, with `unwrap`, returns `data`. */
export type Send = (path: string, init?: object, unwrap?: boolean) => Promise<unknown>;

/** What {@link createFetchPage} sends with. */
export interface FetchPageOptions {
  /** The client's openapi-fetch client: requests go through it once a middleware is registered. */
  client: Client<paths>;
  /** The retry layer, which sends the requests that skip openapi-fetch. */
  send: RetryingFetch;
  /** The API's root URL, without a trailing slash. */
  baseUrl: string;
  /** Every header such a request sends, the token included: shared, never changed. */
  headers: Readonly<Record<string, string>>;
  /** The token, to redact from errors. */
  token: string | undefined;
  /** Whether no middleware is registered (none could see a request or its response). */
  plain: () => boolean;
}

// The init a `get` or a page may have and still skip openapi-fetch: what walks send, and a
// `get` with parameters alone. Anything else (headers, a per-call fetch or middleware, ...)
// goes through openapi-fetch, which knows what to do with it.
const DIRECT = new Set(["params", "querySerializer", "signal"]);
const serializeQuery = createQuerySerializer();

/**
 * The {@link FetchPage} of a client, the seam between the client and the walks; `get` sends
 * through it too, with `unwrap`. While `plain()`, a request with a plain init skips
 * openapi-fetch: its URL is built by openapi-fetch's own `createFinalURL`, with the same
 * serializers, and it goes to the retry layer as a `PageRequest` with the client's headers, so
 * neither a `Request`, nor `Headers`, nor (through a transport's exchange) a `Response` is built.
 */
export function createFetchPage(options: FetchPageOptions): FetchPage & Send {
  const { client, send, baseUrl, headers, token, plain } = options;
  const get = client.GET as unknown as (path: string, init: object) => Promise<TextResult>;
  return async (path: string, init?: PageInit, unwrap?: boolean) => {
    if (!plain() || !direct(init)) {
      const [signal, unlink] = init?.signal ? requestSignal(init.signal) : [];
      try {
        const result = await get(path, {
          ...init,
          signal,
          pathSerializer: safePathSerializer,
          parseAs: "text",
        });
        return readResult(result, token, unwrap);
      } finally {
        unlink?.();
      }
    }
    const url = createFinalURL(path, {
      baseUrl,
      params: init?.params ?? {},
      querySerializer: init?.querySerializer ?? serializeQuery,
      pathSerializer: safePathSerializer,
    });
    const response = await send({ url, method: "GET", headers, signal: init?.signal });
    const text = await response.text();
    return readResult(
      response.ok ? { response, data: text } : { response, error: text },
      token,
      unwrap,
    );
  };
}

/** What this module reads of an init that skips openapi-fetch. */
interface PageInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: unknown };
  querySerializer?: unknown;
  signal?: AbortSignal;
}

function direct(init: PageInit | undefined): init is
  | {
      params?: PageInit["params"];
      querySerializer?: (query: unknown) => string;
      signal?: AbortSignal;
    }
  | undefined {
  if (init === undefined) return true;
  for (const key in init) if (!DIRECT.has(key)) return false;
  const serializer = init.querySerializer;
  return (
    init.params?.header === undefined &&
    (serializer === undefined || typeof serializer === "function")
  );
}
