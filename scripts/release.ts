/**
 * `npm run release -- <major|minor|patch|x.y.z>`: records a release of the contract (see
 * scripts/lib/release/release.ts). Exit 1 when the release gate refuses it, 2 on bad usage.
 * Usage: tsx scripts/release.ts [--root DIR] <major|minor|patch|x.y.z>
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { SpecInputError } from "./lib/breaking/document.js";
import { repoRoot } from "./lib/exec.js";
import { ChangelogError } from "./lib/release/changelog.js";
import { ReleaseError, release } from "./lib/release/release.js";

const USAGE = "usage: npm run release -- [--root DIR] <major|minor|patch|x.y.z>";

try {
  const { values, positionals } = parseArgs({
    options: { root: { type: "string" } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new ReleaseError(USAGE, 2);
  const root = values.root ?? repoRoot;
  const today = new Date().toISOString().slice(0, 10);
  const result = release(root, positionals[0] as string, today);
  if (result.report) console.log(result.report);
  console.log(
    `released ${result.version}: wrote ${relative(root, result.snapshot)}, package.json and ` +
      "CHANGELOG.md; review them, then commit and tag v" +
      result.version,
  );
} catch (error) {
  const known =
    error instanceof ReleaseError ||
    error instanceof SpecInputError ||
    error instanceof ChangelogError;
  if (!known) throw error;
  console.error((error as Error).message);
  process.exitCode = error instanceof ReleaseError ? error.exitCode : 2;
}
