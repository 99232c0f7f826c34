import { readPath } from "../contract/order.js";
import type { Page } from "../index.js";
import { lastPagination } from "./last-pagination.js";
import { repeatsText } from "./repeats-text.js";
import type { PathShape } from "./spec-paths.js";
import { plural } from "./summary.js";

/**
 * The list changed under a walk, or its server's pages overlap, so that its pages no longer add
 * up: an item came twice, or Cost Explorer's row count changed between its numbered pages.
 * Neither the items written nor a `--sum` can be trusted. Printed without a resume command (the
 * walk must start again), exit code 1.
 */
export class ListChangedError extends Error {
  override name = "ListChangedError";
}

// How an item comes twice, by how the list is paged.
const WHY_REPEATED: Record<PathShape, string> = {
  cursor:
    "the list changed during the walk (an item whose cost changed moves in the sort order, past the cursor), or the server's pages overlap",
  offset:
    "rows added or removed during the walk shift Cost Explorer's numbered pages, or the server's pages overlap",
  single: "the server's list holds it twice",
};

/** What a check reads of a page: a walk's page, or the one body of an unpaginated list. */
export type CheckedPage = Pick<Page<unknown>, "items" | "page" | "total" | "hasMore">;

/** A cursor walk's `total_count` that differed on a later page from its first. */
export interface CountChange {
  first: { page: number; total: number };
  later: { page: number; total: number };
}

/** The checks of one walk: each page as it comes, then the whole walk. */
export interface ListDriftCheck {
  /**
   * Checks a page before its items are used.
   * @throws ListChangedError when the list changed
   */
  page(page: CheckedPage): void;
  /**
   * Checks a walk that ran from the start of the list to its end. Cost Explorer's pages must
   * hold as many rows as its `total_count` (a server whose pages skip rows gives itself away
   * only here); a cursor walk's count is compared with its items in the summary.
   * @throws ListChangedError when they do not
   */
  end(): void;
  /** The field that tells items apart: `id`, or `group.key` for Cost Explorer's rows. */
  readonly key: string;
  /** Items without a usable key (a string, or a safe integer): whether they came twice is unknown. */
  readonly unkeyed: number;
  /** A cursor walk's count that changed between pages (Cost Explorer's fails instead). */
  readonly countChange: CountChange | undefined;
  /**
   * A cursor walk from the start of the list to its end (see `end`) whose pages had no
   * `total_count`, though it asked for one (the CLI's walks always do): the items it got were
   * checked against no count.
   */
  readonly uncounted: boolean;
}

/**
 * The checks of a walk. No item may come twice (by `id`, or `group.key` for Cost Explorer's
 * rows): in a cursor walk an item whose sort key (its cost) changed mid-walk can move past the
 * cursor and come again, a server with the classic cursor bug sends the item at a page's end
 * again at the next one's start (or a whole page again under another cursor), and when rows are
 * added or removed under Cost Explorer's page numbers, page N no longer starts where page N-1
 * ended. For Cost Explorer the row count must also stay what its first page said, and a whole
 * walk must hold that many rows, which catches rows skipped when the count changed or the
 * server's pages do not add up. Not all of them: rows removed before a page's offset and as many
 * added after it keep the count and repeat no key, and the walk skips a row and includes a new
 * one without a sign; offset paging cannot tell, so no note claims it. A cursor walk's count
 * that changes is kept for a note. The keys seen are held for the whole walk (a few MB per
 * 100 000 items). An unpaginated list (`single`) is checked as one page.
 * @param shape - how the list is paged: by cursor, by page numbers (Cost Explorer), or not
 */
export function checkListStaysPut(shape: PathShape): ListDriftCheck {
  const offset = shape === "offset";
  const key = offset ? "group.key" : "id";
  const noun = offset ? "row" : "item";
  let first: { page: number; total: number } | undefined;
  let countChange: CountChange | undefined;
  let rows = 0;
  let whole = false;
  let unkeyed = 0;
  // The page each key came on.
  const seen = new Map<string | number, number>();
  const changed = (what: string) =>
    new ListChangedError(
      `Cost Explorer's rows changed during the walk (${what}): pages by number now repeat or skip rows, so neither the items written nor a total is right; run the command again`,
    );
  const repeated = (what: string) =>
    new ListChangedError(
      `${what}: ${WHY_REPEATED[shape]}; neither the items written nor a total is right, so run the command again`,
    );
  return {
    key,
    get unkeyed() {
      return unkeyed;
    },
    get countChange() {
      return countChange;
    },
    get uncounted() {
      return shape === "cursor" && whole && first === undefined;
    },
    page(page) {
      if (page.total !== undefined) {
        first ??= { page: page.page, total: page.total };
        if (page.total !== first.total) {
          if (offset) {
            throw changed(
              `${first.total} rows on page ${first.page}, ${page.total} on page ${page.page}`,
            );
          }
          countChange ??= { first, later: { page: page.page, total: page.total } };
        }
      }
      rows += page.items.length;
      // Every repeat of the page is named, so a page sent twice reads as one.
      const repeats: { key: string | number; page: number }[] = [];
      for (const item of page.items) {
        const value = readPath(item, key);
        // An integer past 2^53 is rounded by JSON parsing, so two ids could read as one.
        if (typeof value !== "string" && !isSafeInteger(value)) {
          unkeyed++;
          continue;
        }
        const before = seen.get(value);
        if (before !== undefined) repeats.push({ key: value, page: before });
        else seen.set(value, page.page);
      }
      if (repeats.length > 0) throw repeated(repeatsText(noun, repeats, page.page));
    },
    end() {
      whole = true;
      if (offset && first !== undefined && rows !== first.total) {
        throw changed(`its pages held ${rows} rows, its total_count is ${first.total}`);
      }
    },
  };
}

/**
 * The note for a whole cursor walk whose server sent no `total_count` though the walk asked
 * for it (`include_total=true`), or undefined when it sent one: a whole walk's items are
 * checked against the count ("the walk got M"), the one check that sees items its pages skipped.
 * @param lastBody - the text of the last response: an empty list's count is only there, since
 * the SDK yields no empty page
 */
export function uncountedNote(
  check: ListDriftCheck,
  lastBody: string | undefined,
): string | undefined {
  if (!check.uncounted || typeof lastPagination(lastBody)?.total_count === "number") {
    return undefined;
  }
  return "note: the walk asked for the list's count (include_total=true) and the server sent no total_count, so the CLI could not check that the walk got every item";
}

const isSafeInteger = (value: unknown): value is number => Number.isSafeInteger(value);

/**
 * The note for items that had no key to tell them apart by (the spec requires one), or
 * undefined when every item had one: whether those came twice is unknown.
 */
export function unkeyedNote(check: ListDriftCheck): string | undefined {
  if (check.unkeyed === 0) return undefined;
  const noun = check.key === "id" ? "item" : "row";
  return `note: ${plural(check.unkeyed, noun)} had no ${check.key} to tell them apart by (a string, or an integer JSON parsing holds exactly), so the CLI could not check that none of them came twice`;
}
