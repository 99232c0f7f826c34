import { capped, type PageFindings } from "./cursor-pages.js";
import type { SortKey } from "./families.js";
import type { Probe } from "./probe.js";
import { gapExcused, liveExcuse, skippedIds } from "./walk-moves.js";

/**
 * Judges a second walk of `path` that missed the total too, by the walks before and after it:
 * an id the first and third list with the same key but the second lacks is a violation, and so
 * is the count difference unless the total moved or live data accounts for it (`liveExcuse`).
 * Violations are pushed to `second.fixed`, for the caller to report; the rest is noted.
 */
export function judgeSecondWalk(
  probe: Probe,
  path: string,
  key: SortKey,
  walks: [PageFindings, PageFindings, PageFindings],
): void {
  const [first, second, third] = walks;
  const skipped = capped(second.fixed, 3, (n) => `${path}: ${n} ids skipped in all`);
  for (const { id, value } of skippedIds(key, first, second, third)) {
    skipped.add(
      `${path}: id ${id} missing from the second of three walks, though the others list it with ${key} ${JSON.stringify(value)}: a cursor marks a position, not an offset`,
    );
  }
  skipped.end();
  // The third walk asked for the total on its page 1: the second walk's total then says the
  // list kept its size during that walk.
  const before = second.totals[0];
  const excuse = liveExcuse(key, walks);
  if (before === undefined || before !== third.totals[0]) {
    probe.note(`${path}: the list changed during the walks (total_count moved): not compared`);
  } else if (gapExcused(second, excuse)) {
    probe.note(
      `${second.counts[0]} on a second walk too, but the walks before and after it show ${excuse.missed} ids it lacks and ${excuse.extra} it lists that came, went or moved in the sort order (a live list): not counted`,
    );
  } else {
    second.fixed.push(...second.counts);
  }
}
