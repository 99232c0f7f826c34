import { validateAt } from "../contract/spec-validator.js";
import { nearest } from "./nearest.js";
import { describeSchema, type PathParameter, parametersOfPath } from "./spec-paths.js";
import { UsageError } from "./usage-error.js";

/** One value the user gave for a parameter, and how they wrote it (for the message). */
export interface GivenParameter {
  name: string;
  value: string;
  /** The command-line text that gave it, e.g. `--query kind=Deploy` or `--limit 501`. */
  given: string;
}

/** A query value as it is sent: integers and booleans typed as the spec declares them. */
export type QueryValue = string | number | boolean;

/**
 * Checks query values against the GET path's parameters in the bundled spec, before any
 * request: an unknown key, a value its schema rejects (enum, integer bounds, date and uuid
 * formats, booleans) or an empty value is a {@link UsageError} naming what is allowed.
 * @returns the query with values typed as the spec declares them
 */
export function checkQuery(
  template: string,
  given: readonly GivenParameter[],
): Record<string, QueryValue> {
  const params = parametersOfPath(template).filter((p) => p.in === "query");
  const query: Record<string, QueryValue> = {};
  for (const { name, value, given: text } of given) {
    const param = params.find((p) => p.name === name);
    if (!param) {
      const keys = params.map((p) => p.name);
      const near = nearest(name, keys);
      const list = keys.length > 0 ? `its query keys: ${keys.join(", ")}` : "it takes no query";
      throw new UsageError(
        `${text}: GET ${template} has no query parameter "${name}"${near ? ` (did you mean ${near}?)` : ""}; ${list}`,
      );
    }
    query[name] = checkValue(param, value, text);
    // The spec lets a free-text filter be empty, but an empty one (an unset shell variable in
    // `-q namespace=$NS`) filters to nothing: no items, and a total of 0 that looks real.
    if (value === "") {
      throw new UsageError(
        `${text}: an empty value filters to nothing; give a value, or leave out the key`,
      );
    }
  }
  return query;
}

/** Checks the path's `{params}` (ids) against their schemas, e.g. a UUID. */
export function checkPathParameters(template: string, values: Record<string, string>): void {
  for (const param of parametersOfPath(template).filter((p) => p.in === "path")) {
    const value = values[param.name] ?? "";
    checkValue(param, value, `${param.name} "${value}" in the path`);
  }
}

function checkValue(param: PathParameter, value: string, text: string): QueryValue {
  const typed = typedValue(param.schema.type, value);
  // Sent as a JSON-safe number: past 2^53 one is rounded, and the server gets another value.
  if (typeof typed === "number" && !Number.isSafeInteger(typed)) {
    throw new UsageError(
      `${text}: ${param.name} must be ${describeSchema(param.schema)}, at most ${Number.MAX_SAFE_INTEGER} (a larger one would be sent rounded)`,
    );
  }
  if (!validateAt(param.pointer, typed).valid) {
    throw new UsageError(`${text}: ${param.name} must be ${describeSchema(param.schema)}`);
  }
  return typed;
}

// Query strings are text; the spec's integers and booleans are validated (and sent) as such.
function typedValue(type: unknown, value: string): QueryValue {
  if (type === "integer" && /^-?\d+$/.test(value)) return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}
