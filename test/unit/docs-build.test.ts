import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { operationIds } from "../../scripts/docs/api-reference.js";
import { buildSite } from "../../scripts/docs/build-site.js";
import { publicEntries } from "../../scripts/docs/entries.js";
import { repoRoot } from "../../scripts/lib/exec.js";

const siteDir = mkdtempSync(join(tmpdir(), "kubeadapt-site-"));
afterAll(() => rmSync(siteDir, { recursive: true, force: true }));

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

    // The versions on the landing page come from package.json and the spec, not from prose.
    const landing = readFileSync(join(siteDir, "index.html"), "utf8");
    expect(landing).toContain(`Package version ${JSON.parse(read("package.json")).version}`);
    expect(landing).toContain(`<strong id="spec-version">${spec.info.version}</strong>`);
  });
});
