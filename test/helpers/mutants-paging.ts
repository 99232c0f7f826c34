import { CursorCodec, canonicalQuery, hashQuery } from "../../src/testing/cursor.js";
import { CURSOR_SECRET, errorEnvelope, json, type Mutant, type Next, on } from "./mutant-proxy.js";

const codec = new CursorCodec(CURSOR_SECRET);

/** The fake's hash of the query `url` sends on `path` (what its cursors are bound to). */
const boundTo = (path: string, url: URL) => hashQuery(canonicalQuery(path, url.searchParams));

/**
 * Serves every continuation page of a cluster's namespaces from `/v1/namespaces` at the same
 * keyset position, as a continuation query that forgets `WHERE cluster_id` does. Its cursors
 * stay bound to the nested query, so a walk goes on without a 410.
 */
function nestedContinuationDropsParent(): Mutant["layer"] {
  return on(/^\/v1\/clusters\/[^/]+\/namespaces$/, async (request, next) => {
    const url = new URL(request.url);
    const cursor = url.searchParams.get("cursor");
    const payload = cursor ? await codec.decode(cursor) : undefined;
    if (!payload || payload.query_hash !== (await boundTo(url.pathname, url))) {
      return next(request);
    }
    const top = new URL(url);
    top.pathname = "/v1/namespaces";
    const { v: _v, ...rest } = payload;
    top.searchParams.set(
      "cursor",
      await codec.encode({ ...rest, query_hash: await boundTo(top.pathname, top) }),
    );
    const response = await next(new Request(top, request));
    const body = await response.json();
    const next_cursor = body?.meta?.pagination?.next_cursor;
    const issued = next_cursor ? await codec.decode(next_cursor) : undefined;
    if (issued) {
      const { v: _w, ...position } = issued;
      body.meta.pagination.next_cursor = await codec.encode({
        ...position,
        query_hash: payload.query_hash,
      });
    }
    return new Response(JSON.stringify(body), response);
  });
}

/** The query parameters a `total_count` does not depend on: what is left without the filters. */
const UNFILTERED = new Set(["limit", "include_total", "cost_mode"]);

/**
 * Counts page 1's `total_count` over the unfiltered list, sparing `/v1/recommendations` (whose
 * `status=open` count `dashboard-totals` compares): a count query built without the WHERE.
 */
function totalIgnoresFilters(): Mutant["layer"] {
  return async (request, next) => {
    const url = new URL(request.url);
    const response = await next(request);
    const counted = url.searchParams.get("include_total") === "true";
    if (!counted || url.searchParams.has("cursor") || url.pathname === "/v1/recommendations") {
      return response;
    }
    const all = new URL(url);
    for (const key of [...all.searchParams.keys()]) {
      if (!UNFILTERED.has(key)) all.searchParams.delete(key);
    }
    if (all.search === url.search || response.status !== 200) return response;
    const body = await response.json();
    const total = (await (await next(new Request(all, request))).json())?.meta?.pagination
      ?.total_count;
    if (typeof total === "number") body.meta.pagination.total_count = total;
    return new Response(JSON.stringify(body), response);
  };
}

/** A path with its ids as `{id}`: the list (template) it is a page of. */
const templateOf = (path: string) => path.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27}(?=\/|$)/gi, "/{id}");

/** Whether a path is a workload list, the family the cursor checks once tried alone. */
const WORKLOADS = /^\/v1\/workloads$|^\/v1\/clusters\/[^/]+\/workloads$/;

/**
 * A server that remembers the request that issued each cursor and, when the cursor comes back
 * on a request `accepts` (given the request's URL and the issuing one), re-signs it for the
 * new query: a cursor bound to less than the whole query (as its payload signs only what
 * `accepts` compares), served without a 410.
 */
