import {
  betweenPages,
  deployNearTop,
  neverListsOne,
  offsetCursor,
  recostOne,
  sequence,
  stack,
} from "./live-data.js";
import {
  type Body,
  emptyPage,
  errorEnvelope,
  hourly,
  isPage,
  json,
  type Mutant,
  on,
  onBody,
  sortPage,
} from "./mutant-proxy.js";

const byId = (a: Body, b: Body) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Serves `serve(limit)` items a page (when it returns a number) while echoing the limit asked
 * for, so only the page sizes give the bug away.
 */
function serveLimit(serve: (limit: number) => number | undefined): Mutant["layer"] {
  return async (request, next) => {
    const url = new URL(request.url);
    const limit = Number(url.searchParams.get("limit"));
    const served = serve(limit);
    if (served === undefined) return next(request);
    url.searchParams.set("limit", String(served));
    const response = await next(new Request(url, request));
    const body = await response.json();
    if (body?.meta?.pagination) body.meta.pagination.limit = limit;
    return new Response(JSON.stringify(body), response);
  };
}

/** Answers an error `status` whose error matches `is` with page 1 (the cursor dropped). */
function restartWalkOn(status: number, is: (error: Body) => boolean): Mutant["layer"] {
  return async (request, next) => {
    const response = await next(request);
    if (response.status !== status || !is((await response.clone().json())?.error)) return response;
    const url = new URL(request.url);
    url.searchParams.delete("cursor");
    return next(new Request(url, request));
  };
}

/** The last item of the previous page of each walk, keyed by the query without its cursor. */
function duplicateAcrossPages(): Mutant["layer"] {
  let last: Body;
  return onBody((body, { url }) => {
    if (!isPage(body) || !Array.isArray(body.data) || body.data.length === 0) return;
    const previous = last;
    last = body.data[body.data.length - 1];
    if (url.searchParams.has("cursor") && previous) body.data[0] = previous;
  });
}

/** Answers every `every`-th request with the API's 503 envelope (the fake's meta) and no Retry-After. */
function serviceUnavailableEvery(every: number): Mutant["layer"] {
  let count = 0;
  return async (request, next) => {
    const response = await next(request);
    if (++count % every !== 0) return response;
    const { request_id, applied_at } = ((await response.json()) as Body).meta;
    const error = { code: "SERVICE_UNAVAILABLE", message: "deploying", details: [] };
    return json({ data: null, meta: { request_id, applied_at }, error }, 503);
  };
}

