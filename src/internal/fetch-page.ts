import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import type { FetchPage } from "../walk/types.js";
import { readResult } from "./read-result.js";
import { safePathSerializer } from "./safe-path-serializer.js";

/** The {@link FetchPage} of a client, the seam between the client and the walks. */
export function createFetchPage(client: Client<paths>, token?: string): FetchPage {
  return async function fetchPage(path, init) {
    const get = client.GET as unknown as (path: string, init: object) => Promise<TextResultLike>;
    const result = await get(path, {
      params: init.params ?? {},
      querySerializer: init.querySerializer,
      pathSerializer: safePathSerializer,
      parseAs: "text",
      signal: init.signal,
    });
    return readResult(result, token);
  };
}

type TextResultLike = Parameters<typeof readResult>[0];
