import { readPath } from "../contract/order.js";
import type { Money } from "../index.js";
import { sum } from "../money/index.js";
import { type CellStyle, type Column, isMoney } from "./columns.js";
import { itemFields } from "./item-fields.js";
import { UsageError } from "./usage-error.js";

/** The running exact total of `--sum`: one sum per currency, never a float. */
export interface Total {
  /** The dotted path summed, e.g. `cost.current_run_rate_hourly`. */
  readonly path: string;
  /** Adds the money at `path` of each item; items without it are counted as missing. */
  add(items: readonly unknown[]): void;
  /** The sums so far, one per currency, in the order the currencies came. */
  sums(): Money[];
  /** Items that had money at `path`. */
  readonly counted: number;
  /** Items that had none (null or absent). */
  readonly missing: number;
}

/**
 * A total of the money field at `path` of a GET path's items.
 * @throws UsageError when `path` is not a money field of those items (the message lists them)
 */
export function createTotal(template: string, path: string): Total {
  const fields = itemFields(template).filter((f) => f.money);
  if (!fields.some((f) => f.path === path)) {
    const list = fields.map((f) => f.path).join(", ");
    throw new UsageError(
      `--sum ${path}: not a money field of GET ${template}${list ? `; its money fields: ${list}` : " (it has none)"}`,
    );
  }
  const byCurrency = new Map<string, Money>();
  let counted = 0;
  let missing = 0;
  return {
    path,
    add(items) {
      const page = new Map<string, Money[]>();
      for (const item of items) {
        const money = readPath(item, path);
        if (!isMoney(money)) {
          missing++;
          continue;
        }
        counted++;
        const list = page.get(money.currency) ?? [];
        list.push(money);
        page.set(money.currency, list);
      }
      for (const [currency, list] of page) {
        const before = byCurrency.get(currency);
        byCurrency.set(currency, sum(before ? [before, ...list] : list, currency));
      }
    },
    sums: () => [...byCurrency.values()],
    get counted() {
      return counted;
    },
    get missing() {
      return missing;
    },
  };
}

/** The total as text: "14408.1234 USD" (one amount per currency, joined by " + "). */
export function totalText(total: Total, style: CellStyle = "table"): string {
  const sums = total.sums();
  if (sums.length === 0) return "0";
  // One currency in a spreadsheet cell: the bare amount, so the cell stays a number.
  if (style === "csv" && sums.length === 1) return (sums[0] as Money).amount;
  return sums.map((m) => `${m.amount} ${m.currency}`).join(" + ");
}

/**
 * The footer row of a table, CSV or TSV: "TOTAL" first, the sum under its column.
 * @param hidden - rows were left out (`--top`): the label says the total covers them all
 */
export function footerRow(
  total: Total,
  columns: readonly Column[],
  style: CellStyle,
  hidden = false,
): string[] {
  const row = columns.map((c) => (c.paths.includes(total.path) ? totalText(total, style) : ""));
  if (row[0] === "") row[0] = hidden ? `TOTAL (all ${total.counted + total.missing})` : "TOTAL";
  return row;
}
