import { defaultPathSerializer } from "openapi-fetch";
import { BadRequestError } from "../errors.js";

/**
 * openapi-fetch's `defaultPathSerializer` (which percent-encodes each value, so `a/b` becomes
 * `a%2Fb`), after refusing any path parameter that could change which resource the URL names:
 * a missing, non-primitive or empty value, or one that is (or percent-decodes to) `.` or `..`.
 * Throws {@link BadRequestError} with `details[0].field` set to the parameter's name.
 */
export function safePathSerializer(pathname: string, pathParams: Record<string, unknown>): string {
  for (const match of pathname.match(/\{[^{}]+\}/g) ?? []) {
    const name = match.slice(1, -1).replace(/^[.;]/, "").replace(/\*$/, "");
    const reason = invalidReason(pathParams?.[name]);
    if (reason) {
      throw new BadRequestError(`path parameter ${name} is ${reason.replace("_", " ")}`, {
        code: "BAD_REQUEST",
        details: [{ field: name, reason }],
      });
    }
  }
  return defaultPathSerializer(pathname, pathParams);
}

function invalidReason(value: unknown): string | undefined {
  if (value === undefined || value === null) return "missing";
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "bigint") {
    return "not_scalar";
  }
  const text = String(value);
  if (text === "") return "empty";
  if (isDotSegment(text) || isDotSegment(decodeOnce(text))) return "dot_segment";
  return undefined;
}

function isDotSegment(text: string): boolean {
  return text === "." || text === "..";
}

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
