/**
 * `npm run test:browser`: builds the documentation site (`npm run docs`) and checks it in
 * headless Chromium: every internal link of every page resolves, no page logs an error or
 * requests another host, the HTTP API reference opens an operation with its parameters and
 * error codes, and the SDK reference lists every public export of every entry. Needs Debian's
 * chromium at /usr/bin/chromium (or CHROMIUM_PATH); fails when absent. The checkers' own tests
 * (fixture sites with a broken link, an external image, ...) run first, from
 * test/browser/.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { publicEntries } from "./docs/entries.js";
import { publicExports } from "./docs/public-exports.js";
import { checkApiReference, checkSdkReference } from "./docs/reference-checks.js";
import { checkSite } from "./docs/site-check.js";
import { serveFolder } from "./docs/static-server.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/chromium.js";
import { repoRoot, run } from "./lib/exec.js";

const SITE = join(repoRoot, ".docs");
const API_PAGE = "api/index.html";

/** Tag names in the bundled spec: each must be listed in the sidebar. */
function specTags(): string[] {
  const spec = JSON.parse(readFileSync(join(SITE, "openapi.json"), "utf8")) as {
    tags?: { name: string }[];
  };
  return (spec.tags ?? []).map((tag) => tag.name);
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
    const page = await browser.newPage();
    await checkApiReference(page, `${server.origin}/${API_PAGE}`, {
      tags: specTags(),
      tag: "Workloads",
      operation: "List workloads",
      operationId: "listWorkloads",
      text: ["List workloads", "Get a workload", "CURSOR_EXPIRED", "INVALID_CURSOR"],
      lines: ["limit", "cursor"],
    });
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
      `${crawl.pages.length} pages, ${crawl.links} internal links resolved ` +
      `(${crawl.externalLinks} to other hosts not followed, ${crawl.routedLinks} Redoc routes), ` +
      `no console error, no off-host request; API reference opened an operation; SDK reference ` +
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
