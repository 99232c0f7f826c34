/**
 * `npm run test:browser`: builds the HTML reference and checks in headless Chromium that it
 * rendered. Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH); fails when absent.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium, type Locator, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/chromium.js";
import { repoRoot, run } from "./lib/exec.js";

/** The operation the check opens from the sidebar: paginated, with 400 and 410 responses. */
const TAG = "Workloads";
const OPERATION = "List workloads";
const OPERATION_ID = "listWorkloads";
/** Must be visible once that operation is open: operation titles and error codes. */
const EXPECTED_TEXT = ["List workloads", "Get a workload", "CURSOR_EXPIRED", "INVALID_CURSOR"];
/** Must be a line of their own, as Redoc shows parameter names: the pagination params. */
const EXPECTED_LINES = ["limit", "cursor"];
const TIMEOUT_MS = 30_000;
const FAILURE_SCREENSHOT = join(repoRoot, ".docs", "test-browser-failure.png");

/** Only what is rendered visibly counts, hence innerText rather than textContent. */
function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM's
  return locator.innerText();
}

/**
 * What a reader sees after opening TAG, then OPERATION, in the sidebar and visiting each of
 * its response status tabs (Redoc renders tags collapsed and one status at a time).
 */
async function renderedText(page: Page): Promise<string> {
  const menu = page.locator("[data-component-name='Menu/Menu']");
  const tag = menu.getByText(TAG, { exact: true });
  await tag.waitFor({ state: "visible", timeout: TIMEOUT_MS }).catch(() => {
    throw new Error(`no "${TAG}" in the sidebar within ${TIMEOUT_MS} ms: Redoc did not render`);
  });
  const sidebar = await visibleText(menu);
  // A click before React hydrates the prerendered sidebar does nothing: retry until it opens.
  const operation = menu.getByText(OPERATION, { exact: true });
  for (let attempt = 1; !(await operation.isVisible()); attempt++) {
    if (attempt > 10)
      throw new Error(`"${OPERATION}" never appeared under "${TAG}" in the sidebar`);
    await tag.click();
    await operation.waitFor({ state: "visible", timeout: 2_000 }).catch(() => {});
  }
  await operation.click();
  // Redoc renders operations lazily; this one's section id is "<tag>/<operationid>".
  const tabs = page
    .locator(`[id$="/${OPERATION_ID.toLowerCase()}/responses"]`)
    .getByRole("tablist", { name: "Response status" })
    .getByRole("tab");
  await tabs.first().waitFor({ timeout: TIMEOUT_MS });
  const seen = [sidebar, await visibleText(page.locator("body"))];
  for (const tab of await tabs.all()) {
    await tab.click();
    await tab.and(page.locator('[aria-selected="true"]')).waitFor({ timeout: TIMEOUT_MS });
    seen.push(await visibleText(page.locator("body")));
  }
  return seen.join("\n");
}

/** Tag names in the bundled spec: each must be listed in the sidebar. */
function specTags(): string[] {
  const spec = JSON.parse(readFileSync(join(repoRoot, "generated", "openapi.json"), "utf8")) as {
    tags?: { name: string }[];
  };
  return (spec.tags ?? []).map((tag) => tag.name);
}

/** Builds the docs, serves them on loopback, and checks the rendered text. */
async function main(): Promise<string> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  rmSync(FAILURE_SCREENSHOT, { force: true });
  const docs = run("npm", ["run", "--silent", "docs"]);
  if (docs.status !== 0) {
    throw new Error(`npm run docs exited with ${docs.status}\n${docs.stdout}${docs.stderr}`);
  }
  const html = readFileSync(join(repoRoot, ".docs", "index.html"));

  // Served over loopback rather than file:// so the page behaves as it would when hosted.
  const server = createServer((req, res) => {
    if (req.url === "/" || req.url === "/index.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const started = Date.now();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    timeout: TIMEOUT_MS,
  });
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    const blocked: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    // The reference must be self-contained: an off-host request would hang or fail offline.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (/^(data|blob):/.test(url) || url.startsWith(`${origin}/`)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.goto(`${origin}/`, { waitUntil: "load", timeout: TIMEOUT_MS });
    try {
      const text = await renderedText(page);
      const lines = new Set(text.split("\n").map((line) => line.trim()));
      const missing = [
        ...specTags().filter((name) => !lines.has(name)),
        ...EXPECTED_TEXT.filter((expected) => !text.includes(expected)),
        ...EXPECTED_LINES.filter((expected) => !lines.has(expected)),
      ];
      if (pageErrors.length > 0) throw new Error(`the page threw:\n  ${pageErrors.join("\n  ")}`);
      if (missing.length > 0) {
        throw new Error(`not visible in the rendered reference: ${missing.join(", ")}`);
      }
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
      throw new Error(`${(error as Error).message}\n(screenshot: ${FAILURE_SCREENSHOT})`);
    }
    if (blocked.length > 0)
      console.log(`blocked ${blocked.length} off-host request(s): ${blocked.join(", ")}`);
    const shown = [...EXPECTED_TEXT, ...EXPECTED_LINES, "every tag"].join(", ");
    return `reference rendered (${shown}) in ${Date.now() - started} ms`;
  } finally {
    await browser.close();
    server.close();
  }
}

try {
  console.log(`test:browser: ${await main()}`);
} catch (error) {
  console.error(`test:browser failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
