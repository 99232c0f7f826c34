import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const trees: string[] = [];

/**
 * Writes `files` (a path relative to the tree -> its content) under a new temporary directory,
 * its name starting with `prefix`, and returns the directory. {@link removeTempTrees} deletes
 * every tree written so far.
 */
export function tempTree(files: Record<string, string>, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  trees.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Deletes every tree {@link tempTree} wrote (for `afterAll`). */
export function removeTempTrees(): void {
  for (const dir of trees.splice(0)) rmSync(dir, { recursive: true, force: true });
}
