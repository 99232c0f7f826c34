import { readPath } from "../contract/order.js";
import type { Money } from "../index.js";
import { addDecimals, type Decimal, parseMoney, toMoney } from "../money/decimal.js";
import { InvalidMoneyError, isInvalidMoneyError } from "../money/errors.js";
import type { CellStyle, Column } from "./columns.js";
import { itemFields } from "./item-fields.js";
import { UsageError } from "./usage-error.js";

/** The running exact total of `--sum`: one sum per currency, never a float. */
export interface Total {
  /** The dotted path summed, e.g. `cost.current_run_rate_hourly`. */
  readonly path: string;
  /**
   * Adds the money at `path` of each item; items where it is null or absent are counted as
   * missing. All or nothing: a malformed money value adds none of the items.
   * @throws InvalidMoneyError naming the item, for a value there that is not a valid Money
   */
  add(items: readonly unknown[]): void;
  /**
   * Reads the money of `items` as {@link Total.add} does, without adding it yet: a page is
   * checked before it is written and added once it is, so a failed write leaves it out.
   * @returns the function that adds it
   * @throws InvalidMoneyError naming the item, for a value there that is not a valid Money
   */
  prepare(items: readonly unknown[]): () => void;
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
  const byCurrency = new Map<string, Decimal>();
  let counted = 0;
  let missing = 0;
  const prepare = (items: readonly unknown[]) => {
    // Every value is read before any is added, so a bad one leaves the total as it was.
    const read = items.map((item, i) => {
      const money = readPath(item, path);
      return money == null ? undefined : readMoney(path, money, item, counted + missing + i + 1);
    });
    return () => {
      for (const money of read) {
        if (!money) {
          missing++;
          continue;
        }
        counted++;
        const before = byCurrency.get(money.currency);
        byCurrency.set(money.currency, before ? addDecimals(before, money.amount) : money.amount);
      }
    };
  };
  return {
    path,
    add: (items) => prepare(items)(),
    prepare,
    sums: () => [...byCurrency].map(([currency, amount]) => toMoney(amount, currency)),
    get counted() {
      return counted;
    },
    get missing() {
      return missing;
    },
  };
}

// A value a server sent where the spec has Money: a malformed one (an amount as a JSON number,
// "1e3", "1,000.00", a currency "usd") is an error, never counted as missing, which would
// leave it out of the total without a word.
function readMoney(path: string, value: unknown, item: unknown, n: number) {
  try {
    const amount = parseMoney(value as Money, "amount");
    return { amount, currency: (value as Money).currency };
  } catch (error) {
    if (!isInvalidMoneyError(error)) throw error;
    const id = readPath(item, "id");
    const which = typeof id === "string" ? `item ${n} (id ${id})` : `item ${n}`;
    throw new InvalidMoneyError(`--sum ${path} of ${which}: ${error.message}`);
  }
}

/** The total as text: "14408.1234 USD" (one amount per currency, joined by " + "). */
export function totalText(total: Total, style: CellStyle = "table"): string {
  const sums = total.sums();
  if (sums.length === 0) return "0";
  // One currency in a spreadsheet cell: the bare amount, so the cell stays a number.
  if (style === "csv" && sums.length === 1) return (sums[0] as Money).amount;
  return sums.map((m) => `${m.amount} ${m.currency}`).join(" + ");
}

/** What a total covers, for its label. */
export interface TotalScope {
  /** The walk stopped before the end of the list (no `--all`, or `--max-items`). */
  partial: boolean;
  /** Rows matching the query, when the server said. */
  of: number | undefined;
  /** Rows received but not written (`--top`). */
  hidden: number;
  /**
   * Where the walk started when not at the start of the list (`--query cursor`, as a resume
   * command does, or `--query page=3`): the rows before it are not in the total.
   */
  from: string | undefined;
}

/**
 * The label of a total: "TOTAL"; "TOTAL (all 3000)" when `--top` left rows out, since it
 * covers them too; "PARTIAL TOTAL (first 100 of 3000)" when the walk did not reach the end,
 * and "PARTIAL TOTAL (2900 items from --query cursor on)" when it did not start at the start,
 * so a file's footer never passes off part of a list as the whole.
 */
export function totalLabel(total: Total, scope: TotalScope): string {
  const summed = total.counted + total.missing;
  if (scope.from !== undefined) return `PARTIAL TOTAL (${summed} items from ${scope.from} on)`;
  if (scope.partial) {
    return `PARTIAL TOTAL (first ${summed}${scope.of === undefined ? "" : ` of ${scope.of}`})`;
  }
  return scope.hidden > 0 ? `TOTAL (all ${summed})` : "TOTAL";
}

/** Whether `column` shows the money at `path` (or its amount): the column a total goes under. */
export function holdsTotal(column: Column, path: string): boolean {
  return column.paths.includes(path) || column.paths.includes(`${path}.amount`);
}

/**
 * The footer row of a table, CSV or TSV: the sum under its column, its currency under the
 * money's currency column (one currency only), and the label in the first other cell. With no
 * other cell (`--columns` of the summed field alone), the label goes before the sum in its
 * cell, so the row never reads as one more item.
 */
export function footerRow(
  total: Total,
  columns: readonly Column[],
  style: CellStyle,
  label: string,
): string[] {
  const text = totalText(total, style);
  const sums = total.sums();
  const currency = sums.length === 1 ? (sums[0] as Money).currency : "";
  const row = columns.map((c) =>
    holdsTotal(c, total.path) ? text : c.paths.includes(`${total.path}.currency`) ? currency : "",
  );
  const free = row.indexOf("");
  if (free === -1) row[0] = `${label} ${row[0]}`;
  else row[free] = label;
  return row;
}
