import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { apiRoutes } from "../../scripts/docs/api-links.js";
import { hashRouteLinks, inlineCdnLogos } from "../../scripts/docs/api-reference.js";
import { buildInfo, hasUnreleasedChanges, versionLabel } from "../../scripts/docs/build-info.js";
import { entriesMissing, publicEntries } from "../../scripts/docs/entries.js";
import { orderSlugs, PREFERRED_ORDER, renderGuide, siteHref } from "../../scripts/docs/guides.js";
import { sourceRepo } from "../../scripts/docs/repository.js";
import { writeSpecFiles } from "../../scripts/docs/spec-files.js";
import { fileFor } from "../../scripts/docs/static-server.js";
import { repoRoot } from "../../scripts/lib/exec.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "kubeadapt-docs-"));
  dirs.push(dir);
  return dir;
}

/** A project with only a package.json, in no git checkout. */
function tempDirWithPackage(): string {
  const dir = tempDir();
  writeFileSync(join(dir, "package.json"), '{ "version": "9.9.9" }');
  return dir;
}

describe("the docs site build", () => {
  it("swaps Redoc's CDN logos for inline images, and refuses a page where they moved", () => {
    const html =
      "src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`";
    const inlined = inlineCdnLogos(html);
    expect(inlined).not.toContain("https://");
    expect(inlined.match(/data:image\/svg\+xml,/g)).toHaveLength(2);
    expect(() => inlineCdnLogos("src:`https://cdn.redoc.ly/redoc/logo-v2.svg`")).toThrow(
      "no longer contains https://cdn.redoc.ly/redoc/logo-mini-full.svg",
    );
  });

  it("writes Redoc's sidebar links as hash routes (a new tab of /clusters 404s), and refuses a page with none", () => {
    const html =
      '<a class="x" href="/" data-discover="true"></a><a href="/clusters">C</a><a href="//h/x">h</a><a href="#/teams">t</a>';
    expect(hashRouteLinks(html)).toBe(
      '<a class="x" href="#/" data-discover="true"></a><a href="#/clusters">C</a><a href="//h/x">h</a><a href="#/teams">t</a>',
    );
    expect(() => hashRouteLinks('<a href="#/clusters">C</a>')).toThrow(
      "no root-absolute sidebar link left to rewrite",
    );
  });

  it("turns links written for GitHub into links of the site", () => {
    expect(siteHref("pagination.md")).toBe("pagination.html");
    expect(siteHref("./errors-and-retries.md#retries")).toBe("errors-and-retries.html#retries");
    expect(siteHref("../../README.md")).toBe("../index.html");
    expect(siteHref("#walks")).toBe("#walks");
    expect(siteHref("https://example.com/a.md")).toBe("https://example.com/a.md");
    expect(siteHref("../api/index.html")).toBe("../api/index.html");
    expect(siteHref("../../CHANGELOG.md#unreleased")).toBe("../CHANGELOG.html#unreleased");
    expect(siteHref("../../src/index.ts")).toBe("../../src/index.ts");
    expect(siteHref("docs/guides/versioning.md#majors", "root")).toBe(
      "guides/versioning.html#majors",
    );
    expect(siteHref("./CONTRIBUTING.md", "root")).toBe("CONTRIBUTING.html");
    expect(siteHref("README.md", "root")).toBe("index.html");
    expect(siteHref("docs/guides/", "root")).toBe("index.html#guides");
  });

  it("links a code span that names an API path to its operation in the HTTP API reference", () => {
    const spec = JSON.parse(readFileSync(join(repoRoot, "generated", "openapi.json"), "utf8"));
    const api = apiRoutes(spec);
    expect(api.get("/v1/workloads")).toBe("#/workloads/listworkloads");
    const markdown = "# G\n\n`/v1/workloads`, `/v1/workload`, `kind`, `GET /v1/clusters`";
    const { html } = renderGuide("g", markdown, "guides", { api });
    expect(html).toContain(
      '<a href="../api/index.html#/workloads/listworkloads"><code>/v1/workloads</code></a>',
    );
    expect(html).toContain("<code>/v1/workload</code>,");
    expect(html).toContain('listclusters"><code>GET /v1/clusters</code></a>');
    expect(html).not.toContain('href="../api/index.html#/workloads/listworkload"');
    expect(renderGuide("r", "# R\n\n`/v1/workloads`", "root", { api }).html).toContain(
      'href="api/index.html#/workloads/',
    );
  });

  it("links files the site does not render to the repository, when they exist", () => {
    const repo = { url: "https://github.com/o/r", root: repoRoot };
    expect(siteHref("../../src/index.ts", "guides", repo)).toBe(
      "https://github.com/o/r/blob/HEAD/src/index.ts",
    );
    expect(siteHref("examples/#run", "root", repo)).toBe(
      "https://github.com/o/r/tree/HEAD/examples/#run",
    );
    expect(siteHref("../api/index.html", "guides", repo)).toBe("../api/index.html");
    expect(siteHref("../../src/gone.ts", "guides", repo)).toBe("../../src/gone.ts");
    expect(sourceRepo(repoRoot)?.url).toBe("https://github.com/kubeadapt/kubeadapt-js");
    const built = { ...repo, ref: "0123abc" };
    expect(siteHref("../../src/index.ts", "guides", built)).toBe(
      "https://github.com/o/r/blob/0123abc/src/index.ts",
    );
    expect(sourceRepo(repoRoot, "0123abc")?.ref).toBe("0123abc");
  });

  it("labels the version: unreleased changes when the changelog lists some, and the commit", () => {
    const changelog = (unreleased: string) =>
      `# Changelog\n\n## [Unreleased]\n${unreleased}\n## [0.1.0] - 2026-11-29\n\n- First.\n`;
    expect(hasUnreleasedChanges(changelog("\n### Added\n\n- get --timeout\n"))).toBe(true);
    expect(hasUnreleasedChanges(changelog("\n\n"))).toBe(false);
    expect(hasUnreleasedChanges("# Changelog\n\n## [Unreleased]\n\n- x\n")).toBe(true);
    const commit = "0123abcdef0123abcdef0123abcdef0123abcdef";
    const released = { version: "0.1.0", unreleased: false, commit, date: "2026-11-29" };
    expect(versionLabel(released, "CHANGELOG.html")).toBe(
      "Package version 0.1.0, built from commit <code>0123abc</code> of 2026-11-29",
    );
    expect(
      versionLabel({ ...released, unreleased: true, dirty: true }, "c.html", "https://g/r"),
    ).toBe(
      'Package version 0.1.0 plus the <a href="c.html#unreleased">unreleased changes</a>, built ' +
        `from commit <a href="https://g/r/commit/${commit}"><code>0123abc</code></a> with ` +
        "uncommitted changes of 2026-11-29",
    );
    expect(versionLabel({ version: "0.1.0", unreleased: true }, "c.html")).toBe(
      'Package version 0.1.0 plus the <a href="c.html#unreleased">unreleased changes</a>',
    );
    expect(buildInfo(repoRoot)).toMatchObject({ commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(buildInfo(tempDirWithPackage())).toEqual({ version: "9.9.9", unreleased: false });
  });

  it("knows the reading place only of guides that exist", () => {
    const missing = PREFERRED_ORDER.filter(
      (slug) => !existsSync(join(repoRoot, "docs", "guides", `${slug}.md`)),
    );
    expect(missing).toEqual([]);
  });

  it("documents every code entry package.json exports, and names one it does not", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
    expect(entriesMissing(manifest, publicEntries())).toEqual([]);
    const entries = [{ specifier: "pkg", file: "src/index.ts" }];
    const exports = {
      ".": { import: "./dist/index.js" },
      "./extra": { types: "./dist/extra.d.ts", default: "./dist/extra.js" },
      "./spec.json": "./spec.json",
    };
    expect(entriesMissing({ name: "pkg", exports }, entries)).toEqual(["pkg/extra"]);
  });

  it("orders the known guides first, then any other by name", () => {
    expect(orderSlugs(["zeta", "benchmarks", "alpha", "quick-start", "pagination"])).toEqual([
      "quick-start",
      "pagination",
      "benchmarks",
      "alpha",
      "zeta",
    ]);
  });

  it("titles a guide by its first heading and gives headings GitHub's ids", () => {
    const guide = renderGuide("x", "Intro\n\n# The `kubeadapt` CLI\n\n## Exit codes\n\n[a](y.md)");
    expect(guide.title).toBe("The kubeadapt CLI");
    expect(guide.html).toContain('<h2 id="exit-codes">Exit codes</h2>');
    expect(guide.html).toContain('<a href="y.html">a</a>');
    const code = renderGuide(
      "c",
      '# C\n\n```ts fragment\nconst a = "x";\n```\n\n```weird\n<b>\n```',
    ).html;
    expect(code).toContain(
      '<code class="hljs language-ts"><span class="hljs-keyword">const</span>',
    );
    expect(code).toContain("&lt;b&gt;");
    expect(() => renderGuide("empty", "no heading")).toThrow("empty.md has no heading");
  });

  it("publishes the spec as JSON and YAML (converted, or the generated YAML when there is one)", () => {
    const generated = tempDir();
    const out = tempDir();
    const spec = { openapi: "3.1.0", info: { title: "T", version: "2.3.4" }, paths: {} };
    writeFileSync(join(generated, "openapi.json"), JSON.stringify(spec));
    expect(writeSpecFiles(generated, out)).toEqual({
      title: "T",
      version: "2.3.4",
      openapi: "3.1.0",
    });
    expect(JSON.parse(readFileSync(join(out, "openapi.json"), "utf8"))).toEqual(spec);
    expect(parse(readFileSync(join(out, "openapi.yaml"), "utf8"))).toEqual(spec);

    writeFileSync(join(generated, "openapi.yaml"), "# the generated one\n");
    writeSpecFiles(generated, out);
    expect(readFileSync(join(out, "openapi.yaml"), "utf8")).toBe("# the generated one\n");

    writeFileSync(join(generated, "openapi.json"), JSON.stringify({ openapi: "3.1.0", info: {} }));
    expect(() => writeSpecFiles(generated, out)).toThrow(
      "lacks openapi, info.title or info.version",
    );
  });

  it("serves only files inside the site folder, a folder by its index.html", async () => {
    const site = tempDir();
    mkdirSync(join(site, "guides"));
    writeFileSync(join(site, "guides", "index.html"), "x");
    writeFileSync(join(site, "a.html"), "x");
    expect(await fileFor(site, "/a.html")).toBe(join(site, "a.html"));
    expect(await fileFor(site, "/guides/")).toBe(join(site, "guides", "index.html"));
    expect(await fileFor(site, "/missing.html")).toBeUndefined();
    expect(await fileFor(site, "/../../etc/passwd")).toBeUndefined();
    expect(await fileFor(site, "/%2e%2e/%2e%2e/etc/passwd")).toBeUndefined();
  });
});
