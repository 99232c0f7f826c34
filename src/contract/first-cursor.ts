import { expectOk } from "./gone.js";
import type { Exchange, Probe } from "./probe.js";

/** A page-1 request of a cursor family: its path template and openapi-fetch params. */
export interface PageOne {
  path: string;
  params: { path?: Record<string, string>; query: Record<string, string | number> };
}

/** Page 1 with its `next_cursor`, or why there is none (the request failed: a violation). */
export type FirstCursor =
  | { cursor: string; page: Exchange }
  | { cursor?: undefined; page: Exchange; why: string | undefined };

/**
 * Reads page 1 of `request` for its `next_cursor`. Without one, `why` says so for a skip or a
 * note: `undefined` when the request failed (a violation already, or its parent was deleted since
 * it was listed: a note already), else the list is too short,
 * or says `has_more` with no cursor (which `full-walks` fails, so no "too short" here).
 */
export async function firstCursor(probe: Probe, request: PageOne): Promise<FirstCursor> {
  const page = await probe.get(
    request.path as "/v1/workloads",
    { params: request.params } as never,
  );
  if (!(await expectOk(probe, page))) {
    return { page, why: undefined };
  }
  const { next_cursor: cursor, has_more } = page.body?.meta?.pagination ?? {};
  if (typeof cursor === "string" && cursor !== "") return { cursor, page };
  const why =
    has_more === true
      ? `${page.label} says has_more but gives no next_cursor: no cursor to test with`
      : `${page.url.pathname} has at most ${request.params.query.limit} items: no page 2, so no cursor to test with`;
  return { page, why };
}
