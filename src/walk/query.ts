// Internal: freezes a walk's query string, so the parameters a cursor is bound to cannot drift.
import { createQuerySerializer } from "openapi-fetch";
import type { Selectors } from "./source.js";

/**
 * A copy of the caller's query without `omit`, taken when the walk is created. Shallow: every
 * query parameter of the spec is a scalar, which the caller cannot change in place.
 */
export const snapshotQuery = (
  query: Record<string, unknown> | undefined,
  omit: readonly string[],
): Record<string, unknown> => {
  const copy = { ...query };
  for (const name of omit) delete copy[name];
  return copy;
};

/**
 * Serializes a query exactly as openapi-fetch does by default: a walk's, once, into the string
 * every page reuses; a `get`'s that skips openapi-fetch.
 */
export const serializeQuery: (query: Record<string, unknown>) => string = createQuerySerializer();

/**
 * A `querySerializer` for one request: the frozen string, then the page selectors that are set
 * (`cursor`, URL-encoded; `include_total`; `page`), so pages differ only in those.
 */
export const pageQuery = (frozen: string, selectors: Selectors): ((query: unknown) => string) => {
  let search = frozen;
  for (const [name, value] of Object.entries(selectors)) {
    if (value) search += `${search ? "&" : ""}${name}=${encodeURIComponent(value)}`;
  }
  return () => search;
};
