/** The `meta.pagination` of a page's response, as far as the CLI reads it. */
export interface SentPagination {
  has_more?: unknown;
  next_cursor?: unknown;
  total_count?: unknown;
}

/**
 * The `meta.pagination` of a response's text: the SDK hands on neither the cursor a walk ends on
 * nor the count of a list with no items (it yields no empty page).
 * @returns undefined when the text is missing or not JSON
 */
export function lastPagination(body: string | undefined): SentPagination | undefined {
  try {
    return body === undefined ? undefined : JSON.parse(body)?.meta?.pagination;
  } catch {
    return undefined;
  }
}
