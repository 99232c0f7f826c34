import {
  AuthenticationError,
  BadRequestError,
  CursorExpiredError,
  type ErrorDetail,
  InvalidCursorError,
  KubeadaptError,
  NotFoundError,
  PermissionDeniedError,
  ProtocolError,
  RateLimitError,
  ServerError,
} from "../errors.js";
import type { PageResponse } from "./exchange.js";
import { isRecord } from "./is-record.js";
import { redact } from "./redact.js";
import { requestIdOf } from "./request-id.js";
import { parseRetryAfter } from "./retry-after.js";

/** The longest excerpt of an unexpected body that an error's message quotes. */
export const BODY_EXCERPT_LENGTH = 200;

// The class of each 4xx the spec lists; any other 4xx is a plain KubeadaptError.
const BY_STATUS: Record<number, typeof KubeadaptError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  410: CursorExpiredError,
  429: RateLimitError,
};

/**
 * The typed error for a non-2xx response whose body text is `body`: the class follows the
 * status (and the envelope's `code` for 400), the fields come from the envelope, and any
 * credential the server echoed is redacted. A body that is not the JSON error envelope gives
 * the same message as a {@link ProtocolError}'s (what came instead, and a short excerpt),
 * carrying the status: a {@link RateLimitError} or {@link ServerError} for a 429 or 5xx (a
 * gateway's HTML 502 page), a {@link ProtocolError} for any other status.
 */
export const errorFromResponse = (
  response: PageResponse,
  body: string | undefined,
  token?: string,
): KubeadaptError => {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers);
  let value: Envelope | undefined;
  try {
    // Whatever credential the server echoed is gone from it.
    value = parseRedacted(body, token) as Envelope;
  } catch {}
  // Arrays and primitives fail these checks too: their `error`/`code` is undefined.
  const error = value?.error;
  if (typeof error?.code !== "string" || typeof error.message !== "string") {
    // A 429 or 5xx keeps its class: a proxy or load balancer in front of the API sends these
    // in its own words, and callers back off on the class. Any other status in words not the
    // API's (a web server's 404, a sign-in page) says the base URL is not the API.
    return protocolError(
      response,
      "error envelope",
      body,
      token,
      retryAfterMs,
      status >= 500 ? ServerError : status === 429 ? RateLimitError : ProtocolError,
    );
  }
  const { code, details } = error;
  const ErrorType =
    status >= 500
      ? ServerError
      : status === 400 && code === "INVALID_CURSOR"
        ? InvalidCursorError
        : (BY_STATUS[status] ?? KubeadaptError);
  return new ErrorType(error.message, {
    status,
    code,
    details: Array.isArray(details) ? (details.filter(isRecord) as ErrorDetail[]) : [],
    requestId: requestIdOf(value?.meta?.request_id),
    retryAfterMs,
  });
};

/**
 * Parses the body of a 2xx response as JSON, or throws a {@link ProtocolError} that says what
 * was received instead.
 */
export const parseSuccessBody = (
  response: PageResponse,
  body: string | undefined,
  token?: string,
) => {
  try {
    return JSON.parse(body as string) as unknown;
  } catch {
    throw protocolError(response, "body", body, token);
  }
};

/**
 * The {@link ProtocolError} (or error of class `Type`) for a response whose body is not the
 * JSON `what` expected: "expected a JSON <what> with HTTP <status>, received <type>:
 * "<excerpt>"", both redacted.
 */
export const protocolError = (
  response: PageResponse,
  what: string,
  body: string | undefined,
  token?: string,
  retryAfterMs?: number,
  Type: typeof KubeadaptError = ProtocolError,
): KubeadaptError => {
  // A JSON body is quoted as parsed, redacted and written again: a token it echoed with JSON
  // escapes (`\/` from PHP's json_encode, `\u002B` from .NET's) is still found. Any other body
  // is quoted as it came, the token in it spelt as sent.
  let text = body ?? "";
  try {
    text = JSON.stringify(parseRedacted(body, token));
  } catch {}
  text = redact(text, token).replace(/\s+/g, " ").trim();
  const excerpt =
    text.length > BODY_EXCERPT_LENGTH ? `${text.slice(0, BODY_EXCERPT_LENGTH)}…` : text;
  // The content type is redacted too: a proxy may echo the request's headers into it.
  return new Type(
    `expected a JSON ${what} with HTTP ${response.status}, received ${redact(response.headers.get("content-type") ?? "no content type", token)}: ${JSON.stringify(excerpt)}`,
    { status: response.status, retryAfterMs },
  );
};

/**
 * JSON `body` parsed, with a credential it echoed redacted from every string, at any depth, and
 * a key that holds one dropped with its value (as in `details`), however the JSON spells it
 * (escapes included). Throws on a body that is not JSON.
 */
const parseRedacted = (body: string | undefined, token?: string): unknown =>
  JSON.parse(body as string, (key, value) =>
    redact(key, token) !== key
      ? undefined
      : typeof value === "string"
        ? redact(value, token)
        : value,
  );

// Only read when parsing succeeded: JSON of unknown shape.
interface Envelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
  meta?: { request_id?: unknown };
}
