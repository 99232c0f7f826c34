import { invalidParameter } from "./invalid-parameter.js";

/**
 * Throws the `BadRequestError` "`field` must be `what`" unless `ok`: a bad option fails named
 * and before any request, not as a `TypeError` mid-walk, a network error on every call, or not
 * at all.
 */
export const check = (field: string, ok: boolean, what: string, reason?: string): void => {
  if (!ok) throw invalidParameter(field, `${field} must be ${what}`, reason);
};

/** The index of `value` in `choices`; else (undefined included) a `BadRequestError`. */
export const oneOf = (field: string, value: unknown, choices: readonly string[]): number => {
  const index = choices.indexOf(value as string);
  check(field, index >= 0, `one of ${choices.join(", ")}`);
  return index;
};

/** Throws a `BadRequestError` for a `value` given (not undefined or null) of another `typeof`. */
export const kindOption = (field: string, value: unknown, kind: "function" | "string") => {
  check(field, value == null || typeof value === kind, `a ${kind}`);
  return !!value;
};
