/** What a release adds to CHANGELOG.md. */
export interface ReleaseEntry {
  version: string;
  /** `YYYY-MM-DD` */
  date: string;
  /** The API part (Markdown), written under `### API`. */
  api: string;
  /** The previous release, for the compare link; absent for the first. */
  previous?: string;
  /** `https://github.com/owner/repo`, for the links at the bottom; none written without it. */
  repository?: string;
}

/** CHANGELOG.md has no `## [Unreleased]` section to release from. */
export class ChangelogError extends Error {
  override readonly name = "ChangelogError";
}

const UNRELEASED = /^## \[Unreleased\][^\n]*\n/im;

/**
 * Keep a Changelog: the notes under `## [Unreleased]` move into a new `## [version] - date`
 * section together with the API part, `Unreleased` is left empty, and the links at the bottom
 * are updated.
 */
export function releaseChangelog(text: string, entry: ReleaseEntry): string {
  const heading = UNRELEASED.exec(text);
  if (!heading) throw new ChangelogError("CHANGELOG.md has no `## [Unreleased]` section");
  const start = heading.index + heading[0].length;
  const next = text.slice(start).search(/^## |^\[[^\]]+\]: /m);
  const end = next === -1 ? text.length : start + next;
  const notes = text.slice(start, end).trim();
  const section = [
    `## [${entry.version}] - ${entry.date}`,
    ...(notes ? [notes] : []),
    `### API\n\n${entry.api.trim()}`,
  ].join("\n\n");
  const released = `${text.slice(0, start)}\n${section}\n\n${text.slice(end).trimStart()}`;
  return entry.repository ? updateLinks(released, entry, entry.repository) : released;
}

function updateLinks(text: string, entry: ReleaseEntry, repository: string): string {
  const tag = `v${entry.version}`;
  const unreleased = `[unreleased]: ${repository}/compare/${tag}...HEAD`;
  const release = entry.previous
    ? `[${entry.version}]: ${repository}/compare/v${entry.previous}...${tag}`
    : `[${entry.version}]: ${repository}/releases/tag/${tag}`;
  const existing = /^\[unreleased\]: .*$/im;
  if (existing.test(text)) return text.replace(existing, `${unreleased}\n${release}`);
  return `${text.trimEnd()}\n\n${unreleased}\n${release}\n`;
}
