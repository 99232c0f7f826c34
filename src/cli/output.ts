import type { Writable } from "node:stream";
import type { OutputFormat } from "./args.js";
import { renderTable } from "./table.js";

/** Where the items of a `get` go: written as they come (ndjson, json) or at the end (table). */
export interface ItemSink {
  /** Writes some items; resolves when the stream can take more (backpressure). */
  write(items: readonly unknown[]): Promise<void>;
  /** Finishes the output (closing bracket, the table). */
  end(): Promise<void>;
}

/**
 * An item sink in the given format on `out`.
 * @param top - for tables, the most rows kept and shown (the rest are counted, not held)
 */
export function createSink(out: Writable, format: OutputFormat, top?: number): ItemSink {
  const write = (text: string) => writeText(out, text);
  if (format === "ndjson") {
    return {
      write: (items) => write(items.map((item) => `${JSON.stringify(item)}\n`).join("")),
      end: async () => {},
    };
  }
  if (format === "json") {
    let first = true;
    return {
      write: (items) => {
        const text = items.map((item) => {
          const prefix = first ? "[\n  " : ",\n  ";
          first = false;
          return prefix + JSON.stringify(item);
        });
        return write(text.join(""));
      },
      end: () => write(first ? "[]\n" : "\n]\n"),
    };
  }
  const rows: unknown[] = [];
  let hidden = 0;
  return {
    write: async (items) => {
      for (const item of items) {
        if (top === undefined || rows.length < top) rows.push(item);
        else hidden++;
      }
    },
    end: () => write(renderTable(rows) + (hidden > 0 ? `… and ${hidden} more\n` : "")),
  };
}

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
