import type { SortKey } from "./families.js";
import { compareKeys, readPath, sameKey } from "./order.js";
import type { Exchange } from "./probe.js";

/** What the pages of one cursor walk got wrong, sorted by whether live data can explain it. */
export interface PageFindings {
  /** Items the pages held, repeats included. */
  items: number;
  /** Each id walked and its sort key value as last seen. */
  keys: Map<string, unknown>;
  /** Ids seen twice with different sort keys: moved past the walk's position (legal live). */
  moved: Set<string>;
  /** Wrong whatever the data does: the pagination block, the limit echo, the order. */
  fixed: string[];
  /**
   * Wrong for a list that stood still, but also what a correct server shows when items are
   * added, removed or re-costed between pages: a `total_count` other than the ids walked.
   */
  counts: string[];
  /** The `total_count` of each page that carried one. */
  totals: number[];
  /** What could not be compared. */
  notes: string[];
}

/** Keeps the first `max` messages of one kind; `end` then says how many there were in all. */
export function capped(out: string[], max: number, inAll: (n: number) => string) {
  let n = 0;
  return {
    add: (message: string) => void (++n <= max && out.push(message)),
    end: () => void (n > max && out.push(inAll(n))),
  };
}

/** Reads the `total_count` of page 2 asked for again with `include_total=true` into `found`. */
function recounted(path: string, ex: Exchange, found: PageFindings): void {
  const at = `${path} page 2 with include_total=true (${ex.label})`;
  const total = ex.body?.meta?.pagination?.total_count;
  if (ex.status !== 200) found.fixed.push(`${at}: expected 200, got ${ex.status}`);
  else if (typeof total !== "number") found.fixed.push(`${at}: no total_count`);
  else found.totals.push(total);
}

/**
 * Checks the raw 200 pages of one walk of `path` with page size `limit`, sorted by `key`
 * descending; `complete` when the walk reached its last page. `recount` is page 2 asked for
 * again with `include_total=true` (the walk asks for the total on page 1 only): its
 * `total_count` must be there, and is compared with the items walked like page 1's.
 */
export function checkCursorPages(
  path: string,
  pages: Exchange[],
  limit: number,
  key: SortKey,
  complete: boolean,
  recount?: Exchange,
): PageFindings {
  const found: PageFindings = {
    items: 0,
    keys: new Map(),
    moved: new Set(),
    fixed: [],
    counts: [],
    totals: [],
    notes: [],
  };
  const seen = new Map<string, number>();
  const duplicate = capped(found.fixed, 5, (n) => `${path}: ${n} duplicate ids in all`);
  const moved = capped(found.notes, 3, (n) => `${path}: ${n} ids seen twice, moved, in all`);
  const disorder = capped(found.fixed, 3, (n) => `${path}: ${n} items out of order in all`);
  let previous: { id: string; value: unknown } | undefined;
  pages.forEach((ex, index) => {
    const at = `${path} page ${index + 1} (${ex.label})`;
    if (ex.status !== 200) return; // the SDK's error is the violation
    const p = ex.body?.meta?.pagination;
    const data: unknown[] = Array.isArray(ex.body?.data) ? ex.body.data : [];
    if (!p) {
      found.fixed.push(`${at}: no meta.pagination`);
      return;
    }
    if ((p.next_cursor === "") !== (p.has_more === false)) {
      found.fixed.push(
        `${at}: has_more is ${p.has_more} but next_cursor is ${JSON.stringify(p.next_cursor)}`,
      );
    }
    if (p.limit !== limit) {
      found.fixed.push(`${at}: meta.pagination.limit is ${p.limit}, expected ${limit}`);
    }
    if (data.length > limit)
      found.fixed.push(`${at}: ${data.length} items, more than limit ${limit}`);
    const asked = ex.url.searchParams.get("include_total") === "true";
    if (asked && typeof p.total_count !== "number") {
      found.fixed.push(`${at}: include_total=true but no total_count`);
    }
    if (!asked && p.total_count !== undefined) {
      found.fixed.push(`${at}: total_count without include_total=true`);
    }
    if (typeof p.total_count === "number") found.totals.push(p.total_count);
    for (const item of data) {
      found.items++;
      const id = String((item as { id?: unknown }).id);
      const value = readPath(item, key);
      const first = seen.get(id);
      if (first !== undefined) {
        const before = found.keys.get(id);
        const shift = `on page ${first + 1} and page ${index + 1}`;
        // The spec lets an item whose key crossed the walk's position appear twice; one whose
        // key stood still comes again only from a server that pages by offset. The key is the
        // value as written (Money: four decimals), ties by id: a server ordering on finer
        // values it does not show breaks the documented order, so no hidden move excuses it.
        if (sameKey(key, before, value)) {
          duplicate.add(
            `${path}: duplicate id ${id} ${shift}, its ${key} unchanged as written (${JSON.stringify(value)}; the documented order is by that value, then id): a cursor marks a position, not an offset`,
          );
        } else {
          found.moved.add(id);
          moved.add(
            `${path}: id ${id} ${shift}: its ${key} moved from ${JSON.stringify(before)} to ${JSON.stringify(value)} between them (a live list)`,
          );
        }
      }
      seen.set(id, index);
      found.keys.set(id, value);
      const order = previous ? compareKeys(key, previous.value, value) : 0;
      if (Number.isNaN(order)) {
        disorder.add(`${path} page ${index + 1}: item ${id} has no comparable ${key}`);
      } else if (order < 0 && previous) {
        disorder.add(
          `${path} page ${index + 1}: not sorted by ${key} DESC: ${id} (${JSON.stringify(value)}) follows ${previous.id} (${JSON.stringify(previous.value)})`,
        );
      }
      previous = { id, value };
    }
  });
  duplicate.end();
  moved.end();
  disorder.end();
  if (recount) recounted(path, recount, found);
  const last = pages[pages.length - 1]?.body?.meta?.pagination;
  if (complete && last?.has_more !== false) {
    found.fixed.push(`${path}: the walk ended but the last page says has_more`);
  }
  for (const total of complete ? new Set(found.totals) : []) {
    if (total !== found.keys.size) {
      found.counts.push(
        `${path}: total_count is ${total} but the walk returned ${found.keys.size} distinct items`,
      );
    }
  }
  if (!complete && found.totals.length) {
    found.notes.push(`${path}: total_count not compared: the walk did not finish`);
  }
  return found;
}
