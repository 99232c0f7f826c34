import { ProtocolError } from "../errors.js";
import { errorFromResponse, parseSuccessBody, protocolError } from "./error-from-response.js";
import type { PageResponse } from "./exchange.js";
import { isRecord } from "./is-record.js";
import { redact } from "./redact.js";

/**
 * What openapi-fetch resolves with when asked for `parseAs: "text"`, or the retry layer's
 * `PageReply` of a request that skipped it (its `text` read as `data` or `error`, by status).
 */
export interface TextResult {
  data?: unknown;
  error?: unknown;
  /** A `Response`, or a transport's {@link PageResponse} (all that is read of it). */
  response: PageResponse;
  /** The body text of a request that skipped openapi-fetch: both `data` and `error`. */
  text?: string;
}

/**
 * The parsed JSON body of a 2xx result (its `data` when `unwrap`), or the typed error of any
 * other: a `ProtocolError` when the body is not JSON, with `unwrap` has no object or array as
 * `data` or, without it
 * (a walk's page), has a `meta.pagination.next_cursor` holding the token or a key-shaped string.
 */
export const readResult = (result: TextResult, token?: string, unwrap?: boolean): unknown => {
  const { response, text, data = text, error = text } = result;
  if (!response.ok) {
    // openapi-fetch hands an error body over already JSON-parsed when it parses.
    throw errorFromResponse(
      response,
      typeof error === "string" ? error : JSON.stringify(error),
      token,
    );
  }
  const body = parseSuccessBody(response, data as string | undefined, token);
  if (!unwrap) {
    // The walk would send it in the next page's URL (into the server's logs) and hand it on as
    // `page.nextCursor` and an error's `cursor`; the walk has no token to check it with.
    const next = `${(body as Page)?.meta?.pagination?.next_cursor ?? ""}`;
    if (redact(next, token) !== next) {
      throw new ProtocolError("A list response's next_cursor holds a credential");
    }
    return body;
  }
  // Every GET's `data` is an object or an array (a null or a number would only fail later, in
  // the caller's code, untyped): what `Object` returns as it is.
  if (isRecord(body) && Object(body.data) === body.data) return body.data;
  throw protocolError(response, 'envelope with "data"', data as string, token);
};

// What is read of a page's body before the walk checks it.
type Page = { meta?: { pagination?: { next_cursor?: unknown } } } | null | undefined;
