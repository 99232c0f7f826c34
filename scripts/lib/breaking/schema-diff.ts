import { checkBounds } from "./bound-checks.js";
import { emit } from "./change.js";
import { emitSchemaChange, type SchemaContext } from "./context.js";
import { type SchemaView, viewSchema } from "./schema-view.js";
import { checkNullable, checkType } from "./type-checks.js";
import { checkEnum, checkValues } from "./value-checks.js";

/**
 * Compares the schema `baseRaw` (of the old spec) with `revisionRaw` (of the new one) in
 * `ctx`'s direction, then their properties, items and `oneOf`/`anyOf` branches.
 */
export function diffSchemas(ctx: SchemaContext, baseRaw: unknown, revisionRaw: unknown): void {
  const base = viewSchema(ctx.base, baseRaw);
  const revision = viewSchema(ctx.revision, revisionRaw);
  const pair = `${base.key}|${revision.key}`;
  if (ctx.stack.has(pair)) return;
  ctx.stack.add(pair);
  const name = revision.name ?? base.name;
  const here: SchemaContext =
    name && !ctx.parameter ? { ...ctx, site: { ...ctx.site, subject: name } } : ctx;
  try {
    checkType(here, base, revision);
    checkNullable(here, base, revision);
    checkEnum(here, base, revision);
    checkValues(here, base, revision);
    checkBounds(here, base, revision);
    diffProperties(here, base, revision);
    if (base.items !== undefined && revision.items !== undefined) {
      diffSchemas(nested(here, `${here.site.subject}[]`), base.items, revision.items);
    }
    diffBranches(here, "oneOf", base.oneOf, revision.oneOf);
    diffBranches(here, "anyOf", base.anyOf, revision.anyOf);
  } finally {
    ctx.stack.delete(pair);
  }
}

function nested(ctx: SchemaContext, subject: string): SchemaContext {
  return { ...ctx, depth: ctx.depth + 1, site: { ...ctx.site, subject } };
}

function diffProperties(ctx: SchemaContext, base: SchemaView, revision: SchemaView): void {
  const request = ctx.direction === "request";
  for (const [property, schema] of Object.entries(base.properties)) {
    const wasRequired = base.required.has(property);
    if (!Object.hasOwn(revision.properties, property)) {
      const id = request
        ? "request-property-removed"
        : `response-${wasRequired ? "required" : "optional"}-property-removed`;
      emit(ctx.site, id, `property \`${property}\` removed`);
      continue;
    }
    const isRequired = revision.required.has(property);
    if (wasRequired !== isRequired) {
      const id = `${ctx.direction}-property-became-${isRequired ? "required" : "optional"}`;
      emit(ctx.site, id, `property \`${property}\` became ${isRequired ? "required" : "optional"}`);
    }
    diffSchemas(
      nested(ctx, `${ctx.site.subject}.${property}`),
      schema,
      revision.properties[property],
    );
  }
  for (const property of Object.keys(revision.properties)) {
    if (Object.hasOwn(base.properties, property)) continue;
    const required = revision.required.has(property);
    const kind = required ? "required" : "optional";
    const id = request ? `new-${kind}-request-property` : `response-${kind}-property-added`;
    emit(ctx.site, id, `${kind} property \`${property}\` added`);
  }
}

/** `oneOf`/`anyOf` branches, matched by component name, else by position. */
function diffBranches(
  ctx: SchemaContext,
  keyword: "oneOf" | "anyOf",
  base: unknown[],
  revision: unknown[],
): void {
  const label = (resolver: SchemaContext["base"], branch: unknown, index: number) =>
    viewSchema(resolver, branch).name ?? `#${index}`;
  const before = new Map(base.map((branch, i) => [label(ctx.base, branch, i), branch]));
  const after = new Map(revision.map((branch, i) => [label(ctx.revision, branch, i), branch]));
  const rule = keyword === "oneOf" ? "one-of" : "any-of";
  for (const [name, branch] of before) {
    if (after.has(name)) diffSchemas(ctx, branch, after.get(name));
    else emitSchemaChange(ctx, `${rule}-removed`, `${keyword} branch \`${name}\` removed`);
  }
  for (const name of after.keys()) {
    if (!before.has(name))
      emitSchemaChange(ctx, `${rule}-added`, `${keyword} branch \`${name}\` added`);
  }
}
