import type { Writable } from "node:stream";
import type { Progress } from "../index.js";
import { plural } from "./summary.js";

/** A one-line progress bar on a terminal stream, redrawn in place. */
export interface ProgressBar {
  update(progress: Progress): void;
  /** Erases the bar so later output starts on a clean line. */
  clear(): void;
  /**
   * Erases the bar while `write` runs and draws it again after: data written to the same
   * terminal (stdout and stderr both on it) then start on a line of their own, not after the bar.
   * While `lineOpen()` says the data left their last line unfinished (a JSON array between
   * pages), the bar is not drawn again: it would share that line, and its next erase would wipe
   * the data on it. It waits for the next `around` that ends a line.
   * @param lineOpen - read once `write` is done
   */
  around<T>(write: () => Promise<T>, lineOpen?: () => boolean): Promise<T>;
}

/** How the terminal takes the bar. */
export interface BarOptions {
  /** `TERM=dumb`: no escape sequences; the line is erased with spaces. */
  dumb?: boolean | undefined;
}

const WIDTH = 30;

// The bar's texts, the longest first; each later one drops a part, the bar first: a cut inside a
// number would show another number ("3000/30" for 3000 of 3000).
function countsText(items: number, total: number | undefined, pages: number, bar: string) {
  const of = total === undefined ? `${items}` : `${items}/${total}`;
  const noun = (total ?? items) === 1 ? "item" : "items";
  const counts = `${of} ${noun}, ${plural(pages, "page")}`;
  return [`${bar}${counts}`, counts, `${of} ${noun}`, of, `${items}`];
}

// The first text that fits, or none.
const fitted = (texts: string[], room: number) => texts.find((t) => t.length <= room) ?? "";

/**
 * A progress bar on `out` (stderr): a bar when the total is known, a counter otherwise. It fits
 * the terminal's width (`out.columns`, read at each draw), since a line that wraps is no longer
 * redrawn in place: the bar, then the page count, the word "items" and the total are dropped
 * in turn, never part of a number. A total past 2^53 is not shown (its digits are rounded).
 */
export function createProgressBar(out: Writable, { dumb = false }: BarOptions = {}): ProgressBar {
  let shown = "";
  let last: Progress | undefined;
  let paused = false;
  const erase = () => (dumb ? `\r${" ".repeat(shown.length)}\r` : "\r\x1b[2K");
  const draw = ({ pages, items, total: sent }: Progress) => {
    const columns = (out as { columns?: number }).columns;
    // The last column stays empty: writing into it wraps the cursor on some terminals.
    const room = columns && columns > 1 ? columns - 1 : Number.POSITIVE_INFINITY;
    // A count past 2^53 is already rounded by JSON parsing: its digits would be wrong.
    const total = sent !== undefined && Number.isSafeInteger(sent) ? sent : undefined;
    const filled = total ? Math.min(WIDTH, Math.round((items / total) * WIDTH)) : 0;
    const bar = total ? `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ` : "";
    const text = fitted(countsText(items, total, pages, bar), room);
    out.write(`${erase()}${text}`);
    shown = text;
  };
  const clear = () => {
    if (shown) out.write(erase());
    shown = "";
  };
  return {
    update(progress) {
      last = progress;
      if (!paused) draw(progress);
    },
    clear() {
      clear();
      last = undefined;
    },
    async around(write, lineOpen = () => false) {
      clear();
      paused = true;
      try {
        return await write();
      } finally {
        paused = lineOpen();
        if (!paused && last) draw(last);
      }
    },
  };
}
