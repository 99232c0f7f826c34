// CHANGELOG.md's link references resolve: a tag it names exists, a commit it names is in the
// history. Its links named a tag v0.1.0 that was never made (0.1.0 was recorded, not tagged).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, run } from "../../scripts/lib/exec.js";

/** The tags (`v0.1.0`) and commits CHANGELOG's `[x]: url` lines name on GitHub. */
function linkedRefs(changelog: string): { tags: string[]; commits: string[] } {
  const urls = [...changelog.matchAll(/^\[[^\]]+\]: (\S+)$/gm)].map((m) => m[1] as string);
  const refs = urls.flatMap((url) => {
    const m = /\/(?:releases\/tag\/(.+)|compare\/(.+)\.\.\.(.+)|commit\/(.+))$/.exec(url);
    return m
      ? [m[1], m[2], m[3], m[4]].filter((ref): ref is string => !!ref && ref !== "HEAD")
      : [];
  });
  return {
    tags: refs.filter((ref) => !/^[0-9a-f]{7,40}$/.test(ref)),
    commits: refs.filter((ref) => /^[0-9a-f]{7,40}$/.test(ref)),
  };
}

/** What CHANGELOG links that the checkout lacks: tags not in `tags`, commits `known` refuses. */
function unresolved(changelog: string, tags: readonly string[], known: (sha: string) => boolean) {
  const refs = linkedRefs(changelog);
  return [
    ...refs.tags.filter((tag) => !tags.includes(tag)).map((tag) => `tag ${tag}`),
    ...refs.commits.filter((sha) => !known(sha)).map((sha) => `commit ${sha}`),
  ];
}

const git = (...args: string[]) => run("git", ["-C", repoRoot, ...args]);
// A shallow clone (CI's checkout) lacks the history and the tags: nothing to check there.
const shallow = git("rev-parse", "--is-shallow-repository").stdout.trim() !== "false";

describe("CHANGELOG.md's links", () => {
  it.skipIf(shallow)("name only tags and commits this repository has", () => {
    const changelog = readFileSync(join(repoRoot, "CHANGELOG.md"), "utf8");
    const tags = git("tag", "-l").stdout.split("\n").filter(Boolean);
    const known = (sha: string) => git("cat-file", "-e", `${sha}^{commit}`).status === 0;
    expect(
      linkedRefs(changelog).commits.length + linkedRefs(changelog).tags.length,
    ).toBeGreaterThan(0);
    expect(unresolved(changelog, tags, known)).toEqual([]);
  });

  it("would notice the old links, to a tag v0.1.0 that was never made", () => {
    const old = [
      "[unreleased]: https://github.com/o/r/compare/v0.1.0...HEAD",
      "[0.1.0]: https://github.com/o/r/releases/tag/v0.1.0",
      "[0.0.9]: https://github.com/o/r/commit/0123abc",
    ].join("\n");
    expect(unresolved(old, [], (sha) => sha !== "0123abc")).toEqual([
      "tag v0.1.0",
      "tag v0.1.0",
      "commit 0123abc",
    ]);
    expect(unresolved(old, ["v0.1.0"], () => true)).toEqual([]);
  });
});
