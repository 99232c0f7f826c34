import { checkItemsAreObjects } from "./item-objects.js";
import {
  type CheckedPage,
  type CountChange,
  checkListStaysPut,
  unkeyedNote,
} from "./list-drift.js";
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
  /** The notes on what the pages broke that the counts cannot show. */
  notes(): string[];
}

/**
 * The checks of a `get` on `path`: items are objects and come once
 * (by key), and the count stays put.
 */
export function checkPages(path: ResolvedPath): PageChecks {
  const stayPut = checkListStaysPut(path.shape);
  return {
    page(page) {
      checkItemsAreObjects(page.items, page.page);
      stayPut.page(page);
    },
    end: () => stayPut.end(),
    get countChange() {
      return stayPut.countChange;
    },
    notes() {
      const notes = [unkeyedNote(stayPut)];
      return notes.filter((note): note is string => note !== undefined);
    },
  };
}
