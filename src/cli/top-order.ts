import { CURSOR_FAMILIES, NODE_GROUP_SORT, UNPAGINATED } from "../contract/families.js";
import { compareKeys, readPath } from "../contract/order.js";
import { isMoney } from "./columns.js";
import { visible } from "./visible.js";

/**
 * The documented order of a GET path's items: the key they are sorted by, descending (the spec
 * says so in each list's description), or undefined for a path that is not a sorted list.
 */
export function sortKeyOf(template: string): string | undefined {
  if (template === "/v1/cost-explorer") return "cost.total";
  if (template in CURSOR_FAMILIES) return CURSOR_FAMILIES[template as keyof typeof CURSOR_FAMILIES];
  return UNPAGINATED[template as keyof typeof UNPAGINATED] ? NODE_GROUP_SORT : undefined;
}

/**
 * Watches the order of a walk's items for `--top N`, which writes the first N the server sends
 * and so relies on the list's documented order (largest cost first) to write the N largest.
 */
export interface TopOrderCheck {
  /** Looks at the next items of the walk, in the order they came. */
  add(items: readonly unknown[]): void;
  /**
   * Why the first `top` items are not the `top` largest (or latest): the items came in more
   * than one currency, which do not compare, or out of the documented order; undefined when
   * they are, or when `--top` left nothing out (`hidden` 0), so no order was relied on.
   */
  note(top: number, hidden: number): string | undefined;
}

/**
 * A check of the order of the items of GET `template` for `--top`, or undefined when the path
 * has no documented order. Items without a value for the key are not judged: the spec does not
 * say where they go.
 */
export function checkTopOrder(template: string): TopOrderCheck | undefined {
  const key = sortKeyOf(template);
  if (key === undefined) return undefined;
  const dated = key === "metadata.created_at";
  const currencies = new Set<string>();
  let previous: { item: unknown; value: unknown } | undefined;
  let breach: string | undefined;
  return {
    add(items) {
      for (const item of items) {
        const value = readPath(item, key);
        if (value === null || value === undefined) continue;
        if (isMoney(value)) currencies.add(value.currency);
        if (previous && breach === undefined) breach = disorder(key, previous, { item, value });
        previous = { item, value };
      }
    },
    note(top, hidden) {
      if (hidden === 0) return undefined;
      const written = `the items written are the first ${top} the server sent, not necessarily the ${top} ${dated ? "latest" : "largest"}`;
      if (currencies.size > 1) {
        return `note: --top ${top}: the items' ${key} is in ${currencies.size} currencies (${[...currencies].join(", ")}), which do not compare, so ${written}`;
      }
      return breach && `note: --top ${top}: ${breach}, so ${written}`;
    },
  };
}

type Keyed = { item: unknown; value: unknown };

// Why `b` may not follow `a` in a list sorted by `key` descending, or undefined when it may;
// amounts in different currencies are left to the currency check.
function disorder(key: string, a: Keyed, b: Keyed): string | undefined {
  if (isMoney(a.value) && isMoney(b.value) && a.value.currency !== b.value.currency) {
    return undefined;
  }
  const order = compareKeys(key, a.value, b.value);
  if (order >= 0) return undefined;
  const shown = (k: Keyed) => `${nameOf(k.item)} (${textOf(k.value)})`;
  if (Number.isNaN(order)) {
    return `the order by ${key} could not be checked: ${shown(a)} and ${shown(b)} do not compare`;
  }
  return `the server did not send the items by ${key} descending: ${shown(b)} came after ${shown(a)}`;
}

function nameOf(item: unknown): string {
  const id = readPath(item, "id") ?? readPath(item, "group.key");
  return typeof id === "string" || typeof id === "number"
    ? `item ${visible(String(id))}`
    : "an item";
}

function textOf(value: unknown): string {
  // Text from the server: shown, never run by the terminal.
  return visible(isMoney(value) ? `${value.amount} ${value.currency}` : JSON.stringify(value));
}
