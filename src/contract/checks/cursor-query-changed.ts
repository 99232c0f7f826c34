import { spec } from "../../spec/document.js";
import { type ContractCheck, prefer, skip } from "../context.js";
import { expectError, expectStatus } from "../expect.js";
import { CURSOR_FAMILIES, noIdNote } from "../families.js";
import { firstCursor, type PageOne } from "../first-cursor.js";
import { goneSinceListed } from "../gone.js";
import type { Exchange, Probe } from "../probe.js";
import { firstIds } from "../scope.js";
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
 * Every other cursor family, whose handler may bind its cursors differently: a `limit=1`
 * cursor reused with `limit=2`. Top-level lists come first: the first item of each page 1 is
 * the parent of its nested lists (the first workload's is `workloads`' own page 1), so no
 * request is spent on finding parents.
 */
async function everyFamily(probe: Probe, workloads: Exchange): Promise<void> {
  const parents = new Map<string, unknown>([["/v1/workloads", workloads.body?.data?.[0]?.id]]);
  const paths = Object.keys(CURSOR_FAMILIES)
    .filter((path) => path !== "/v1/workloads")
    .sort((a, b) => Number(parentOf(a) !== undefined) - Number(parentOf(b) !== undefined));
  for (const path of paths) {
    const parent = parentOf(path);
    const id = parent ? parents.get(parent.list) : undefined;
    if (parent && typeof id !== "string") {
      probe.note(noIdNote(path, parent.param));
      continue;
    }
    const scope = parent ? { [parent.param]: id as string } : {};
    const request = { path, params: { path: scope, query: { limit: 1 } } };
    const first = await firstCursor(probe, request);
    if (!parent) parents.set(path, first.page.body?.data?.[0]?.id);
    if (first.cursor !== undefined) {
      await expectChanged(probe, request, first.cursor, [{ limit: 2 }]);
    } else if (first.why) {
      probe.note(`${path}: a cursor reused with another limit not checked, ${first.why}`);
    }
  }
}

/** Check 3a: a cursor reused with another query (parameters or parent) is 410 query_changed. */
export const cursorQueryChanged: ContractCheck = {
  id: "cursor-query-changed",
  title:
    "a cursor reused with another limit, filter, cost_mode or parent, or without one it was issued with, is 410 CURSOR_EXPIRED query_changed",
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
