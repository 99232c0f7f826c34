import type { SortKey } from "./families.js";
import type { Item, ListWalk } from "./list-walk.js";
import { readPath, sameKey } from "./order.js";
import type { Probe } from "./probe.js";

/** An item's id as the comparisons key it. */
export const idOf = (item: Item): string => String(item.id);

/** What a walk is compared with: the items it must hold, and how to read them again. */
export interface Expected {
  /** Where the expected items come from, for messages (e.g. `the unfiltered list`). */
  source: string;
  /** The items of `source` (only those that `matches` are expected). */
  items: Item[];
  /** Reads `source` again: a live list changes between two walks. */
  reread: () => Promise<ListWalk>;
  /**
   * The sort key of the walk compared: an item whose key moved between the reads may be
   * missed by it (the spec's cursor marks a position, and the item crossed it).
   */
  key?: SortKey | undefined;
}

/**
 * Fails unless `got` holds exactly the items of `expected` that `matches` (`at` names the walk
 * in messages). A difference is read again first: an item missing from `got` though listed
 * before and after it with the same sort key, or in `got` but listed neither before nor after,
 * is the server's doing; the rest came, went or moved in the order between the walks (a note).
 */
export async function expectSameItems(
  probe: Probe,
  at: string,
  got: Item[],
  expected: Expected,
  matches: (item: Item) => boolean,
): Promise<void> {
  const have = new Set(got.map(idOf));
  const known = new Set(expected.items.map(idOf));
  let missing = expected.items.filter((item) => matches(item) && !have.has(idOf(item)));
  let unknown = got.filter((item) => matches(item) && !known.has(idOf(item)));
  if (missing.length + unknown.length > 0) {
    const after = await expected.reread();
    if (after.complete) {
      const listedAgain = new Map(after.items.map((item) => [idOf(item), item]));
      const { key } = expected;
      const stood = (item: Item, again: Item) =>
        key === undefined || sameKey(key, readPath(item, key), readPath(again, key));
      const differ = missing.length + unknown.length;
      missing = missing.filter((item) => {
        const again = listedAgain.get(idOf(item));
        return again !== undefined && stood(item, again);
      });
      unknown = unknown.filter((item) => !listedAgain.has(idOf(item)));
      const settled = differ - missing.length - unknown.length;
      if (settled > 0) {
        probe.note(
          `${at}: ${settled} items came, went or moved in the sort order during the walks (a live list)`,
        );
      }
    }
  }
  if (missing.length > 0) {
    probe.fail(
      `${at}: ${missing.length} matching items of ${expected.source} are missing, e.g. ${idOf(missing[0] as Item)}`,
    );
  }
  if (unknown.length > 0) {
    probe.fail(
      `${at}: ${unknown.length} items are not in ${expected.source}, e.g. ${idOf(unknown[0] as Item)}`,
    );
  }
}
