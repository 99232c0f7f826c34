import { emit, type Site } from "./change.js";
import type { RefResolver } from "./refs.js";
import { RULES } from "./rules.js";

/** Where a schema is compared: whose values flow which way, and how deep. */
export interface SchemaContext {
  base: RefResolver;
  revision: RefResolver;
  /** `request`: the client sends these values; `response`: the client reads them. */
  direction: "request" | "response";
  /** A parameter's schema (rule ids `request-parameter-*`). */
  parameter: boolean;
  /** 0 for the body itself, more inside its properties and items. */
  depth: number;
  /** Schema pairs being compared further up, so recursive schemas end. */
  stack: Set<string>;
  site: Site;
}

/**
 * The rule id for `suffix` here, e.g. `max-decreased` -> `request-parameter-max-decreased`,
 * `response-body-type-changed` or `response-property-type-changed`; undefined when oasdiff has
 * no rule for that change in this place (it is then not reported).
 */
export function schemaRule(ctx: SchemaContext, suffix: string): string | undefined {
  const candidates = ctx.parameter
    ? [`request-parameter-${suffix}`]
    : [
        ...(ctx.depth === 0 ? [`${ctx.direction}-body-${suffix}`] : []),
        `${ctx.direction}-property-${suffix}`,
      ];
  return candidates.find((id) => Object.hasOwn(RULES, id));
}

/** Emits the rule for `suffix` here, when oasdiff has one. */
export function emitSchemaChange(ctx: SchemaContext, suffix: string, message: string): void {
  const id = schemaRule(ctx, suffix);
  if (id) emit(ctx.site, id, message);
}
