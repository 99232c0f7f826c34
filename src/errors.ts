import type { components } from "../generated/schema.js";

/** One entry of an error envelope's `details` array, as the spec defines it. */
export type ErrorDetail = components["schemas"]["ErrorDetail"];
/** A machine-readable error code from the spec's catalog. */
export type ErrorCode = components["schemas"]["ErrorCode"];

// A registry-wide symbol, so two copies of this package recognise each other's errors.
const LINEAGE = Symbol.for("kubeadapt.error.lineage");

/** Where a failed walk stood, so a caller can resume it. */
export interface WalkPosition {
  /**
   * The cursor of the first page not wholly received (resume with `init.cursor`): the page
   * that failed, or after an abort the page being yielded, else the oldest one fetched ahead;
   * undefined on page 1.
   */
  cursor?: string | undefined;
  /** 1-based number of that page. */
  page?: number | undefined;
  /** Items the walk had yielded before it failed (0 for `toArray`, which returns none). */
  itemsYielded?: number | undefined;
}

/** What every Kubeadapt error may carry besides its message. */
export interface KubeadaptErrorInit extends WalkPosition {
  /** HTTP status, when the error came from a response. */
  status?: number | undefined;
  /** Error code from the envelope, when the server sent one. */
  // A catalog code (which editors offer) or one a newer server added; `string & {}` keeps the
  // catalog's literals from collapsing into plain `string`.
  code?: ErrorCode | (string & {}) | undefined;
  /** `error.details` from the envelope. */
  details?: ErrorDetail[] | undefined;
  /** `meta.request_id` from the envelope: quote it to support. */
  requestId?: string | undefined;
  /** Milliseconds the server asked us to wait (`Retry-After`), when it said. */
  retryAfterMs?: number | undefined;
  /** The underlying error (never one that carries the token). */
  cause?: unknown;
}

// The fields an error copies from its init, in `toJSON`'s order.
const FIELDS = [
  "status",
  "code",
  "details",
  "requestId",
  "retryAfterMs",
  "cursor",
  "page",
  "itemsYielded",
] as const;

/**
 * The `name` of every error class of this package, {@link KubeadaptError}'s and its
 * subclasses' (those of `kubeadapt/money` included).
 */
export type KubeadaptErrorName =
  | "KubeadaptError"
  | "BadRequestError"
  | "InvalidCursorError"
  | "AuthenticationError"
  | "PermissionDeniedError"
  | "NotFoundError"
  | "CursorExpiredError"
  | "RateLimitError"
  | "ServerError"
  | "ConnectionError"
  | "TimeoutError"
  | "AbortError"
  | "ProtocolError"
  | "PaginationLimitError"
  | "MoneyError"
  | "InvalidMoneyError"
  | "CurrencyMismatchError";

/**
 * The type of `name` on an error class whose errors are named `N` (a parent's `N`: its own name
 * and its subclasses'): `N`, or any other string, which a subclass of yours names with its
 * `static errorName`, so `error.name === "QuotaError"` compiles. The optional `~errorOf` key is
 * type-only (no string has it): it keeps the classes apart, so a `ServerError` is not taken where
 * a `NotFoundError` is typed and a guard's false branch keeps the rest of the errors.
 */
export type ErrorNameOf<N extends string> = N | (string & { readonly "~errorOf"?: N });

/**
 * The base of every error this SDK throws. Check with {@link isKubeadaptError} (or the other
 * `isXxxError` guards) rather than `instanceof`, which fails across two copies of the package.
 */
