import { errorFromResponse, parseSuccessBody, protocolError } from "./error-from-response.js";
import type { PageResponse } from "./exchange.js";
import { isRecord } from "./is-record.js";

/**
 * What openapi-fetch resolves with when asked for `parseAs: "text"`, or what fetchPage makes of
 * a request that skipped it (the body text as both `data` and `error`: one is read, by status).
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
 * other: a `ProtocolError` when the body is not JSON or, with `unwrap`, has no `data`.
 */
export function readResult(result: TextResult, token?: string, unwrap?: boolean): unknown {
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
  if (!unwrap) return body;
  if (isRecord(body) && "data" in body) return body.data;
  throw protocolError(response, 'envelope with "data"', data as string, token);
}
