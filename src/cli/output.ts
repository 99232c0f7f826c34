import type { Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { type Column, cellOf } from "./columns.js";
import { renderTable } from "./table.js";
import { visibleJson } from "./visible.js";

/** Output formats of `kubeadapt get`. */
export type OutputFormat = "ndjson" | "json" | "table" | "csv" | "tsv";

/** The formats, in the order help lists them. */
export const FORMATS: readonly OutputFormat[] = ["ndjson", "json", "table", "csv", "tsv"];

/** Where the items of a `get` go: written as they come (ndjson, json, csv, tsv) or at the end (table). */
export interface ItemSink {
  /** Writes some items; resolves when the stream can take more (backpressure). */
  write(items: readonly unknown[]): Promise<void>;
  /**
   * Finishes the output (closing bracket, the table).
   * @param footer - a last row for table, CSV and TSV (a total), one cell per column
   */
  end(footer?: string[]): Promise<void>;
  /**
   * Writes what a stopped walk received but holds (a table's rows, without a footer), so the
   * resume command, which goes on after every item received, skips none. Streaming formats
   * hold nothing; a JSON array stays open, so no parser takes it for a whole result.
   */
  stop(): Promise<void>;
  /** Items written so far (at most `top`). */
  readonly shown: number;
  /** Items received but not written because of `top`. */
  readonly hidden: number;
  /**
   * Whether the last text written did not end its line: a JSON array between pages, which
   * writes an item's separating comma only when the next one comes. A progress bar on the same
   * terminal must not be drawn there: its erase would take the line, the item on it, with it.
   */
  readonly lineOpen: boolean;
}

/** How a sink writes. */
export interface SinkOptions {
  format: OutputFormat;
  /** Columns of table, CSV and TSV. */
  columns: readonly Column[];
  /** Keep a table's columns even when no item fills them (columns the user chose). */
  keepEmpty?: boolean;
  /** The most items written; the rest are counted, not held. */
  top?: number | undefined;
  /**
   * The one object of a path that answers with no list: JSON writes it as itself,
   * pretty-printed, with no array around it.
   */
  lone?: boolean;
}

/** An item sink in the given format on `out`. */
export function createSink(out: Writable, options: SinkOptions): ItemSink {
  let lineOpen = false;
  const write = (text: string) => {
    if (text !== "") lineOpen = !text.endsWith("\n");
    return writeText(out, text);
  };
  const { columns, top } = options;
  let shown = 0;
  let hidden = 0;
  const sink = (
    writeItems: (items: readonly unknown[]) => Promise<void>,
    end: (footer?: string[]) => Promise<void>,
    stop: () => Promise<void> = async () => {},
  ): ItemSink => ({
    // Items past `top` are counted, never held or written; counted once written, so a failed
    // write is in neither count.
    async write(items) {
      const room = top === undefined ? items.length : Math.max(0, top - shown);
      const kept = items.slice(0, room);
      await writeItems(kept);
      shown += kept.length;
      hidden += items.length - kept.length;
    },
    end,
    stop,
    get shown() {
      return shown;
    },
    get hidden() {
      return hidden;
    },
    get lineOpen() {
      return lineOpen;
    },
  });

  if (options.format === "ndjson") {
    return sink(
      (items) => write(items.map((item) => `${jsonText(item)}\n`).join("")),
      async () => {},
    );
  }
  if (options.format === "json" && options.lone) {
    return sink(
      (items) => write(items.map((item) => `${jsonText(item, 2)}\n`).join("")),
      async () => {},
    );
  }
  if (options.format === "json") {
    let first = true;
    return sink(
      (items) => {
        const text = items.map((item) => {
          const prefix = first ? "[\n  " : ",\n  ";
          first = false;
          return prefix + jsonText(item);
        });
        return write(text.join(""));
      },
      () => write(first ? "[]\n" : "\n]\n"),
    );
  }
  if (options.format === "csv" || options.format === "tsv") {
    // RFC 4180: CRLF between records, fields with a delimiter, quote or line break quoted.
    const csv = options.format === "csv";
    const encode = (rows: string[][]) =>
      stringify(rows, {
        delimiter: csv ? "," : "\t",
        record_delimiter: csv ? "windows" : "unix",
        quote_record_delimiter: true,
      });
    let headed = false;
    const rows = (items: readonly unknown[]) => {
      const cells = items.map((item) => columns.map((c) => inertCell(cellOf(item, c, "csv"))));
      if (!headed) cells.unshift(columns.map((c) => c.header));
      headed = true;
      return encode(cells);
    };
    return sink(
      (items) => (items.length > 0 ? write(rows(items)) : Promise.resolve()),
      async (footer) => {
        await write(rows([]));
        // The footer's cells are text too: a total in two currencies starting with "-" is no
        // formula.
        if (footer) await write(encode([footer.map(inertCell)]));
      },
    );
  }
  const rows: unknown[] = [];
  const table = (footer?: string[]) =>
    write(renderTable(rows, columns, { keepEmpty: options.keepEmpty, footer, hidden }));
  return sink(
    async (items) => {
      // Not push(...items): a page of some 120 000 items would overflow the stack.
      for (const item of items) rows.push(item);
    },
    table,
    () => table(),
  );
}

// An item as JSON, with no character that would reorder or rewrite a terminal's line.
const jsonText = (item: unknown, indent?: number) =>
  visibleJson(JSON.stringify(item, null, indent));

/** Writes `text` to `out`, resolving once it can take more (honours backpressure). */
export function writeText(out: Writable, text: string): Promise<void> {
  if (text === "") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const ok = out.write(text, (error) => {
      if (error) reject(error);
      else if (ok) resolve();
    });
    if (!ok) out.once("drain", resolve);
  });
}

// What a spreadsheet runs as a formula when a cell starts with it (OWASP "CSV injection"), and
// a number, which starts that way too and stays as it is (a negative amount is no formula).
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * `text` as a spreadsheet shows it without running it: a cell from the API (a team or cluster
 * name is free text) that would start a formula gets a leading `'`, which spreadsheets read as
 * "text" and do not show.
 */
function inertCell(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}
