import { isPaginationLimitError, type Paginator } from "../../index.js";
import {
  addDecimals,
  compareDecimals,
  type Decimal,
  formatDecimal,
  parseDecimal,
} from "../../money/decimal.js";
import type { CheckContext, ContractCheck } from "../context.js";
import { expectError, expectStatus } from "../expect.js";
import { COST_EXPLORER, pathParamNames } from "../families.js";
import { offsetPageProblems } from "../offset-pages.js";
import { queryDefault } from "../page-defaults.js";
import type { Probe } from "../probe.js";
import { listParameters, schemaOf } from "../spec-lists.js";
import { type ClusterWindow, expectEveryClusterRow } from "../window-clusters.js";

/** The spec's `group_by` values, and the one a request without it gets. */
function groupings(): { values: string[]; fallback: string } {
  const param = listParameters(COST_EXPLORER).find((p) => p.name === "group_by");
  const values = ((param ? schemaOf(param).enum : undefined) ?? []) as string[];
  // The spec gives the default in the parameter's description only: its schema is a `$ref`
  // to the enum, which carries no `default` of its own.
  const fallback = queryDefault(COST_EXPLORER, "group_by") ?? "cluster";
  return { values, fallback: String(fallback) };
}

/** Rows per page of the walks: a quarter of the cursor walks' page size, for more pages. */
const perPageOf = (walkLimit: number) => Math.max(1, Math.floor(walkLimit / 4));

type PaginateOffset = (path: string, init: object) => Paginator<unknown>;

/** One walk of Cost Explorer by `group_by`, and what its pages got wrong. */
async function walkOnce(
  { probe, walkLimit, maxWalkPages }: CheckContext,
  groupBy: string | undefined,
): Promise<string[]> {
  const perPage = perPageOf(walkLimit);
  const start = probe.exchanges.length;
  let complete = false;
  let failure: string | undefined;
  try {
    const walk = (probe.ka.paginateOffset as unknown as PaginateOffset)(COST_EXPLORER, {
      params: { query: { per_page: perPage, group_by: groupBy } },
      prefetch: 0,
      maxPages: maxWalkPages,
    });
    for await (const _ of walk.pages()) {
      // Checked from the raw responses below.
    }
    complete = true;
  } catch (error) {
    const e = error as Error;
    if (isPaginationLimitError(error)) {
      probe.note(`Cost Explorer walk capped at ${maxWalkPages} pages`);
    } else {
      failure = `/v1/cost-explorer: the walk failed: ${e.name}: ${e.message}`;
    }
  }
  const grouped = groupBy ?? groupings().fallback;
  const problems = offsetPageProblems(probe.exchanges.slice(start), perPage, complete, grouped);
  return failure ? [failure, ...problems] : problems;
}

/** Rows of page 1 of the groupings not walked: enough to hold a run of equal totals. */
const TIE_PAGE = 50;

/** Per `group_by` whose keys are ids, the GET of one resource of that family. */
const FAMILY_OF: Record<string, string> = {
  cluster: "/v1/clusters/{cluster_id}",
  team: "/v1/teams/{team_id}",
  department: "/v1/departments/{department_id}",
  workload: "/v1/workloads/{workload_uid}",
};

/** Rows of page 1 whose key is looked up in its family, per grouping (one GET each). */
const KEYS_LOOKED_UP = 3;

/**
 * A row's `group.key` is the "stable id of the group" (CostExplorerRow): its first rows' keys
 * must be ids of the `group_by` family, with that resource's name. A server that ignores
 * `group_by` but writes the dimension asked for (other rows relabelled), or writes a surrogate
 * id, has none. A live group may be gone since (a window's costs outlive a deleted workload) or
 * renamed: only a page on which no looked-up key is its family's fails.
 */
async function expectFamilyKeys(probe: Probe, groupBy: string, rows: unknown): Promise<void> {
  const template = FAMILY_OF[groupBy];
  if (!template || !Array.isArray(rows)) return;
  const [param] = pathParamNames(template);
  const looked: string[] = [];
  let known = 0;
  for (const row of rows.slice(0, KEYS_LOOKED_UP)) {
    const key = row?.group?.key;
    const name = row?.group?.name;
    if (typeof key !== "string" || !param) continue;
    const ex = await probe.get(
      template as "/v1/clusters/{cluster_id}",
      {
        params: { path: { [param]: key } },
      } as never,
    );
    const found = ex.status === 200 ? ex.body?.data?.metadata?.name : undefined;
    if (ex.status === 200 && found === name) known++;
    else
      looked.push(
        ex.status === 200
          ? `${key} is named ${JSON.stringify(found)}, the row says ${JSON.stringify(name)}`
          : `${ex.label} is ${ex.status}`,
      );
  }
  if (known === 0 && looked.length > 0) {
    probe.fail(
      `${COST_EXPLORER}?group_by=${groupBy}: no group key of page 1's first ${looked.length} rows is a ${groupBy} of that name (e.g. ${looked[0]}): the rows are not grouped by ${groupBy}, or their keys are not its ids`,
    );
  } else if (looked.length > 0) {
    probe.note(
      `${COST_EXPLORER}?group_by=${groupBy}: ${looked.length} of page 1's first rows name no current ${groupBy} (e.g. ${looked[0]}): gone or renamed since`,
    );
  }
}

const DAY_MS = 86_400_000;

/** A Cost Explorer row's key and total, as sent. */
type Totalled = {
  group?: { key?: unknown };
  cost?: { total?: { amount?: unknown; currency?: unknown } };
};

