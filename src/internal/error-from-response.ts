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
import { isRecord } from "./is-record.js";
import { redact } from "./redact.js";
import { parseRetryAfter } from "./retry-after.js";

/** The longest excerpt of an unexpected body that a {@link ProtocolError} message quotes. */
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
 * credential the server echoed is redacted. A body that is not the JSON error envelope (an HTML
 * 502 page) gives a {@link ProtocolError} carrying the status.
 */
export function errorFromResponse(
  response: Response,
  body: string | undefined,
  token?: string,
): KubeadaptError {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers);
  let value: Envelope | undefined;
  try {
    value = JSON.parse(body ?? "");
  } catch {}
  // Arrays and primitives fail these checks too: their `error`/`code` is undefined.
  const error = value?.error;
  if (typeof error?.code !== "string" || typeof error.message !== "string") {
    return new ProtocolError(unexpected(response, "error envelope", body, token), {
      status,
      retryAfterMs,
    });
  }
  const { code, details } = error;
  const ErrorType =
    status >= 500
      ? ServerError
      : status === 400 && code === "INVALID_CURSOR"
        ? InvalidCursorError
        : (BY_STATUS[status] ?? KubeadaptError);
  const requestId = value?.meta?.request_id;
  return new ErrorType(redact(error.message, token), {
    status,
    code,
    details: Array.isArray(details)
      ? details.filter(isRecord).map((detail) => redactDetail(detail, token))
      : [],
    requestId: typeof requestId === "string" ? requestId : undefined,
    retryAfterMs,
  });
}

/**
 * Parses the body of a 2xx response as JSON, or throws a {@link ProtocolError} that says what
 * was received instead.
 */
export function parseSuccessBody(response: Response, body: string | undefined, token?: string) {
  try {
    return JSON.parse(body as string) as unknown;
  } catch {
    throw new ProtocolError(unexpected(response, "body", body, token), { status: response.status });
  }
}

// Only read when parsing succeeded: JSON of unknown shape.
interface Envelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
  meta?: { request_id?: unknown };
}

// "expected a JSON <what> with HTTP <status>, received <type>: "<redacted excerpt>"".
function unexpected(response: Response, what: string, body: string | undefined, token?: string) {
  const type = response.headers.get("content-type") ?? "no content type";
  let received = `an empty body (${type})`;
  if (body) {
    const text = redact(body, token).replace(/\s+/g, " ").trim();
    received = `${type}: ${JSON.stringify(
      text.length > BODY_EXCERPT_LENGTH ? `${text.slice(0, BODY_EXCERPT_LENGTH)}…` : text,
    )}`;
  }
  return `expected a JSON ${what} with HTTP ${response.status}, received ${received}`;
}

function redactDetail(detail: Record<string, unknown>, token?: string): ErrorDetail {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    out[key] = typeof value === "string" ? redact(value, token) : value;
  }
  return out as ErrorDetail;
}
