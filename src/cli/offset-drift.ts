import { readPath } from "../contract/order.js";
import type { Page } from "../index.js";

/**
 * Cost Explorer's rows moved while a walk read them by page number: a later page repeats rows
 * or skips some, so neither the rows written nor a `--sum` can be trusted. Printed without a
 * resume command (a page number is not a place once rows move), exit code 1.
 */
export class RowsMovedError extends Error {
  override name = "RowsMovedError";
}

/**
 * A check for each page of a walk by page numbers (Cost Explorer): the row count must stay
 * what the first page said, and no row (by `group.key`) may come twice. Either change means
 * rows were added or removed mid-walk and page N no longer starts where page N-1 ended.
 * @returns a function to call with each page before its rows are used
 * @throws RowsMovedError (from the returned function) when the rows moved
 */
export function checkRowsStayPut(): (page: Page<unknown>) => void {
  let first: { page: number; total: number } | undefined;
  // The page each key came on.
  const seen = new Map<unknown, number>();
  const moved = (what: string) =>
    new RowsMovedError(
      `Cost Explorer's rows changed during the walk (${what}): pages by number now repeat or skip rows, so neither the rows written nor a total is right; run the command again`,
    );
  return (page) => {
    if (page.total !== undefined) {
      first ??= { page: page.page, total: page.total };
      if (page.total !== first.total) {
        throw moved(
          `${first.total} rows on page ${first.page}, ${page.total} on page ${page.page}`,
        );
      }
    }
    for (const item of page.items) {
      const key = readPath(item, "group.key");
      if (key === undefined) continue;
      const before = seen.get(key);
      if (before !== undefined) {
        throw moved(`row ${JSON.stringify(key)} of page ${before} came again on page ${page.page}`);
      }
      seen.set(key, page.page);
    }
  };
}
