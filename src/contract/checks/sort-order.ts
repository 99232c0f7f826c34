import { type ContractCheck, needsLiveTarget } from "../context.js";
import { CURSOR_FAMILIES, NODE_GROUP_SORT, type SortKey, UNPAGINATED } from "../families.js";
import { type Item, walkList } from "../list-walk.js";
import { compareKeys, readPath } from "../order.js";
import type { Probe } from "../probe.js";
import { firstIds } from "../scope.js";
import { parentOf } from "../spec-lists.js";

const PAGE = 100;
const MAX_REPORTED = 3;
/**
 * Parents whose nested lists are walked: one parent's list may be too short, or tie on its
 * whole key (a team's assignments made at once), to show a wrong order.
 */
const PARENTS = 3;

/** Every sorted list and its documented key: the cursor families and node groups. */
const SORTED: readonly (readonly [string, SortKey])[] = [
  ...Object.entries(CURSOR_FAMILIES),
  ...Object.entries(UNPAGINATED)
    .filter(([, isArray]) => isArray)
    .map(([path]) => [path, NODE_GROUP_SORT] as const),
];

/** Why `b` may not follow `a` in a list sorted by `key` descending then `id` ascending. */
function disorder(key: SortKey, a: Item, b: Item): string | undefined {
  const order = compareKeys(key, readPath(a, key), readPath(b, key));
  if (Number.isNaN(order)) return `has no comparable ${key}`;
  if (order < 0) return `has a larger ${key} (${JSON.stringify(readPath(b, key))})`;
  if (order > 0) return undefined;
  if (String(a.id) < String(b.id)) return undefined;
  return `ties on ${key} but its id is not greater (tie-breaker: id ascending)`;
}

/** Path parameters of every list to walk: `{}` for a top-level list, else a few parents'. */
async function scopesOf(probe: Probe, template: string): Promise<Record<string, string>[]> {
  const parent = parentOf(template);
  if (!parent) return [{}];
  const ids = await firstIds(probe, parent.list, PARENTS);
  if (ids.length === 0) probe.note(`${template}: not checked, its parent list gave no item`);
  return ids.map((id) => ({ [parent.param]: id }));
}

async function checkOrder(probe: Probe, template: string, key: SortKey, maxPages: number) {
  let compared = 0;
  let ties = 0;
  for (const params of await scopesOf(probe, template)) {
    const { items } = await walkList(probe, { path: template, params, limit: PAGE, maxPages });
    compared += Math.max(0, items.length - 1);
    ties += checkItems(probe, template, key, items);
  }
  if (compared > 0 && ties === 0) {
    probe.note(`${template}: no two items tie on ${key}, so the tie-breaker was not exercised`);
  }
}

/** Reports the items of one list out of order; returns how many neighbours tie on the key. */
function checkItems(probe: Probe, template: string, key: SortKey, items: Item[]): number {
  let reported = 0;
  let ties = 0;
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1] as Item;
    const b = items[i] as Item;
    if (compareKeys(key, readPath(a, key), readPath(b, key)) === 0) ties++;
    const why = disorder(key, a, b);
    if (why && ++reported <= MAX_REPORTED) {
      probe.fail(`${template}: item ${i + 1} (${String(b.id)}) follows ${String(a.id)} but ${why}`);
    }
  }
  if (reported > MAX_REPORTED) probe.fail(`${template}: ${reported} items out of order in all`);
  return ties;
}

/** Check: the documented order, tie-breaker included, of every sorted list. */
export const sortOrder: ContractCheck = {
  id: "sort-order",
  title:
    "every cursor family and node groups are in their documented order across pages: sort key descending, ties by id ascending",
  async run({ probe, mode, maxWalkPages }) {
    if (mode === "mock") return needsLiveTarget();
    for (const [template, key] of SORTED) await checkOrder(probe, template, key, maxWalkPages);
    return undefined;
  },
};
