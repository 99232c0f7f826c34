import { defaultPathSerializer } from "openapi-fetch";
import { invalidParameter } from "./invalid-parameter.js";

/**
 * openapi-fetch's `defaultPathSerializer` (which percent-encodes each value, so `a/b` becomes
 * `a%2Fb`), after refusing any path parameter that could change which resource the URL names:
 * a missing, non-primitive or empty value, or one that is (or percent-decodes to) `.` or `..`.
 * Throws `BadRequestError` with `details[0].field` set to the parameter's name.
 */
export const safePathSerializer = (
  pathname: string,
  pathParams: Record<string, unknown>,
): string => {
  // `{name}`, `{.name}`, `{;name*}`: the same templates as `defaultPathSerializer`'s.
  for (const [, name = ""] of pathname.matchAll(/\{[.;]?([^{}]*?)\*?\}/g)) {
    const value = pathParams?.[name];
    const reason =
      value == null
        ? "missing"
        : !/^(string|number|bigint)$/.test(typeof value)
          ? "not_scalar"
          : value === ""
            ? "empty"
            : // `.` or `..`, as given or percent-encoded (`%2e%2E`): the only ways to decode to one.
              /^(\.|%2e){1,2}$/i.test(value as string)
              ? "dot_segment"
              : "";
    if (reason) {
      throw invalidParameter(name, `path parameter ${name} is ${reason.replace("_", " ")}`, reason);
    }
  }
  return defaultPathSerializer(pathname, pathParams);
};
