// The bundled spec, imported as JSON so that a bundler inlines it (no file read at run time).
import specJson from "../../generated/openapi.json" with { type: "json" };

/** A JSON object of the spec. */
export type JsonObject = Record<string, unknown>;

/** The parts of an OpenAPI operation the contract suite and the fake read. */
export interface SpecOperation {
  operationId?: string;
  parameters?: JsonObject[];
  responses: Record<string, JsonObject>;
}

/** The parts of the bundled OpenAPI 3.1 document the contract suite and the fake read. */
export interface SpecDocument {
  openapi: string;
  paths: Record<string, Record<string, SpecOperation>>;
  components: Record<string, Record<string, JsonObject>>;
}

/** `generated/openapi.json`: the bundled spec (the suite checks responses against it; the fake serves its named examples). */
export const spec: SpecDocument = specJson as unknown as SpecDocument;

/** Spec path templates, e.g. `/v1/workloads/{workload_uid}`. */
export const specPaths: readonly string[] = Object.keys(spec.paths);

const matchers = specPaths.map(
  (template) => [template, new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`)] as const,
);

/** The spec path template a concrete pathname (`/v1/clusters/3f…`) matches, or undefined. */
export function templateFor(pathname: string): string | undefined {
  return matchers.find(([, re]) => re.test(pathname))?.[0];
}

/** A JSON pointer (without the leading `#/`) from unescaped reference tokens. */
export function pointer(...tokens: string[]): string {
  return tokens.map((t) => t.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

/** The node a local `$ref` points to and its pointer, or the node itself when it is no `$ref`. */
export function resolveRef(node: JsonObject): { node: JsonObject; pointer?: string } {
  const ref = node.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return { node };
  let target: unknown = spec;
  for (const token of ref.slice(2).split("/")) {
    target = (target as JsonObject)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return { node: target as JsonObject, pointer: ref.slice(2) };
}

/** The GET operation of a path template, or undefined. */
export function getOperation(template: string): SpecOperation | undefined {
  return spec.paths[template]?.get;
}

/** A parameter of an operation, with `$ref` resolved. */
export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema?: JsonObject;
}

/**
 * The operation's parameters, `$ref`s resolved: those of the path item (e.g. a path
 * parameter shared by its operations) and the operation's own, which override them by name.
 */
export function parametersOf(template: string): SpecParameter[] {
  const item = spec.paths[template] as { parameters?: JsonObject[] } | undefined;
  const resolve = (p: JsonObject) => resolveRef(p).node as unknown as SpecParameter;
  const own = (getOperation(template)?.parameters ?? []).map(resolve);
  const shared = (item?.parameters ?? [])
    .map(resolve)
    .filter((p) => !own.some((o) => o.name === p.name && o.in === p.in));
  return [...shared, ...own];
}

/** A documented response: its pointer in the spec (after `$ref`) and the object itself. */
export function responseOf(
  template: string,
  status: number | string,
): { pointer: string; response: JsonObject } | undefined {
  const raw = getOperation(template)?.responses[String(status)];
  if (!raw) return undefined;
  const { node, pointer: ref } = resolveRef(raw);
  return {
    pointer: ref ?? pointer("paths", template, "get", "responses", String(status)),
    response: node,
  };
}