/** A Money amount (four decimals) in units of 0.0001, and back. */
const toUnits = (amount: string) => BigInt(amount.replace(".", ""));
function fromUnits(units: bigint): string {
  const digits = units.toString().padStart(5, "0");
  return `${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** Rewrites the organization dashboard's `data` (its `cost` and `counts`). */
const onDashboard = (edit: (board: Body) => void): Mutant["layer"] =>
  on(
    /\/v1\/organization\/dashboard$/,
    onBody((body) => {
      if (body?.data?.cost && body.data.counts) edit(body.data);
    }),
  );

/**
 * Serves the cost mode `served` picks for the one asked for (undefined: none, the default),
 * every cost labelled with the mode asked for.
 */
function serveModeAs(served: (asked: string) => string | undefined): Mutant["layer"] {
  return async (request, next) => {
    const url = new URL(request.url);
    const asked = url.searchParams.get("cost_mode");
    const serve = asked === null ? null : served(asked);
    if (asked === null || serve === asked) return next(request);
    if (serve === undefined || serve === null) url.searchParams.delete("cost_mode");
    else url.searchParams.set("cost_mode", serve);
    const response = await next(new Request(url, request));
    const label = `"cost_mode":"${serve ?? "fully_loaded"}"`;
    const text = (await response.text()).replaceAll(label, `"cost_mode":"${asked}"`);
    return new Response(text, response);
  };
}

/** Answers 410 query_changed to a cursor sent with another `include_total` than its page's. */
function bindIncludeTotal(): Mutant["layer"] {
  const issuedWith = new Map<string, string | null>();
  return async (request, next) => {
    const url = new URL(request.url);
    const cursor = url.searchParams.get("cursor");
    const includeTotal = url.searchParams.get("include_total");
    if (cursor !== null && issuedWith.has(cursor) && issuedWith.get(cursor) !== includeTotal) {
      const envelope = errorEnvelope("CURSOR_EXPIRED", "cursor query parameters changed", [
        { reason: "query_changed" },
      ]);
      return json(envelope, 410);
    }
    const response = await next(request);
    const next_cursor = (await response.clone().json())?.meta?.pagination?.next_cursor;
    if (next_cursor) issuedWith.set(next_cursor, includeTotal);
    return response;
  };
}

/** Server bugs in what responses say: pagination, order, headers, error envelopes. */
export const RESPONSE_MUTANTS: readonly Mutant[] = [
  {
    id: "lists-always-empty",
    bug: "every list answers an empty last page (a broken data layer), the dashboard still counts",
    catches: ["dashboard-totals"],
    layer: onBody(emptyPage),
  },
  {
    id: "dashboard-run-rate-stale",
    bug: "the dashboard's run rate lags the clusters' by one cluster's last update (0.0100 less)",
    catches: ["dashboard-totals"],
    layer: onDashboard(({ cost }) => {
      const rate = cost.current_run_rate_hourly;
      rate.amount = fromUnits(toUnits(rate.amount) - 100n);
    }),
  },
  {
    id: "short-non-final-pages",
    bug: "pages hold limit - 1 items (one row reserved for a look-ahead), has_more still true",
    catches: ["page-fill"],
    layer: serveLimit((limit) => (Number.isInteger(limit) && limit >= 2 ? limit - 1 : undefined)),
  },
  {
    id: "silent-page-cap",
    bug: "pages are capped at 100 items whatever limit says (echo still says 500)",
    catches: ["page-fill"],
    layer: serveLimit((limit) => (limit > 100 ? 100 : undefined)),
  },
  {
    id: "duplicate-across-pages",
    bug: "each page repeats the previous page's last item (cursor resumes at, not after, it)",
    catches: ["full-walks"],
    layer: duplicateAcrossPages(),
  },
  {
    id: "offset-cursor-live",
    bug: "/v1/workloads pages by offset behind an opaque cursor while workloads are deployed near the top between pages: the walk meets items twice with the same cost",
    catches: ["full-walks"],
    layer: stack(betweenPages(/^\/v1\/workloads$/, 2, deployNearTop(sequence())), offsetCursor),
  },
  {
    id: "never-lists-one-live",
    bug: "/v1/workloads never lists one workload though total_count counts it, while costs are re-computed between pages (ids move, so every walk's count differs)",
    catches: ["full-walks"],
    layer: stack(
      betweenPages(/^\/v1\/workloads$/, 1, recostOne(sequence(7), 1.5, 4)),
      neverListsOne(),
    ),
  },
  {
    id: "has-more-without-cursor",
    bug: "the last page says has_more: true with an empty next_cursor",
    catches: ["full-walks"],
    layer: onBody((body) => {
      const p = body?.meta?.pagination;
      if (p && p.next_cursor === "") p.has_more = true;
    }),
  },
  {
    id: "total-count-off-by-one",
    bug: "total_count counts one row too many",
    catches: ["full-walks"],
    layer: onBody((body) => {
      const p = body?.meta?.pagination;
      if (typeof p?.total_count === "number") p.total_count += 1;
    }),
  },
  {
    id: "total-count-off-after-page-one",
    bug: "on a cursor page of any list but /v1/workloads, total_count counts one row too many (page 1 is right)",
    catches: ["full-walks"],
    layer: onBody((body, { url }) => {
      const p = body?.meta?.pagination;
      if (url.pathname === "/v1/workloads" || !url.searchParams.has("cursor")) return;
      if (typeof p?.total_count === "number") p.total_count += 1;
    }),
  },
  {
    id: "include-total-ignored",
    bug: "include_total=true is ignored: no total_count",
    catches: ["full-walks", "include-total-toggle"],
    layer: onBody((body) => {
      if (body?.meta?.pagination) delete body.meta.pagination.total_count;
    }),
  },
  {
    id: "limit-echo-default",
    bug: "meta.pagination.limit always echoes the default 100",
    catches: ["full-walks", "limit-bounds"],
    layer: onBody((body) => {
      if (body?.meta?.pagination) body.meta.pagination.limit = 100;
    }),
  },
  {
    id: "tie-breaker-reversed",
    bug: "ties on the sort key are broken by id descending within a page",
    catches: ["sort-order"],
    layer: onBody((body) => {
      if (isPage(body) && body.data[0]?.cost)
        sortPage(body, (a, b) => hourly(b) - hourly(a) || byId(b, a));
    }),
  },
  {
    id: "node-groups-unsorted",
    bug: "node groups come in id order, not by cost",
    catches: ["sort-order"],
    layer: on(
      /node-groups$/,
      onBody((body) => sortPage(body, byId)),
    ),
  },
  {
    id: "recommendations-ascending",
    bug: "recommendations are sorted by savings ascending within a page",
    catches: ["sort-order", "full-walks"],
    layer: on(
      /^\/v1\/recommendations$/,
      onBody((body) =>
        sortPage(
          body,
          (a, b) =>
            Number(a.savings.estimated_monthly.amount) - Number(b.savings.estimated_monthly.amount),
        ),
      ),
    ),
  },
  {
    id: "assignments-oldest-first",
    bug: "team assignments are sorted oldest first within a page",
    catches: ["sort-order", "full-walks"],
    layer: on(
      /\/assignments$/,
      onBody((body) =>
        sortPage(
          body,
          (a, b) => Date.parse(a.metadata.created_at) - Date.parse(b.metadata.created_at),
        ),
      ),
    ),
  },
  {
    id: "content-type-text-plain",
    bug: "successful responses are sent as text/plain",
    catches: ["response-headers"],
    layer: onBody((_body, { status, headers }) => {
      if (status === 200) headers.set("content-type", "text/plain; charset=utf-8");
    }),
  },
  {
    id: "errors-as-problem-json",
    bug: "errors are sent as application/problem+json",
    catches: ["response-headers", "unauthorized"],
    layer: onBody((_body, { status, headers }) => {
      if (status >= 400) headers.set("content-type", "application/problem+json");
    }),
  },
  {
    id: "request-id-header-mismatch",
    bug: "a gateway overwrites X-Request-Id with its own id (well-formed), so it no longer names meta.request_id",
    catches: ["response-headers"],
    layer: onBody((_body, { headers }) => {
      headers.set("x-request-id", "req_01GATEWAY");
    }),
  },
  {
    id: "retry-after-missing",
    bug: "429 is sent without Retry-After",
    catches: ["rate-limited"],
    layer: onBody((_body, { status, headers }) => {
      if (status === 429) headers.delete("retry-after");
    }),
  },
  {
    id: "service-unavailable-without-retry-after",
    bug: "every 10th request gets the API's 503 SERVICE_UNAVAILABLE (a deploy under way) without Retry-After",
    catches: ["response-headers"],
    layer: serviceUnavailableEvery(10),
  },
  {
    id: "unauthorized-plain-text",
    bug: "401 is a bare text body from the auth proxy",
    catches: ["unauthorized", "auth-tokens"],
    layer: async (request, next) => {
      const response = await next(request);
      if (response.status !== 401) return response;
      return new Response("Unauthorized", {
        status: 401,
        headers: { "content-type": "text/plain" },
      });
    },
  },
  {
    id: "error-without-request-id",
    bug: "error envelopes lose meta.request_id",
    catches: ["not-found"],
    layer: onBody((body) => {
      if (body?.error) delete body.meta.request_id;
    }),
  },
  {
    id: "query-changed-says-expired",
    bug: "a cursor reused with another query is reported as expired, not query_changed",
    catches: ["cursor-query-changed"],
    layer: onBody((body) => {
      const detail = body?.error?.details?.[0];
      if (detail?.reason === "query_changed") detail.reason = "expired";
    }),
  },
  {
    id: "cursor-not-bound-to-query",
    bug: "a cursor reused with another query silently restarts at page 1",
    catches: ["cursor-query-changed"],
    layer: restartWalkOn(410, (error) => error?.details?.[0]?.reason === "query_changed"),
  },
  {
    id: "tampered-cursor-restarts",
    bug: "a modified cursor is ignored: page 1 again instead of 400 INVALID_CURSOR",
    catches: ["invalid-cursor"],
    layer: restartWalkOn(400, (error) => error?.code === "INVALID_CURSOR"),
  },
  {
    id: "expired-cursor-accepted",
    bug: "cursors never expire",
    catches: ["cursor-expired"],
    layer: onBody((body, { status }) => {
      if (status === 410 && body?.error?.details?.[0]?.reason === "expired") {
        return {
          status: 200,
          body: {
            data: [],
            meta: { ...body.meta, pagination: { next_cursor: "", has_more: false, limit: 2 } },
          },
        };
      }
      return undefined;
    }),
  },
  {
    id: "limit-clamped",
    bug: "limit=501 is clamped to 500 instead of rejected",
    catches: ["limit-bounds"],
    layer: (request, next) => {
      const url = new URL(request.url);
      if (Number(url.searchParams.get("limit")) > 500) url.searchParams.set("limit", "500");
      return next(new Request(url, request));
    },
  },
  {
    id: "unknown-id-200-null",
    bug: "an unknown id is 200 with data: null",
    catches: ["not-found"],
    layer: async (request, next) => {
      const response = await next(request);
      if (response.status !== 404) return response;
      return json({
        data: null,
        meta: { request_id: "req_01MUTANT", applied_at: "2026-05-21T10:30:00Z" },
      });
    },
  },
  {
    id: "unknown-id-500",
    bug: "an unknown id crashes the handler (500)",
    catches: ["not-found"],
    layer: async (request, next) => {
      const response = await next(request);
      if (response.status !== 404) return response;
      return json(errorEnvelope("INTERNAL_ERROR", "cannot read properties of undefined"), 500);
    },
  },
  {
    id: "per-page-unchecked",
    bug: "per_page=0 falls back to the default",
    catches: ["cost-explorer"],
    layer: (request, next) => {
      const url = new URL(request.url);
      if (url.searchParams.get("per_page") === "0") url.searchParams.delete("per_page");
      return next(new Request(url, request));
    },
  },
  {
    id: "cost-explorer-unsorted",
    bug: "Cost Explorer rows come in group key order",
    catches: ["cost-explorer"],
    layer: on(
      /cost-explorer$/,
      onBody((body) => sortPage(body, (a, b) => (a.group.key < b.group.key ? -1 : 1))),
    ),
  },
  {
    id: "cost-mode-not-echoed",
    bug: "meta.cost_mode is left out",
    catches: ["cost-mode"],
    layer: onBody((body) => {
      if (body?.meta) delete body.meta.cost_mode;
    }),
  },
  {
    id: "cost-modes-swapped",
    bug: "cost_mode=direct serves fully loaded costs and cost_mode=fully_loaded direct ones (each labelled as asked)",
    catches: ["cost-mode"],
    layer: serveModeAs((asked) =>
      asked === "direct" ? "fully_loaded" : asked === "fully_loaded" ? "direct" : asked,
    ),
  },
  {
    id: "cost-mode-ignored",
    bug: "cost_mode is ignored: fully loaded costs served, labelled with the mode asked for",
    catches: ["cost-mode"],
    layer: serveModeAs((asked) => (asked === "direct" ? undefined : asked)),
  },
  {
    id: "node-groups-paginated",
    bug: "node groups carry a meta.pagination block",
    catches: ["envelopes"],
    layer: on(
      /node-groups$/,
      onBody((body, { status }) => {
        if (status === 200) body.meta.pagination = { next_cursor: "", has_more: false, limit: 100 };
      }),
    ),
  },
  {
    id: "include-total-binds-cursor",
    bug: "include_total is part of the query a cursor is bound to: toggling it is 410 query_changed",
    catches: ["include-total-toggle"],
    layer: bindIncludeTotal(),
  },
  {
    id: "total-count-from-cursor",
    bug: "on a cursor page, total_count counts from the cursor on (the page before it left out)",
    catches: ["include-total-toggle", "full-walks"],
    layer: onBody((body, { url }) => {
      const p = body?.meta?.pagination;
      if (url.searchParams.has("cursor") && typeof p?.total_count === "number") {
        p.total_count -= Number(url.searchParams.get("limit") ?? 100);
      }
    }),
  },
  {
    id: "total-count-always",
    bug: "total_count is sent on every page, asked for or not",
    catches: ["full-walks", "include-total-toggle"],
    layer: async (request, next) => {
      const url = new URL(request.url);
      if (!url.pathname.startsWith("/v1/") || url.searchParams.has("include_total")) {
        return next(request);
      }
      url.searchParams.set("include_total", "true");
      const response = await next(new Request(url, request));
      return new Response(response.body, response);
    },
  },
  {
    id: "cursor-bound-to-limit-only",
    bug: "a cursor is bound to limit only: reused with another filter or cost_mode, it restarts at page 1",
    catches: ["cursor-query-changed"],
    layer: async (request, next) => {
      const response = await next(request);
      const url = new URL(request.url);
      if (response.status !== 410 || !["kind", "cost_mode"].some((p) => url.searchParams.has(p))) {
        return response;
      }
      url.searchParams.delete("cursor");
      return next(new Request(url, request));
    },
  },
  {
    id: "cost-explorer-total-pages-floor",
    bug: "Cost Explorer's page_info.total_pages rounds down (a last, partial page is not counted)",
    catches: ["cost-explorer"],
    layer: onBody((body) => {
      const info = body?.meta?.page_info;
      if (info) info.total_pages = Math.floor(info.total_count / info.per_page);
    }),
  },
  {
    id: "dashboard-savings-zero",
    bug: "the dashboard's savings.estimated_monthly is always 0.0000 (a column never filled in), whatever the open recommendations save",
    catches: ["dashboard-totals"],
    layer: onDashboard((board) => {
      board.savings.estimated_monthly.amount = "0.0000";
    }),
  },
  {
    id: "dashboard-projected-720",
    bug: "the dashboard projects a month as 720 hours (30 days), not the documented 730",
    catches: ["dashboard-totals"],
    layer: onDashboard(({ cost }) => {
      cost.projected_monthly.amount = fromUnits(
        toUnits(cost.current_run_rate_hourly.amount) * 720n,
      );
    }),
  },
  {
    id: "dashboard-counts-deleted",
    bug: "the dashboard counts a deleted workload still (counts.workloads one above the list's total)",
    catches: ["dashboard-totals"],
    layer: onDashboard(({ counts }) => {
      counts.workloads += 1;
    }),
  },
];
