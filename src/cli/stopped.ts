import type { GetArgs } from "./args.js";
import type { WalkStopped } from "./get-command.js";
import { plural } from "./summary.js";
import { totalText } from "./total.js";

/**
 * What a stopped walk did, in words: its items, "12 items written", or with `--top` "20 items
 * received (12 written, --top 12)", since the walk counts and sums items it does not write.
 */
export function stoppedAfter(stopped: WalkStopped, args: GetArgs): string {
  const items = plural(stopped.items, "item");
  return stopped.shown < stopped.items
    ? `${items} received (${stopped.shown} written, --top ${args.top})`
    : `${items} written`;
}

/**
 * The lines after a stopped walk's error and resume command: what the user needs to add this
 * part to the resumed run's, which starts its counts and its total afresh.
 * @param resume - the resume command, or undefined when nothing is left to write
 */
export function stoppedNotes(
  stopped: WalkStopped,
  args: GetArgs,
  resume: string | undefined,
): string {
  const lines: string[] = [];
  const sum = stopped.sum;
  if (sum) {
    lines.push(
      `partial sum of ${sum.path} over the ${stoppedAfter(stopped, args)}: ${totalText(sum)} (the resumed run sums the rest only)`,
    );
    if (sum.missing > 0) {
      lines.push(`note: ${plural(sum.missing, "item")} had no ${sum.path}, not in this sum`);
    }
  }
  lines.push(...stopped.notes);
  if (args.format === "json" && stopped.shown > 0) {
    lines.push(
      `note: the JSON array written is left open (no closing "]"), so no parser takes it for the whole list${resume ? "; the resumed run writes the rest as an array of its own" : ""}`,
    );
  }
  if (args.output && resume) {
    lines.push(
      `note: the resumed run rewrites ${args.output}; give it another --output to keep this part`,
    );
  }
  // Out of order, the items not fetched may belong in the top N: none of them is written anyway.
  if (!resume) {
    lines.push(
      stopped.topNote
        ? `no resume command: --top ${args.top} is reached, though by the --top note above the items not fetched may belong in the top ${args.top} too`
        : `nothing left to write: --top ${args.top} is reached`,
    );
  }
  return lines.map((line) => `  ${line}\n`).join("");
}
