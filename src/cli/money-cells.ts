import { readPath } from "../contract/order.js";
import { clip } from "../internal/clip.js";
import { type JsonObject, spec } from "../spec/document.js";
import { type Column, isMoney } from "./columns.js";
import { itemFields } from "./item-fields.js";
import { plural } from "./summary.js";
import { visible } from "./visible.js";

/** Watches the money values tabular output writes for ones the spec's `Money` does not allow. */
export interface MoneyCellsCheck {
  /** Looks at items as they are written. */
  add(items: readonly unknown[]): void;
  /** What was written that breaks `Money`, or undefined when nothing was. */
  note(): string | undefined;
}

// The spec's own patterns (openapi/components/schemas/Money.yaml), not a copy of them.
const money = spec.components.schemas?.Money as { properties: Record<string, JsonObject> };
const AMOUNT = new RegExp(money.properties.amount?.pattern as string);
const CURRENCY = new RegExp(money.properties.currency?.pattern as string);
const EXAMPLES = 3;

/**
 * A check of the money values a table, CSV or TSV writes: a cell holds the amount as the server
 * sent it, so `1e3` or `1,000.0000` reaches a spreadsheet that reads it as 1000, or as 1 in a
 * de-DE locale (`--sum` refuses such values, or reads them exactly). Each value at a money field of a written
 * column that is not `{ amount, currency }` matching the spec's patterns is counted, and the
 * first few named. Undefined when no column shows money.
 * @param template - the GET path, whose item schema says which fields are money
 */
export function checkMoneyCells(
  template: string,
  columns: readonly Column[],
): MoneyCellsCheck | undefined {
  const shows = (path: string) =>
    columns.some((c) => c.paths.some((p) => p === path || p.startsWith(`${path}.`)));
  const paths = itemFields(template)
    .filter((f) => f.money && shows(f.path))
    .map((f) => f.path);
  if (paths.length === 0) return undefined;
  const examples: string[] = [];
  let count = 0;
  return {
    add(items) {
      for (const item of items) {
        for (const path of paths) {
          const value = readPath(item, path);
          if (value === null || value === undefined || fitsMoney(value)) continue;
          count++;
          if (examples.length === EXAMPLES) continue;
          const id = readPath(item, "id");
          const shown = isMoney(value)
            ? `"${clip(String(value.amount))}" ${clip(String(value.currency))}`
            : clip(JSON.stringify(value));
          const of = typeof id === "string" ? ` of ${id}` : "";
          examples.push(visible(`${path}${of} ${shown}`));
        }
      }
    },
    note() {
      if (count === 0) return undefined;
      const more = count > examples.length ? ", …" : "";
      const verb = count === 1 ? "breaks" : "break";
      return `note: ${plural(count, "money value")} written ${verb} the spec's Money (an amount of pattern ${AMOUNT.source}, like 12.4800, and a currency like USD): each cell holds what the server sent, which a spreadsheet may read as another number or none: ${examples.join(", ")}${more}`;
    },
  };
}

function fitsMoney(value: unknown): boolean {
  return isMoney(value) && AMOUNT.test(value.amount) && CURRENCY.test(value.currency);
}
