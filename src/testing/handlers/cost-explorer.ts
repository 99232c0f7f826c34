import type { CostExplorerRow } from "../../types.js";
import { hourlyUnits } from "../data/common.js";
import type { View } from "../data/store.js";
import { usd } from "../money.js";
import { badRequest, ok } from "../respond.js";
import type { CostExplorerGroupBy } from "../spec-types.js";
import type { Handler } from "./context.js";

const DAY_MS = 86_400_000;
const GROUP_BYS: readonly CostExplorerGroupBy[] = [
  "cluster",
  "namespace",
  "workload",
  "team",
  "department",
];

interface Group {
  key: string;
  name: string;
  units: bigint;
}

function groups(view: View, by: CostExplorerGroupBy): Group[] {
  switch (by) {
    case "cluster":
      return view.clusters.map((c) => ({
        key: c.id,
        name: c.metadata.name,
        units: hourlyUnits(c),
      }));
    case "namespace":
      return view.namespaces.map((n) => ({
        key: `${n.metadata.cluster.name}/${n.metadata.name}`,
        name: n.metadata.name,
        units: hourlyUnits(n),
      }));
    case "workload":
      return view.workloads.map((w) => ({
        key: w.id,
        name: w.metadata.name,
        units: hourlyUnits(w),
      }));
    case "team":
      return view.teams.map((t) => ({ key: t.id, name: t.metadata.name, units: hourlyUnits(t) }));
    case "department":
      return view.departments.map((d) => ({
        key: d.id,
        name: d.metadata.name,
        units: hourlyUnits(d),
      }));
  }
}

/**
 * Every Cost Explorer row for a window of `days` whole days, sorted by `cost.total` descending
 * (numerically), then `group.key` ascending. A group's total is its hourly run rate × 24 × days,
 * exactly, so the rows of a dimension sum to the sum of its run rates over the window.
 */
export function costExplorerRows(
  view: View,
  by: CostExplorerGroupBy,
  days: number,
): CostExplorerRow[] {
  const memoKey = `cost-explorer:${by}:${days}`;
  const cached = view.memo.get(memoKey) as CostExplorerRow[] | undefined;
  if (cached) return cached;
  const rows = groups(view, by)
    .map((g) => ({ g, total: g.units * 24n * BigInt(days) }))
    .sort((a, b) =>
      a.total !== b.total
        ? a.total > b.total
          ? -1
          : 1
        : a.g.key < b.g.key
          ? -1
          : a.g.key > b.g.key
            ? 1
            : 0,
    )
    .map(
      ({ g, total }): CostExplorerRow => ({
        group: { dimension: by, key: g.key, name: g.name },
        cost: { total: usd(total), cost_mode: view.mode },
      }),
    );
  view.memo.set(memoKey, rows);
  return rows;
}

/** GET /v1/cost-explorer: offset pagination (`page`/`per_page`, `meta.page_info`). */
export const queryCostExplorer: Handler = (ctx) => {
  const q = ctx.query;
  const today = Math.floor(ctx.now / DAY_MS) * DAY_MS;
  const start =
    q.date("start") ?? Date.UTC(new Date(today).getUTCFullYear(), new Date(today).getUTCMonth(), 1);
  const end = q.date("end") ?? today;
  if (start > end) throw badRequest("start", "after_end", "start must not be after end");
  const groupBy = q.oneOf("group_by", GROUP_BYS) ?? "cluster";
  const mode = q.costMode();
  const page = q.integer("page", 1, Number.POSITIVE_INFINITY, 1);
  const perPage = q.integer("per_page", 1, 500, 100);
  const rows = costExplorerRows(ctx.store.view(mode), groupBy, (end - start) / DAY_MS + 1);
  const offset = (page - 1) * perPage;
  const pageInfo = {
    page,
    per_page: perPage,
    total_count: rows.length,
    total_pages: Math.ceil(rows.length / perPage),
  };
  return ok(ctx.base, rows.slice(offset, offset + perPage), mode, { page_info: pageInfo });
};