export class KubeadaptError extends Error {
  /** The literal `name` of this class's errors; subclasses without one inherit their parent's. */
  static readonly errorName: string = "KubeadaptError";
  /**
   * The class's `errorName`, as the runtime sets it: one of {@link KubeadaptErrorName}, or the
   * name of a subclass of yours (see {@link ErrorNameOf}).
   */
  declare readonly name: ErrorNameOf<KubeadaptErrorName>;
  /** HTTP status, when the error came from a response. */
  declare readonly status: number | undefined;
  /**
   * Error code from the envelope (e.g. `CURSOR_EXPIRED`), when the server sent one: one of the
   * spec's {@link ErrorCode}s, or a newer one.
   */
  declare readonly code: ErrorCode | (string & {}) | undefined;
  /** `error.details` from the envelope; empty when there were none. */
  declare readonly details: ErrorDetail[];
  /** `meta.request_id` of the failed response. */
  declare readonly requestId: string | undefined;
  /** How long the server asked us to wait before retrying, in milliseconds. */
  declare readonly retryAfterMs: number | undefined;
  /** During a walk: the cursor to resume from, the first page not wholly received. */
  declare cursor: string | undefined;
  /** During a walk: the 1-based number of that page. */
  declare page: number | undefined;
  /** During a walk: how many items had been yielded before the failure. */
  declare itemsYielded: number | undefined;

  constructor(message: string, init: KubeadaptErrorInit = {}) {
    // Error reads only `cause` from it, and only when the key is present.
    super(message, init);
    // The guards compare these names, which survive duplicated packages where class identity
    // does not: this class's `errorName` and every ancestor's, read once here (a subclass
    // without its own repeats its parent's).
    const lineage: string[] = [];
    for (let c: object = new.target; c !== Error; c = Object.getPrototypeOf(c)) {
      lineage.push((c as typeof KubeadaptError).errorName);
    }
    // Readonly in the type, set once here.
    (this as { name: string }).name = lineage[0] as string;
    for (const key of FIELDS) (this as Record<string, unknown>)[key] = init[key];
    this.details = init.details ?? [];
    Object.defineProperty(this, LINEAGE, { value: lineage });
  }

  /**
   * A plain object for logs and `JSON.stringify`: name, message and the fields above (own
   * enumerable properties; `cause` and request headers are never among them).
   */
  toJSON(): Record<string, unknown> {
    // `message` is not enumerable (Error sets it so): it is named here, `name` keeps its place.
    return { name: this.name, message: this.message, ...(this as object) };
  }
}

/** 400 `BAD_REQUEST`: an invalid parameter (`details[0].field` names it), e.g. `limit`. */
export class BadRequestError extends KubeadaptError {
  static override readonly errorName: string = "BadRequestError";
  declare readonly name: ErrorNameOf<"BadRequestError" | "InvalidCursorError">;
}
/** 400 `INVALID_CURSOR`: the cursor was modified or is not one the server issued. */
export class InvalidCursorError extends BadRequestError {
  static override readonly errorName: string = "InvalidCursorError";
  declare readonly name: ErrorNameOf<"InvalidCursorError">;
}
/** 401: the token is missing or invalid. */
export class AuthenticationError extends KubeadaptError {
  static override readonly errorName: string = "AuthenticationError";
  declare readonly name: ErrorNameOf<"AuthenticationError">;
}
/** 403: the token lacks the scope this endpoint needs. */
export class PermissionDeniedError extends KubeadaptError {
  static override readonly errorName: string = "PermissionDeniedError";
  declare readonly name: ErrorNameOf<"PermissionDeniedError">;
}
/** 404: no resource with this id. */
export class NotFoundError extends KubeadaptError {
  static override readonly errorName: string = "NotFoundError";
  declare readonly name: ErrorNameOf<"NotFoundError">;
}

/** Why a cursor stopped working: older than 24 hours, or the query changed between pages. */
export type CursorExpiredReason = "expired" | "query_changed" | "unknown";

/** 410 `CURSOR_EXPIRED`: restart the walk from page 1 (or use `onCursorExpired: "restart"`). */
export class CursorExpiredError extends KubeadaptError {
  static override readonly errorName: string = "CursorExpiredError";
  declare readonly name: ErrorNameOf<"CursorExpiredError">;
  /** `details[0].reason` of the response. */
  declare readonly reason: CursorExpiredReason;

