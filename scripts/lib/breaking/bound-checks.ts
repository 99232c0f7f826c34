import { emit } from "./change.js";
import { type SchemaContext, schemaRule } from "./context.js";
import type { Scalar, SchemaView } from "./schema-view.js";

/** The numeric bounds, as `[keyword, rule name, upper bound?]`. */
const BOUNDS: readonly [Scalar, string, boolean][] = [
  ["maximum", "max", true],
  ["exclusiveMaximum", "exclusive-max", true],
  ["maxLength", "max-length", true],
  ["maxItems", "max-items", true],
  ["minimum", "min", false],
  ["exclusiveMinimum", "exclusive-min", false],
  ["minLength", "min-length", false],
  ["minItems", "min-items", false],
];

/**
 * Bounds: a request bound that tightens (a lower max, a higher min, a new bound) breaks callers
 * that sent the values now refused; a response bound that loosens breaks readers that relied on
 * it. Loosened request bounds are reported as non-breaking; a response bound that tightens has
 * no oasdiff rule and is not reported.
 */
export function checkBounds(ctx: SchemaContext, base: SchemaView, revision: SchemaView): void {
  for (const [keyword, name, upper] of BOUNDS) {
    const before = numeric(base.scalars[keyword]);
    const after = numeric(revision.scalars[keyword]);
    if (before === after) continue;
    const id = boundRule(ctx, name, upper, before, after);
    if (id) emit(ctx.site, id, `${keyword} ${before ?? "(none)"} -> ${after ?? "(none)"}`);
  }
}

function boundRule(
  ctx: SchemaContext,
  name: string,
  upper: boolean,
  before: number | undefined,
  after: number | undefined,
): string | undefined {
  // An absent upper bound is +infinity, an absent lower bound -infinity.
  const loosened =
    before !== undefined && (after === undefined || (upper ? after > before : after < before));
  const tightenWord = upper ? "decreased" : "increased";
  const loosenWord = upper ? "increased" : "decreased";
  if (ctx.direction === "request") {
    if (loosened) return schemaRule(ctx, `${name}-${loosenWord}`);
    if (before === undefined)
      return schemaRule(ctx, `${name}-set`) ?? schemaRule(ctx, `${name}-${tightenWord}`);
    return schemaRule(ctx, `${name}-${tightenWord}`);
  }
  if (!loosened) return undefined;
  if (after === undefined)
    return schemaRule(ctx, `${name}-unset`) ?? schemaRule(ctx, `${name}-${loosenWord}`);
  return schemaRule(ctx, `${name}-${loosenWord}`);
}

function numeric(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}
