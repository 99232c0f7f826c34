import { isPaginationLimitError, type Paginator } from "../../index.js";
import { type CheckContext, type ContractCheck, skip } from "../context.js";
import { checkCursorPages, type PageFindings } from "../cursor-pages.js";
import { expectStatus } from "../expect.js";
import { CURSOR_FAMILIES, type SortKey } from "../families.js";
import type { Exchange, Probe } from "../probe.js";
import { scopeFor } from "../scope.js";

const MOCK_REASON =
  "Prism answers from examples, not from state: order, uniqueness and totals across pages need a live target (page 1 of every family is checked by envelopes)";

type Paginate = (path: string, init: object) => Paginator<unknown>;

/** One walk of `path` with the SDK's paginator, its raw pages checked. */
async function walkOnce(
  ctx: CheckContext,
  path: string,
  key: SortKey,
  scope: Record<string, string>,
): Promise<PageFindings> {
  const { probe, walkLimit: limit, maxWalkPages } = ctx;
  const start = probe.exchanges.length;
  let complete = false;
  let failure: string | undefined;
  try {
    const walk = (probe.ka.paginate as unknown as Paginate)(path, {
      params: { path: scope, query: { limit, include_total: true } },
      prefetch: 0,
      maxPages: maxWalkPages,
    });
    for await (const _ of walk.pages()) {
      // Pages are checked from the raw responses below.
    }
    complete = true;
  } catch (error) {
    if (isPaginationLimitError(error)) {
      probe.note(`${path}: walk capped at ${maxWalkPages} pages of ${limit}; checked that far`);
    } else {
      const e = error as Error;
      failure = `${path}: the walk failed: ${e.name}: ${e.message}`;
    }
  }
  const pages = probe.exchanges.slice(start);
  const recount = await pageTwoCounted(probe, path, scope, limit, pages[0]);
  const found = checkCursorPages(path, pages, limit, key, complete, recount);
  if (failure) found.fixed.unshift(failure);
  return found;
}

/**
 * Page 2 again, with `include_total=true`: the paginator asks for the total on page 1 only, and
 * a server may count wrong from a cursor on. Undefined when page 1 gave no cursor.
 */
async function pageTwoCounted(
  probe: Probe,
  path: string,
  scope: Record<string, string>,
  limit: number,
  pageOne: Exchange | undefined,
): Promise<Exchange | undefined> {
  const cursor = pageOne?.body?.meta?.pagination?.next_cursor;
  if (pageOne?.status !== 200 || typeof cursor !== "string" || cursor === "") return undefined;
  return probe.get(
    path as "/v1/clusters",
    { params: { path: scope, query: { limit, include_total: true, cursor } } } as never,
  );
}

/** The list's `total_count` now (page 1, one item), or undefined when it did not say. */
async function totalNow(probe: Probe, path: string, scope: Record<string, string>) {
  const ex = await probe.get(
    path as "/v1/clusters",
    { params: { path: scope, query: { limit: 1, include_total: true } } } as never,
  );
  const total = ex.body?.meta?.pagination?.total_count;
  return typeof total === "number" ? total : undefined;
}

/**
 * Walks a family and reports what its pages got wrong. A repeated id, or a `total_count` other
 * than the items walked, is also what a correct server shows when its live list changes between
 * pages: such a walk is walked again, and only what the second walk shows too counts, unless
 * the list's `total_count` moved during it.
 */
async function walkFamily(ctx: CheckContext, path: string, key: SortKey): Promise<void> {
  const { probe } = ctx;
  const scope = await scopeFor(probe, path);
  if (!scope) {
    probe.note(`${path} not walked: its parent list gave no item`);
    return;
  }
  const first = await walkOnce(ctx, path, key, scope);
  const found = new Set(first.fixed);
  const notes = new Set(first.notes);
  if (first.counts.length > 0 && !probe.interruption) {
    const second = await walkOnce(ctx, path, key, scope);
    for (const message of second.fixed) found.add(message);
    for (const note of second.notes) notes.add(note);
    // The walk asked for the total on page 1: the same total after its last page says the
    // list stood still, so the difference is the server's.
    const before = second.totals[0];
    if (second.counts.length === 0) {
      notes.add(`${path}: ${first.counts[0]} on a first walk, not on a second: the list changed`);
    } else if (before !== undefined && before !== (await totalNow(probe, path, scope))) {
      notes.add(`${path}: the list changed during both walks (total_count moved): not compared`);
    } else {
      for (const message of second.counts) found.add(message);
    }
  }
  for (const message of found) probe.fail(message);
  for (const note of notes) probe.note(note);
  if (first.items === 0) probe.note(`${path}: no item, so its order was not exercised`);
}

/** Check 7: full walks of every cursor family. */
export const fullWalks: ContractCheck = {
  id: "full-walks",
  title:
    "walks of every cursor family: no duplicate ids, documented sort order, has_more/next_cursor consistent, total_count only when asked and right",
  async run(ctx) {
    if (ctx.mode === "mock") return skip(MOCK_REASON);
    for (const [path, key] of Object.entries(CURSOR_FAMILIES)) await walkFamily(ctx, path, key);
    return undefined;
  },
};

/** Check 8: include_total can change between pages. */
export const includeTotalToggle: ContractCheck = {
  id: "include-total-toggle",
  title: "include_total may change between pages without invalidating the cursor",
  async run({ probe, mode }) {
    if (mode === "mock") {
      return skip("Prism neither binds cursors to queries nor counts rows: needs a live target");
    }
    const path = "/v1/workloads";
    const counted = await probe.get(path, { params: { query: { limit: 1, include_total: true } } });
    const total = counted.body?.meta?.pagination?.total_count;
    if (expectStatus(probe, counted, 200) && typeof total !== "number") {
      probe.fail(`${counted.label}: include_total=true but no total_count`);
    }
    const first = await probe.get(path, { params: { query: { limit: 1 } } });
    if (!expectStatus(probe, first, 200)) return undefined;
    const c1 = first.body?.meta?.pagination?.next_cursor;
    if (!c1) return skip(`${path} has at most 1 item: no page 2 to toggle include_total on`);
    const second = await probe.get(path, {
      params: { query: { limit: 1, cursor: c1, include_total: true } },
    });
    if (second.status !== 200) {
      probe.fail(
        `${second.label}: adding include_total to a cursor request gave ${second.status}, expected 200`,
      );
      return undefined;
    }
    const t2 = second.body?.meta?.pagination?.total_count;
    // A live list may have changed since page 1: then page 1, read again, agrees with page 2.
    const now = t2 === total ? t2 : await totalNow(probe, path, {});
    if (t2 !== now) {
      probe.fail(`${second.label}: total_count is ${t2}, but page 1 says ${now} (said ${total})`);
    }
    if (second.body?.data?.[0]?.id === first.body?.data?.[0]?.id) {
      probe.fail(`${second.label}: page 2 repeats page 1's item`);
    }
    const c2 = second.body?.meta?.pagination?.next_cursor;
    if (!c2) return skip(`${path} has fewer than 3 items: no page 3 to drop include_total on`);
    for (const include_total of [undefined, false]) {
      const third = await probe.get(path, {
        params: { query: { limit: 1, cursor: c2, include_total } },
      });
      if (third.status !== 200) {
        probe.fail(
          `${third.label}: dropping include_total from a cursor request gave ${third.status}, expected 200`,
        );
      } else if (third.body?.meta?.pagination?.total_count !== undefined) {
        probe.fail(`${third.label}: total_count without include_total=true`);
      }
    }
    return undefined;
  },
};
