import type { CostMode } from "../types.js";
import type { ErrorCode, ErrorDetail } from "./spec-types.js";

/** What a handler produces: a status, headers and a serialized body. */
export interface FakeResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Thrown inside handlers; becomes the spec's error envelope. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** 400 BAD_REQUEST naming the parameter at fault. */
export function badRequest(field: string, reason: string, message: string): ApiError {
  return new ApiError(400, "BAD_REQUEST", message, [{ field, reason, message }]);
}

/** 404 NOT_FOUND. */
export function notFound(message = "resource not found"): ApiError {
  return new ApiError(404, "NOT_FOUND", message);
}

/** Per-request metadata every envelope starts with. */
export interface BaseMeta {
  request_id: string;
  applied_at: string;
}

/** The `Content-Type` of every JSON response. */
export const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/**
 * The headers of every envelope: its `Content-Type`, `X-Request-Id` (the body's id) and `Date`
 * (the fake's clock, as `applied_at`: an HTTP server dates its responses by its own clock).
 */
const envelopeHeaders = (base: BaseMeta) => ({
  ...JSON_HEADERS,
  "x-request-id": base.request_id,
  date: new Date(base.applied_at).toUTCString(),
});

/** A 200 with `{ data, meta }`; `meta` gets `cost_mode` when given and any `extra` keys. */
export function ok(
  base: BaseMeta,
  data: unknown,
  costMode: CostMode | undefined,
  extra: Record<string, unknown> = {},
): FakeResult {
  const meta: Record<string, unknown> = { ...base, ...extra };
  if (costMode) meta.cost_mode = costMode;
  return {
    status: 200,
    headers: envelopeHeaders(base),
    body: JSON.stringify({ data, meta }),
  };
}

/** The spec's error envelope `{ data: null, meta, error: { code, message, details } }`. */
export function errorResult(base: BaseMeta, error: ApiError): FakeResult {
  const body = {
    data: null,
    meta: base,
    error: { code: error.code, message: error.message, details: error.details },
  };
  return {
    status: error.status,
    headers: { ...envelopeHeaders(base), ...error.headers },
    body: JSON.stringify(body),
  };
}
