import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";

/**
 * The project's repository on GitHub: the site links there the files it does not render
 * (`examples/`, tests, scripts), which would otherwise be broken links or plain text.
 */
export interface SourceRepo {
  /** `https://github.com/owner/name`. */
  url: string;
  /** The checkout on disk: only files that exist in it are linked. */
  root: string;
  /** The commit links name, so they show the files the site was built from. @default "HEAD" */
  ref?: string;
}

/**
 * The GitHub repository package.json's `repository` names, or undefined (another host, none);
 * its links name `commit` when given, else the default branch's moving `HEAD`.
 */
export function sourceRepo(root: string, commit?: string): SourceRepo | undefined {
  const { repository } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    repository?: string | { url?: string };
  };
  const raw = typeof repository === "string" ? repository : repository?.url;
  const match = /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(raw ?? "");
  if (!match) return undefined;
  return { url: `https://github.com/${match[1]}`, root, ...(commit ? { ref: commit } : {}) };
}

/**
 * The GitHub URL of `path` (from the repository root, e.g. `examples/`), at the repository's
 * `ref`, when it exists in the checkout; else undefined.
 */
export function repoFileHref(path: string, repo: SourceRepo | undefined): string | undefined {
  const normal = posix.normalize(path);
  if (!repo || normal.startsWith("..") || !existsSync(join(repo.root, normal))) return undefined;
  return `${repo.url}/${normal.endsWith("/") ? "tree" : "blob"}/${repo.ref ?? "HEAD"}/${normal}`;
}
