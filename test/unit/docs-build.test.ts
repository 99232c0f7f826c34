import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { operationIds } from "../../scripts/docs/api-reference.js";
import { hasUnreleasedChanges } from "../../scripts/docs/build-info.js";
import { buildSite } from "../../scripts/docs/build-site.js";
import { publicEntries } from "../../scripts/docs/entries.js";
import { repoRoot, run } from "../../scripts/lib/exec.js";

const siteDir = join(mkdtempSync(join(tmpdir(), "kubeadapt-site-")), "site");
const root = mkdtempSync(join(tmpdir(), "kubeadapt-site-fixture-"));
afterAll(() => {
  rmSync(join(siteDir, ".."), { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(join(repoRoot, file), "utf8");

// The whole `npm run docs` on this repository, into a temp dir: an export without JSDoc, a
// guide's broken link or a spec Redoc cannot show fails here, not first when publishing.
describe("the documentation site of this repository", { timeout: 120_000 }, () => {
  it("builds with every check passing, documenting every guide, operation and entry", async () => {
    const spec = JSON.parse(read("generated/openapi.json"));
    const site = await buildSite({ siteDir });
    expect(site.guides).toBe(readdirSync(join(repoRoot, "docs", "guides")).length);
    expect(site.operations).toBe(operationIds(spec).length);
    expect(site.sdkModules.map((mod) => mod.specifier)).toEqual(
      publicEntries().map((entry) => entry.specifier),
    );

    // The versions on the landing page come from package.json and the spec, not from prose, and
    // it says when the docs describe changes past that version (the site is built from a branch),
    // naming the commit; links into the repository name that commit, not the moving HEAD.
    const landing = readFileSync(join(siteDir, "index.html"), "utf8");
    const version = JSON.parse(read("package.json")).version;
    const commit = run("git", ["rev-parse", "HEAD"]).stdout.trim();
    const unreleased = hasUnreleasedChanges(read("CHANGELOG.md"));
    expect(landing).toContain(
      `Package version ${version}${unreleased ? ' plus the <a href="CHANGELOG.html#unreleased">unreleased changes</a>' : ""}, built from commit <a href="https://github.com/kubeadapt/kubeadapt-js/commit/${commit}"><code>${commit.slice(0, 7)}</code></a>`,
    );
    expect(landing).toContain(`<strong id="spec-version">${spec.info.version}</strong>`);
    // It opens with the README (the guides send readers "to the README"), and links the repository,
    // where README's links to examples/ go.
    const repo = "https://github.com/kubeadapt/kubeadapt-js";
    expect(landing).toContain("the contract-test harness for it");
    expect(landing).toContain(`<a href="${repo}">Repository</a>`);
    expect(landing).toContain(`href="${repo}/tree/${commit}/examples/"`);
    expect(landing).not.toContain("/HEAD/");
    // Guides that name an endpoint link it into the API reference (the link check knows its routes).
    const checks = readFileSync(join(siteDir, "guides", "contract-checks.html"), "utf8");
    expect(checks).toContain('<a href="../api/index.html#/workloads/listworkloads"><code>');
  });

  it("fails on a guide whose link resolves on GitHub but not on the site, leaving no site", async () => {
    // A tiny project (two documented entries, one guide) with this repository's spec.
    mkdirSync(join(root, "src", "extra"), { recursive: true });
    mkdirSync(join(root, "guides"));
    writeFileSync(join(root, "package.json"), '{ "version": "1.2.3" }');
    writeFileSync(join(root, "src", "index.ts"), "/** One. */\nexport const one = 1;\n");
    writeFileSync(join(root, "src", "extra", "index.ts"), "/** Two. */\nexport const two = 2;\n");
    writeFileSync(
      join(root, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, lib: ["ES2022"], types: [] } }),
    );
    writeFileSync(
      join(root, "guides", "a.md"),
      "# A\n\n[the code](../../src/index.ts), [an operation](../api/index.html#/workloads/listworkloads)\n",
    );
    const out = join(root, "site");
    await expect(
      buildSite({
        root,
        siteDir: out,
        specDir: join(repoRoot, "openapi"),
        generatedDir: join(repoRoot, "generated"),
        guidesDir: join(root, "guides"),
        entries: [
          { specifier: "pkg", file: "src/index.ts" },
          { specifier: "pkg/extra", file: "src/extra/index.ts" },
        ],
        intentionallyNotExported: [],
      }),
    ).rejects.toThrow(
      "1 broken link(s) in the built site (fix the markdown they come from):\n  guides/a.html: ../../src/index.ts: outside the site",
    );
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});
