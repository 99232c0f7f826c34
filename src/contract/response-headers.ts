import { type JsonObject, resolveRef, responseOf } from "../spec/document.js";

/** What the header assertions read of one exchange. */
export interface HeaderSubject {
  /** For messages, e.g. `GET /v1/workloads?limit=1`. */
  label: string;
  /** Spec path template, when the path is in the spec. */
  template: string | undefined;
  status: number;
  headers: Headers;
  /** The parsed JSON body, whose `meta.request_id` an `X-Request-Id` header must equal. */
  body?: unknown;
}

/**
 * What is wrong with a response's headers: `Content-Type` other than `application/json` (a
 * `charset` parameter is fine), a header its documented response marks `required` missing (such
 * as `Retry-After` on a 429 or 503: the spec tells clients to wait that long), and an
 * `X-Request-Id` other than the body's `meta.request_id`. Header values are validated against
 * their schemas with the body. One message per problem.
 * @param mock - the target is a Prism mock, which takes `X-Request-Id` from the spec's example
 *   and not from the body it serves: the two ids are not compared
 */
export function headerViolations(ex: HeaderSubject, mock = false): string[] {
  const out: string[] = [];
  const type = ex.headers.get("content-type");
  const media = type?.split(";")[0]?.trim().toLowerCase();
  if (media !== "application/json") {
    out.push(
      `${ex.label} → ${ex.status}: Content-Type is ${type === null ? "missing" : JSON.stringify(type)}, expected application/json`,
    );
  }
  const declared = ex.template ? responseOf(ex.template, ex.status)?.response.headers : undefined;
  for (const [name, header] of Object.entries((declared ?? {}) as Record<string, JsonObject>)) {
    if (resolveRef(header).node.required === true && !ex.headers.has(name)) {
      out.push(`${ex.label} → ${ex.status}: no ${name} header`);
    }
  }
  const mismatch = mock ? undefined : requestIdMismatch(ex);
  if (mismatch) out.push(mismatch);
  return out;
}

// The spec makes the header optional, but when sent it must name the same request as the body.
function requestIdMismatch(ex: HeaderSubject): string | undefined {
  const header = ex.headers.get("x-request-id");
  const id = (ex.body as { meta?: { request_id?: unknown } } | undefined)?.meta?.request_id;
  if (header === null || typeof id !== "string" || header === id) return undefined;
  return `${ex.label} → ${ex.status}: X-Request-Id is ${JSON.stringify(header)}, but meta.request_id is ${JSON.stringify(id)}`;
}
