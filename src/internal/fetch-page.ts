import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { checkPageSizeInSearch } from "./page-size.js";
import { readResult } from "./read-result.js";
import { safePathSerializer } from "./safe-path-serializer.js";

/** What a walk passes for one page: path params, the whole query, the caller's signal. */
export interface FetchPageInit {
  params?: { path?: Record<string, unknown> };
  /** Builds the whole query string (cursor, limit, filters); its argument can be ignored. */
  querySerializer: (query: unknown) => string;
  signal?: AbortSignal | undefined;
}

/**
 * GETs one page and returns its parsed JSON envelope (`data` and `meta`), or throws the typed
 * error (a `ProtocolError` for a body that is not JSON). `limit`/`per_page` outside 1..500 fail
 * with a `BadRequestError` before any request.
 */
export type FetchPage = (path: string, init: FetchPageInit) => Promise<unknown>;

/** The {@link FetchPage} of a client, the seam between the client and the walks. */
export function createFetchPage(client: Client<paths>, token?: string): FetchPage {
  return async function fetchPage(path, init) {
    const querySerializer = (query: unknown) => {
      const search = init.querySerializer(query);
      checkPageSizeInSearch(search);
      return search;
    };
    const get = client.GET as unknown as (path: string, init: object) => Promise<TextResultLike>;
    const result = await get(path, {
      params: init.params ?? {},
      querySerializer,
      pathSerializer: safePathSerializer,
      parseAs: "text",
      signal: init.signal,
    });
    return readResult(result, token);
  };
}

type TextResultLike = Parameters<typeof readResult>[0];
