import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { documentationFiles } from "../../scripts/docs/code-blocks.js";
import { brokenLinks, linkTargets } from "../../scripts/docs/markdown-links.js";
import { repoRoot } from "../../scripts/lib/exec.js";

const dir = mkdtempSync(join(tmpdir(), "kubeadapt-links-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("relative links of the markdown docs", () => {
  it("lead to a file of the repository and, in a markdown file, to a heading it has", () => {
    mkdirSync(join(dir, "docs", "guides"), { recursive: true });
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src", "index.ts"), "export {};\n");
    writeFileSync(join(dir, "docs", "guides", "b.md"), "# B\n\n## Resuming a walk\n");
    writeFileSync(
      join(dir, "docs", "guides", "a.md"),
      [
        "# A",
        "## Local",
        "[ok](b.md#resuming-a-walk) [ok](./b.md) [ok](#local) [ok](../../src/index.ts)",
        "[ok](https://example.com/x.md#nowhere) ![ok](/src/index.ts)",
        "[gone](c.md) [renamed](b.md#resuming) [self](#locals) [out](../../../etc/passwd)",
      ].join("\n"),
    );
    expect(brokenLinks(dir, "docs/guides/a.md")).toEqual([
      "docs/guides/a.md: c.md: no such file",
      "docs/guides/a.md: b.md#resuming: docs/guides/b.md has no heading #resuming",
      "docs/guides/a.md: #locals: docs/guides/a.md has no heading #locals",
      "docs/guides/a.md: ../../../etc/passwd: outside the repository",
    ]);
  });

  it("of README.md, CONTRIBUTING.md, CHANGELOG.md and every guide all resolve", () => {
    const files = [...documentationFiles(), "CONTRIBUTING.md", "CHANGELOG.md"];
    const problems = files.flatMap((file) => brokenLinks(repoRoot, file));
    expect(problems).toEqual([]);
    expect(linkTargets("[a](b.md) ![c](d.png) <https://e.example>")).toEqual([
      "b.md",
      "d.png",
      "https://e.example",
    ]);
  });
});
