import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { repoRoot } from "../lib/exec.js";
import { apiRoutes } from "./api-links.js";
import { buildApiReference, checkApiReferencePage, operationIds } from "./api-reference.js";
import { buildInfo } from "./build-info.js";
import {
  entriesMissing,
  type PackageManifest,
  type PublicEntry,
  publicEntries,
} from "./entries.js";
import { HIGHLIGHT_CSS, renderGuides, renderReadme, renderRootPages } from "./guides.js";
import { landingPage } from "./landing.js";
import { page, STYLE_CSS } from "./layout.js";
import { sourceRepo } from "./repository.js";
import { buildSdkReference, type SdkModule } from "./sdk-reference.js";
import { brokenSiteLinks } from "./site-links.js";
import { checkPublishableSpec } from "./spec-checks.js";
import { type SpecInfo, writeSpecFiles } from "./spec-files.js";

/** Where `npm run docs` writes the site, from the repository root: what publishing uploads. */
export const SITE_DIR = ".docs";

/** What {@link buildSite} reads and writes; the defaults build this repository's site. */
export interface SiteOptions {
  /** The project: `package.json`, `tsconfig.json`, CHANGELOG.md, CONTRIBUTING.md. @default the repo root */
  root?: string;
  /** Where the site is written (emptied first). @default `<root>/.docs` */
  siteDir?: string;
  /** The spec's sources. @default `<root>/openapi` */
  specDir?: string;
  /** The bundled spec the site publishes. @default `<root>/generated` */
  generatedDir?: string;
  /** The guides' markdown. @default `<root>/docs/guides` */
  guidesDir?: string;
  /** The SDK entries to document. @default publicEntries(root) */
  entries?: readonly PublicEntry[];
  /** Passed to the SDK reference build. @default the generated spec types */
  intentionallyNotExported?: string[];
}

/** What a build published. */
export interface SiteSummary {
  /** Where the site was written, relative to the current directory. */
  siteDir: string;
  guides: number;
  spec: SpecInfo;
  sdkModules: SdkModule[];
  /** Operations in the HTTP API reference. */
  operations: number;
  /** Pages whose links were checked. */
  checkedPages: number;
}

/** The page of the HTTP API reference, from the site root. */
export const API_PAGE = "api/index.html";

/** {@link SiteOptions} with every default applied. */
type Inputs = Required<Omit<SiteOptions, "siteDir" | "intentionallyNotExported">> &
  Pick<SiteOptions, "intentionallyNotExported">;

/**
 * Builds the documentation site and refuses to finish a site that would publish something
 * wrong: a spec that does not lint or bundle, a stale `generated/`, a dangling `$ref`, an API
 * reference that leaves out an operation, a TypeDoc warning (an export without JSDoc, a broken
 * `{@link}`) or a public export the SDK reference lacks, and a broken relative link or
 * `#fragment` on the landing page, a guide or CHANGELOG/CONTRIBUTING (into the API reference's
 * routes and the SDK reference's pages too). A failed build leaves no site at all, neither the
 * last one nor a partial one, so a job that publishes the folder whatever the exit code cannot
 * publish stale or half-built pages.
 * @throws naming each problem and what fixes it
 */
export async function buildSite(options: SiteOptions = {}): Promise<SiteSummary> {
  const root = options.root ?? repoRoot;
  const siteDir = options.siteDir ?? join(root, SITE_DIR);
  const inputs: Inputs = {
    root,
    specDir: options.specDir ?? join(root, "openapi"),
    generatedDir: options.generatedDir ?? join(root, "generated"),
    guidesDir: options.guidesDir ?? join(root, "docs", "guides"),
    entries: options.entries ?? publicEntries(root),
    intentionallyNotExported: options.intentionallyNotExported,
  };
  const partialDir = `${siteDir}.partial`;
  rmSync(siteDir, { recursive: true, force: true });
  rmSync(partialDir, { recursive: true, force: true });
  checkPublishableSpec(inputs);
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as PackageManifest;
  const missing = entriesMissing(manifest, inputs.entries);
  if (missing.length > 0) {
    throw new Error(
      `package.json exports ${missing.join(", ")}, which the SDK reference would leave out: ` +
        "add each to CANDIDATES in scripts/docs/entries.ts.",
    );
  }
  try {
    const summary = await writeSite(partialDir, inputs);
    renameSync(partialDir, siteDir);
    return { ...summary, siteDir: relative(process.cwd(), siteDir) || "." };
  } finally {
    rmSync(partialDir, { recursive: true, force: true });
  }
}

/** Writes the site into `siteDir`, checking each part as it is made. */
async function writeSite(
  siteDir: string,
  { root, generatedDir, guidesDir, entries, intentionallyNotExported }: Inputs,
): Promise<Omit<SiteSummary, "siteDir">> {
  mkdirSync(join(siteDir, "guides"), { recursive: true });
  mkdirSync(join(siteDir, "api"), { recursive: true });

  const spec = writeSpecFiles(generatedDir, siteDir);
  buildApiReference(join(siteDir, "openapi.json"), join(siteDir, API_PAGE));
  const published = JSON.parse(readFileSync(join(siteDir, "openapi.json"), "utf8"));
  const api = checkApiReferencePage(readFileSync(join(siteDir, API_PAGE), "utf8"), published);
  if (api.problems.length > 0) {
    throw new Error(`the HTTP API reference is incomplete:\n  ${api.problems.join("\n  ")}`);
  }
  const sdkModules = await buildSdkReference(join(siteDir, "sdk"), {
    root,
    entries,
    ...(intentionallyNotExported ? { intentionallyNotExported } : {}),
  });
  const build = buildInfo(root);
  const repo = sourceRepo(root, build.commit);
  const repository = repo?.url;
  const targets = { api: apiRoutes(published), ...(repo ? { repo } : {}) };
  const guides = renderGuides(guidesDir, targets);
  const pages: string[] = [];
  for (const guide of guides) {
    const html = page({
      title: `${guide.title} · kubeadapt`,
      body: guide.html,
      root: "../",
      repository,
    });
    writeFileSync(join(siteDir, "guides", `${guide.slug}.html`), html);
    pages.push(`guides/${guide.slug}.html`);
  }
  const rootPages = renderRootPages(root, targets);
  for (const rootPage of rootPages) {
    const html = page({
      title: `${rootPage.title} · kubeadapt`,
      body: rootPage.html,
      root: "",
      repository,
    });
    writeFileSync(join(siteDir, `${rootPage.slug}.html`), html);
    pages.push(`${rootPage.slug}.html`);
  }
  writeFileSync(join(siteDir, "style.css"), STYLE_CSS);
  copyFileSync(
    createRequire(import.meta.url).resolve(HIGHLIGHT_CSS),
    join(siteDir, "highlight.css"),
  );
  writeFileSync(
    join(siteDir, "index.html"),
    landingPage({
      guides,
      rootPages,
      sdkModules,
      spec,
      build,
      readme: renderReadme(root, targets),
      repository,
    }),
  );
  pages.push("index.html");

  const broken = brokenSiteLinks(siteDir, pages, { [API_PAGE]: api.routes });
  if (broken.length > 0) {
    throw new Error(
      `${broken.length} broken link(s) in the built site (fix the markdown they come from):\n  ` +
        broken.join("\n  "),
    );
  }
  return {
    guides: guides.length,
    spec,
    sdkModules,
    operations: operationIds(published).length,
    checkedPages: pages.length,
  };
}
