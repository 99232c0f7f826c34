import type { FamilyPage } from "./family-cursors.js";
import { readPath } from "./order.js";
import { CONTROL_PARAMS, listParameters, schemaOf } from "./spec-lists.js";

type Query = Record<string, string | number>;

/** A query-string value of an item field; undefined for a missing or null field. */
function asParam(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : undefined;
}

/**
 * The family's first filter set to a value a server would serve (page 1's item's, else the
 * parameter's first enum value), or a note's reason when there is none to set.
 */
function filterChange(family: FamilyPage): { query: Query } | { why: string } | undefined {
  const params = listParameters(family.path);
  const filter = params.find(
    (p) =>
      p.in === "query" && !CONTROL_PARAMS.has(p.name) && typeof p["x-filter-field"] === "string",
  );
  if (!filter) return undefined;
  const item = family.first.page.body?.data?.[0];
  const value =
    asParam(readPath(item, filter["x-filter-field"] as string)) ??
    asParam((schemaOf(filter).enum as unknown[] | undefined)?.[0]);
  if (value === undefined) return { why: `page 1's item has no ${filter.name} to filter by` };
  return { query: { limit: 1, [filter.name]: value } };
}

/**
 * The queries a family's `limit=1` cursor is reused with, each a change the cursor is bound to:
 * another `limit`; its first filter added (a value from page 1, so a server that rebinds the
 * cursor would serve items); `cost_mode=direct` added where the operation takes it. A family
 * whose first filter has no value gets a note's reason in `notes`.
 */
export function queryChanges(family: FamilyPage): { queries: Query[]; notes: string[] } {
  const queries: Query[] = [{ limit: 2 }];
  const notes: string[] = [];
  const filter = filterChange(family);
  if (filter && "query" in filter) queries.push(filter.query);
  else if (filter)
    notes.push(`${family.path}: a cursor reused with a filter not checked, ${filter.why}`);
  if (listParameters(family.path).some((p) => p.in === "query" && p.name === "cost_mode")) {
    queries.push({ limit: 1, cost_mode: "direct" });
  }
  return { queries, notes };
}
