import { endCursorNote } from "./end-cursor.js";
import { checkItemsAreObjects } from "./item-objects.js";
import {
  type CheckedPage,
  type CountChange,
  checkListStaysPut,
  uncountedNote,
  unkeyedNote,
} from "./list-drift.js";
import { checkPageSize } from "./page-size.js";
import type { ResolvedPath } from "./spec-paths.js";

/** Every check of a list's pages that the items, counts and `--sum` a `get` prints rest on. */
export interface PageChecks {
  /**
   * Checks a page before its items are used.
   * @throws NotAnItemError for an item that is not an object
   * @throws ListChangedError for an item that came before, or a Cost Explorer count that changed
   */
  page(page: CheckedPage): void;
  /**
   * Checks a whole walk, from the start of the list to its end.
   * @throws ListChangedError when Cost Explorer's pages do not add up to its count
   */
  end(): void;
  /** A cursor walk's count that changed between pages (no count is then shown). */
  readonly countChange: CountChange | undefined;
  /**
   * The notes on what the pages broke that the counts cannot show.
   * @param ended - the walk ended where the server said the list ends (not partial)
   * @param lastBody - the text of the last page's response
   * @param fetched - the pages the walk fetched, empty ones too, when it ended
   */
  notes(ended: boolean, lastBody: string | undefined, fetched?: number): string[];
}

/**
 * The checks of a `get` on `path` with its checked `query`: items are objects and come once
 * (by key), pages hold the page size asked for (no more; no fewer but the last), the count stays put (and a cursor
 * walk's came), and a last page does not both end the list and point past it.
 */
export function checkPages(
  path: ResolvedPath,
  query: Readonly<Record<string, unknown>>,
): PageChecks {
  const stayPut = checkListStaysPut(path.shape);
  const size = checkPageSize(path.template, query);
  return {
    page(page) {
      checkItemsAreObjects(page.items, page.page);
      stayPut.page(page);
      size.page(page);
    },
    end: () => stayPut.end(),
    get countChange() {
      return stayPut.countChange;
    },
    notes(ended, lastBody, fetched) {
      const notes = [
        unkeyedNote(stayPut),
        uncountedNote(stayPut, lastBody),
        ended && path.shape === "cursor" ? endCursorNote(lastBody) : undefined,
      ].filter((note): note is string => note !== undefined);
      return [...notes, ...size.notes(ended ? fetched : undefined)];
    },
  };
}
