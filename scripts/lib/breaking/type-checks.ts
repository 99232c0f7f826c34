import { emitSchemaChange, type SchemaContext } from "./context.js";
import type { SchemaView } from "./schema-view.js";

/**
 * Type and format, compared as one: a request may accept more (generalized) but not less; a
 * response may return less (specialized) but not more. `integer` counts as a `number`.
 */
export function checkType(ctx: SchemaContext, base: SchemaView, revision: SchemaView): void {
  const baseFormat = base.scalars.format;
  const revisionFormat = revision.scalars.format;
  if (sameTypes(base.types, revision.types) && baseFormat === revisionFormat) return;
  const widened =
    covers(revision.types, base.types) &&
    (revisionFormat === undefined || revisionFormat === baseFormat);
  const narrowed =
    covers(base.types, revision.types) &&
    (baseFormat === undefined || baseFormat === revisionFormat);
  const suffix =
    ctx.direction === "request"
      ? widened
        ? "type-generalized"
        : "type-changed"
      : narrowed
        ? "type-specialized"
        : widened
          ? "type-generalized"
          : "type-changed";
  emitSchemaChange(ctx, suffix, `type/format \`${typeName(base)}\` -> \`${typeName(revision)}\``);
}

/** Nullability: a response that may now be null breaks readers; a request may accept null. */
export function checkNullable(ctx: SchemaContext, base: SchemaView, revision: SchemaView): void {
  if (base.nullable === revision.nullable) return;
  const suffix = revision.nullable ? "became-nullable" : "became-not-nullable";
  emitSchemaChange(ctx, suffix, revision.nullable ? "became nullable" : "no longer nullable");
}

function sameTypes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((type) => b.includes(type));
}

/** Whether every value of `inner` types is a value of `outer` types (no types = any value). */
function covers(outer: string[], inner: string[]): boolean {
  if (outer.length === 0) return true;
  if (inner.length === 0) return false;
  return inner.every(
    (type) => outer.includes(type) || (type === "integer" && outer.includes("number")),
  );
}

function typeName(view: SchemaView): string {
  const types = view.types.length === 0 ? "any" : [...view.types].sort().join("|");
  return view.scalars.format === undefined ? types : `${types}/${String(view.scalars.format)}`;
}
