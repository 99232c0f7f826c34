import type { Item } from "./list-walk.js";
import { readPath } from "./order.js";
import { listParameters, parentOf } from "./spec-lists.js";

/**
 * The item field that a nested list's path parameter selects by (its `x-filter-field`, e.g.
 * `metadata.cluster.id` for `{cluster_id}`), with the parameter's name; undefined for a
 * top-level list or a parameter the spec gives no field (`nested-collections` fails that).
 */
export function parentField(template: string): { param: string; field: string } | undefined {
  const parent = parentOf(template);
  if (!parent) return undefined;
  const field = listParameters(template).find((p) => p.in === "path" && p.name === parent.param)?.[
    "x-filter-field"
  ];
  return typeof field === "string" ? { param: parent.param, field } : undefined;
}

/**
 * Why the items of `template` walked under `params` do not all belong to their parent (the
 * path parameter's `x-filter-field` equals its id), or undefined when they do or the list is
 * not nested. A parent is fixed for an item's life, so live data excuses no foreign item.
 */
export function foreignItems(
  template: string,
  params: Record<string, string>,
  items: readonly Item[],
): string | undefined {
  const nested = parentField(template);
  const id = nested && params[nested.param];
  if (!nested || id === undefined) return undefined;
  const foreign = items.filter((item) => readPath(item, nested.field) !== id);
  const first = foreign[0];
  if (!first) return undefined;
  return `${template} with ${nested.param} ${id}: ${foreign.length} of ${items.length} items belong elsewhere, e.g. ${String(first.id)} has ${nested.field} ${JSON.stringify(readPath(first, nested.field))}`;
}
