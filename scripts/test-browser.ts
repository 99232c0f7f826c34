/**
 * `npm run test:browser`: builds the documentation site (`npm run docs`) and checks it in
 * headless Chromium: every internal link of every page resolves, no page logs an error or
 * requests another host, the HTTP API reference opens an operation with its parameters and
 * error codes, and the SDK reference lists every public export of every entry. Needs Debian's
 * chromium at /usr/bin/chromium (or CHROMIUM_PATH); fails when absent. The browser checkers' own
 * tests (fixture sites with a broken link, an external image, ...) run first, from
 * test/browser/. `npm run docs` itself already fails on broken relative links, a spec that is not
 * sound and TypeDoc warnings; this adds what needs a browser.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { checkApiReferencePage } from "./docs/api-reference.js";
import { publicEntries } from "./docs/entries.js";
import { publicExports } from "./docs/public-exports.js";
import { checkApiReference, checkApiRoutes, checkSdkReference } from "./docs/reference-checks.js";
import { checkSite } from "./docs/site-check.js";
import { serveFolder } from "./docs/static-server.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/chromium.js";
import { repoRoot, run } from "./lib/exec.js";

const SITE = join(repoRoot, ".docs");
const API_PAGE = "api/index.html";

/** The published spec's tags (each must be listed in Redoc's sidebar) and version. */
function specFacts(): { tags: string[]; version: string } {
  const spec = JSON.parse(readFileSync(join(SITE, "openapi.json"), "utf8")) as {
    tags?: { name: string }[];
    info: { version: string };
  };
  return { tags: (spec.tags ?? []).map((tag) => tag.name), version: spec.info.version };
}

/** Guides no crawled page links to: built, but unreachable from the landing page. */
function orphanGuides(crawled: readonly string[]): string[] {
  return readdirSync(join(SITE, "guides"))
    .map((file) => `/guides/${file}`)
    .filter((path) => !crawled.includes(path));
}

async function main(): Promise<string> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const selfTest = run("npx", ["vitest", "run", "--config", "test/browser/vitest.config.ts"], {
    stdio: "inherit",
  });
  if (selfTest.status !== 0) throw new Error("the checkers' own tests failed (above)");
  const docs = run("npm", ["run", "--silent", "docs"]);
  if (docs.status !== 0) {
    throw new Error(`npm run docs exited with ${docs.status}\n${docs.stdout}${docs.stderr}`);
  }
  process.stdout.write(docs.stdout);

  const started = Date.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const server = await serveFolder(SITE);
  try {
    const crawl = await checkSite(browser, SITE, { scriptRoutedPages: [API_PAGE] });
    if (crawl.problems.length > 0) {
      throw new Error(
        `the site has ${crawl.problems.length} problem(s):\n  ${crawl.problems.join("\n  ")}`,
      );
    }
    const orphans = orphanGuides(crawl.pages);
    if (orphans.length > 0) throw new Error(`guides no page links to: ${orphans.join(", ")}`);
    const spec = specFacts();
    const page = await browser.newPage();
    await page.goto(`${server.origin}/index.html`);
    const shownVersion = await page.locator("#spec-version").textContent();
    if (shownVersion !== spec.version) {
      throw new Error(
        `the landing page shows API version ${shownVersion}, the spec is ${spec.version}`,
      );
    }
    await checkApiReference(page, `${server.origin}/${API_PAGE}`, {
      tags: spec.tags,
      tag: "Workloads",
      operation: "List workloads",
      operationId: "listWorkloads",
      text: ["List workloads", "Get a workload", "CURSOR_EXPIRED", "INVALID_CURSOR"],
      lines: ["limit", "cursor"],
    });
    // The fragments `npm run docs` accepts in links to the API reference, computed from the
    // spec: each must open an element of Redoc's page.
    const { routes } = checkApiReferencePage(
      readFileSync(join(SITE, API_PAGE), "utf8"),
      JSON.parse(readFileSync(join(SITE, "openapi.json"), "utf8")),
    );
    await checkApiRoutes(page, `${server.origin}/${API_PAGE}`, routes);
    const exports = publicExports(publicEntries());
    await checkSdkReference(page, `${server.origin}/sdk/`, [
      ...[...exports].map(([specifier, names]) => ({
        path: `modules/${specifier.replaceAll("/", "_")}.html`,
        text: names,
      })),
      { path: "functions/kubeadapt.createKubeadapt.html", text: ["KubeadaptOptions", "Example"] },
      { path: "classes/kubeadapt.KubeadaptError.html", text: ["status", "code", "requestId"] },
      { path: "interfaces/kubeadapt.Paginator.html", text: ["pages", "toArray"] },
    ]);
    const exported = [...exports.values()].reduce((sum, names) => sum + names.length, 0);
    return (
      `${crawl.pages.length} pages (every guide reachable), ${crawl.links} internal links resolved ` +
      `(${crawl.externalLinks} to other hosts not followed, ${crawl.routedLinks} Redoc routes), ` +
      `no console error, no off-host request; landing page shows API ${spec.version}; API reference opened an operation and its ${routes.size} routes; SDK reference ` +
      `lists all ${exported} exports of ${[...exports.keys()].join(", ")} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

try {
  console.log(`test:browser: ${await main()}`);
} catch (error) {
  console.error(`test:browser failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
