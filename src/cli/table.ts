import { type Column, cellOf } from "./columns.js";
import { textWidth } from "./text-width.js";
import { visible } from "./visible.js";

/**
 * Renders items as an aligned text table. Columns that no item fills are left out, unless
 * `keepEmpty` (columns the user chose).
 * Options: `footer`, a last row (e.g. a total) aligned with the others; `hidden`, rows left
 * out, said in a line before the footer.
 * @returns the table, one line per item after the header, ending in a newline
 */
export function renderTable(
  items: readonly unknown[],
  columns: readonly Column[],
  options: { keepEmpty?: boolean; footer?: string[] | undefined; hidden?: number } = {},
): string {
  const more = options.hidden ? `… and ${options.hidden} more\n` : "";
  // A footer (a total, also of rows not shown: `--top 0`) is never dropped with the rows.
  if (items.length === 0 && !options.footer) return `(no items)\n${more}`;
  const all = items.map((item) => columns.map((c) => visible(cellOf(item, c, "table"))));
  // A column the footer fills (its label, say) is kept even when no item fills it.
  const filled = options.footer ? [...all, options.footer] : all;
  const kept = columns.flatMap((_, i) =>
    options.keepEmpty || filled.some((row) => row[i] !== "") ? [i] : [],
  );
  const pick = (row: readonly string[]) => kept.map((i) => row[i] ?? "");
  const rows = [pick(columns.map((c) => c.header)), ...all.map(pick)];
  if (options.footer) rows.push(pick(options.footer));
  // A loop, not Math.max(...rows): spreading some 120 000 arguments overflows V8's stack.
  const widths = kept.map((_, i) =>
    rows.reduce((width, row) => Math.max(width, textWidth(row[i] as string)), 0),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell + " ".repeat((widths[i] as number) - textWidth(cell)))
      .join("  ")
      .trimEnd();
  const body = rows.slice(0, options.footer ? -1 : undefined).map(line);
  const footer = options.footer ? `${line(rows[rows.length - 1] as string[])}\n` : "";
  return `${body.join("\n")}\n${more}${footer}`;
}
