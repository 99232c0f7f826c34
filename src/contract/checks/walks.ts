import { isPaginationLimitError, type Paginator } from "../../index.js";
import { type CheckContext, type ContractCheck, skip } from "../context.js";
import { checkCursorPages, type PageFindings } from "../cursor-pages.js";
import { expectStatus } from "../expect.js";
import { CURSOR_FAMILIES, type SortKey } from "../families.js";
import { goneSinceListed } from "../gone.js";
import type { Item } from "../list-walk.js";
import { compareKeys, readPath } from "../order.js";
import type { Exchange, Probe } from "../probe.js";
import { scopeFor } from "../scope.js";
import { judgeSecondWalk } from "../second-walk.js";

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
  // A parent deleted since it was listed (a live resource) leaves nothing to walk: a note.
  if (failure && pages[0] && (await goneSinceListed(probe, pages[0]))) failure = undefined;
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
 * Walks a family and reports what its pages got wrong. An id met twice with the same sort key
 * is a violation at once (a cursor marks a position, not an offset); one whose key moved, or a
 * `total_count` other than the ids walked, is also what a correct server shows when its live
 * list changes between pages. Such a walk is walked again; if the second walk is off too, a
 * third shows what the second skipped: an id listed before and after it with the same key is a
 * violation, and its count difference counts unless the total moved or ids the walks around it
 * list, and it lacks or adds, account for it (`liveExcuse`).
 */
async function walkFamily(ctx: CheckContext, path: string, key: SortKey): Promise<void> {
  const { probe } = ctx;
  const scope = await scopeFor(probe, path);
  if (!scope) {
    probe.note(`${path} not walked: its parent list gave no item`);
    return;
  }
  const walks = [await walkOnce(ctx, path, key, scope)];
  const [first] = walks as [PageFindings];
  if (first.counts.length > 0 && !probe.interruption) {
    const second = await walkOnce(ctx, path, key, scope);
    walks.push(second);
    if (second.counts.length === 0) {
      probe.note(`${path}: ${first.counts[0]} on a first walk, not on a second: the list changed`);
    } else if (!probe.interruption) {
      const third = await walkOnce(ctx, path, key, scope);
      walks.push(third);
      judgeSecondWalk(probe, path, key, walks as [PageFindings, PageFindings, PageFindings]);
    }
  }
  for (const message of new Set(walks.flatMap((w) => w.fixed))) probe.fail(message);
  for (const note of new Set(walks.flatMap((w) => w.notes))) probe.note(note);
  if (first.items === 0 && !probe.interruption) {
    probe.note(`${path}: no item, so its order was not exercised`);
  }
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

/**
 * Page 2 of a one-item walk must not repeat page 1's item, unless its sort `key` (the walked
 * family's) dropped in between: it then sorts after the cursor's position, and page 2 rightly
 * starts with it.
 */
function repeatedItem(
  probe: Probe,
  key: SortKey,
  second: Exchange,
  before: Item | undefined,
  after: Item | undefined,
): void {
  if (before === undefined || before.id !== after?.id) return;
  const [was, now] = [readPath(before, key), readPath(after, key)];
  if (compareKeys(key, was, now) > 0) {
    probe.note(
      `${second.label}: page 2 repeats page 1's item, its ${key} dropped from ${JSON.stringify(was)} to ${JSON.stringify(now)} in between (a live list)`,
    );
  } else {
    probe.fail(`${second.label}: page 2 repeats page 1's item, its ${key} not lower`);
  }
}

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
    const key = CURSOR_FAMILIES[path];
    repeatedItem(probe, key, second, first.body?.data?.[0], second.body?.data?.[0]);
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
