import { readFile, writeFile } from "node:fs/promises";
import type { SavedCursor } from "../contract/index.js";
import { UsageError } from "./usage-error.js";

/**
 * The file `--save-cursors` writes and `--expired-cursors` reads. Version 2 records, with each
 * cursor, the base URL that issued it (the run refuses cursors from another one); version 1
 * files, which lack it, are still read, and the check notes that it assumed their origin.
 */
interface CursorFile {
  version: 1 | 2;
  cursors: SavedCursor[];
}

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === "string");

function isSavedCursor(v: unknown, version: 1 | 2): v is SavedCursor {
  const c = v as Partial<SavedCursor> | null;
  return (
    typeof c === "object" &&
    c !== null &&
    (version === 1 || (typeof c.baseUrl === "string" && URL.canParse(c.baseUrl))) &&
    typeof c.path === "string" &&
    c.path.startsWith("/") &&
    isStringRecord(c.query) &&
    typeof c.cursor === "string" &&
    typeof c.savedAt === "string" &&
    !Number.isNaN(Date.parse(c.savedAt))
  );
}

/** Writes the cursors a run saw to `file` (each with the base URL that issued it). */
export async function writeCursorFile(file: string, cursors: SavedCursor[]): Promise<void> {
  const content: CursorFile = { version: 2, cursors };
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
}

/** Reads a file `--save-cursors` wrote. Throws {@link UsageError} when it is not one. */
export async function readCursorFile(file: string): Promise<SavedCursor[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new UsageError(`--expired-cursors ${file}: ${(error as Error).message}`);
  }
  const content = parsed as Partial<CursorFile> | null;
  const version = content?.version;
  if ((version !== 1 && version !== 2) || !Array.isArray(content?.cursors)) {
    throw new UsageError(`--expired-cursors ${file}: not a file written by --save-cursors`);
  }
  const bad = content.cursors.findIndex((c) => !isSavedCursor(c, version));
  if (bad >= 0) {
    const fields = version === 1 ? "path" : "baseUrl (a URL), path";
    throw new UsageError(
      `--expired-cursors ${file}: cursors[${bad}] needs ${fields}, query, cursor and savedAt`,
    );
  }
  return content.cursors;
}
