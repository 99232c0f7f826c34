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
      const shown = new Set([...shownBy.values()].flatMap((found) => [...found]));
      const only = shown.size === 1 ? [...shown][0] : undefined;
      // Amounts of one currency that is not the one currency the currency columns show.
      const unshown = [...currencies]
        .filter(([, found]) => found.size === 1 && [...found][0] !== only)
        .map(([path, found]) => ({ what: path, path, currency: [...found][0] as string }));
      const sums = total?.sums() ?? [];
      const footer = sums.length === 1 && style === "csv" && total && !labelled(total.path);
      if (footer && sums[0]?.currency !== only) {
        unshown.push({
          what: "the TOTAL row",
          path: total.path,
          currency: sums[0]?.currency as string,
        });
      }
      const columnsShow =
        shown.size === 0
          ? "no column says so"
          : `the currency column${shownBy.size === 1 ? " written shows" : "s written show"} ${visible([...shown].join(", "))}`;
      return [mixedNote(currencies), unshownNote(unshown, columnsShow)].filter(
        (note): note is string => note !== undefined,
      );
    },
  };
}

// Columns of amounts in more than one currency.
function mixedNote(currencies: Map<string, Set<string>>): string | undefined {
  const mixed = [...currencies].filter(([, found]) => found.size > 1);
  if (mixed.length === 0) return undefined;
  const what = mixed.map(([path, found]) => `${path} (${visible([...found].join(", "))})`);
  const add = mixed.map(([path]) => `${path}.currency`).join(",");
  return `note: the rows written hold ${what.join(" and ")} in more than one currency, and no column says which: add ${add} to --columns`;
}

// Bare amounts of one currency that no currency column shows: a column's, or the TOTAL row's
// (`path` then the summed field, whose currency column would show it).
function unshownNote(
  unshown: { what: string; path: string; currency: string }[],
  columnsShow: string,
): string | undefined {
  if (unshown.length === 0) return undefined;
  const byCurrency = new Map<string, string[]>();
  for (const { what, currency } of unshown) {
    byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), what]);
  }
  const what = [...byCurrency].map(
    ([currency, names]) =>
      `${names.join(" and ")} ${names.length === 1 ? "is" : "are"} in ${visible(currency)}`,
  );
  const paths = unshown.map(({ path }) => `${path}.currency`);
  const add = [...new Set(paths)].join(",");
  return `note: ${what.join("; ")}, but ${columnsShow}: add ${add} to --columns`;
}
