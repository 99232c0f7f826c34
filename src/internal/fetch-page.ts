import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import type { FetchPage } from "../walk/types.js";
import { PageRequest } from "./page-request.js";
import { readResult, type TextResult } from "./read-result.js";
import { safePathSerializer } from "./safe-path-serializer.js";

/** A {@link FetchPage} that also takes any `GET` init and, with `unwrap`, returns `data`. */
export type Send = (path: string, init?: object, unwrap?: boolean) => Promise<unknown>;

/**
 * The {@link FetchPage} of a client, the seam between the client and the walks; `get` sends
 * through it too, with `unwrap`. While `plain()` (no middleware registered, so none can see the
 * request), openapi-fetch builds each request as a {@link PageRequest}, not a `Request`.
 */
export function createFetchPage(
  client: Client<paths>,
  token: string | undefined,
  plain: () => boolean,
): FetchPage & Send {
  const get = client.GET as unknown as (path: string, init: object) => Promise<TextResult>;
  return async (path: string, init?: object, unwrap?: boolean) =>
    readResult(
      await get(path, {
        ...init,
        Request: plain() ? PageRequest : undefined,
        pathSerializer: safePathSerializer,
        parseAs: "text",
      }),
      token,
      unwrap,
    );
}
