import type { GetArgs } from "./args.js";
import type { GetSummary } from "./get-command.js";
import { type ResumePoint, shellQuote } from "./resume.js";
import { totalText } from "./total.js";

/** "1 page", "2 pages". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * `--query cursor=…` or `--query page=…` for a resume point, quoted as the resume command's
 * words are: the cursor is the server's text, which may hold a space, a `;` or ESC.
 */
export function resumeQuery(at: ResumePoint): string {
  return `--query ${shellQuote("cursor" in at ? `cursor=${at.cursor}` : `page=${at.page}`)}`;
}

/**
 * The lines stderr gets after a `get`: counts and time (from where a resumed walk started), and
 * whenever the result is not all there is, that it is partial and how to get the rest; the
 * `--sum` total for ndjson and json.
 */
export function summaryLines(summary: GetSummary, args: GetArgs): string {
  const { items, shown, pages, total, partial, more } = summary;
  const counted = partial && total !== undefined;
  const seconds = (summary.ms / 1000).toFixed(2);
  // A resumed walk counts from its resume point on, not the list: the line says so first, and
  // puts the list's total apart ("5 of 20 from page 2 on" reads as 20 from page 2 on).
  const count = summary.from
    ? `${plural(items, "item")} from ${summary.from} on${counted ? ` (the list has ${total})` : ""}`
    : counted
      ? `${items} of ${total} items`
      : plural(items, "item");
  let line = `${count}, ${plural(pages, "page")} in ${seconds} s`;
  if (shown < items) line += `; ${shown} written (--top ${args.top})`;
  if (partial) {
    const next = more ? resumeQuery(more) : undefined;
    if (args.maxItems !== undefined && items >= args.maxItems) {
      line += ` (stopped at --max-items ${args.maxItems}; more items follow${next ? `: ${next}` : ""})`;
    } else {
      line += ` (more pages: add --all${next ? `, or ${next} for the next page` : ""})`;
    }
  }
  const lines = [line];
  const sum = summary.sum;
  if (sum && (args.format === "ndjson" || args.format === "json")) {
    const over = summary.from
      ? `partial sum of ${sum.path} over ${plural(items, "item")} from ${summary.from} on`
      : partial
        ? `partial sum of ${sum.path} over the first ${items}${total === undefined ? "" : ` of ${total}`} items`
        : `sum of ${sum.path} over ${plural(sum.counted, "item")}`;
    lines.push(`${over}: ${totalText(sum)}`);
  }
  // A whole walk of a list that changed under it: the start's count and the items differ.
  if (!partial && !summary.from && total !== undefined && total !== items) {
    lines.push(
      `note: the server counted ${plural(total, "item")} when the walk began, and the walk got ${items}: the list changed during the walk, so items may be missing or extra; run the command again for a consistent result`,
    );
  }
  if (summary.topNote) lines.push(summary.topNote);
  lines.push(...(summary.cellNotes ?? []));
  const change = summary.countChange;
  if (change) {
    const { first, later } = change;
    lines.push(
      `note: the server's count changed during the walk (${plural(first.total, "item")} on page ${first.page}, ${later.total} on page ${later.page}${partial ? "" : `; the walk got ${items}`}): the list changed, so items may be missing or extra, and no count is shown; run the command again for a consistent result`,
    );
  }
  lines.push(...(summary.pageNotes ?? []));
  const wrong = summary.wrongCount;
  if (wrong) {
    lines.push(
      `note: the server counted ${plural(wrong.counted, "item")} but sent ${wrong.sent}${wrong.more ? " and said more follow" : ""}: its count is wrong (or the list changed during the walk), so it is not shown`,
    );
  }
  if (sum && sum.missing > 0) {
    lines.push(`note: ${plural(sum.missing, "item")} had no ${sum.path}, not in the sum`);
  }
  return `${lines.join("\n")}\n`;
}
