import { check } from "./check-option.js";

/** Query parameters whose value the API accepts only as an integer in 1..500. */
export const PAGE_SIZE_PARAMS = ["limit", "per_page"] as const;

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 500;

/**
 * Throws the `BadRequestError` the server would send (`details[0]` is
 * `{ field, reason: "out_of_range" }`) when `limit` or `per_page` in `query` is present and not
 * an integer in 1..500, so a bad value fails before any request.
 */
export const checkPageSize = (query: unknown): void => {
  for (const field of PAGE_SIZE_PARAMS) {
    const value = (query as Record<string, unknown> | null | undefined)?.[field];
    check(
      field,
      value == null ||
        (/^(string|number)$/.test(typeof value) &&
          /^\d+$/.test(value as string) &&
          (value as number) > 0 &&
          (value as number) <= MAX_PAGE_SIZE),
      `an integer between 1 and ${MAX_PAGE_SIZE}`,
      "out_of_range",
    );
  }
};
