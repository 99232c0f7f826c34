import type { Cluster } from "../index.js";
import { parseMoney } from "../money/decimal.js";
import { expectStatus } from "./expect.js";
import type { Probe } from "./probe.js";

/** A Cost Explorer window by cluster as read: its first day and the rows' group keys. */
export interface ClusterWindow {
  /** The window's `start` (`YYYY-MM-DD`, UTC). */
  start: string;
  /** The request, for messages. */
  label: string;
  /** The rows' group keys: the ids of the clusters the window has a row for. */
  keys: ReadonlySet<string>;
}

/** Whether a cluster has cost over all of a window starting on `start`: made before, running now. */
function costlyThroughout(cluster: Cluster, start: string): boolean {
  const created = Date.parse(cluster.metadata?.created_at ?? "");
  if (!(created < Date.parse(`${start}T00:00:00Z`))) return false;
  try {
    return parseMoney(cluster.cost.current_run_rate_hourly).units > 0n;
  } catch {
    return false; // a malformed amount is the schema checks' to report
  }
}

/**
 * Grouped by cluster, a window holds a row for every cluster with cost over all of it (the
 * spec's Cost Explorer description, our assumption): one created before the window's start
 * whose run rate is above zero. A server that joins the window's cost with a per-cluster table
 * by INNER JOIN loses the clusters missing from that table, and its totals undercount in silence.
 * The clusters are read after the window (page 1 of 500): a cluster deleted in between is not
 * listed, and one created since is newer than the window.
 */
export async function expectEveryClusterRow(probe: Probe, window: ClusterWindow): Promise<void> {
  const ex = await probe.get("/v1/clusters", { params: { query: { limit: 500 } } });
  if (!expectStatus(probe, ex, 200)) return;
  const clusters: Cluster[] = Array.isArray(ex.body?.data) ? ex.body.data : [];
  for (const cluster of clusters) {
    if (window.keys.has(cluster.id) || !costlyThroughout(cluster, window.start)) continue;
    probe.fail(
      `${window.label}: no row for cluster ${cluster.id} (${cluster.metadata.name}), created ${cluster.metadata.created_at} and running at ${cluster.cost.current_run_rate_hourly.amount} an hour: a cluster with cost over the whole window has a row`,
    );
  }
}
