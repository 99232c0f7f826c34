import { readFile, writeFile } from "node:fs/promises";
import type { SavedCursor } from "../contract/index.js";
import { UsageError } from "./usage-error.js";

/** The file `--save-cursors` writes and `--expired-cursors` reads. */
interface CursorFile {
  version: 1;
  cursors: SavedCursor[];
}

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === "string");

function isSavedCursor(v: unknown): v is SavedCursor {
  const c = v as Partial<SavedCursor> | null;
  return (
    typeof c === "object" &&
    c !== null &&
    typeof c.path === "string" &&
    c.path.startsWith("/") &&
    isStringRecord(c.query) &&
    typeof c.cursor === "string" &&
    typeof c.savedAt === "string" &&
    !Number.isNaN(Date.parse(c.savedAt))
  );
}

/** Writes the cursors a run saw to `file`. */
export async function writeCursorFile(file: string, cursors: SavedCursor[]): Promise<void> {
  const content: CursorFile = { version: 1, cursors };
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
  if (content?.version !== 1 || !Array.isArray(content.cursors)) {
    throw new UsageError(`--expired-cursors ${file}: not a file written by --save-cursors`);
  }
  const bad = content.cursors.findIndex((c) => !isSavedCursor(c));
  if (bad >= 0) {
    throw new UsageError(
      `--expired-cursors ${file}: cursors[${bad}] needs path, query, cursor and savedAt`,
    );
  }
  return content.cursors;
}
