import { parametersOfPath } from "./spec-paths.js";

/** Watches that a walk's pages hold no more items than the page size it asked for. */
export interface PageSizeCheck {
  /** Looks at a page as it comes. */
  page(page: { page: number; items: readonly unknown[] }): void;
  /** The note for the first page that held more, or undefined when none did. */
  note(): string | undefined;
}

/**
 * A check of the page size a walk asked for (`limit`, Cost Explorer's `per_page`, or the spec's
 * default when neither was given). A page holding more breaks the spec's "at most `limit`", and
 * is the mark of the classic cursor bug: a server that reads one row past the page to learn
 * whether more follow, sends it, and sends it again at the start of the next page. A whole walk
 * catches that repeat by id; a one-page `get`, whose next page the user fetches with another
 * command, cannot, so the note says it.
 * @param query - the walk's checked query, where `limit` or `per_page` was given
 */
export function checkPageSize(
  template: string,
  query: Readonly<Record<string, unknown>>,
): PageSizeCheck {
  const param = parametersOfPath(template).find((p) => p.name === "limit" || p.name === "per_page");
  const asked = param && (query[param.name] ?? param.schema.default);
  let over: { page: number; items: number } | undefined;
  return {
    page(page) {
      if (typeof asked === "number" && page.items.length > asked) {
        over ??= { page: page.page, items: page.items.length };
      }
    },
    note() {
      if (!over || !param) return undefined;
      return `note: page ${over.page} held ${over.items} items, more than the ${param.name} of ${asked as number} asked for: a server that does not keep to its page size may also repeat or skip items at the start of the next page`;
    },
  };
}
