/** A column of the item table: its header and how to read a cell from an item. */
interface Column {
  header: string;
  cell(item: Record<string, unknown>): string | undefined;
}

const at = (item: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === "object"
        ? (value as Record<string, unknown>)[key]
        : undefined,
    item,
  );

const text = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : undefined;

// Money is a decimal string with its currency; keep the string, never a float.
const money = (value: unknown) => {
  const amount = text(at(value, "amount"));
  return amount === undefined ? undefined : `${amount} ${text(at(value, "currency")) ?? ""}`.trim();
};

const COLUMNS: Column[] = [
  { header: "NAME", cell: (i) => text(at(i, "metadata", "name") ?? at(i, "group", "name")) },
  {
    header: "KIND",
    cell: (i) => text(at(i, "metadata", "workload_kind") ?? at(i, "metadata", "type") ?? i.kind),
  },
  { header: "NAMESPACE", cell: (i) => text(at(i, "metadata", "namespace")) },
  { header: "CLUSTER", cell: (i) => text(at(i, "metadata", "cluster", "name")) },
  {
    header: "STATUS",
    cell: (i) => text(at(i, "metadata", "status") ?? at(i, "metadata", "phase")),
  },
  { header: "COST/HOUR", cell: (i) => money(at(i, "cost", "current_run_rate_hourly")) },
  { header: "COST", cell: (i) => money(at(i, "cost", "total")) },
  { header: "SAVINGS/MONTH", cell: (i) => money(at(i, "savings", "estimated_monthly")) },
  { header: "ID", cell: (i) => text(i.id ?? at(i, "group", "key")) },
];

/**
 * Renders items as an aligned text table with the columns that any of them has.
 * @returns the table, one line per item after the header, ending in a newline
 */
export function renderTable(items: readonly unknown[]): string {
  const objects = items.filter(
    (item): item is Record<string, unknown> => item !== null && typeof item === "object",
  );
  if (objects.length === 0) return "(no items)\n";
  const columns = COLUMNS.filter((c) => objects.some((item) => c.cell(item) !== undefined));
  const cells = objects.map((item) => columns.map((c) => c.cell(item) ?? ""));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((row) => (row[i] as string).length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  return `${[line(columns.map((c) => c.header)), ...cells.map(line)].join("\n")}\n`;
}
