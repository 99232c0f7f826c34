import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "./exec.js";

/**
 * The parts of src/ that are not the SDK a benchmark measures: the CLI, the contract suite and
 * the fake (their changes do not move the SDK's figures).
 */
const NOT_SDK = /^src\/(cli|contract|testing)\//;

/** Whether `path` (from the repo root) is a source file of the SDK a benchmark measures. */
export const isSdkSource = (path: string): boolean =>
  path.startsWith("src/") && path.endsWith(".ts") && !NOT_SDK.test(path);

/**
 * A short hash of the SDK's sources (`path` → text): what the peer benchmark measured, so its
 * page can tell when the SDK has changed since. Order-independent; paths are from the repo root.
 */
export function hashSources(sources: ReadonlyMap<string, string>): string {
  const hash = createHash("sha256");
  for (const path of [...sources.keys()].filter(isSdkSource).sort()) {
    hash.update(`${path}\0${sources.get(path)}\0`);
  }
  return hash.digest("hex").slice(0, 12);
}

/** The hash of the SDK's sources in the checkout at `root` (see {@link hashSources}). */
export function sdkSourceHash(root: string = repoRoot): string {
  const files = (readdirSync(join(root, "src"), { recursive: true }) as string[])
    .map((file) => relative(root, join(root, "src", file)).replaceAll("\\", "/"))
    .filter(isSdkSource);
  return hashSources(new Map(files.map((path) => [path, readFileSync(join(root, path), "utf8")])));
}
