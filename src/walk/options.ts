// Internal: defaults of walk options, and the integer check of every numeric option (the
// client's too), done before any request.
import { check } from "../internal/check-option.js";

/** Pages fetched ahead of the consumer unless `prefetch` says otherwise. */
export const DEFAULT_PREFETCH = 1;
/** The most pages a walk fetches unless `maxPages` says otherwise. */
export const DEFAULT_MAX_PAGES = 10_000;
/** The server's page size when `limit` (`per_page`) is absent. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * `value` (or `fallback` when absent) if it is an integer >= `min`; else a `BadRequestError`
 * (also for an absent value without a fallback).
 */
export const integerOption = (field: string, value: unknown, min: number, fallback?: number) => {
  const option = value ?? fallback;
  check(field, Number.isInteger(option) && (option as number) >= min, `an integer >= ${min}`);
  return option as number;
};
