import { readPath } from "../contract/order.js";
import type { Page } from "../index.js";

/**
 * The list changed under a walk so that its pages no longer add up: an item came twice, or
 * Cost Explorer's row count changed between its numbered pages. Neither the items written nor
 * a `--sum` can be trusted. Printed without a resume command (the walk must start again), exit
 * code 1.
 */
export class ListChangedError extends Error {
  override name = "ListChangedError";
}

/** The checks of one walk: each page as it comes, then the whole walk. */
export interface ListDriftCheck {
  /**
   * Checks a page before its items are used.
   * @throws ListChangedError when the list changed
   */
  page(page: Page<unknown>): void;
  /**
   * Checks a Cost Explorer walk that ran from page 1 to the end: its pages must hold as many
   * rows as its `total_count` (a server whose pages skip rows gives itself away only here).
   * @throws ListChangedError when they do not
   */
  end(): void;
}

/**
 * The checks of a walk. No item may come twice (by `id`, or `group.key` for Cost Explorer's
 * rows): in a cursor walk an item whose sort key (its cost) changed mid-walk can move past the
 * cursor and come again, and when rows are added or removed under Cost Explorer's page numbers,
 * page N no longer starts where page N-1 ended. For Cost Explorer the row count must also stay
 * what its first page said, and a whole walk must hold that many rows, which catches the rows
 * skipped that way. The keys seen are held for the whole walk (a few MB per 100 000 items).
 * @param offset - a walk by page numbers (Cost Explorer), else by cursor
 */
export function checkListStaysPut(offset: boolean): ListDriftCheck {
  const key = offset ? "group.key" : "id";
  let first: { page: number; total: number } | undefined;
  let rows = 0;
  // The page each key came on.
  const seen = new Map<unknown, number>();
  const changed = (what: string) =>
    new ListChangedError(
      `${offset ? "Cost Explorer's rows" : "the list"} changed during the walk (${what}): ${
        offset
          ? "pages by number now repeat or skip rows"
          : "an item whose cost changed moves in the sort order, and comes twice or not at all"
      }, so neither the items written nor a total is right; run the command again`,
    );
  return {
    page(page) {
      if (offset && page.total !== undefined) {
        first ??= { page: page.page, total: page.total };
        if (page.total !== first.total) {
          throw changed(
            `${first.total} rows on page ${first.page}, ${page.total} on page ${page.page}`,
          );
        }
      }
      rows += page.items.length;
      for (const item of page.items) {
        const value = readPath(item, key);
        if (value === undefined) continue;
        const before = seen.get(value);
        if (before !== undefined) {
          const noun = offset ? "row" : "item";
          throw changed(
            `${noun} ${JSON.stringify(value)} of page ${before} came again on page ${page.page}`,
          );
        }
        seen.set(value, page.page);
      }
    },
    end() {
      if (offset && first !== undefined && rows !== first.total) {
        throw changed(`its pages held ${rows} rows, its total_count is ${first.total}`);
      }
    },
  };
}
