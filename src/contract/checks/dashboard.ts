import type { Cluster, OrganizationDashboard, Recommendation } from "../../index.js";
import { compare, multiply, sum } from "../../money/index.js";
import { type ContractCheck, needsLiveTarget } from "../context.js";
import { expectStatus } from "../expect.js";
import { walkList } from "../list-walk.js";
import type { Probe } from "../probe.js";
import { HOURS_PER_MONTH } from "../projected.js";
import { rollupMismatches } from "../rollups.js";

/** Clusters whose nodes are counted one request each; past it, `counts.nodes` is not checked. */
const MAX_CLUSTERS_FOR_NODES = 50;

/** `total_count` of a list (one item asked for), or undefined when the request failed. */
async function countOf(
  probe: Probe,
  path: string,
  query: Record<string, string> = {},
  pathParams?: Record<string, string>,
): Promise<number | undefined> {
  const ex = await probe.get(
    path as "/v1/clusters",
    {
      params: { path: pathParams, query: { ...query, limit: 1, include_total: true } },
    } as never,
  );
  if (!expectStatus(probe, ex, 200)) return undefined;
  const total = ex.body?.meta?.pagination?.total_count;
  return Number.isInteger(total) ? total : undefined;
}

/**
 * What differs between the dashboard and the lists, one message each; undefined when a request
 * failed (a violation already) or the clusters were too many to walk (noted).
 */
async function mismatches(probe: Probe, maxPages: number): Promise<string[] | undefined> {
  const ex = await probe.get("/v1/organization/dashboard");
  if (!expectStatus(probe, ex, 200)) return undefined;
  const board = ex.body?.data as OrganizationDashboard | undefined;
  const walk = await walkList(probe, { path: "/v1/clusters", limit: 500, maxPages });
  if (!board?.cost || !board.counts || !walk.complete) return undefined;
  const clusters = walk.items as unknown as Cluster[];
  const out: string[] = [];
  const counted = (what: string, dashboard: number, list: number | undefined, from: string) => {
    if (list !== undefined && dashboard !== list) {
      out.push(`counts.${what} is ${dashboard}, but ${from} counts ${list}`);
    }
  };
  counted("clusters", board.counts.clusters, clusters.length, "/v1/clusters");
  counted(
    "workloads",
    board.counts.workloads,
    await countOf(probe, "/v1/workloads"),
    "/v1/workloads",
  );
  counted(
    "open_recommendations",
    board.counts.open_recommendations,
    await countOf(probe, "/v1/recommendations", { status: "open" }),
    "/v1/recommendations?status=open",
  );
  if (clusters.length <= MAX_CLUSTERS_FOR_NODES) {
    let nodes: number | undefined = 0;
    for (const { id } of clusters) {
      const n = await countOf(probe, "/v1/clusters/{cluster_id}/nodes", {}, { cluster_id: id });
      nodes = n === undefined || nodes === undefined ? undefined : nodes + n;
    }
    counted("nodes", board.counts.nodes, nodes, "/v1/clusters/{cluster_id}/nodes of every cluster");
  } else {
    probe.note(`more than ${MAX_CLUSTERS_FOR_NODES} clusters: counts.nodes not compared`);
  }
  const rate = board.cost.current_run_rate_hourly;
  // One organization's amounts share its billing currency (the spec's Money says so: our
  // assumption, which a dashboard summing the clusters needs); a sum across two would throw.
  const others = new Set(
    clusters.map((c) => c.cost.current_run_rate_hourly.currency).filter((c) => c !== rate.currency),
  );
  if (others.size > 0) {
    out.push(
      `cost.current_run_rate_hourly is in ${rate.currency}, but clusters' run rates are in ${[...others].join(", ")}: one organization's amounts share one currency`,
    );
    return out;
  }
  const rates = sum(
    clusters.map((c) => c.cost.current_run_rate_hourly),
    rate.currency,
  );
  if (compare(rate, rates) !== 0) {
    out.push(
      `cost.current_run_rate_hourly is ${rate.amount}, but the clusters' run rates sum to ${rates.amount}`,
    );
  }
  const open = await walkList(probe, {
    path: "/v1/recommendations",
    query: { status: "open" },
    limit: 500,
    maxPages,
  });
  const saved = board.savings?.estimated_monthly;
  // Amounts in another currency are the currency check's to report: they are not summed.
  const savings = (open.items as unknown as Recommendation[])
    .map((r) => r.savings?.estimated_monthly)
    .filter((money) => money?.currency === saved?.currency);
  if (open.complete && saved && savings.length === open.items.length) {
    const total = sum(savings, saved.currency);
    if (compare(saved, total) !== 0) {
      out.push(
        `savings.estimated_monthly is ${saved.amount}, but the open recommendations' savings sum to ${total.amount}`,
      );
    }
  }
  const projected = multiply(rate, HOURS_PER_MONTH);
  if (compare(board.cost.projected_monthly, projected) !== 0) {
    out.push(
      `cost.projected_monthly is ${board.cost.projected_monthly.amount}, not the run rate × ${HOURS_PER_MONTH} = ${projected.amount}`,
    );
  }
  return out;
}

/** One reading of the dashboard and of the roll-ups; undefined when neither could be read. */
async function reading(probe: Probe, maxPages: number): Promise<string[] | undefined> {
  const board = await mismatches(probe, maxPages);
  const rollups = await rollupMismatches(probe, maxPages);
  if (!board && !rollups) return undefined;
  return [...(board ?? []).map((m) => `/v1/organization/dashboard: ${m}`), ...(rollups ?? [])];
}

/**
 * Check: the organization dashboard adds up: its counts are the lists' `total_count` (nodes
 * summed over the clusters) and its hourly run rate the exact sum of the clusters'. It also
 * catches a server whose lists of clusters, workloads, open recommendations or a cluster's nodes
 * come back empty, which every other check would pass with notes. The roll-ups add up too:
 * every department is the exact sum of its teams, and each namespace of one cluster the sum of
 * the cluster's workloads in it. A live organization changes: a difference counts only when a
 * second reading shows it again, with the same numbers.
 */
export const dashboardTotals: ContractCheck = {
  id: "dashboard-totals",
  title:
    "the organization dashboard adds up: counts equal the lists' total_count, the run rate is the exact sum of the clusters', projected_monthly is it × 730; each department costs the sum of its teams, each namespace of a cluster the sum of its workloads",
  async run({ probe, mode, maxWalkPages }) {
    if (mode === "mock") return needsLiveTarget();
    const first = await reading(probe, maxWalkPages);
    if (!first?.length) return undefined;
    const second = await reading(probe, maxWalkPages);
    // A difference counts when the second reading shows it again, the same numbers. One whose
    // numbers moved is an organization changing under the reads (workloads created every few
    // seconds): not judged, noted.
    for (const message of second ?? []) {
      if (first.includes(message)) probe.fail(message);
      else
        probe.note(
          `${message}, and it changed between two readings (a live organization): not judged`,
        );
    }
    return undefined;
  },
};
