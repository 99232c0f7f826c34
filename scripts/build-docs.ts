/**
 * `npm run docs`: builds the documentation site into `.docs/` (gitignored), offline:
 * the landing page, the guides (`docs/guides/*.md`), CHANGELOG.md and CONTRIBUTING.md when they
 * exist, the HTTP API reference (Redoc), the SDK reference (TypeDoc) and the bundled spec. `npm run test:browser` checks it.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildApiReference } from "./docs/api-reference.js";
import { HIGHLIGHT_CSS, renderGuides, renderRootPages } from "./docs/guides.js";
import { landingPage } from "./docs/landing.js";
import { page, STYLE_CSS } from "./docs/layout.js";
import { buildSdkReference } from "./docs/sdk-reference.js";
import { writeSpecFiles } from "./docs/spec-files.js";
import { repoRoot } from "./lib/exec.js";

/** Where the site is written. */
export const SITE_DIR = join(repoRoot, ".docs");

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(SITE_DIR, { recursive: true, force: true });
  mkdirSync(join(SITE_DIR, "guides"), { recursive: true });
  mkdirSync(join(SITE_DIR, "api"), { recursive: true });

  const spec = writeSpecFiles(join(repoRoot, "generated"), SITE_DIR);
  buildApiReference(join(SITE_DIR, "openapi.json"), join(SITE_DIR, "api", "index.html"));
  const sdkModules = await buildSdkReference(join(SITE_DIR, "sdk"));
  const guides = renderGuides(join(repoRoot, "docs", "guides"));
  for (const guide of guides) {
    const html = page({ title: `${guide.title} · kubeadapt`, body: guide.html, root: "../" });
    writeFileSync(join(SITE_DIR, "guides", `${guide.slug}.html`), html);
  }
  const rootPages = renderRootPages(repoRoot);
  for (const rootPage of rootPages) {
    const html = page({ title: `${rootPage.title} · kubeadapt`, body: rootPage.html, root: "" });
    writeFileSync(join(SITE_DIR, `${rootPage.slug}.html`), html);
  }
  const { version: packageVersion } = JSON.parse(
    readFileSync(join(repoRoot, "package.json"), "utf8"),
  ) as { version: string };
  writeFileSync(join(SITE_DIR, "style.css"), STYLE_CSS);
  copyFileSync(
    createRequire(import.meta.url).resolve(HIGHLIGHT_CSS),
    join(SITE_DIR, "highlight.css"),
  );
  writeFileSync(
    join(SITE_DIR, "index.html"),
    landingPage({ guides, rootPages, sdkModules, spec, packageVersion }),
  );
  console.log(
    `docs: ${guides.length} guides, API reference (${spec.title} ${spec.version}), SDK reference ` +
      `(${sdkModules.map((mod) => mod.specifier).join(", ")}) in ${SITE_DIR} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

try {
  await main();
} catch (error) {
  console.error(`docs failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
