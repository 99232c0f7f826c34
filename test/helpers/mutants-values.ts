import { type Body, type Mutant, on, onBody } from "./mutant-proxy.js";

/** Calls `edit` on every Money (`amount` and `currency`) inside `value`. */
function eachMoney(value: Body, edit: (money: Body) => void): void {
  if (Array.isArray(value)) for (const item of value) eachMoney(item, edit);
  else if (value && typeof value === "object") {
    if (typeof value.amount === "string" && typeof value.currency === "string") edit(value);
    else for (const child of Object.values(value)) eachMoney(child, edit);
  }
}

/** Calls `edit` on every CostSummary (a run rate and a projected month) inside `value`. */
export function eachCost(value: Body, edit: (cost: Body) => void): void {
  if (Array.isArray(value)) for (const item of value) eachCost(item, edit);
  else if (value && typeof value === "object") {
    if (value.current_run_rate_hourly && value.projected_monthly) edit(value);
    for (const child of Object.values(value)) eachCost(child, edit);
  }
}

/** A Money amount (four decimals) in units of 0.0001, and back. */
export const toUnits = (amount: string) => BigInt(amount.replace(".", ""));
export function fromUnits(units: bigint): string {
  const digits = units.toString().padStart(5, "0");
  return `${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** Every response but the dashboard's (whose projection dashboard-totals already checked). */
const NOT_DASHBOARD = /^\/v1\/(?!organization\/dashboard$)/;

/**
 * Serves a by-id GET of `family` with the data of another resource of its page 1 (the first
 * whose id differs), under the id asked for: a lookup that keys on the wrong column, but
 * writes the asked id back.
 */
function otherItemUnderId(): Mutant["layer"] {
  return on(
    /^\/v1\/(clusters|teams|recommendations|namespaces|departments)\/[^/]+$/,
    async (request, next) => {
      const response = await next(request);
      if (response.status !== 200) return response;
      const url = new URL(request.url);
      const [, , family, id] = url.pathname.split("/");
      const page = new Request(new URL(`/v1/${family}?limit=2`, url), request);
      const other = (await (await next(page)).json())?.data?.find((i: Body) => i.id !== id);
      if (!other) return response;
      // The other resource read as asked (its cost_mode too), its id replaced.
      const read = new Request(new URL(`/v1/${family}/${other.id}${url.search}`, url), request);
      const body = await (await next(read)).json();
      body.data.id = id;
      body.meta = (await response.json()).meta;
      return new Response(JSON.stringify(body), response);
    },
  );
}

/** What a provider bills: clusters (a list and by id), node groups and nodes. */
const BILLED = /^\/v1\/clusters(\/[^/]+)?$|^\/v1\/node-groups$|\/nodes$|\/node-groups$/;

/** The workload family: the list, a cluster's workloads, a workload by id and its pods. */
const WORKLOADS = /^\/v1\/workloads|^\/v1\/clusters\/[^/]+\/workloads$/;

/** Every cost of the responses to `pattern`, run rate and projected month, doubled. */
const doubledOn = (pattern: RegExp): Mutant["layer"] =>
  on(
    pattern,
    onBody((body) =>
      eachCost(body?.data, (cost) => {
        for (const money of [cost.current_run_rate_hourly, cost.projected_monthly])
          money.amount = fromUnits(toUnits(money.amount) * 2n);
      }),
    ),
  );

/**
 * `layer`, except for a request that selects a named example (`Prefer: code, example`): the
 * bug is in the server's data, not in how it serves the spec's examples.
 */
export const notExamples =
  (layer: Mutant["layer"]): Mutant["layer"] =>
  (request, next, fake) =>
    request.headers.has("prefer") ? next(request) : layer(request, next, fake);

/**
 * Server bugs in the values a response carries, which its schema cannot see: currencies,
 * derived amounts, a resource's own fields, timestamps (the contract audit s25's false passes
 * 6-10).
 */
const MUTANTS: readonly Mutant[] = [
  {
    id: "currency-mixed",
    bug: "every second workload of a page has its amounts in EUR, the rest in USD (a per-row currency join)",
    catches: ["full-walks"],
    layer: on(
      WORKLOADS,
      onBody((body) => {
        if (Array.isArray(body?.data)) {
          body.data.forEach((item: Body, i: number) => {
            if (i % 2 === 1) eachMoney(item, (m) => (m.currency = "EUR"));
          });
        }
      }),
    ),
  },
  {
    id: "currency-all-workloads",
    bug: "every workload amount, in lists and by id, is in EUR while clusters and the dashboard are in USD",
    catches: ["full-walks"],
    layer: on(
      WORKLOADS,
      onBody((body) => eachMoney(body?.data, (m) => (m.currency = "EUR"))),
    ),
  },
  {
    id: "single-other-item",
    bug: "GET /v1/{clusters,teams,recommendations,namespaces,departments}/{id} serves another resource's data (name, cluster, created_at, cost) under the id asked for",
    catches: ["single-resources"],
    layer: otherItemUnderId(),
  },
  {
    id: "cluster-direct-lower",
    bug: "with cost_mode=direct, clusters, node groups and nodes cost 10 % less (the billed cost run through the attribution code), though both modes bill the same",
    catches: ["cost-mode"],
    layer: on(
      BILLED,
      onBody((body, { url }) => {
        if (url.searchParams.get("cost_mode") !== "direct") return;
        eachCost(body?.data, (cost) => {
          const rate = cost.current_run_rate_hourly;
          rate.amount = fromUnits((toUnits(rate.amount) * 9n) / 10n);
          cost.projected_monthly.amount = fromUnits(toUnits(rate.amount) * 730n);
        });
      }),
    ),
  },
  {
    id: "department-double-counted",
    bug: "every department, in its list and by id, costs twice its teams (a roll-up query whose JOIN fans out per assignment)",
    catches: ["dashboard-totals"],
    layer: doubledOn(/^\/v1\/departments(\/[^/]+)?$/),
  },
  {
    id: "team-double-counted",
    bug: "every team, in its list and by id, costs twice what it did, while departments stay right (half their teams' sum)",
    catches: ["dashboard-totals"],
    layer: doubledOn(/^\/v1\/teams(\/[^/]+)?$/),
  },
  {
    id: "namespace-double-counted",
    bug: "every namespace, top-level, nested and by id, costs twice the workloads in it (a stale materialized roll-up)",
    catches: ["dashboard-totals"],
    layer: doubledOn(/^\/v1\/namespaces(\/[^/]+)?$|\/v1\/clusters\/[^/]+\/namespaces$/),
  },
  {
    id: "projected-720",
    bug: "every CostSummary but the dashboard's projects a month as 720 hours (30 days), not 730",
    catches: ["full-walks"],
    layer: on(
      NOT_DASHBOARD,
      onBody((body) =>
        eachCost(body?.data, (cost) => {
          cost.projected_monthly.amount = fromUnits(
            toUnits(cost.current_run_rate_hourly.amount) * 720n,
          );
        }),
      ),
    ),
  },
  {
    id: "projected-stale",
    bug: "every projected_monthly but the dashboard's is 0.0000 (a column never filled in)",
    catches: ["full-walks"],
    layer: on(
      NOT_DASHBOARD,
      onBody((body) =>
        eachCost(body?.data, (cost) => {
          cost.projected_monthly.amount = "0.0000";
        }),
      ),
    ),
  },
  {
    id: "applied-at-space",
    bug: "meta.applied_at is written with a space for the T (2026-05-21 10:30:00Z), a database's text form",
    catches: ["envelopes"],
    layer: onBody((body) => {
      if (typeof body?.meta?.applied_at === "string") {
        body.meta.applied_at = body.meta.applied_at.replace("T", " ");
      }
    }),
  },
  {
    id: "applied-at-zero",
    bug: "meta.applied_at is Go's zero time (0001-01-01T00:00:00Z) on every response: the envelope's time field is never set",
    catches: ["envelopes"],
    layer: onBody((body) => {
      if (body?.meta) body.meta.applied_at = "0001-01-01T00:00:00Z";
    }),
  },
  {
    id: "error-applied-at-epoch",
    bug: "the error middleware writes meta.applied_at as the Unix epoch (1970-01-01T00:00:00Z); successes are right",
    catches: ["not-found"],
    layer: onBody((body) => {
      if (body?.error && body.meta) body.meta.applied_at = "1970-01-01T00:00:00Z";
    }),
  },
  {
    id: "updated-at-space",
    bug: "every cost's last_updated_at is written with a space for the T",
    catches: ["full-walks"],
    layer: onBody((body) =>
      eachCost(body?.data, (cost) => {
        cost.last_updated_at = String(cost.last_updated_at).replace("T", " ");
      }),
    ),
  },
];

/** The value mutants; none touches a served example. */
export const VALUE_MUTANTS: readonly Mutant[] = MUTANTS.map((mutant) => ({
  ...mutant,
  layer: notExamples(mutant.layer),
}));
