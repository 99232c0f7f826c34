import spec from "../../generated/openapi.json" with { type: "json" };

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

interface Operation {
  parameters?: { $ref?: string; name?: string }[];
}

const templates = Object.entries(spec.paths as Record<string, { get?: Operation }>)
  .filter(([, item]) => item.get)
  .map(([template, item]) => ({ template, shape: shapeOf(item.get as Operation) }));

// A list's shape shows in its parameters: `cursor` for cursor lists, `page` for offset pages.
function shapeOf(operation: Operation): PathShape {
  const names = (operation.parameters ?? []).map((p) => p.name ?? p.$ref?.split("/").pop());
  if (names.includes("Cursor")) return "cursor";
  if (names.includes("Page")) return "offset";
  return "single";
}

/** Every GET path template of the spec. */
export function getTemplates(): string[] {
  return templates.map((t) => t.template);
}

/**
 * Matches `path` (with or without a `/v1` prefix, no query) to a spec template.
 * @returns undefined when no template matches
 */
export function resolvePath(path: string): ResolvedPath | undefined {
  const wanted = splitPath(path.startsWith("/v1/") || path === "/v1" ? path : `/v1/${path}`);
  for (const { template, shape } of templates) {
    const parts = splitPath(template);
    if (parts.length !== wanted.length) continue;
    const pathParams: Record<string, string> = {};
    const matches = parts.every((part, i) => {
      const segment = wanted[i] as string;
      const param = /^\{(.+)\}$/.exec(part)?.[1];
      if (param) pathParams[param] = decodeURIComponent(segment);
      return param !== undefined || part === segment;
    });
    if (matches) return { template, pathParams, shape };
  }
  return undefined;
}

function splitPath(path: string): string[] {
  return path.replace(/^\/+|\/+$/g, "").split("/");
}