/** The UTC day `daysAgo` days before today, as `YYYY-MM-DD`. */
const dayBefore = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);

/** A window by cluster as summed: its total, its rows and what {@link ClusterWindow} needs. */
type WindowSum = ClusterWindow & { sum: Decimal; rows: number };

/**
 * The sum of Cost Explorer's totals by cluster over a window (one page of 500), and its rows;
 * undefined, with a note, when it cannot be summed exactly (several pages or currencies).
 */
async function windowSum(probe: Probe, start: string, end: string): Promise<WindowSum | undefined> {
  const ex = await probe.get(COST_EXPLORER, {
    params: { query: { group_by: "cluster", per_page: 500, start, end } },
  });
  if (!expectStatus(probe, ex, 200)) return undefined;
  const rows: Totalled[] = Array.isArray(ex.body?.data) ? ex.body.data : [];
  if ((ex.body?.meta?.page_info?.total_pages ?? 1) > 1) {
    probe.note(`${ex.label}: more than one page of clusters, windows not compared`);
    return undefined;
  }
  const currencies = new Set(rows.map((r) => r?.cost?.total?.currency));
  if (currencies.size > 1) {
    probe.note(`${ex.label}: several currencies, windows not compared`);
    return undefined;
  }
  let sum: Decimal = { units: 0n, scale: 0 };
  try {
    for (const row of rows)
      sum = addDecimals(sum, parseDecimal(row?.cost?.total?.amount, "amount"));
  } catch {
    return undefined; // a malformed amount is the schema checks' to report
  }
  const keys = new Set(rows.map((row) => String(row?.group?.key)));
  return { sum, rows: rows.length, start, label: ex.label, keys };
}

/**
 * The window is applied (`start`/`end`, both inclusive): two single days cost together no more
 * than the two-day window made of them, as exact sums by cluster. Past days, read one after the
 * other and the two-day window last: a live cost that grows (late usage data) only widens the
 * margin. Each row may round once per read, so the days may exceed the window by 0.0001 a row.
 * A server that ignores the window serves the same (default) window three times: twice its
 * total exceeds it. Returns the two-day window, when it was read whole.
 */
async function expectWindowApplied(probe: Probe): Promise<WindowSum | undefined> {
  const [first, second] = [dayBefore(2), dayBefore(1)];
  const a = await windowSum(probe, first, first);
  const b = await windowSum(probe, second, second);
  const both = await windowSum(probe, first, second);
  if (!a || !b || !both) return both;
  const days = addDecimals(a.sum, b.sum);
  const slack: Decimal = { units: BigInt(a.rows + b.rows), scale: 4 };
  if (compareDecimals(days, addDecimals(both.sum, slack)) > 0) {
    probe.fail(
      `${COST_EXPLORER}: by cluster, ${first} costs ${formatDecimal(a.sum)} and ${second} ${formatDecimal(b.sum)}, together more than the window ${first}..${second} (${formatDecimal(both.sum)}): start and end are not applied`,
    );
  }
  return both;
}

/** Check 9b: Cost Explorer's offset pagination. */
export const costExplorer: ContractCheck = {
  id: "cost-explorer",
  title:
    "Cost Explorer pages by page/per_page: per_page 0 or 501 is 400 naming per_page; page_info is consistent; rows are grouped by the group_by asked for, their keys ids of that family; two days cost no more than the window made of them, which has a row for every cluster running since before it",
  async run(ctx) {
    const { probe, mode } = ctx;
    for (const perPage of [0, 501]) {
      const ex = await probe.get(COST_EXPLORER, { params: { query: { per_page: perPage } } });
      // CostExplorerBadRequest: "`details[].field` names it", in any detail (unlike `limit`).
      expectError(probe, ex, {
        status: 400,
        code: "BAD_REQUEST",
        field: "per_page",
        fieldAt: "any",
      });
    }
    if (mode === "mock") {
      probe.note("page_info consistency and row order are live-only: Prism serves examples");
      return undefined;
    }
    for (const groupBy of [undefined, "namespace"]) {
      let problems = await walkOnce(ctx, groupBy);
      // The default window runs to today, whose costs grow while the suite walks: rows move
      // between offset pages. A problem counts only if a second walk shows one too.
      if (problems.length > 0 && !probe.interruption) {
        const first = problems[0];
        problems = await walkOnce(ctx, groupBy);
        if (problems.length === 0) {
          probe.note(`${first} on a first walk, not on a second: the rows changed during it`);
        }
      }
      for (const problem of problems) probe.fail(problem);
    }
    // Every other grouping, page 1 only: a server that ignores group_by answers with another
    // dimension's rows, which page 1 shows (one request each).
    for (const groupBy of groupings().values.filter((v) => v !== "namespace")) {
      // Larger than the walks' pages: a grouping's equal totals (workloads of one size) come in
      // runs, which a page must hold to show their tie-break.
      const perPage = TIE_PAGE;
      const ex = await probe.get(COST_EXPLORER, {
        params: { query: { per_page: perPage, group_by: groupBy as "cluster" } },
      });
      if (!expectStatus(probe, ex, 200)) continue;
      for (const problem of offsetPageProblems([ex], perPage, false, groupBy)) probe.fail(problem);
      await expectFamilyKeys(probe, groupBy, ex.body?.data);
    }
    const window = await expectWindowApplied(probe);
    if (window) await expectEveryClusterRow(probe, window);
    return undefined;
  },
};
