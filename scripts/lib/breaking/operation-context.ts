import type { Site } from "./change.js";
import type { SchemaContext } from "./context.js";
import type { RefResolver } from "./refs.js";

/** One operation present in both specs, compared part by part. */
export interface OperationContext {
  base: RefResolver;
  revision: RefResolver;
  /** `GET /v1/clusters` */
  operation: string;
  out: Site["out"];
}

/**
 * A site inside the operation: `where` (e.g. `response 200`) and the subject of its changes
 * (by default `where`; the operation itself for `where = "operation"`).
 */
export function siteOf(op: OperationContext, where: string, subject?: string): Site {
  const about = subject ?? (where === "operation" ? op.operation : where);
  return { operation: op.operation, where, subject: about, out: op.out };
}

/** The context to compare one schema of the operation in. */
export function schemaContext(
  op: OperationContext,
  direction: SchemaContext["direction"],
  site: Site,
  parameter = false,
): SchemaContext {
  const { base, revision } = op;
  return { base, revision, direction, parameter, depth: 0, stack: new Set(), site };
}
