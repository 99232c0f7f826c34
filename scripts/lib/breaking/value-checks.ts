import { show } from "./change.js";
import { emitSchemaChange, type SchemaContext } from "./context.js";
import type { SchemaView } from "./schema-view.js";

const key = (value: unknown) => JSON.stringify(value);

/** Enum values: a request may accept more, a response must not return a value clients never saw. */
export function checkEnum(ctx: SchemaContext, base: SchemaView, revision: SchemaView): void {
  const before = base.scalars.enum;
  const after = revision.scalars.enum;
  if (!Array.isArray(after)) return;
  if (!Array.isArray(before)) {
    if (ctx.direction === "request") {
      emitSchemaChange(ctx, "became-enum", `restricted to ${after.map(show).join(", ")}`);
    }
    return;
  }
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  for (const value of after.filter((value) => !beforeKeys.has(key(value)))) {
    emitSchemaChange(ctx, "enum-value-added", `enum value ${show(value)} added`);
  }
  for (const value of before.filter((value) => !afterKeys.has(key(value)))) {
    emitSchemaChange(ctx, "enum-value-removed", `enum value ${show(value)} removed`);
  }
}

/** `const`, `default` and `pattern`: added, removed or changed. */
export function checkValues(ctx: SchemaContext, base: SchemaView, revision: SchemaView): void {
  const keywords = [
    ["const", "const", "const"],
    ["default", "default-value", "default"],
    ["pattern", "pattern", "pattern"],
  ] as const;
  for (const [keyword, rule, label] of keywords) {
    const before = base.scalars[keyword];
    const after = revision.scalars[keyword];
    if (key(before) === key(after)) continue;
    const action = before === undefined ? "added" : after === undefined ? "removed" : "changed";
    emitSchemaChange(ctx, `${rule}-${action}`, `${label} ${show(before)} -> ${show(after)}`);
  }
}
