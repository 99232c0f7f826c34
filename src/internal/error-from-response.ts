import {
  AuthenticationError,
  BadRequestError,
  CursorExpiredError,
  type ErrorDetail,
  InvalidCursorError,
  KubeadaptError,
  type KubeadaptErrorInit,
  NotFoundError,
  PermissionDeniedError,
  ProtocolError,
  RateLimitError,
  ServerError,
} from "../errors.js";
import { redact } from "./redact.js";
import { parseRetryAfter } from "./retry-after.js";

type ErrorClass = new (message: string, init?: KubeadaptErrorInit) => KubeadaptError;

/** The longest excerpt of an unexpected body that a {@link ProtocolError} message quotes. */
export const BODY_EXCERPT_LENGTH = 200;

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
  const envelope = parseEnvelope(body);
  if (!envelope) {
    return new ProtocolError(
      `expected a JSON error envelope with HTTP ${status}, received ${describeBody(response, body, token)}`,
      { status, retryAfterMs },
    );
  }
  const { error, meta } = envelope;
  const ErrorType = classFor(status, error.code);
  return new ErrorType(redact(error.message, token), {
    status,
    code: error.code,
    details: error.details.map((detail) => redactDetail(detail, token)),
    requestId: typeof meta?.request_id === "string" ? meta.request_id : undefined,
    retryAfterMs,
  });
}

/**
 * Parses the body of a 2xx response as JSON, or throws a {@link ProtocolError} that says what
 * was received instead.
 */
export function parseSuccessBody(response: Response, body: string | undefined, token?: string) {
  try {
    if (body === undefined || body === "") throw new SyntaxError("empty body");
    return JSON.parse(body) as unknown;
  } catch {
    throw new ProtocolError(
      `expected a JSON body with HTTP ${response.status}, received ${describeBody(response, body, token)}`,
      { status: response.status },
    );
  }
}

function classFor(status: number, code: string): ErrorClass {
  if (status === 400) return code === "INVALID_CURSOR" ? InvalidCursorError : BadRequestError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 410) return CursorExpiredError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  return KubeadaptError;
}

interface Envelope {
  error: { code: string; message: string; details: ErrorDetail[] };
  meta?: { request_id?: unknown };
}

function parseEnvelope(body: string | undefined): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body ?? "");
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !isRecord(value.error)) return undefined;
  const { code, message, details } = value.error;
  if (typeof code !== "string" || typeof message !== "string") return undefined;
  return {
    error: { code, message, details: Array.isArray(details) ? details.filter(isRecord) : [] },
    meta: isRecord(value.meta) ? value.meta : undefined,
  };
}

function redactDetail(detail: ErrorDetail, token?: string): ErrorDetail {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    out[key] = typeof value === "string" ? redact(value, token) : value;
  }
  return out as ErrorDetail;
}

function describeBody(response: Response, body: string | undefined, token?: string): string {
  const type = response.headers.get("content-type") ?? "no content type";
  if (!body) return `an empty body (${type})`;
  const text = redact(body, token).replace(/\s+/g, " ").trim();
  const excerpt =
    text.length > BODY_EXCERPT_LENGTH ? `${text.slice(0, BODY_EXCERPT_LENGTH)}…` : text;
  return `${type}: ${JSON.stringify(excerpt)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
