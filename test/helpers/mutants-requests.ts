import spec from "../../generated/openapi.json" with { type: "json" };
import { CursorCodec } from "../../src/testing/cursor.js";
import type { FakeKubeadapt } from "../../src/testing/index.js";
import {
  CURSOR_SECRET,
  errorEnvelope,
  json,
  type Mutant,
  on,
  onBody,
  onRequest,
  TOKEN,
} from "./mutant-proxy.js";

const WORKLOAD_KINDS = spec.components.schemas.WorkloadKind.enum as string[];
/** The paging parameters whose 400s other checks already compare the code of. */
const PAGING = new Set(["limit", "page", "per_page"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Serves the parent `pick` chooses instead of the one in the path (`$1` id `$2`). */
function redirectParent(
  pattern: RegExp,
  pick: (fake: FakeKubeadapt) => string | undefined,
): Mutant["layer"] {
  return (request, next, fake) => {
    const url = new URL(request.url);
    url.pathname = url.pathname.replace(pattern, `$1${pick(fake) ?? ""}$2`);
    return next(new Request(url, request));
  };
}

/**
 * Reads a cursor's payload without checking its signature, as a server that trusts its cursors
 * does, and signs it again for the fake: a changed cursor is then served as whatever it says.
 */
function trustCursors(): Mutant["layer"] {
  const codec = new CursorCodec(CURSOR_SECRET);
  return async (request, next) => {
    const url = new URL(request.url);
    const cursor = url.searchParams.get("cursor");
    let payload: Record<string, unknown> | undefined;
    try {
      const text = atob((cursor ?? "").replace(/-/g, "+").replace(/_/g, "/"));
      payload = JSON.parse(text);
    } catch {
      return next(request);
    }
    if (!payload || typeof payload !== "object") return next(request);
    const { v: _v, sig: _sig, ...rest } = payload;
    url.searchParams.set("cursor", await codec.encode(rest as never));
    return next(new Request(url, request));
  };
}

/** Parameters that are not the query a cursor is bound to. */
const UNBOUND = new Set(["cursor", "include_total"]);

/**
 * A server that remembers the request that issued each cursor and, when the cursor comes back,
 * lets `restore` rewrite the request from it before serving: what it restores is not bound.
 */
function cursorMemory(restore: (url: URL, issued: URL) => void): Mutant["layer"] {
  const issued = new Map<string, URL>();
  return async (request, next) => {
    const url = new URL(request.url);
    const cursor = url.searchParams.get("cursor");
    const first = cursor ? issued.get(cursor) : undefined;
    if (first) restore(url, first);
    const response = await next(first ? new Request(url, request) : request);
    const body = await response
      .clone()
      .json()
      .catch(() => undefined);
    const nextCursor = body?.meta?.pagination?.next_cursor;
    if (typeof nextCursor === "string" && nextCursor !== "") issued.set(nextCursor, url);
    return response;
  };
}

/**
 * A reused cursor on a path `pattern` matches continues the walk it was issued for, whatever
 * query it now comes with (only `cursor` and `include_total` are read from the request).
 */
function unboundOn(pattern: RegExp): Mutant["layer"] {
  return cursorMemory((url, issued) => {
    if (!pattern.test(url.pathname)) return;
    const kept = [...url.searchParams].filter(([key]) => UNBOUND.has(key));
    const restored = [...issued.searchParams].filter(([key]) => !UNBOUND.has(key));
    url.search = new URLSearchParams([...restored, ...kept]).toString();
  });
}

/** Auth that checks only that a Bearer token is present: any token reads the tenant. */
const presenceOnlyAuth = onRequest((_url, headers) => {
  if (/^Bearer \S+$/.test(headers.get("authorization") ?? ""))
    headers.set("authorization", `Bearer ${TOKEN}`);
});

/** Drops a query parameter before the fake sees it: the server ignores that filter. */
const ignoreParam = (name: string) => onRequest((url) => url.searchParams.delete(name));

/** Server bugs in how requests are read: filters, scoping, auth, parameter validation. */
export const REQUEST_MUTANTS: readonly Mutant[] = [
  {
    id: "filter-provider-ignored",
    bug: "GET /v1/clusters ignores ?provider=",
    catches: ["filters"],
    layer: on(/^\/v1\/clusters$/, ignoreParam("provider")),
  },
  {
    id: "filter-kind-ignored",
    bug: "workload lists ignore ?kind=",
    catches: ["filters"],
    layer: ignoreParam("kind"),
  },
  {
    id: "filter-status-ignored",
    bug: "GET /v1/recommendations ignores ?status=",
    catches: ["filters"],
    layer: on(/^\/v1\/recommendations$/, ignoreParam("status")),
  },
  {
    id: "filter-capacity-type-ignored",
    bug: "node lists ignore ?capacity_type=",
    catches: ["filters"],
    layer: ignoreParam("capacity_type"),
  },
  {
    id: "filter-drops-last-match",
    bug: "a filtered workload list loses its last row (off by one when filtering after the query)",
    catches: ["filters"],
    layer: on(
      /^\/v1\/workloads$/,
      onBody((body, { url }) => {
        const filtered = ["kind", "namespace", "cluster_id"].some((p) => url.searchParams.has(p));
        if (filtered && body?.meta?.pagination?.has_more === false) body.data.pop();
      }),
    ),
  },
  {
    id: "filter-lost-after-page-1",
    bug: "the kind filter holds on page 1 only: later pages come from the unfiltered list",
    catches: ["filters"],
    layer: onBody((body, { url, fake }) => {
      const kind = url.searchParams.get("kind");
      if (!kind || !url.searchParams.has("cursor") || !Array.isArray(body?.data)) return;
      const others = fake.data.workloads.filter((w) => w.metadata.workload_kind !== kind);
      body.data = body.data.map((_: unknown, i: number) => others[i]);
    }),
  },
  {
    id: "nested-workloads-leak",
    bug: "/v1/clusters/{id}/workloads serves the workloads of every cluster",
    catches: ["nested-collections"],
    layer: onRequest((url) => {
      url.pathname = url.pathname.replace(/^\/v1\/clusters\/[^/]+\/workloads$/, "/v1/workloads");
    }),
  },
  {
    id: "nested-node-groups-leak",
    bug: "/v1/clusters/{id}/node-groups serves every node group",
    catches: ["nested-collections"],
    layer: onRequest((url) => {
      url.pathname = url.pathname.replace(
        /^\/v1\/clusters\/[^/]+\/node-groups$/,
        "/v1/node-groups",
      );
    }),
  },
  {
    id: "nested-nodes-first-cluster",
    bug: "/v1/clusters/{id}/nodes always serves the first cluster's nodes",
    catches: ["nested-collections"],
    layer: redirectParent(
      /^(\/v1\/clusters\/)[^/]+(\/nodes)$/,
      (fake) => fake.data.clusters[0]?.id,
    ),
  },
  {
    id: "pods-of-another-workload",
    bug: "/v1/workloads/{uid}/pods serves the pods of the costliest workload",
    catches: ["nested-collections"],
    layer: redirectParent(
      /^(\/v1\/workloads\/)[^/]+(\/pods)$/,
      (fake) => fake.data.workloads[0]?.id,
    ),
  },
  {
    id: "pods-404",
    bug: "/v1/workloads/{uid}/pods answers 404 for a workload its list holds",
    catches: ["nested-collections"],
    layer: on(/^\/v1\/workloads\/[^/]+\/pods$/, async () =>
      json(errorEnvelope("NOT_FOUND", "workload not found"), 404),
    ),
  },
  {
    id: "get-cluster-returns-first",
    bug: "GET /v1/clusters/{id} returns the first cluster whatever the id",
    catches: ["single-resources"],
    layer: on(
      /^\/v1\/clusters\/[^/]+$/,
      onBody((body, { status, fake }) => {
        if (status === 200) body.data = fake.data.clusters[0];
      }),
    ),
  },
  {
    id: "get-team-returns-neighbour",
    bug: "GET /v1/teams/{id} returns the next team in the list (off by one)",
    catches: ["single-resources"],
    layer: on(
      /^\/v1\/teams\/[^/]+$/,
      onBody((body, { status, fake }) => {
        const teams = fake.data.teams;
        const i = teams.findIndex((t) => t.id === body?.data?.id);
        if (status === 200 && i >= 0) body.data = teams[(i + 1) % teams.length];
      }),
    ),
  },
  {
    id: "get-team-404",
    bug: "GET /v1/teams/{id} answers 404 for a team its list holds (the lookup reads another table)",
    catches: ["single-resources"],
    layer: on(/^\/v1\/teams\/[^/]+$/, async () =>
      json(errorEnvelope("NOT_FOUND", "team not found"), 404),
    ),
  },
  {
    id: "lookup-ignores-kind",
    bug: "GET /v1/clusters/{id} finds any resource by id, whatever its kind",
    catches: ["single-resources"],
    layer: on(
      /^\/v1\/clusters\/[^/]+$/,
      onBody((body, { url, status, fake }) => {
        const id = url.pathname.split("/")[3];
        const found = Object.values(fake.data)
          .flatMap((list) => (Array.isArray(list) ? list : []))
          .find((item) => item?.id === id);
        if (status === 404 && found) return { status: 200, body: { data: found, meta: body.meta } };
        return undefined;
      }),
    ),
  },
  {
    id: "cursor-signature-unchecked",
    bug: "a cursor's payload is trusted without checking its signature (a changed cursor is served)",
    catches: ["invalid-cursor"],
    layer: trustCursors(),
  },
  {
    id: "cursor-keeps-dropped-filter",
    bug: "a reused cursor is checked against the parameters the request sends only: a filter, cost_mode or limit it drops is restored from the cursor's query",
    catches: ["cursor-query-changed"],
    layer: cursorMemory((url, issued) => {
      for (const [key, value] of issued.searchParams) {
        if (!UNBOUND.has(key) && !url.searchParams.has(key)) url.searchParams.set(key, value);
      }
    }),
  },
  {
    id: "recommendations-cursor-unbound",
    bug: "GET /v1/recommendations continues the walk a cursor was issued for, whatever query it is reused with",
    catches: ["cursor-query-changed"],
    layer: unboundOn(/^\/v1\/recommendations$/),
  },
  {
    id: "cursor-unbound-off-workloads",
    bug: "every list but /v1/workloads, /v1/recommendations and a cluster's workloads continues the walk a cursor was issued for, whatever query it is reused with",
    catches: ["cursor-query-changed"],
    layer: unboundOn(
      /^(?!\/v1\/workloads$|\/v1\/recommendations$|\/v1\/clusters\/[^/]+\/workloads$)/,
    ),
  },
  {
    id: "assignments-cursor-unbound",
    bug: "GET /v1/teams/{team_id}/assignments continues the walk a cursor was issued for, whatever limit it is reused with",
    catches: ["cursor-query-changed"],
    layer: unboundOn(/\/assignments$/),
  },
  {
    id: "cursor-unbound-to-parent",
    bug: "a cursor is bound to the query string, not the path: a nested list's cursor reused under another parent continues its own parent's walk",
    catches: ["cursor-query-changed"],
    layer: cursorMemory((url, issued) => {
      url.pathname = issued.pathname;
    }),
  },
  {
    id: "unknown-token-accepted",
    bug: "any Bearer token is accepted (presence-only auth)",
    catches: ["auth-tokens", "unauthorized"],
    layer: presenceOnlyAuth,
  },
  {
    id: "unknown-token-accepted-off-workloads",
    bug: "any Bearer token is accepted except on /v1/workloads and /v1/organization (route groups with their own auth middleware)",
    catches: ["unauthorized"],
    layer: (request, next, fake) =>
      /\/v1\/(workloads|organization)$/.test(new URL(request.url).pathname)
        ? next(request)
        : presenceOnlyAuth(request, next, fake),
  },
  {
    id: "malformed-scheme-accepted",
    bug: "the token is read from any scheme (Basic abc, Token abc)",
    catches: ["auth-tokens"],
    layer: onRequest((_url, headers) => {
      const value = headers.get("authorization");
      if (value && !value.startsWith("Bearer")) headers.set("authorization", `Bearer ${TOKEN}`);
    }),
  },
  {
    id: "empty-bearer-accepted",
    bug: "Authorization: Bearer with no token passes as the default tenant",
    catches: ["auth-tokens"],
    layer: onRequest((_url, headers) => {
      if (headers.get("authorization") === "Bearer")
        headers.set("authorization", `Bearer ${TOKEN}`);
    }),
  },
  {
    id: "limit-parse-int",
    bug: "limit is read with parseInt: 2.5 is 2, 20abc is 20",
    catches: ["parameter-values"],
    layer: onRequest((url) => {
      const limit = url.searchParams.get("limit");
      if (limit && /^[0-9]+\D/.test(limit))
        url.searchParams.set("limit", String(Number.parseInt(limit, 10)));
    }),
  },
  {
    id: "empty-limit-is-default",
    bug: "limit= (empty) is treated as absent",
    catches: ["parameter-values"],
    layer: onRequest((url) => {
      if (url.searchParams.get("limit") === "") url.searchParams.delete("limit");
    }),
  },
  {
    id: "enum-not-validated",
    bug: "an unknown kind is ignored instead of rejected",
    catches: ["parameter-values"],
    layer: onRequest((url) => {
      const kind = url.searchParams.get("kind");
      if (kind !== null && !WORKLOAD_KINDS.includes(kind)) url.searchParams.delete("kind");
    }),
  },
  {
    id: "enum-case-insensitive",
    bug: "enum values match case-insensitively (RUNNING, aws → AWS)",
    catches: ["parameter-values"],
    layer: onRequest((url) => {
      for (const name of ["provider", "phase", "status", "cost_mode", "type", "group_by"]) {
        const value = url.searchParams.get(name);
        if (value && value === value.toUpperCase()) url.searchParams.set(name, value.toLowerCase());
      }
    }),
  },
  {
    id: "bad-uuid-query-500",
    bug: "a cluster_id filter that is not a UUID crashes the database query (500)",
    catches: ["parameter-values"],
    layer: async (request, next) => {
      const id = new URL(request.url).searchParams.get("cluster_id");
      if (id !== null && !UUID.test(id))
        return json(errorEnvelope("INTERNAL_ERROR", "invalid input syntax for type uuid"), 500);
      return next(request);
    },
  },
  {
    id: "bad-uuid-path-404",
    bug: "a path id that is not a UUID is 404 instead of 400",
    catches: ["parameter-values"],
    layer: async (request, next) => {
      const segments = new URL(request.url).pathname.split("/");
      const id = segments[3];
      if (id !== undefined && id !== "" && !UUID.test(id))
        return json(errorEnvelope("NOT_FOUND", "resource not found"), 404);
      return next(request);
    },
  },
  {
    id: "date-rolls-over",
    bug: "start=2026-02-30 is read by Date and rolls over to March 2",
    catches: ["parameter-values"],
    layer: onRequest((url) => {
      for (const name of ["start", "end"]) {
        const value = url.searchParams.get(name);
        const ms = value ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
        if (value && !Number.isNaN(ms))
          url.searchParams.set(name, new Date(ms).toISOString().slice(0, 10));
      }
    }),
  },
  {
    id: "boolean-truthy",
    bug: "include_total accepts any truthy string (yes, 1)",
    catches: ["parameter-values"],
    layer: onRequest((url) => {
      const value = url.searchParams.get("include_total");
      if (value === "yes" || value === "1") url.searchParams.set("include_total", "true");
    }),
  },
  {
    id: "bad-request-without-field",
    bug: "400 BAD_REQUEST errors carry no details (the field at fault is not named)",
    catches: ["parameter-values", "limit-bounds"],
    layer: onBody((body) => {
      if (body?.error?.code === "BAD_REQUEST") body.error.details = [];
    }),
  },
  {
    id: "bad-value-wrong-code",
    bug: "a 400 for a bad enum, UUID, date or boolean says INVALID_CURSOR (a shared validator's default); limit and Cost Explorer's paging keep BAD_REQUEST",
    catches: ["parameter-values"],
    layer: onBody((body, { status }) => {
      const field = body?.error?.details?.[0]?.field;
      if (status === 400 && body.error.code === "BAD_REQUEST" && !PAGING.has(field)) {
        body.error.code = "INVALID_CURSOR";
      }
    }),
  },
];
