import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import type { FetchPage, FetchPageInit } from "../walk/types.js";
import { readResult, type TextResult } from "./read-result.js";
import { safePathSerializer } from "./safe-path-serializer.js";

/** A {@link FetchPage} that also takes any `GET` init and, with `unwrap`, returns `data`. */
export type Send = (path: string, init?: object, unwrap?: boolean) => Promise<unknown>;

/**
 * The {@link FetchPage} of a client, the seam between the client and the walks; `get` sends
 * through it too, with `unwrap`. `send` is the client's fetch, called with a walk page's signal.
 *
 * A page's signal (one per page, see the walk) reaches `send` through openapi-fetch's per-call
 * `fetch`, not the `Request` openapi-fetch builds: on Node a `Request` made with a signal costs
 * a WeakRef, a FinalizationRegistry entry and a listener, about 3% of a walk's CPU time
 * (measured). `get` leaves the caller's own signal, which may be long-lived, on the `Request`.
 */
export function createFetchPage(
  client: Client<paths>,
  send: (request: Request, signal?: AbortSignal) => Promise<Response>,
  token?: string,
): FetchPage & Send {
  const get = client.GET as unknown as (path: string, init: object) => Promise<TextResult>;
  return async (path: string, init?: object, unwrap?: boolean) => {
    const signal = (init as FetchPageInit | undefined)?.signal;
    return readResult(
      await get(path, {
        ...init,
        ...(unwrap
          ? {}
          : { signal: undefined, fetch: (request: Request) => send(request, signal) }),
        pathSerializer: safePathSerializer,
        parseAs: "text",
      }),
      token,
      unwrap,
    );
  };
}
