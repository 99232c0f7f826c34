import { type JsonObject, resolveRef, responseOf } from "../spec/document.js";

/** What the header assertions read of one exchange. */
export interface HeaderSubject {
  /** For messages, e.g. `GET /v1/workloads?limit=1`. */
  label: string;
  /** Spec path template, when the path is in the spec. */
  template: string | undefined;
  status: number;
  headers: Headers;
}

/**
 * What is wrong with a response's headers: `Content-Type` other than `application/json` (a
 * `charset` parameter is fine), a header its documented response marks `required` missing, and
 * a 429 without `Retry-After` (the spec tells clients to wait that long). Header values are
 * validated against their schemas with the body. One message per problem.
 */
export function headerViolations(ex: HeaderSubject): string[] {
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
    const required = resolveRef(header).node.required === true;
    const implied = ex.status === 429 && name.toLowerCase() === "retry-after";
    if ((required || implied) && !ex.headers.has(name)) {
      out.push(`${ex.label} → ${ex.status}: no ${name} header`);
    }
  }
  return out;
}
