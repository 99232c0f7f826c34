// Internal: freezes a walk's query string, so the parameters a cursor is bound to cannot drift.
import { createQuerySerializer } from "openapi-fetch";

/** A copy of the caller's query without `omit`, taken when the walk is created. */
export function snapshotQuery(
  query: Record<string, unknown> | undefined,
  omit: readonly string[],
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query ?? {})) {
    if (!omit.includes(name)) copy[name] = cloneValue(value);
  }
  return copy;
}

function cloneValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/** Serializes a query exactly as openapi-fetch does, into the string every page will reuse. */
export const freezeQuery: (query: Record<string, unknown>) => string = createQuerySerializer();

/**
 * A `querySerializer` for one request: the frozen string, then the page selector parameters
 * (`cursor`, URL-encoded; `include_total`; `page`), so pages differ only in those.
 */
export function pageQuery(
  frozen: string,
  extra: ReadonlyArray<readonly [string, string | number | boolean]>,
): (query: unknown) => string {
  let search = frozen;
  for (const [name, value] of extra) {
    search += `${search ? "&" : ""}${name}=${encodeURIComponent(String(value))}`;
  }
  return () => search;
}
