import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../lib/exec.js";
import { escapeHtml } from "./layout.js";

/** What the site is built from, for its version label and its links into the repository. */
export interface BuildInfo {
  /** package.json's version: the last release, or the one being released. */
  version: string;
  /** CHANGELOG.md's `## [Unreleased]` section lists changes: the docs describe more than `version`. */
  unreleased: boolean;
  /** The commit checked out (full hash), when the root is a git checkout. */
  commit?: string;
  /** The commit's date, `YYYY-MM-DD`. */
  date?: string;
  /** Tracked files differ from the commit. */
  dirty?: boolean;
}

/** Whether `changelog`'s `## [Unreleased]` section has any non-blank line. */
export function hasUnreleasedChanges(changelog: string): boolean {
  const start = changelog.search(/^## \[Unreleased\]/m);
  if (start === -1) return false;
  const rest = changelog.slice(changelog.indexOf("\n", start) + 1);
  const end = rest.search(/^## \[/m);
  return (end === -1 ? rest : rest.slice(0, end)).trim() !== "";
}

/** `git` in `root`, or undefined when it fails (no git, not a checkout). */
function git(root: string, args: string[]): string | undefined {
  try {
    const result = run("git", ["-C", root, ...args]);
    return result.status === 0 ? result.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** The build facts of the checkout at `root` (a copy that is no checkout has no commit). */
export function buildInfo(root: string): BuildInfo {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    version: string;
  };
  const changelog = join(root, "CHANGELOG.md");
  const unreleased = existsSync(changelog) && hasUnreleasedChanges(readFileSync(changelog, "utf8"));
  // Only root's own checkout: a copy inside another repository must not take its commit.
  if (!existsSync(join(root, ".git"))) return { version, unreleased };
  const head = git(root, ["show", "-s", "--format=%H %cs", "HEAD"])?.split(" ");
  if (!head?.[0]) return { version, unreleased };
  const dirty = git(root, ["status", "--porcelain", "--untracked-files=no"]) !== "";
  return { version, unreleased, commit: head[0], date: head[1], dirty };
}

/**
 * The site's version line, as HTML: the package version, and when the docs describe unreleased
 * changes, that they do; then the commit (linked on `repository`) and its date.
 * `changelog` is the href of the changelog page.
 */
export function versionLabel(info: BuildInfo, changelog: string, repository?: string): string {
  const unreleased = info.unreleased
    ? ` plus the <a href="${changelog}#unreleased">unreleased changes</a>`
    : "";
  const version = `Package version ${escapeHtml(info.version)}${unreleased}`;
  if (!info.commit) return version;
  const short = info.commit.slice(0, 7);
  const commit = repository
    ? `<a href="${repository}/commit/${info.commit}"><code>${short}</code></a>`
    : `<code>${short}</code>`;
  const dirty = info.dirty ? " with uncommitted changes" : "";
  return `${version}, built from commit ${commit}${dirty} of ${info.date}`;
}
