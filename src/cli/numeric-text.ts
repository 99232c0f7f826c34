import { readPath } from "../contract/order.js";
import { clip } from "../internal/clip.js";
import { type Column, columnValue, isMoney } from "./columns.js";
import { plural } from "./summary.js";
import { visible } from "./visible.js";

/** Watches the text a CSV or TSV writes for cells a spreadsheet would read as another number. */
export interface NumericTextCheck {
  /** Looks at items as they are written. */
  add(items: readonly unknown[]): void;
  /** The columns that hold such text, or undefined when none does. */
  note(): string | undefined;
}

// A number as Excel, LibreOffice, Google Sheets and pandas' read_csv read one from a bare cell.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Whether a spreadsheet would read `text` as a number whose text is not `text`: a Kubernetes
 * version `1.30` as 1.3, a team `007` as 7, `1e5` as 100000, a 20-digit name rounded.
 */
export const readsAsAnotherNumber = (text: string): boolean =>
  NUMBER.test(text) && String(Number(text)) !== text;

// A money column's bare amount (`--columns cost.total.amount`) is written so that spreadsheets
// read it as a number: `15.2000` read as 15.2 is the same amount, not changed text.
function isMoneyAmount(item: unknown, column: Column): boolean {
  const path = column.paths.find((p) => readPath(item, p) !== undefined);
  const money = path?.match(/^(.+)\.amount$/)?.[1];
  return money !== undefined && isMoney(readPath(item, money));
}

/**
 * A check of the string fields a CSV or TSV writes. Their cells hold the API's text as it is
 * (quoting changes nothing: a spreadsheet converts a quoted `"1.30"` too, and the `="1.30"`
 * trick would change the text for every other reader; csv-stringify and pandas' `to_csv` write
 * such text bare too), so a note names the columns to import as text instead.
 */
export function checkNumericText(columns: readonly Column[]): NumericTextCheck {
  // By column header: how many cells, and the first one's text.
  const found = new Map<string, { cells: number; first: string }>();
  return {
    add(items) {
      for (const item of items) {
        for (const column of columns) {
          const value = columnValue(item, column);
          if (typeof value !== "string" || !readsAsAnotherNumber(value)) continue;
          if (isMoneyAmount(item, column)) continue;
          const seen = found.get(column.header);
          if (seen) seen.cells++;
          else found.set(column.header, { cells: 1, first: value });
        }
      }
    },
    note() {
      if (found.size === 0) return undefined;
      const where = [...found].map(
        ([header, { cells, first }]) =>
          `${visible(header)} (${plural(cells, "cell")}, e.g. ${visible(clip(first))})`,
      );
      return `note: some text looks like a number a spreadsheet would change (1.30 read as 1.3, 007 as 7), in ${where.join(", ")}: the file holds the API's text; import ${found.size === 1 ? "that column" : "those columns"} as text to keep it`;
    },
  };
}
