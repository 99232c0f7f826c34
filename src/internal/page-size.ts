import { BadRequestError } from "../errors.js";

/** Query parameters whose value the API accepts only as an integer in 1..500. */
export const PAGE_SIZE_PARAMS = ["limit", "per_page"] as const;

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 500;

/**
 * Throws the {@link BadRequestError} the server would send (`details[0]` is
 * `{ field, reason: "out_of_range" }`) when `limit` or `per_page` in `query` is present and
 * not an integer in 1..500, so a bad value fails before any request.
 */
export function checkPageSize(query: unknown): void {
  if (typeof query !== "object" || query === null) return;
  for (const field of PAGE_SIZE_PARAMS) {
    const value = (query as Record<string, unknown>)[field];
    if (value !== undefined && value !== null && !isPageSize(value)) {
      throw new BadRequestError(`${field} must be an integer between 1 and ${MAX_PAGE_SIZE}`, {
        code: "BAD_REQUEST",
        details: [{ field, reason: "out_of_range" }],
      });
    }
  }
}

/** The same check on a serialized query string (`limit=100&cursor=…`). */
export function checkPageSizeInSearch(search: string): void {
  const params = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  const query: Record<string, string> = {};
  for (const field of PAGE_SIZE_PARAMS) {
    const value = params.get(field);
    if (value !== null) query[field] = value;
  }
  checkPageSize(query);
}

function isPageSize(value: unknown): boolean {
  const text = typeof value === "number" || typeof value === "string" ? String(value) : "";
  if (!/^\d+$/.test(text)) return false;
  const n = Number(text);
  return n >= 1 && n <= MAX_PAGE_SIZE;
}
