import spec from "../../generated/openapi.json" with { type: "json" };
import { emptyPage, type Mutant, on, onBody, onRequest, TOKEN } from "./mutant-proxy.js";

const GROUP_BYS = spec.components.schemas.CostExplorerGroupBy.enum as string[];

/** Every query parameter the spec gives an `x-filter-field`: the filters of every list. */
const FILTERS = Object.values(spec.components.parameters)
  .filter((p) => "x-filter-field" in p && p.in === "query")
  .map((p) => p.name);

/**
 * Serves `path`'s requests in `asked` mode with the fully loaded costs, every cost labelled
 * with the mode asked for: the mode ignored on that path only.
 */
export function ignoreDirectOn(path: RegExp): Mutant["layer"] {
  return on(path, async (request, next) => {
    const url = new URL(request.url);
    if (url.searchParams.get("cost_mode") !== "direct") return next(request);
    url.searchParams.delete("cost_mode");
    const response = await next(new Request(url, request));
    const text = (await response.text()).replaceAll(
      '"cost_mode":"fully_loaded"',
      '"cost_mode":"direct"',
    );
    return new Response(text, response);
  });
}

/**
 * Server bugs that a check missed on the families it did not look at (the contract audit's
 * false passes): one family's page size, a nested list, a route outside the auth middleware.
 */
export const COVERAGE_MUTANTS: readonly Mutant[] = [
  {
    id: "nested-always-empty",
    bug: "/v1/clusters/{id}/workloads and /v1/workloads/{uid}/pods are always empty (a join on the wrong column)",
    catches: ["nested-collections"],
    layer: on(/\/v1\/clusters\/[^/]+\/workloads$|\/v1\/workloads\/[^/]+\/pods$/, onBody(emptyPage)),
  },
  {
    id: "group-by-ignored",
    bug: "Cost Explorer validates group_by but always groups by cluster",
    catches: ["cost-explorer"],
    layer: onRequest((url) => {
      if (GROUP_BYS.includes(url.searchParams.get("group_by") ?? "")) {
        url.searchParams.delete("group_by");
      }
    }),
  },
  {
    id: "only-first-filter",
    bug: "with several filters, only the first one in the query is applied (an else-if chain)",
    catches: ["filters"],
    layer: onRequest((url) => {
      const present = [...url.searchParams.keys()].filter((key) => FILTERS.includes(key));
      for (const key of present.slice(1)) url.searchParams.delete(key);
    }),
  },
  {
    id: "recommendations-page-cap-100",
    bug: "/v1/recommendations caps pages at 100 items whatever limit says (the echo still says it)",
    catches: ["page-fill"],
    layer: on(/\/v1\/recommendations$/, async (request, next) => {
      const url = new URL(request.url);
      const asked = Number(url.searchParams.get("limit"));
      if (!(asked > 100)) return next(request);
      url.searchParams.set("limit", "100");
      const response = await next(new Request(url, request));
      const body = await response.json();
      if (body?.meta?.pagination) body.meta.pagination.limit = asked;
      return new Response(JSON.stringify(body), response);
    }),
  },
  {
    id: "recommendations-default-limit-25",
    bug: "/v1/recommendations has its own default page size, 25 instead of 100",
    catches: ["envelopes"],
    layer: on(
      /\/v1\/recommendations$/,
      onRequest((url) => {
        if (!url.searchParams.has("limit")) url.searchParams.set("limit", "25");
      }),
    ),
  },
  {
    id: "cost-explorer-default-per-page-20",
    bug: "Cost Explorer has its own default page size, 20 rows instead of 100",
    catches: ["envelopes"],
    layer: on(
      /\/v1\/cost-explorer$/,
      onRequest((url) => {
        if (!url.searchParams.has("per_page")) url.searchParams.set("per_page", "20");
      }),
    ),
  },
  {
    id: "direct-ignored-on-single-workload",
    bug: "GET /v1/workloads/{uid}?cost_mode=direct serves the fully loaded cost, labelled direct",
    catches: ["cost-mode"],
    layer: ignoreDirectOn(/\/v1\/workloads\/[^/]+$/),
  },
  {
    id: "direct-ignored-on-cost-explorer",
    bug: "Cost Explorer with cost_mode=direct serves the fully loaded totals, labelled direct",
    catches: ["cost-mode"],
    layer: ignoreDirectOn(/\/v1\/cost-explorer$/),
  },
  {
    id: "direct-ignored-on-teams",
    bug: "teams and departments, as lists and by id, serve fully loaded costs for cost_mode=direct, labelled direct",
    catches: ["cost-mode"],
    layer: ignoreDirectOn(/^\/v1\/(teams|departments)(\/[^/]+)?$/),
  },
  {
    id: "direct-ignored-on-departments",
    bug: "departments, as a list and by id, serve fully loaded costs for cost_mode=direct, labelled direct (teams are right)",
    catches: ["cost-mode"],
    layer: ignoreDirectOn(/^\/v1\/departments(\/[^/]+)?$/),
  },
  {
    id: "auth-skipped-on-some-routes",
    bug: "Cost Explorer, the dashboard, departments and team assignments are mounted outside the auth middleware",
    catches: ["unauthorized"],
    layer: on(
      /\/v1\/cost-explorer$|\/v1\/organization\/dashboard$|\/assignments$|\/v1\/departments/,
      onRequest((_url, headers) => headers.set("authorization", `Bearer ${TOKEN}`)),
    ),
  },
  {
    id: "constant-request-id",
    bug: "every response carries the same meta.request_id (and X-Request-Id)",
    catches: ["response-headers"],
    layer: async (request, next) => {
      const response = await next(request);
      const text = (await response.text()).replace(
        /"request_id":"req_[0-9A-Za-z]+"/,
        '"request_id":"req_CONSTANT"',
      );
      const headers = new Headers(response.headers);
      if (headers.has("x-request-id")) headers.set("x-request-id", "req_CONSTANT");
      return new Response(text, { status: response.status, headers });
    },
  },
];
