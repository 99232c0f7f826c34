import { isPaginationLimitError, type Paginator } from "../../index.js";
import type { CheckContext, ContractCheck } from "../context.js";
import { expectError } from "../expect.js";
import { COST_EXPLORER } from "../families.js";
import { offsetPageProblems } from "../offset-pages.js";

type PaginateOffset = (path: string, init: object) => Paginator<unknown>;

/** One walk of Cost Explorer by `group_by`, and what its pages got wrong. */
async function walkOnce(
  { probe, walkLimit, maxWalkPages }: CheckContext,
  groupBy: string | undefined,
): Promise<string[]> {
  const perPage = Math.max(1, Math.floor(walkLimit / 4));
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
  const problems = offsetPageProblems(probe.exchanges.slice(start), perPage, complete);
  return failure ? [failure, ...problems] : problems;
}

/** Check 9b: Cost Explorer's offset pagination. */
export const costExplorer: ContractCheck = {
  id: "cost-explorer",
  title:
    "Cost Explorer pages by page/per_page: per_page 0 or 501 is 400 naming per_page; page_info is consistent",
  async run(ctx) {
    const { probe, mode } = ctx;
    for (const perPage of [0, 501]) {
      const ex = await probe.get(COST_EXPLORER, { params: { query: { per_page: perPage } } });
      expectError(probe, ex, { status: 400, code: "BAD_REQUEST", field: "per_page" });
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
    return undefined;
  },
};
