import { spec } from "../../spec/document.js";
import { type ContractCheck, prefer, skip } from "../context.js";
import { expectError, expectStatus } from "../expect.js";
import { forEachFamily } from "../family-cursors.js";
import { firstCursor, type PageOne } from "../first-cursor.js";
import { goneSinceListed } from "../gone.js";
import type { Exchange, Probe } from "../probe.js";
import { queryChanges } from "../query-changes.js";
import { firstIds, idsOn } from "../scope.js";
import { parentOf } from "../spec-lists.js";
import { WORKLOADS_PAGE_ONE } from "./cursor-errors.js";

const QUERY_CHANGED = { status: 410, code: "CURSOR_EXPIRED", reason: "query_changed" };
const LIMIT = 2;
const workloadKinds = (spec.components.schemas?.WorkloadKind?.enum ?? []) as string[];

type Query = Record<string, string | number>;

/** Reuses `cursor` on the list `request` names (its path, parent) with each of `queries`: 410. */
async function expectChanged(
  probe: Probe,
  request: PageOne,
  cursor: string,
  queries: readonly Query[],
): Promise<void> {
  for (const query of queries) {
    const params = { path: request.params.path ?? {}, query: { ...query, cursor } };
    const ex = await probe.get(request.path as "/v1/workloads", { params } as never);
    if (await goneSinceListed(probe, ex)) return;
    expectError(probe, ex, QUERY_CHANGED);
  }
}

/**
 * A cursor issued for `request`, or undefined with a note saying why there is none (nothing
 * when the request failed: a violation already), so the other cases still run.
 */
async function cursorOf(probe: Probe, request: PageOne, what: string) {
  const first = await firstCursor(probe, request);
  if (first.cursor === undefined && first.why) probe.note(`${what}: not checked, ${first.why}`);
  return first.cursor;
}

/**
 * The reverse of adding a parameter: a cursor issued with a filter (`cluster_id`) and
 * `cost_mode=direct`, reused without each of them and without `limit`. A server that checks
 * only the parameters a request sends, and restores the others from the cursor, passes the
 * other cases but not these.
 */
async function dropped(probe: Probe, clusterId: string): Promise<void> {
  const issued = { limit: LIMIT, cluster_id: clusterId, cost_mode: "direct" };
  const request = { path: "/v1/workloads", params: { query: issued } };
  const cursor = await cursorOf(probe, request, "a cursor reused without a parameter");
  if (cursor === undefined) return;
  const without = (key: string) =>
    Object.fromEntries(Object.entries(issued).filter(([k]) => k !== key));
  await expectChanged(probe, request, cursor, [
    without("cluster_id"),
    without("cost_mode"),
    without("limit"),
  ]);
}

/**
 * A nested list's cursor reused under another parent: the path parameter selects items like a
 * filter (`x-filter-field`), so it is part of the query the cursor is bound to.
 */
async function otherParent(probe: Probe, clusterId: string): Promise<void> {
  const path = "/v1/clusters/{cluster_id}/workloads";
  const query = { limit: LIMIT };
  const request = { path, params: { path: { cluster_id: clusterId }, query } };
  const cursor = await cursorOf(probe, request, "a cursor reused under another parent");
  if (cursor === undefined) return;
  const other = (await firstIds(probe, "/v1/clusters", 2)).find((id) => id !== clusterId);
  if (other === undefined) {
    probe.note("a cursor reused under another parent: not checked, the target has one cluster");
    return;
  }
  const elsewhere = { path, params: { path: { cluster_id: other }, query } };
  await expectChanged(probe, elsewhere, cursor, [query]);
}

/**
 * A second id of a parent list (page 1 at `limit=2`, read once per list; `/v1/workloads`' is on
 * the page the check read): the parent a nested family's cursor is reused under.
 */
function otherParents(probe: Probe, workloads: Exchange) {
  const lists = new Map([["/v1/workloads", Promise.resolve(idsOn(workloads))]]);
  return async (list: string, not: string): Promise<string | undefined> => {
    const ids = lists.get(list) ?? firstIds(probe, list, 2);
    lists.set(list, ids);
    return (await ids).find((id) => id !== not);
  };
}

/**
 * Every other cursor family, whose handler may bind its cursors differently: a `limit=1`
 * cursor reused with `limit=2`, with the family's first filter added, with `cost_mode=direct`
 * added (`queryChanges`), and, on a nested family, under another parent (a cluster's workloads
 * have `otherParent`). Then a `/v1/clusters` cursor on `/v1/namespaces` with the same `limit`:
 * a cursor is bound to its path too.
 */
async function everyFamily(probe: Probe, workloads: Exchange): Promise<void> {
  const other = otherParents(probe, workloads);
  let clusters: string | undefined;
  await forEachFamily(probe, workloads, async (family) => {
    const { path, request, first } = family;
    if (first.cursor === undefined) {
      if (first.why) probe.note(`${path}: a reused cursor not checked, ${first.why}`);
      return;
    }
    if (path === "/v1/clusters") clusters = first.cursor;
    const { queries, notes } = queryChanges(family);
    for (const note of notes) probe.note(note);
    await expectChanged(probe, request, first.cursor, queries);
    const parent = parentOf(path);
    const id = parent && request.params.path?.[parent.param];
    if (!parent || id === undefined || path === "/v1/clusters/{cluster_id}/workloads") return;
    const elsewhere = await other(parent.list, id);
    if (elsewhere === undefined) {
      probe.note(
        `${path}: a cursor reused under another parent not checked, ${parent.list} has one item`,
      );
      return;
    }
    const moved = { path, params: { path: { [parent.param]: elsewhere }, query: { limit: 1 } } };
    await expectChanged(probe, moved, first.cursor, [{ limit: 1 }]);
  });
  if (clusters === undefined) return;
  const namespaces = { path: "/v1/namespaces", params: { query: { limit: 1 } } };
  await expectChanged(probe, namespaces, clusters, [{ limit: 1 }]);
}

/** Check 3a: a cursor reused with another query (parameters, parent or path) is 410 query_changed. */
export const cursorQueryChanged: ContractCheck = {
  id: "cursor-query-changed",
  title:
    "a cursor reused with another limit, filter, cost_mode, parent or path, or without one it was issued with, is 410 CURSOR_EXPIRED query_changed",
  async run({ probe, mode }) {
    if (mode === "mock") {
      const ex = await probe.get(
        "/v1/workloads",
        { params: { query: { limit: 3, cursor: "cursor-from-limit-2" } } },
        { headers: prefer(410, "query_changed") },
      );
      expectError(probe, ex, QUERY_CHANGED);
      return undefined;
    }
    const first = await firstCursor(probe, WORKLOADS_PAGE_ONE);
    if (first.cursor === undefined) return first.why === undefined ? undefined : skip(first.why);
    const { cursor, page } = first;
    await expectChanged(probe, WORKLOADS_PAGE_ONE, cursor, [
      { limit: LIMIT + 1 },
      { limit: LIMIT, kind: workloadKinds[0] as string },
      { limit: LIMIT, cost_mode: "direct" },
    ]);
    // The control: the same query still works, so the 410s were about the change.
    const same = await probe.get("/v1/workloads", { params: { query: { limit: LIMIT, cursor } } });
    expectStatus(probe, same, 200);
    // The costliest workload's cluster, which has more than one workload on most targets.
    const clusterId = page.body?.data?.[0]?.metadata?.cluster?.id;
    if (typeof clusterId === "string") {
      await dropped(probe, clusterId);
      await otherParent(probe, clusterId);
    }
    await everyFamily(probe, page);
    return undefined;
  },
};
