import type { Writable } from "node:stream";
import type { Progress } from "../index.js";

/** A one-line progress bar on a terminal stream, redrawn in place. */
export interface ProgressBar {
  update(progress: Progress): void;
  /** Erases the bar so later output starts on a clean line. */
  clear(): void;
}

const WIDTH = 30;

/** A progress bar on `out` (stderr): a bar when the total is known, a counter otherwise. */
export function createProgressBar(out: Writable): ProgressBar {
  let drawn = false;
  return {
    update({ pages, items, total }) {
      const counts = `${items}${total === undefined ? "" : `/${total}`} items, ${pages} pages`;
      const filled = total ? Math.min(WIDTH, Math.round((items / total) * WIDTH)) : 0;
      const bar = total ? `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ` : "";
      out.write(`\r\x1b[2K${bar}${counts}`);
      drawn = true;
    },
    clear() {
      if (drawn) out.write("\r\x1b[2K");
      drawn = false;
    },
  };
}
