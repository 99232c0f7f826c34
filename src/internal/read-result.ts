import { ProtocolError } from "../errors.js";
import { errorFromResponse, parseSuccessBody } from "./error-from-response.js";
import { isRecord } from "./is-record.js";

/** What openapi-fetch resolves with when asked for `parseAs: "text"`. */
export interface TextResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The parsed JSON body of a 2xx result, or the typed error of any other (a
 * {@link ProtocolError} when the body is not JSON).
 */
export function readResult(result: TextResult, token?: string): unknown {
  const { response } = result;
  if (response.ok) return parseSuccessBody(response, asText(result.data), token);
  throw errorFromResponse(response, asText(result.error), token);
}

/** `body.data` of a 2xx envelope, or a {@link ProtocolError} when the body has no `data`. */
export function dataOf(response: Response, body: unknown): unknown {
  if (isRecord(body) && "data" in body) return body.data;
  throw new ProtocolError(
    `expected a JSON envelope with "data" with HTTP ${response.status}, received ${
      Array.isArray(body) ? "an array" : typeof body
    }`,
    { status: response.status },
  );
}

// openapi-fetch hands error bodies over already JSON-parsed when they parse.
function asText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === "string" ? body : JSON.stringify(body);
}
