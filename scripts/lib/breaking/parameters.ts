import { emit } from "./change.js";
import { type OperationContext, schemaContext, siteOf } from "./operation-context.js";
import { asObject, type RefResolver } from "./refs.js";
import { diffSchemas } from "./schema-diff.js";

type Parameter = Record<string, unknown>;

/** Compares the parameters of one operation (path-level ones included, operation-level ones win). */
export function diffParameters(
  op: OperationContext,
  base: { pathItem: Parameter; operation: Parameter },
  revision: { pathItem: Parameter; operation: Parameter },
): void {
  const before = collect(op.base, base.pathItem, base.operation);
  const after = collect(op.revision, revision.pathItem, revision.operation);
  for (const [key, old] of before) {
    const site = siteOf(op, label(key));
    const next = after.get(key);
    if (!next) {
      const id =
        old.deprecated === true
          ? "request-parameter-removed-with-deprecation"
          : "request-parameter-removed";
      emit(site, id, "removed");
      continue;
    }
    if (old.required !== true && next.required === true)
      emit(site, "request-parameter-became-required", "became required");
    if (old.required === true && next.required !== true)
      emit(site, "request-parameter-became-optional", "became optional");
    if (old.deprecated !== true && next.deprecated === true)
      emit(site, "request-parameter-deprecated", "deprecated");
    diffSchemas(schemaContext(op, "request", site, true), old.schema, next.schema);
  }
  for (const [key, added] of after) {
    if (before.has(key)) continue;
    const site = siteOf(op, label(key));
    if (added.in === "path") emit(site, "new-request-path-parameter", "added");
    else if (added.required === true)
      emit(site, "new-required-request-parameter", "added, required");
    else emit(site, "new-optional-request-parameter", "added, optional");
  }
}

/** `query limit` -> `query parameter limit` */
function label(key: string): string {
  const [location, ...name] = key.split(" ");
  return `${location} parameter ${name.join(" ")}`;
}

/** Parameters by `<in> <name>`, e.g. `query limit`. */
function collect(
  resolver: RefResolver,
  pathItem: Parameter,
  operation: Parameter,
): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const parameter = asObject(resolver.resolve(raw).node);
      // Header names are case-insensitive; the others are not.
      const name = String(parameter.name);
      const key = parameter.in === "header" ? name.toLowerCase() : name;
      parameters.set(`${String(parameter.in)} ${key}`, parameter);
    }
  }
  return parameters;
}
