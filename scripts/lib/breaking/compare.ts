import { type Change, emit } from "./change.js";
import type { Spec } from "./document.js";
import { type OperationContext, siteOf } from "./operation-context.js";
import { diffParameters } from "./parameters.js";
import { asObject, RefResolver } from "./refs.js";
import { diffRequestBody } from "./request-body.js";
import { diffResponses } from "./responses.js";

/** The HTTP methods a path item can hold. */
export const METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
] as const;

/**
 * Every change from `base` (the old spec) to `revision` (the new one) that oasdiff's rules
 * classify, in spec order. Both must be bundled documents (internal `$ref`s only).
 *
 * @example
 * const breaking = compareSpecs(old, next).filter((change) => change.level !== "INFO");
 */
export function compareSpecs(base: Spec, revision: Spec): Change[] {
  const out: Change[] = [];
  const resolvers = { base: new RefResolver(base), revision: new RefResolver(revision) };
  const basePaths = asObject(base.paths);
  const revisionPaths = asObject(revision.paths);
  for (const path of new Set([...Object.keys(basePaths), ...Object.keys(revisionPaths)])) {
    const before = resolvers.base.resolve(basePaths[path]).node;
    const after = resolvers.revision.resolve(revisionPaths[path]).node;
    const pathRemoved = !Object.hasOwn(revisionPaths, path);
    for (const method of METHODS) {
      const old = before[method];
      const next = after[method];
      if (old === undefined && next === undefined) continue;
      const op: OperationContext = {
        ...resolvers,
        operation: `${method.toUpperCase()} ${path}`,
        out,
      };
      const site = siteOf(op, "operation");
      if (next === undefined) {
        const deprecated = asObject(old).deprecated === true;
        const scope = pathRemoved ? "api-path-removed" : "api-removed";
        emit(
          site,
          `${scope}-${deprecated ? "with" : "without"}-deprecation`,
          pathRemoved ? "path removed" : "operation removed",
        );
      } else if (old === undefined) {
        emit(site, "endpoint-added", "added");
      } else {
        diffOperation(
          op,
          { pathItem: before, operation: asObject(old) },
          { pathItem: after, operation: asObject(next) },
        );
      }
    }
  }
  return out;
}

type Sides = { pathItem: Record<string, unknown>; operation: Record<string, unknown> };

function diffOperation(op: OperationContext, base: Sides, revision: Sides): void {
  if (base.operation.deprecated !== true && revision.operation.deprecated === true) {
    emit(siteOf(op, "operation"), "endpoint-deprecated", "deprecated");
  }
  diffParameters(op, base, revision);
  diffRequestBody(op, base.operation.requestBody, revision.operation.requestBody);
  diffResponses(op, base.operation.responses, revision.operation.responses);
}
