/** The spec's pattern of `meta.request_id` (its RequestId schema; a test holds the two equal). */
export const REQUEST_ID_PATTERN = /^req_[0-9A-Za-z]+$/;

/**
 * A response's `meta.request_id` when it has the spec's form, else undefined: only such an id is
 * handed on (with a page or an error), since a server that breaks the protocol may put anything
 * there, the request's `Authorization` included, and a walk has no token to redact it with.
 */
export const requestIdOf = (value: unknown): string | undefined =>
  REQUEST_ID_PATTERN.exec(value as string)?.[0];
