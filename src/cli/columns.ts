import { readPath } from "../contract/order.js";
import { isMoney } from "../internal/is-money.js";
import { type ItemField, itemFields } from "./item-fields.js";
import { UsageError } from "./usage-error.js";

/** A column of table, CSV or TSV output: its header and the dotted paths it reads, first found wins. */
export interface Column {
  header: string;
  paths: string[];
}

/** How a cell is written: tables add the currency to money, CSV and TSV keep the bare amount. */
export type CellStyle = "table" | "csv";

// The CLI's modules take the money test from here, one with the contract suite's.
export { isMoney } from "../internal/is-money.js";

/** The value a column shows for an item: at the first of its paths that the item has. */
export function columnValue(item: unknown, column: Column): unknown {
  for (const path of column.paths) {
    const value = readPath(item, path);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A column's cell text for an item; money stays the API's exact decimal string, never a float. */
export function cellOf(item: unknown, column: Column, style: CellStyle): string {
  const value = columnValue(item, column);
  return value === undefined ? "" : textOf(value, style);
}

// A number beyond a double's range parses as ±Infinity: JSON output writes it `null` (as the
// note on such numbers says), so a cell shows it as it shows null, empty, never `Infinity`.
const beyondRange = (value: unknown) => typeof value === "number" && !Number.isFinite(value);

function textOf(value: unknown, style: CellStyle): string {
  if (value === null || value === undefined || beyondRange(value)) return "";
  if (isMoney(value)) return style === "table" ? `${value.amount} ${value.currency}` : value.amount;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) {
    return value.map((v) => (beyondRange(v) ? null : v)).join(style === "table" ? ", " : ",");
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

// The table's columns (as `npm start` shows them), each kept when the path's schema has it.
const TABLE_COLUMNS: Column[] = [
  { header: "NAME", paths: ["metadata.name", "metadata.target.name", "group.name"] },
  { header: "KIND", paths: ["metadata.workload_kind", "metadata.type", "kind"] },
  { header: "NAMESPACE", paths: ["metadata.namespace"] },
  { header: "CLUSTER", paths: ["metadata.cluster.name"] },
  { header: "STATUS", paths: ["metadata.status", "metadata.phase"] },
  { header: "COST/HOUR", paths: ["cost.current_run_rate_hourly"] },
  { header: "COST", paths: ["cost.total"] },
  { header: "SAVINGS/MONTH", paths: ["savings.estimated_monthly"] },
  { header: "ID", paths: ["id", "group.key"] },
];

/**
 * The default columns of a GET path's items, from its schema in the spec. A table shows the
 * familiar few (name, kind, namespace, cluster, status, cost, id); CSV and TSV get every field
 * but constants, money as its amount, plus the currency of the first money field.
 */
export function defaultColumns(template: string, style: CellStyle): Column[] {
  const fields = itemFields(template);
  const has = (path: string) => fields.some((f) => f.path === path);
  if (style === "table") {
    const known = TABLE_COLUMNS.filter((c) => c.paths.some(has));
    // A path without a schema for its items: keep every familiar column, the cells tell.
    return fields.length === 0 ? TABLE_COLUMNS : known;
  }
  const columns = fields.filter((f) => !f.constant).map((f) => column(f.path));
  const money = fields.find((f) => f.money);
  if (money) columns.push(column(`${money.path}.currency`));
  return columns;
}

/**
 * The columns of `--columns a.b,c.d`, each checked against the item schema of the path.
 * @throws UsageError for an empty list or a path that no item of this path has
 */
export function parseColumns(template: string, list: string): Column[] {
  const paths = list.split(",").map((p) => p.trim());
  if (paths.some((p) => p === "")) {
    throw new UsageError(`--columns takes dotted paths separated by commas, not "${list}"`);
  }
  const fields = itemFields(template);
  for (const path of paths) {
    if (fields.length > 0 && !fields.some((field) => covers(field, path))) {
      throw new UsageError(
        `--columns ${path}: the items of GET ${template} have no field "${path}"; their fields: ${fields.map((f) => f.path).join(", ")}`,
      );
    }
  }
  return paths.map(column);
}

/** Whether `path` names the field, an object that holds it, or a part of a money field. */
function covers(field: ItemField, path: string): boolean {
  if (field.path === path || field.path.startsWith(`${path}.`)) return true;
  return field.money && (path === `${field.path}.amount` || path === `${field.path}.currency`);
}

function column(path: string): Column {
  return { header: path, paths: [path] };
}
