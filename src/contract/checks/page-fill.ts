import { type ContractCheck, needsLiveTarget } from "../context.js";
import { expectStatus } from "../expect.js";
import { CURSOR_FAMILIES } from "../families.js";
import { walkScoped } from "../list-walk.js";
import { foreignItems } from "../parent-membership.js";
import type { Exchange, Probe } from "../probe.js";

/** A page size small enough that even short lists (a workload's pods) span several pages. */
const SMALL = 3;
/** Pages walked per family at that size. */
const PAGES = 8;
/** The largest page size: a server that silently caps pages below it shows it on page 1. */
const LARGEST = 500;

function checkFill(probe: Probe, pages: Exchange[], limit: number, complete: boolean): number {
  let nonFinal = 0;
  pages.forEach((ex, index) => {
    const count = Array.isArray(ex.body?.data) ? ex.body.data.length : 0;
    const last = complete && index === pages.length - 1;
    if (!last) {
      nonFinal++;
      if (count !== limit) {
        probe.fail(`${ex.label}: a non-final page holds ${count} items, expected limit ${limit}`);
      }
    } else if (count === 0 && index > 0) {
      probe.fail(
        `${ex.label}: the final page is empty, so the page before it said has_more wrongly`,
      );
    }
  });
  return nonFinal;
}

/**
 * Check: every page but the last holds exactly `limit` items; on a nested family, every item of
 * every page belongs to the parent.
 */
export const pageFill: ContractCheck = {
  id: "page-fill",
  title:
    "every page but the last holds exactly limit items (small limits on every cursor family, and page 1 of every family at limit 500); on a nested family, every item of every page belongs to its parent",
  async run({ probe, mode }) {
    if (mode === "mock") return needsLiveTarget();
    for (const template of Object.keys(CURSOR_FAMILIES)) {
      const walk = await walkScoped(probe, { path: template, limit: SMALL, maxPages: PAGES });
      if (!walk) continue;
      // The walks of nested-collections (100 a page) may never reach a page 2, where a
      // continuation query that forgets the parent's condition shows: judged here, for free.
      const foreign = foreignItems(template, walk.params, walk.items);
      if (foreign) probe.fail(`${foreign} (pages of ${SMALL})`);
      if (checkFill(probe, walk.pages, SMALL, walk.complete) === 0) {
        probe.note(`${template}: at most ${SMALL} items, so no non-final page to check`);
      }
      // A cap can be one handler's constant: every family's page 1 at the largest size, one
      // request each (page 2 would show nothing more; a list under 500 items shows no cap).
      const big = await probe.get(
        template as "/v1/clusters",
        { params: { path: walk.params, query: { limit: LARGEST } } } as never,
      );
      if (!expectStatus(probe, big, 200)) continue;
      checkFill(probe, [big], LARGEST, big.body?.meta?.pagination?.has_more !== true);
    }
    return undefined;
  },
};
