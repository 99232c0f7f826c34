import { readPath } from "../contract/order.js";
import { type CellStyle, type Column, isMoney } from "./columns.js";
import { itemFields } from "./item-fields.js";
import { visible } from "./visible.js";

/** Watches the money columns of tabular output that have no column of their currency. */
export interface CurrencyColumnsCheck {
  /** Looks at items as they are written. */
  add(items: readonly unknown[]): void;
  /** Why some of the amounts written cannot be read right, or undefined when all can. */
  note(): string | undefined;
}

/**
 * A check of tabular output's bare amounts: in CSV and TSV a money cell is its amount, and in a
 * table so is a column of `….amount` (a money column shows `12.0000 USD` there). A column of
 * amounts whose currency no other column shows reads as one currency, so amounts in two
 * (`12.0000` USD beside `12.0000` EUR) would add up, in a spreadsheet or a reader's head, as if
 * they were one. Undefined when every such column has its currency column (or there is none).
 * @param template - the GET path, whose item schema says which fields are money
 */
export function checkCurrencyColumns(
  template: string,
  columns: readonly Column[],
  style: CellStyle,
): CurrencyColumnsCheck | undefined {
  const money = itemFields(template).filter((f) => f.money);
  const shown = (path: string) => columns.some((c) => c.paths.includes(`${path}.currency`));
  const bare = money
    .map((f) => f.path)
    .filter((path) => !shown(path))
    .filter((path) =>
      columns.some(
        (c) => (style === "csv" && c.paths.includes(path)) || c.paths.includes(`${path}.amount`),
      ),
    );
  if (bare.length === 0) return undefined;
  const currencies = new Map(bare.map((path) => [path, new Set<string>()]));
  return {
    add(items) {
      for (const item of items) {
        for (const [path, seen] of currencies) {
          const value = readPath(item, path);
          if (isMoney(value)) seen.add(value.currency);
        }
      }
    },
    note() {
      const mixed = [...currencies].filter(([, seen]) => seen.size > 1);
      if (mixed.length === 0) return undefined;
      const what = mixed.map(([path, seen]) => `${path} (${visible([...seen].join(", "))})`);
      const add = mixed.map(([path]) => `${path}.currency`).join(",");
      return `note: the rows written hold ${what.join(" and ")} in more than one currency, and no column says which: add ${add} to --columns`;
    },
  };
}
