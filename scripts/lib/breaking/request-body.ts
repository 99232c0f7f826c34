import { emit } from "./change.js";
import { diffContent } from "./content.js";
import { type OperationContext, siteOf } from "./operation-context.js";

/** Compares the request bodies of one operation. */
export function diffRequestBody(
  op: OperationContext,
  baseRaw: unknown,
  revisionRaw: unknown,
): void {
  if (baseRaw === undefined && revisionRaw === undefined) return;
  const site = siteOf(op, "request body");
  if (baseRaw === undefined) {
    const required = op.revision.resolve(revisionRaw).node.required === true;
    emit(site, `request-body-added-${required ? "required" : "optional"}`, "added");
    return;
  }
  if (revisionRaw === undefined) {
    emit(site, "request-body-removed", "removed");
    return;
  }
  const base = op.base.resolve(baseRaw).node;
  const revision = op.revision.resolve(revisionRaw).node;
  if (base.required !== true && revision.required === true)
    emit(site, "request-body-became-required", "became required");
  if (base.required === true && revision.required !== true)
    emit(site, "request-body-became-optional", "became optional");
  diffContent(op, "request", site, base.content, revision.content);
}
