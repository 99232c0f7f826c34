import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import type { FetchPage } from "../walk/types.js";
import { readResult, type TextResult } from "./read-result.js";
import { safePathSerializer } from "./safe-path-serializer.js";

/** A {@link FetchPage} that also takes any `GET` init and, with `unwrap`, returns `data`. */
export type Send = (path: string, init?: object, unwrap?: boolean) => Promise<unknown>;

/**
 * The {@link FetchPage} of a client, the seam between the client and the walks; `get` sends
 * through it too, with `unwrap`.
 */
export function createFetchPage(client: Client<paths>, token?: string): FetchPage & Send {
  const get = client.GET as unknown as (path: string, init: object) => Promise<TextResult>;
  return async (path: string, init?: object, unwrap?: boolean) =>
    readResult(
      await get(path, { ...init, pathSerializer: safePathSerializer, parseAs: "text" }),
      token,
      unwrap,
    );
}
