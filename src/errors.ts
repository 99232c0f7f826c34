import type { components } from "../generated/schema.js";

/** One entry of an error envelope's `details` array, as the spec defines it. */
export type ErrorDetail = components["schemas"]["ErrorDetail"];
/** A machine-readable error code from the spec's catalog. */
export type ErrorCode = components["schemas"]["ErrorCode"];

// A registry-wide symbol, so two copies of this package recognise each other's errors.
const LINEAGE = Symbol.for("kubeadapt.error.lineage");

/** Where a failed walk stood, so a caller can resume it. */
export interface WalkPosition {
  /** The cursor of the page that failed (resume with `init.cursor`); undefined on page 1. */
  cursor?: string | undefined;
  /** 1-based number of the page that failed. */
  page?: number | undefined;
  /** Items the walk had yielded before it failed. */
  itemsYielded?: number | undefined;
}

/** What every Kubeadapt error may carry besides its message. */
export interface KubeadaptErrorInit extends WalkPosition {
  /** HTTP status, when the error came from a response. */
  status?: number | undefined;
  /** Error code from the envelope, when the server sent one. */
  code?: string | undefined;
  /** `error.details` from the envelope. */
  details?: ErrorDetail[] | undefined;
  /** `meta.request_id` from the envelope: quote it to support. */
  requestId?: string | undefined;
  /** Milliseconds the server asked us to wait (`Retry-After`), when it said. */
  retryAfterMs?: number | undefined;
  /** The underlying error (never one that carries the token). */
  cause?: unknown;
}

/**
 * The base of every error this SDK throws. Check with {@link isKubeadaptError} (or the other
 * `isXxxError` guards) rather than `instanceof`, which fails across two copies of the package.
 */
export class KubeadaptError extends Error {
  override name: string = "KubeadaptError";
  /** HTTP status, when the error came from a response. */
  readonly status: number | undefined;
  /** Error code from the envelope (e.g. `CURSOR_EXPIRED`), when the server sent one. */
  readonly code: string | undefined;
  /** `error.details` from the envelope; empty when there were none. */
  readonly details: ErrorDetail[];
  /** `meta.request_id` of the failed response. */
  readonly requestId: string | undefined;
  /** How long the server asked us to wait before retrying, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** During a walk: the cursor of the page that failed, to resume from. */
  cursor: string | undefined;
  /** During a walk: the 1-based number of the page that failed. */
  page: number | undefined;
  /** During a walk: how many items had been yielded before the failure. */
  itemsYielded: number | undefined;

  constructor(message: string, init: KubeadaptErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.cursor = init.cursor;
    this.page = init.page;
    this.itemsYielded = init.itemsYielded;
    Object.defineProperty(this, LINEAGE, { value: lineageOf(this), enumerable: false });
  }

  /** A plain object for logs and `JSON.stringify`: the fields above, never request headers. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      details: this.details,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      cursor: this.cursor,
      page: this.page,
      itemsYielded: this.itemsYielded,
    };
  }
}

// The names of an error's class and all its ancestors, read once at construction: the guards
// compare names, which survive duplicated packages where class identity does not.
function lineageOf(error: KubeadaptError): readonly string[] {
  const names: string[] = [];
  for (let proto = Object.getPrototypeOf(error); proto && proto !== Error.prototype; ) {
    const name = Object.hasOwn(proto.constructor, "errorName")
      ? (proto.constructor as { errorName: string }).errorName
      : undefined;
    if (name) names.push(name);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

/** 400 `BAD_REQUEST`: an invalid parameter (`details[0].field` names it), e.g. `limit`. */
export class BadRequestError extends KubeadaptError {
  static readonly errorName: string = "BadRequestError";
  override name = "BadRequestError";
}
/** 400 `INVALID_CURSOR`: the cursor was modified or is not one the server issued. */
export class InvalidCursorError extends BadRequestError {
  static override readonly errorName: string = "InvalidCursorError";
  override name = "InvalidCursorError";
}
/** 401: the token is missing or invalid. */
export class AuthenticationError extends KubeadaptError {
  static readonly errorName: string = "AuthenticationError";
  override name = "AuthenticationError";
}
/** 403: the token lacks the scope this endpoint needs. */
export class PermissionDeniedError extends KubeadaptError {
  static readonly errorName: string = "PermissionDeniedError";
  override name = "PermissionDeniedError";
}
/** 404: no resource with this id. */
export class NotFoundError extends KubeadaptError {
  static readonly errorName: string = "NotFoundError";
  override name = "NotFoundError";
}

/** Why a cursor stopped working: older than 24 hours, or the query changed between pages. */
export type CursorExpiredReason = "expired" | "query_changed" | "unknown";

/** 410 `CURSOR_EXPIRED`: restart the walk from page 1 (or use `onCursorExpired: "restart"`). */
export class CursorExpiredError extends KubeadaptError {
  static readonly errorName: string = "CursorExpiredError";
  override name = "CursorExpiredError";
  /** `details[0].reason` of the response. */
  readonly reason: CursorExpiredReason;

