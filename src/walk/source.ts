// Internal: the seam between the shared walk machinery and a pagination protocol.

/** Where a walk stands: the request a resume would make next. */
export interface WalkPoint {
  /** The cursor of the next request; undefined for page 1 and for offset walks. */
  cursor: string | undefined;
  /** Its 1-based page number. */
  page: number;
}

/** One page as a protocol source returns it, before the shared machinery decides on it. */
export interface SourcePage<T> {
  /** Items to hand to the consumer (after any de-duplication). */
  items: T[];
  /** How many items the server sent: 0 marks an empty page. */
  received: number;
  /** Page number. */
  page: number;
  /** The cursor that fetched it. */
  cursor: string | undefined;
  /** The next page's cursor, when there is one. */
  nextCursor: string | undefined;
  /** Whether more pages follow. */
  hasMore: boolean;
  /** Rows matching the query, when known. */
  total: number | undefined;
  /** `meta.request_id`. */
  requestId: string | undefined;
}

/** A pagination protocol: fetches pages one after the other and knows where it stands. */
export interface PageSource<T> {
  /** Fetches the next page and advances; on failure it does not advance and rejects. */
  fetch(signal: AbortSignal): Promise<SourcePage<T>>;
  /** The next request's position: after a failure, the failed request's (the resume point). */
  position(): WalkPoint;
}

/**
 * Opens a walk's source when iteration starts. `budget` is the `toArray` maximum, if any: a
 * source may lower its page size to it when nothing binds the page size yet.
 */
export type OpenSource<T> = (budget: number | undefined) => PageSource<T>;
