import { readdirSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";

/** Where release snapshots live, relative to the project root. */
export const RELEASES_DIR = join("openapi", "releases");

/** A committed snapshot of the bundled spec as released with one package version. */
export interface Snapshot {
  version: string;
  path: string;
}

/** The snapshots under `<root>/openapi/releases/`, oldest first (files named `<semver>.json`). */
export function listSnapshots(root: string): Snapshot[] {
  const dir = join(root, RELEASES_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ version: name.replace(/\.json$/, ""), path: join(dir, name) }))
    .filter(({ version, path }) => path.endsWith(".json") && semver.valid(version) === version)
    .sort((a, b) => semver.compare(a.version, b.version));
}

/** The snapshot of the last release, if any. */
export function latestSnapshot(root: string): Snapshot | undefined {
  return listSnapshots(root).at(-1);
}
