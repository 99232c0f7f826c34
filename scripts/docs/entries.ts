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
