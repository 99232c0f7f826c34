import { type ContractCheck, needsLiveTarget } from "../context.js";
import { CURSOR_FAMILIES } from "../families.js";
import { walkList, walkScoped } from "../list-walk.js";
import type { Exchange, Probe } from "../probe.js";

/** A page size small enough that even short lists (a workload's pods) span several pages. */
const SMALL = 3;
/** Pages walked per family at that size. */
const PAGES = 8;

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

/** Check: every page but the last holds exactly `limit` items. */
export const pageFill: ContractCheck = {
  id: "page-fill",
  title:
    "every page but the last holds exactly limit items (small limits on every cursor family, and limit 500)",
  async run({ probe, mode }) {
    if (mode === "mock") return needsLiveTarget();
    for (const template of Object.keys(CURSOR_FAMILIES)) {
      const walk = await walkScoped(probe, { path: template, limit: SMALL, maxPages: PAGES });
      if (!walk) continue;
      if (checkFill(probe, walk.pages, SMALL, walk.complete) === 0) {
        probe.note(`${template}: at most ${SMALL} items, so no non-final page to check`);
      }
    }
    // The largest page: a server that silently caps pages below 500 shows it here.
    const big = await walkList(probe, { path: "/v1/workloads", limit: 500, maxPages: 2 });
    checkFill(probe, big.pages, 500, big.complete);
    return undefined;
  },
};