function rebinding(accepts: (url: URL, issued: URL) => boolean): Mutant["layer"] {
  const issued = new Map<string, URL>();
  return async (request, next) => {
    const url = new URL(request.url);
    const cursor = url.searchParams.get("cursor");
    const from = cursor ? issued.get(cursor) : undefined;
    const payload = cursor && from && accepts(url, from) ? await codec.decode(cursor) : undefined;
    let sent = request;
    if (payload) {
      const { v: _v, ...position } = payload;
      url.searchParams.set(
        "cursor",
        await codec.encode({ ...position, query_hash: await boundTo(url.pathname, url) }),
      );
      sent = new Request(url, request);
    }
    const response = await next(sent);
    const body = await response
      .clone()
      .json()
      .catch(() => undefined);
    const nextCursor = body?.meta?.pagination?.next_cursor;
    if (typeof nextCursor === "string" && nextCursor !== "") {
      issued.set(nextCursor, new URL(request.url));
    }
    return response;
  };
}

/**
 * Off the workload lists, what a handler that decodes its cursors itself answers for one it
 * cannot decode, in place of the fake's 400 `INVALID_CURSOR`: `replace` answers the request
 * (its URL, the fake, the request itself).
 */
function badCursorOffWorkloads(
  replace: (url: URL, next: Next, request: Request) => Promise<Response>,
): Mutant["layer"] {
  return async (request, next) => {
    const url = new URL(request.url);
    const response = await next(request);
    if (WORKLOADS.test(url.pathname) || !url.searchParams.has("cursor")) return response;
    if (response.status !== 400) return response;
    const body = await response.clone().json();
    return body?.error?.code === "INVALID_CURSOR" ? replace(url, next, request) : response;
  };
}

/**
 * Server bugs in walks and cursors that the suite once passed (audit s25, findings 1-5): each
 * sits on a family or a page that no check looked at.
 */
export const PAGING_MUTANTS: readonly Mutant[] = [
  {
    id: "nested-page-two-drops-parent",
    bug: "page 2+ of /v1/clusters/{id}/namespaces comes from every cluster's namespaces (the continuation query forgets the parent), its cursors still bound to the nested query",
    catches: ["page-fill"],
    layer: nestedContinuationDropsParent(),
  },
  {
    id: "total-ignores-filters",
    bug: "total_count counts the unfiltered list (every list but /v1/recommendations): /v1/workloads?cluster_id=…&include_total=true says every workload",
    catches: ["filters"],
    layer: totalIgnoresFilters(),
  },
  {
    id: "cursor-limit-only-off-workloads",
    bug: "off the workload lists, a cursor is bound to its list and limit only: reused with a filter, cost_mode or another parent, it is served (recommendations?status=open's cursor gives dismissed ones)",
    catches: ["cursor-query-changed"],
    layer: rebinding(
      (url, issued) =>
        !WORKLOADS.test(url.pathname) &&
        templateOf(url.pathname) === templateOf(issued.pathname) &&
        url.searchParams.get("limit") === issued.searchParams.get("limit"),
    ),
  },
  {
    id: "cursor-accepted-on-other-path",
    bug: "a cursor signs only its position (after_value, after_id): one from /v1/clusters is served on /v1/namespaces",
    catches: ["cursor-query-changed"],
    layer: rebinding((url, issued) => templateOf(url.pathname) !== templateOf(issued.pathname)),
  },
  {
    id: "bad-cursor-500-off-workloads",
    bug: "off the workload lists, a modified cursor crashes the handler: 500 INTERNAL_ERROR (illegal base64 data)",
    catches: ["invalid-cursor"],
    layer: badCursorOffWorkloads(async () =>
      json(errorEnvelope("INTERNAL_ERROR", "illegal base64 data"), 500),
    ),
  },
  {
    id: "bad-cursor-restarts-off-workloads",
    bug: "off the workload lists, a cursor that does not decode is dropped: the walk restarts at page 1 (a client loops)",
    catches: ["invalid-cursor"],
    layer: badCursorOffWorkloads(async (url, next, request) => {
      url.searchParams.delete("cursor");
      return next(new Request(url, request));
    }),
  },
];
