import { parametersOfPath } from "./spec-paths.js";

/** Watches that a walk's pages hold the page size it asked for: no more, and no fewer but the last. */
export interface PageSizeCheck {
  /** Looks at a page as it comes (the SDK hands on no empty page: its number is skipped). */
  page(page: { page: number; items: readonly unknown[]; hasMore: boolean }): void;
  /**
   * The notes for the first page that held more, and the first that held fewer though more
   * pages followed; none when every page kept to the size.
   * @param fetched - for a walk that reached the end of the list, the pages it fetched, the
   * empty ones after its last items too (empty pages before the last then show)
   */
  notes(fetched?: number): string[];
}

/**
 * A check of the page size a walk asked for (`limit`, Cost Explorer's `per_page`, or the spec's
 * default when neither was given). A page holding more breaks the spec's "at most `limit`", and
 * is the mark of the classic cursor bug: a server that reads one row past the page to learn
 * whether more follow, sends it, and sends it again at the start of the next page. A whole walk
 * catches that repeat by id; a one-page `get`, whose next page the user fetches with another
 * command, cannot, so the note says it. A page before the last holding fewer, an empty one
 * too, breaks "every page but the last holds exactly `limit`": a server that pages otherwise
 * than it says may skip items as well.
 * @param query - the walk's checked query, where `limit` or `per_page` was given, and
 * Cost Explorer's first `page`
 */
export function checkPageSize(
  template: string,
  query: Readonly<Record<string, unknown>>,
): PageSizeCheck {
  const param = parametersOfPath(template).find((p) => p.name === "limit" || p.name === "per_page");
  const asked = param && (query[param.name] ?? param.schema.default);
  // A cursor walk's page numbers start at 1, a resumed one's too.
  const start = typeof query.page === "number" ? query.page : 1;
  let over: { page: number; items: number } | undefined;
  let short: { page: number; items: number } | undefined;
  // The number of the page after the last one that held items.
  let next = start;
  return {
    page(page) {
      if (typeof asked !== "number") return;
      if (page.items.length > asked) over ??= { page: page.page, items: page.items.length };
      // A skipped number was an empty page, and this one came after it.
      if (page.page > next) short ??= { page: next, items: 0 };
      else if (page.hasMore && page.items.length < asked) {
        short ??= { page: page.page, items: page.items.length };
      }
      next = page.page + 1;
    },
    notes(fetched) {
      if (!param) return [];
      // Empty pages after the last items: all but the last fetched came before the last.
      const trailing = fetched !== undefined && start + fetched - 1 > next;
      const fewer = short ?? (trailing ? { page: next, items: 0 } : undefined);
      const size = `the ${param.name} of ${asked as number} asked for`;
      const notes: string[] = [];
      if (over) {
        notes.push(
          `note: page ${over.page} held ${over.items} items, more than ${size}: a server that does not keep to its page size may also repeat or skip items at the start of the next page`,
        );
      }
      if (fewer) {
        notes.push(
          `note: page ${fewer.page} held ${fewer.items} items, fewer than ${size}, though more pages followed (every page but the last holds exactly that many): a server that does not keep to its page size may also repeat or skip items`,
        );
      }
      return notes;
    },
  };
}