  constructor(message: string, init: KubeadaptErrorInit = {}) {
    super(message, init);
    const reason = init.details?.[0]?.reason;
    this.reason = reason === "expired" || reason === "query_changed" ? reason : "unknown";
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}
/** 429: rate limited; `retryAfterMs` says how long the server asked to wait. */
export class RateLimitError extends KubeadaptError {
  static readonly errorName: string = "RateLimitError";
  override name = "RateLimitError";
}
/** 5xx: the server failed; retried GETs that kept failing end here. */
export class ServerError extends KubeadaptError {
  static readonly errorName: string = "ServerError";
  override name = "ServerError";
}
/** The request never got a response (DNS, refused or reset connection). */
export class ConnectionError extends KubeadaptError {
  static readonly errorName: string = "ConnectionError";
  override name = "ConnectionError";
}
/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends KubeadaptError {
  static readonly errorName: string = "TimeoutError";
  override name = "TimeoutError";
}
/** The caller's `AbortSignal` fired. `name` is `"AbortError"`, as for `fetch`. */
export class AbortError extends KubeadaptError {
  static readonly errorName: string = "AbortError";
  override name = "AbortError";
}
/**
 * The server broke the protocol: a body that is not the JSON envelope (an HTML 502 page), a
 * list without `meta.pagination`, `has_more` with no cursor, a repeated cursor, or too many
 * empty pages in a row.
 */
export class ProtocolError extends KubeadaptError {
  static readonly errorName: string = "ProtocolError";
  override name = "ProtocolError";
}
/** A walk reached `maxPages` before the list ended. */
export class PaginationLimitError extends KubeadaptError {
  static readonly errorName: string = "PaginationLimitError";
  override name = "PaginationLimitError";
}

Object.defineProperty(KubeadaptError, "errorName", { value: "KubeadaptError" });

function isA(name: string) {
  return (value: unknown): boolean => {
    if (typeof value !== "object" || value === null) return false;
    const lineage = (value as { [LINEAGE]?: unknown })[LINEAGE];
    return Array.isArray(lineage) && lineage.includes(name);
  };
}

/** True for any error thrown by this SDK (any copy of the package). */
export const isKubeadaptError = isA("KubeadaptError") as (e: unknown) => e is KubeadaptError;
/** True for {@link BadRequestError} and its subclass {@link InvalidCursorError}. */
export const isBadRequestError = isA("BadRequestError") as (e: unknown) => e is BadRequestError;
/** True for {@link InvalidCursorError}. */
export const isInvalidCursorError = isA("InvalidCursorError") as (
  e: unknown,
) => e is InvalidCursorError;
/** True for {@link AuthenticationError}. */
export const isAuthenticationError = isA("AuthenticationError") as (
  e: unknown,
) => e is AuthenticationError;
/** True for {@link PermissionDeniedError}. */
export const isPermissionDeniedError = isA("PermissionDeniedError") as (
  e: unknown,
) => e is PermissionDeniedError;
/** True for {@link NotFoundError}. */
export const isNotFoundError = isA("NotFoundError") as (e: unknown) => e is NotFoundError;
/** True for {@link CursorExpiredError}. */
export const isCursorExpiredError = isA("CursorExpiredError") as (
  e: unknown,
) => e is CursorExpiredError;
/** True for {@link RateLimitError}. */
export const isRateLimitError = isA("RateLimitError") as (e: unknown) => e is RateLimitError;
/** True for {@link ServerError}. */
export const isServerError = isA("ServerError") as (e: unknown) => e is ServerError;
/** True for {@link ConnectionError}. */
export const isConnectionError = isA("ConnectionError") as (e: unknown) => e is ConnectionError;
/** True for {@link TimeoutError}. */
export const isTimeoutError = isA("TimeoutError") as (e: unknown) => e is TimeoutError;
/** True for {@link AbortError}. */
export const isAbortError = isA("AbortError") as (e: unknown) => e is AbortError;
/** True for {@link ProtocolError}. */
export const isProtocolError = isA("ProtocolError") as (e: unknown) => e is ProtocolError;
/** True for {@link PaginationLimitError}. */
export const isPaginationLimitError = isA("PaginationLimitError") as (
  e: unknown,
) => e is PaginationLimitError;
