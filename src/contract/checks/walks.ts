import { isPaginationLimitError, type Paginator } from "../../index.js";
import { type CheckContext, type ContractCheck, skip } from "../context.js";
import { CURSOR_FAMILIES, type SortKey } from "../families.js";
import { compareKeys, readPath } from "../order.js";
import type { Exchange, Probe } from "../probe.js";
import { scopeFor } from "../scope.js";

const MOCK_REASON =
  "Prism answers from examples, not from state: order, uniqueness and totals across pages need a live target (page 1 of every family is checked by envelopes)";

type Paginate = (path: string, init: object) => Paginator<unknown>;

/** Checks the raw pages of one walk; returns how many items they held. */
function checkPages(
  probe: Probe,
  path: string,
  pages: Exchange[],
  limit: number,
  key: SortKey,
  complete: boolean,
) {
  const seen = new Map<string, number>();
  let previous: { id: string; value: unknown } | undefined;
  let items = 0;
  let duplicates = 0;
  let disorders = 0;
  const totals: number[] = [];
  pages.forEach((ex, index) => {
    const at = `${path} page ${index + 1} (${ex.label})`;
    if (ex.status !== 200) return; // the SDK's error is the violation
    const p = ex.body?.meta?.pagination;
    const data: unknown[] = Array.isArray(ex.body?.data) ? ex.body.data : [];
    if (!p) {
      probe.fail(`${at}: no meta.pagination`);
      return;
    }
    if ((p.next_cursor === "") !== (p.has_more === false)) {
      probe.fail(
        `${at}: has_more is ${p.has_more} but next_cursor is ${JSON.stringify(p.next_cursor)}`,
      );
    }
    if (p.limit !== limit)
      probe.fail(`${at}: meta.pagination.limit is ${p.limit}, expected ${limit}`);
    if (data.length > limit) probe.fail(`${at}: ${data.length} items, more than limit ${limit}`);
    const asked = ex.url.searchParams.get("include_total") === "true";
    if (asked && typeof p.total_count !== "number")
      probe.fail(`${at}: include_total=true but no total_count`);
    if (!asked && p.total_count !== undefined)
      probe.fail(`${at}: total_count without include_total=true`);
    if (typeof p.total_count === "number") totals.push(p.total_count);
    for (const item of data) {
      items++;
      const id = String((item as { id?: unknown }).id);
      const first = seen.get(id);
      if (first !== undefined && ++duplicates <= 5) {
        probe.fail(`${path}: duplicate id ${id} on page ${first + 1} and page ${index + 1}`);
      }
      seen.set(id, index);
      const value = readPath(item, key);
      if (previous) {
        const order = compareKeys(key, previous.value, value);
        if (Number.isNaN(order)) {
          if (++disorders <= 3)
            probe.fail(`${path} page ${index + 1}: item ${id} has no comparable ${key}`);
        } else if (order < 0 && ++disorders <= 3) {
          probe.fail(
            `${path} page ${index + 1}: not sorted by ${key} DESC: ${id} (${JSON.stringify(value)}) follows ${previous.id} (${JSON.stringify(previous.value)})`,
          );
        }
      }
      previous = { id, value };
    }
  });
  if (duplicates > 5) probe.fail(`${path}: ${duplicates} duplicate ids in all`);
  if (disorders > 3) probe.fail(`${path}: ${disorders} items out of order in all`);
  const last = pages[pages.length - 1]?.body?.meta?.pagination;
  if (complete && last?.has_more !== false)
    probe.fail(`${path}: the walk ended but the last page says has_more`);
  for (const total of complete ? totals : []) {
    if (total !== items)
      probe.fail(`${path}: total_count is ${total} but the walk returned ${items} items`);
  }
  if (!complete && totals.length)
    probe.note(`${path}: total_count not compared: the walk did not finish`);
  return items;
}

async function walkFamily(ctx: CheckContext, path: string, key: SortKey): Promise<void> {
  const { probe, walkLimit: limit, maxWalkPages } = ctx;
  const scope = await scopeFor(probe, path);
  if (!scope) {
    probe.note(`${path} not walked: its parent list is empty`);
    return;
  }
  const start = probe.exchanges.length;
  let complete = false;
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
      probe.fail(`${path}: the walk failed: ${e.name}: ${e.message}`);
    }
  }
  const items = checkPages(probe, path, probe.exchanges.slice(start), limit, key, complete);
  if (items === 0) probe.note(`${path}: empty, so its order was not exercised`);
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
    if (counted.status === 200 && typeof total !== "number") {
      probe.fail(`${counted.label}: include_total=true but no total_count`);
    }
    const first = await probe.get(path, { params: { query: { limit: 1 } } });
    if (first.status !== 200) return undefined;
    const c1 = first.body?.meta?.pagination?.next_cursor;
    if (!c1) return skip(`${path} has fewer than 3 items: no page 2 to toggle include_total on`);
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
    if (t2 !== total) probe.fail(`${second.label}: total_count is ${t2}, page 1 said ${total}`);
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
