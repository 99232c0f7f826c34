import { readPath } from "../contract/order.js";
import { type CellStyle, type Column, isMoney } from "./columns.js";
import { itemFields } from "./item-fields.js";
import type { Total } from "./total.js";
import { visible } from "./visible.js";

/** Watches the money columns of tabular output that have no column of their currency. */
export interface CurrencyColumnsCheck {
  /** Looks at items as they are written. */
  add(items: readonly unknown[]): void;
  /**
   * Why some of the amounts written cannot be read right: none when all can.
   * @param total - the `--sum` total, whose bare footer amount (CSV, TSV) is checked too
   */
  notes(total?: Total): string[];
}

/**
 * A check of tabular output's bare amounts: in CSV and TSV a money cell is its amount, and in a
 * table so is a column of `….amount` (a money column shows `12.0000 USD` there). A column of
 * amounts whose own currency column is not written reads as being in the currency some other
 * column shows, or in none: amounts in two (`12.0000` USD beside `12.0000` EUR) would add up,
 * in a spreadsheet or a reader's head, as if they were one, and EUR amounts beside a currency
 * column saying USD read as USD. So does the `TOTAL` row's bare amount. Undefined when every
 * such column has its currency column (or there is none).
 * @param template - the GET path, whose item schema says which fields are money
 */
export function checkCurrencyColumns(
  template: string,
  columns: readonly Column[],
  style: CellStyle,
): CurrencyColumnsCheck | undefined {
  const money = itemFields(template)
    .filter((f) => f.money)
    .map((f) => f.path);
  const labelled = (path: string) => columns.some((c) => c.paths.includes(`${path}.currency`));
  const bareIn = (path: string) =>
    columns.some(
      (c) => (style === "csv" && c.paths.includes(path)) || c.paths.includes(`${path}.amount`),
    );
  const bare = money.filter((path) => !labelled(path) && bareIn(path));
  // A footer of one currency in CSV and TSV is a bare amount whether or not its column is one.
  if (bare.length === 0 && style !== "csv") return undefined;
  const seen = (paths: string[]) => new Map(paths.map((path) => [path, new Set<string>()]));
  const currencies = seen(bare);
  // What the currency columns written say: what a reader takes a bare amount to be in.
  const shownBy = seen(money.filter(labelled));
  return {
    add(items) {
      for (const item of items) {
        for (const [path, found] of [...currencies, ...shownBy]) {
          const value = readPath(item, path);
          if (isMoney(value)) found.add(value.currency);
        }
      }
    },
    notes(total) {
      const notes: string[] = [];
      const mixed = [...currencies].filter(([, found]) => found.size > 1);
      if (mixed.length > 0) {
        const what = mixed.map(([path, found]) => `${path} (${visible([...found].join(", "))})`);
        const add = mixed.map(([path]) => `${path}.currency`).join(",");
        notes.push(
          `note: the rows written hold ${what.join(" and ")} in more than one currency, and no column says which: add ${add} to --columns`,
        );
      }
      const shown = new Set([...shownBy.values()].flatMap((found) => [...found]));
      const only = shown.size === 1 ? [...shown][0] : undefined;
      // Amounts of one currency that is not the one currency the currency columns show.
      const unshown = [...currencies]
        .filter(([, found]) => found.size === 1 && [...found][0] !== only)
        .map(([path, found]) => ({ what: path, currency: [...found][0] as string }));
      const sums = total?.sums() ?? [];
      const footer = sums.length === 1 && style === "csv" && !labelled(total?.path ?? "");
      if (footer && sums[0]?.currency !== only) {
        unshown.push({ what: "the TOTAL row", currency: sums[0]?.currency as string });
      }
      if (unshown.length === 0) return notes;
      const byCurrency = new Map<string, string[]>();
      for (const u of unshown)
        byCurrency.set(u.currency, [...(byCurrency.get(u.currency) ?? []), u.what]);
      const what = [...byCurrency].map(([currency, names]) => {
        return `${names.join(" and ")} ${names.length === 1 ? "is" : "are"} in ${visible(currency)}`;
      });
      const columnsShow =
        shown.size === 0
          ? "no column says so"
          : `the currency column${shownBy.size === 1 ? "" : "s"} written show${shownBy.size === 1 ? "s" : ""} ${visible([...shown].join(", "))}`;
      const add = unshown
        .filter((u) => u.what !== "the TOTAL row")
        .map((u) => `${u.what}.currency`)
        .concat(footer && total ? [`${total.path}.currency`] : [])
        .filter((path, i, all) => all.indexOf(path) === i)
        .join(",");
      notes.push(`note: ${what.join("; ")}, but ${columnsShow}: add ${add} to --columns`);
      return notes;
    },
  };
}
