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
}

/** The GitHub repository package.json's `repository` names, or undefined (another host, none). */
export function sourceRepo(root: string): SourceRepo | undefined {
  const { repository } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    repository?: string | { url?: string };
  };
  const raw = typeof repository === "string" ? repository : repository?.url;
  const match = /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(raw ?? "");
  return match ? { url: `https://github.com/${match[1]}`, root } : undefined;
}

/**
 * The GitHub URL of `path` (from the repository root, e.g. `examples/`), at the default
 * branch, when it exists in the checkout; else undefined.
 */
export function repoFileHref(path: string, repo: SourceRepo | undefined): string | undefined {
  const normal = posix.normalize(path);
  if (!repo || normal.startsWith("..") || !existsSync(join(repo.root, normal))) return undefined;
  return `${repo.url}/${normal.endsWith("/") ? "tree" : "blob"}/HEAD/${normal}`;
}
