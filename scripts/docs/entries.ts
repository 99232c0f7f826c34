import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../lib/exec.js";

/** A public import path of the package and the source file it is built from. */
export interface PublicEntry {
  /** What users import, e.g. `kubeadapt/testing`. */
  specifier: string;
  /** The entry file, relative to the repo root. */
  file: string;
}

// Each entry is used only while its file exists, as in tsup.config.ts.
const CANDIDATES: readonly PublicEntry[] = [
  { specifier: "kubeadapt", file: "src/index.ts" },
  { specifier: "kubeadapt/testing", file: "src/testing/index.ts" },
  { specifier: "kubeadapt/money", file: "src/money/index.ts" },
  { specifier: "kubeadapt/contract", file: "src/contract/index.ts" },
  { specifier: "kubeadapt/node", file: "src/node/index.ts" },
];

/** The package's public entries whose source file exists, in a fixed order. */
export function publicEntries(root: string = repoRoot): PublicEntry[] {
  return CANDIDATES.filter((entry) => existsSync(join(root, entry.file)));
}

/**
 * Bundler aliases (vitest, vite) mapping each public import path to its source entry, exactly:
 * `kubeadapt/internal/x` stays unresolvable, as it is for users.
 */
export function publicAliases(root: string = repoRoot): { find: RegExp; replacement: string }[] {
  return publicEntries(root).map((entry) => ({
    find: new RegExp(`^${entry.specifier}$`),
    replacement: join(root, entry.file),
  }));
}

/** The fields of `package.json` that {@link entriesMissing} reads. */
export interface PackageManifest {
  name?: string;
  exports?: Record<string, unknown> | string;
}

/**
 * The import paths `package.json` exports with code (an object of conditions, as each JS entry
 * has; not a plain file such as `./openapi.json`) that `entries` does not document, e.g.
 * `kubeadapt/node` after a new subpath was added to `exports` but not to this file's list: its
 * SDK reference would be missing without a warning.
 */
export function entriesMissing(
  manifest: PackageManifest,
  entries: readonly PublicEntry[],
): string[] {
  if (!manifest.name || typeof manifest.exports !== "object") return [];
  const documented = new Set(entries.map((entry) => entry.specifier));
  return Object.entries(manifest.exports)
    .filter(([, target]) => typeof target === "object" && target !== null)
    .map(([subpath]) => `${manifest.name}${subpath.slice(1)}`)
    .filter((specifier) => !documented.has(specifier));
}