  constructor(message: string, init: KubeadaptErrorInit = {}) {
    super(message, init);
    const reason = init.details?.[0]?.reason;
    this.reason = reason === "expired" || reason === "query_changed" ? reason : "unknown";
  }
}
/** 429: rate limited, by the API or a proxy; `retryAfterMs` says how long it asked to wait. */
export class RateLimitError extends KubeadaptError {
  static override readonly errorName: string = "RateLimitError";
  declare readonly name: ErrorNameOf<"RateLimitError">;
}
/** 5xx: the server or a gateway failed (an HTML 502 page too); retried GETs end here. */
export class ServerError extends KubeadaptError {
  static override readonly errorName: string = "ServerError";
  declare readonly name: ErrorNameOf<"ServerError">;
}
/**
 * The network failed on the last attempt: no response (DNS, refused or reset connection), or a
 * connection that broke off in the middle of the body.
 */
export class ConnectionError extends KubeadaptError {
  static override readonly errorName: string = "ConnectionError";
  declare readonly name: ErrorNameOf<"ConnectionError">;
}
/** The last attempt's whole response (headers and body) took longer than `timeoutMs`. */
export class TimeoutError extends KubeadaptError {
  static override readonly errorName: string = "TimeoutError";
  declare readonly name: ErrorNameOf<"TimeoutError">;
}
/** The caller's `AbortSignal` fired. `name` is `"AbortError"`, as for `fetch`. */
export class AbortError extends KubeadaptError {
  static override readonly errorName: string = "AbortError";
  declare readonly name: ErrorNameOf<"AbortError">;
}
/**
 * The server broke the protocol: a body that is not the JSON envelope (a 2xx that is not JSON,
 * or an HTML 404 page from a wrong base URL; a 429 or 5xx keeps its own class), a list without
 * `meta.pagination`, `has_more` with no cursor, a repeated cursor, too many empty pages in a
 * row, or an offset page other than the one asked for or past its own `total_pages`.
 */
export class ProtocolError extends KubeadaptError {
  static override readonly errorName: string = "ProtocolError";
  declare readonly name: ErrorNameOf<"ProtocolError">;
}
/** A walk reached `maxPages` before the list ended. */
export class PaginationLimitError extends KubeadaptError {
  static override readonly errorName: string = "PaginationLimitError";
  declare readonly name: ErrorNameOf<"PaginationLimitError">;
}

/** A name-based guard for an error class (internal: the subpaths build their guards with it). */
export const isA =
  <T>(Class: { readonly errorName: string }) =>
  (value: unknown): value is T => {
    const lineage = (value as { [LINEAGE]?: unknown } | null | undefined)?.[LINEAGE];
    return Array.isArray(lineage) && lineage.includes(Class.errorName);
  };

/** True for any error thrown by this SDK (any copy of the package). */
export const isKubeadaptError = isA<KubeadaptError>(KubeadaptError);
/** True for {@link BadRequestError} and its subclass {@link InvalidCursorError}. */
export const isBadRequestError = isA<BadRequestError>(BadRequestError);
/** True for {@link InvalidCursorError}. */
export const isInvalidCursorError = isA<InvalidCursorError>(InvalidCursorError);
/** True for {@link AuthenticationError}. */
export const isAuthenticationError = isA<AuthenticationError>(AuthenticationError);
/** True for {@link PermissionDeniedError}. */
export const isPermissionDeniedError = isA<PermissionDeniedError>(PermissionDeniedError);
/** True for {@link NotFoundError}. */
export const isNotFoundError = isA<NotFoundError>(NotFoundError);
/** True for {@link CursorExpiredError}. */
export const isCursorExpiredError = isA<CursorExpiredError>(CursorExpiredError);
/** True for {@link RateLimitError}. */
export const isRateLimitError = isA<RateLimitError>(RateLimitError);
/** True for {@link ServerError}. */
export const isServerError = isA<ServerError>(ServerError);
/** True for {@link ConnectionError}. */
export const isConnectionError = isA<ConnectionError>(ConnectionError);
/** True for {@link TimeoutError}. */
export const isTimeoutError = isA<TimeoutError>(TimeoutError);
/** True for {@link AbortError}. */
export const isAbortError = isA<AbortError>(AbortError);
/** True for {@link ProtocolError}. */
export const isProtocolError = isA<ProtocolError>(ProtocolError);
/** True for {@link PaginationLimitError}. */
export const isPaginationLimitError = isA<PaginationLimitError>(PaginationLimitError);
