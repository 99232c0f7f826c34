import { parametersOf, templateFor } from "../contract/spec.js";

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
    if (param) pathParams[param] = decodeURIComponent(wanted[i] as string);
  });
  return { template, pathParams, shape: shapeOf(template) };
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
