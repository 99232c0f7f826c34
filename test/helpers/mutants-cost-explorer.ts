import type { FakeKubeadapt } from "../../src/testing/index.js";
import { type Body, json, type Mutant, on, onBody, onRequest } from "./mutant-proxy.js";
import { ignoreDirectOn } from "./mutants-coverage.js";

/** The groupings whose keys are ids of a family other than clusters. */
const ID_GROUPINGS = ["team", "department", "workload"];

const COST_EXPLORER = /^\/v1\/cost-explorer$/;

/** Cost Explorer with cost_mode=direct served fully loaded, labelled direct. */
const directIgnored = ignoreDirectOn(COST_EXPLORER);

/** Whether a query value is a real calendar day (`YYYY-MM-DD`), which the server accepts. */
function isDay(value: string | null): boolean {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/**
 * Cost Explorer grouped by cluster without the row of `dropped`'s cluster, pages re-cut from the
 * rest so that every page stays full and `page_info` consistent: the query lost the group.
 */
function dropClusterRow(dropped: (fake: FakeKubeadapt) => string): Mutant["layer"] {
  return on(COST_EXPLORER, async (request, next, fake) => {
    const url = new URL(request.url);
    const response = await next(request);
    if (response.status !== 200 || (url.searchParams.get("group_by") ?? "cluster") !== "cluster")
      return response;
    const body: Body = await response.json();
    url.searchParams.set("page", "1");
    url.searchParams.set("per_page", "500");
    const all: Body = await (await next(new Request(url, request))).json();
    const id = dropped(fake);
    const rows = all.data.filter((row: Body) => row.group.key !== id);
    const info = body.meta.page_info;
    body.data = rows.slice((info.page - 1) * info.per_page, info.page * info.per_page);
    info.total_count = rows.length;
    info.total_pages = Math.ceil(rows.length / info.per_page);
    return json(body);
  });
}

/**
 * Server bugs in what Cost Explorer's rows are (the contract audit s25-pass2's false passes):
 * rows of another grouping, or keys that are no id of their group.
 */
export const CE_MUTANTS: readonly Mutant[] = [
  {
    id: "ce-groupby-relabel",
    bug: "Cost Explorer with group_by=team, department or workload serves the clusters' rows, each labelled with the dimension asked for",
    catches: ["cost-explorer"],
    layer: on(COST_EXPLORER, async (request, next, fake) => {
      const url = new URL(request.url);
      const asked = url.searchParams.get("group_by") ?? "";
      if (!ID_GROUPINGS.includes(asked)) return next(request);
      url.searchParams.set("group_by", "cluster");
      const relabel = onBody((body: Body) => {
        for (const row of Array.isArray(body?.data) ? body.data : []) row.group.dimension = asked;
      });
      return relabel(new Request(url, request), next, fake);
    }),
  },
  {
    id: "ce-drops-cluster",
    bug: "Cost Explorer grouped by cluster leaves out the oldest cluster (an INNER JOIN with a per-cluster table that lacks its row), pages re-cut so they stay full",
    catches: ["cost-explorer"],
    layer: dropClusterRow(
      (fake) =>
        [...fake.data.clusters].sort((a, b) =>
          a.metadata.created_at < b.metadata.created_at ? -1 : 1,
        )[0]?.id ?? "",
    ),
  },
  {
    id: "ce-keys-bogus",
    bug: "Cost Explorer grouped by team, department or workload writes a surrogate row id as group.key (names right, ids unknown to /v1/{teams,departments,workloads})",
    catches: ["cost-explorer"],
    layer: on(
      COST_EXPLORER,
      onBody((body: Body, { url }) => {
        if (!ID_GROUPINGS.includes(url.searchParams.get("group_by") ?? "")) return;
        for (const row of Array.isArray(body?.data) ? body.data : []) {
          row.group.key = `0b0b0b0b-0000-4000-8000-${String(row.group.key).replace(/-/g, "").slice(-12)}`;
        }
      }),
    ),
  },
  {
    id: "ce-cost-mode-namespace-only",
    bug: "Cost Explorer applies cost_mode=direct to group_by=namespace only: grouped by workload, team or department it serves the fully loaded totals, labelled direct",
    catches: ["cost-mode"],
    layer: (request, next, fake) =>
      ID_GROUPINGS.includes(new URL(request.url).searchParams.get("group_by") ?? "")
        ? directIgnored(request, next, fake)
        : next(request),
  },
  {
    id: "ce-ignores-window",
    bug: "Cost Explorer validates start and end (a bad date is still 400) but always serves the default window",
    catches: ["cost-explorer"],
    layer: on(
      COST_EXPLORER,
      onRequest((url) => {
        const { searchParams: q } = url;
        if (!q.has("start") && !q.has("end")) return;
        if ((q.has("start") && !isDay(q.get("start"))) || (q.has("end") && !isDay(q.get("end"))))
          return;
        q.delete("start");
        q.delete("end");
      }),
    ),
  },
  {
    id: "ce-tie-key-desc",
    bug: "Cost Explorer grouped by team, department or workload breaks ties in cost.total by group.key descending (a DESC copied onto that query's second ORDER BY column)",
    catches: ["cost-explorer"],
    layer: on(
      COST_EXPLORER,
      onBody((body: Body, { url }) => {
        if (!ID_GROUPINGS.includes(url.searchParams.get("group_by") ?? "")) return;
        if (!Array.isArray(body?.data)) return;
        const units = (row: Body) => BigInt(String(row.cost.total.amount).replace(".", ""));
        body.data.sort((a: Body, b: Body) => {
          const d = units(b) - units(a);
          if (d !== 0n) return d > 0n ? 1 : -1;
          return a.group.key < b.group.key ? 1 : a.group.key > b.group.key ? -1 : 0;
        });
      }),
    ),
  },
];
