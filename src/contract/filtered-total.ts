import { checkCursorPages, type PageFindings } from "./cursor-pages.js";
import { sortKeyOf } from "./families.js";
import { type ListWalk, type WalkRequest, walkList } from "./list-walk.js";
import type { Probe } from "./probe.js";
import { judgeSecondWalk } from "./second-walk.js";

/**
 * Fails a filtered walk whose page-1 `total_count` (asked with `countFirst`) is not the number
 * of distinct ids it walked: the spec's total counts the rows matching the filter, and a
 * server that counts the unfiltered list passed every other check. `at` names the walk in
 * messages. A live list shows a difference too, so it is judged as `full-walks` judges one: the
 * walk is repeated, and if the second is off too, a third shows what live data excuses
 * (`judgeSecondWalk`). Nothing is sent when the first walk agrees or is not a cursor family's.
 */
export async function expectFilteredTotal(
  probe: Probe,
  at: string,
  request: WalkRequest,
  first: ListWalk,
): Promise<void> {
  const key = sortKeyOf(request.path);
  if (key === undefined || !request.countFirst) return;
  const findings = (walk: ListWalk): PageFindings =>
    checkCursorPages(at, walk.pages, request.limit, key, walk.complete);
  const once = findings(first);
  if (once.counts.length === 0 || probe.interruption) return;
  const second = findings(await walkList(probe, request));
  if (second.counts.length === 0) {
    probe.note(`${at}: ${once.counts[0]} on a first walk, not on a second: the list changed`);
    return;
  }
  if (probe.interruption) return;
  const third = findings(await walkList(probe, request));
  // Only what the totals and the skipped ids show: the pages' own problems (order, the limit
  // echo) are full-walks', judged on the unfiltered lists.
  second.fixed = [];
  judgeSecondWalk(probe, at, key, [once, second, third]);
  for (const message of new Set(second.fixed)) probe.fail(message);
}
