import { type Client, createFinalURL } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import type { RetryingFetch } from "../retry.js";
import { serializeQuery } from "../walk/query.js";
import type { FetchPage } from "../walk/types.js";
import { readResult, type TextResult } from "./read-result.js";
import { safePathSerializer } from "./safe-path-serializer.js";
import { type SignalLike, toAbortSignal } from "./signals.js";

/** A {@link FetchPage} that also takes any `GET` init and, with `unwrap`, returns `data`. */
export type Send = (path: string, init?: object, unwrap?: boolean) => Promise<unknown>;

/**
 * The {@link FetchPage} of a client, the seam between the client and the walks; `get` sends
 * through it too, with `unwrap`. While `plain()` (no middleware registered, so none could see a
 * request or its response), a request with a plain init skips openapi-fetch: its URL is built
 * by openapi-fetch's own `createFinalURL` with the same serializers, and it goes to `send` (the
 * retry layer) as a `PageRequest` with `headers` (every header, the token included, shared and
 * never changed), so neither a `Request`, nor `Headers`, nor (through a transport's exchange) a
 * `Response` is built. Anything else goes through `client` (openapi-fetch); `baseUrl` has no
 * trailing slash; `token` is redacted from errors.
 */
export const createFetchPage = (
  client: Client<paths>,
  send: RetryingFetch,
  baseUrl: string,
  headers: Readonly<Record<string, string>>,
  token: string | undefined,
  plain: () => boolean,
): FetchPage & Send => {
  const get = client.GET as unknown as (path: string, init: object) => Promise<TextResult>;
  return async (path: string, init?: PageInit, unwrap?: boolean) =>
    readResult(
      await (plain() && direct(init)
        ? send({
            url: createFinalURL(path, {
              baseUrl,
              // openapi-fetch skips an undefined `path` or `query` as a missing one.
              params: (init?.params ?? {}) as Parameters<typeof createFinalURL>[1]["params"],
              querySerializer: init?.querySerializer ?? serializeQuery,
              pathSerializer: safePathSerializer,
            }),
            method: "GET",
            headers,
            signal: init?.signal,
          })
        : get(path, {
            ...init,
            // A walk page's signal is not an AbortSignal; a Request takes nothing else.
            signal: toAbortSignal(init?.signal),
            pathSerializer: safePathSerializer,
            parseAs: "text",
          })),
      token,
      unwrap,
    );
};

/** What this module reads of an init that skips openapi-fetch. */
interface PageInit {
  params?: {
    path?: Record<string, unknown> | undefined;
    query?: Record<string, unknown> | undefined;
    header?: unknown;
  };
  querySerializer?: (query: unknown) => string;
  signal?: SignalLike;
}

/**
 * Whether `init` may skip openapi-fetch: it holds what walks send (`params`, a `querySerializer`
 * function, `signal`) and nothing else. Anything else (headers, a per-call fetch or middleware,
 * a serializer's options, header parameters) goes through openapi-fetch, which knows what to do
 * with it.
 */
const direct = (init: PageInit | undefined): boolean => {
  for (const key in init) {
    if (!/^(params|querySerializer|signal)$/.test(key)) return false;
  }
  return !init?.params?.header && typeof (init?.querySerializer ?? serializeQuery) === "function";
};
