import {
  getOperation,
  type JsonObject,
  parametersOf,
  pointer,
  resolveRef,
  type SpecParameter,
  spec,
  specPaths,
  templateFor,
} from "../spec/document.js";
import { UsageError } from "./usage-error.js";

/** How a GET path returns its data: a cursor list, Cost Explorer's offset pages, or one body. */
export type PathShape = "cursor" | "offset" | "single";

/** A concrete request path matched against the spec's path templates. */
export interface ResolvedPath {
  /** The spec's template, e.g. `/v1/workloads/{workload_uid}`. */
  template: string;
  /** Values of the template's `{params}`, decoded. */
  pathParams: Record<string, string>;
  shape: PathShape;
}

/**
 * Matches `path` (with or without a `/v1` prefix, no query) to a spec template.
 * @returns undefined when no template matches
 */
export function resolvePath(path: string): ResolvedPath | undefined {
  const wanted = splitPath(path.startsWith("/v1/") || path === "/v1" ? path : `/v1/${path}`);
  const template = templateFor(`/${wanted.join("/")}`);
  if (template === undefined) return undefined;
  const pathParams: Record<string, string> = {};
  splitPath(template).forEach((part, i) => {
    const param = /^\{(.+)\}$/.exec(part)?.[1];
    if (param) pathParams[param] = decodePart(param, wanted[i] as string);
  });
  return { template, pathParams, shape: shapeOf(template) };
}

// `%E0` alone is no UTF-8: decodeURIComponent's URIError ("URI malformed") names nothing.
function decodePart(param: string, part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new UsageError(`${param} in the path is not valid percent-encoding: "${part}"`);
  }
}

// A list's shape shows in its parameters: `cursor` for cursor lists, `page` for offset pages.
function shapeOf(template: string): PathShape {
  const names = parametersOf(template).map((p) => p.name);
  if (names.includes("cursor")) return "cursor";
  if (names.includes("page")) return "offset";
  return "single";
}

function splitPath(path: string): string[] {
  return path.replace(/^\/+|\/+$/g, "").split("/");
}

/** A parameter of a GET path, `$ref`s resolved, with where its schema sits in the spec. */
export interface PathParameter {
  name: string;
  in: "path" | "query";
  /** The parameter's schema, `$ref` resolved (an enum's values are in it). */
  schema: JsonObject;
  /** JSON pointer (without `#/`) of the schema in the bundled spec, for validation. */
  pointer: string;
}

/** The path and query parameters of a GET path template: the path item's, then the operation's. */
export function parametersOfPath(template: string): PathParameter[] {
  const shared = (spec.paths[template] as { parameters?: JsonObject[] } | undefined)?.parameters;
  const located = [
    ...(shared ?? []).map((raw, i) => [raw, pointer("paths", template, "parameters", String(i))]),
    ...(getOperation(template)?.parameters ?? []).map((raw, i) => [
      raw,
      pointer("paths", template, "get", "parameters", String(i)),
    ]),
  ] as [JsonObject, string][];
  return located.map(([raw, inline]) => {
    const { node, pointer: ref } = resolveRef(raw);
    const at = ref ?? inline;
    const param = node as unknown as SpecParameter;
    return {
      name: param.name,
      in: param.in === "path" ? "path" : "query",
      schema: resolveRef(param.schema ?? {}).node,
      pointer: `${at}/schema`,
    };
  });
}

/** A short, human description of a parameter's schema: "integer 1..500", "one of a, b". */
export function describeSchema(schema: JsonObject): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(", ")}`;
  const format = schema.format as string | undefined;
  if (format === "uuid") return "a UUID";
  if (format === "date") return "a date (YYYY-MM-DD)";
  if (format === "date-time") return "a date-time (RFC 3339, e.g. 2026-05-01T00:00:00Z)";
  if (schema.type === "boolean") return "true or false";
  if (schema.type === "integer") {
    const { minimum: min, maximum: max } = schema as { minimum?: number; maximum?: number };
    if (min !== undefined && max !== undefined) return `an integer from ${min} to ${max}`;
    if (min !== undefined) return `an integer from ${min}`;
    return "an integer";
  }
  return (schema.minLength as number | undefined) ? "a non-empty string" : "a string";
}

/** The GET path templates of the spec, in its order. */
export function getTemplates(): string[] {
  return specPaths.filter((template) => getOperation(template) !== undefined);
}

/** The operation's one-line summary, when the spec has one. */
export function summaryOf(template: string): string | undefined {
  return (getOperation(template) as { summary?: string } | undefined)?.summary;
}
