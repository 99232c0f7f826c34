import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkApiReference,
  checkApiRoutes,
  checkSdkReference,
} from "../../scripts/docs/reference-checks.js";
import { checkSite } from "../../scripts/docs/site-check.js";
import { serveFolder } from "../../scripts/docs/static-server.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/lib/chromium.js";
import { removeTempTrees, tempTree } from "../helpers/temp-tree.js";

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  removeTempTrees();
});

/** A tiny site on disk: path -> HTML body (wrapped in a page) or raw file content. */
function site(files: Record<string, string>): string {
  const pages = Object.entries(files).map(([path, content]) => [
    path,
    path.endsWith(".html")
      ? `<!doctype html><html><head><title>t</title></head><body>${content}</body></html>`
      : content,
  ]);
  return tempTree(Object.fromEntries(pages), "kubeadapt-site-");
}

const GOOD = {
  "index.html":
    '<a href="guides/a.html#part">A</a> <a href="data.json">data</a> <a href="https://example.com/">out</a>',
  "guides/a.html": '<h2 id="part">Part</h2><a href="../index.html">home</a><a href="./">dir</a>',
  "guides/index.html": "<p>folder index</p>",
  "data.json": "{}",
};

describe("checkSite", () => {
  it("passes a sound site, following every internal link and never an external one", async () => {
    const report = await checkSite(browser, site(GOOD));
    expect(report.problems).toEqual([]);
    expect(report.pages.sort()).toEqual(["/guides/a.html", "/guides/index.html", "/index.html"]);
    expect(report.externalLinks).toBe(1);
  });

  it("fails on a link to a missing page", async () => {
    const report = await checkSite(
      browser,
      site({ ...GOOD, "guides/a.html": '<h2 id="part">P</h2><a href="b.html">b</a>' }),
    );
    expect(report.problems).toEqual(["/guides/a.html: broken link to /guides/b.html"]);
  });

  it("fails on a link to a missing #fragment", async () => {
    const report = await checkSite(
      browser,
      site({ ...GOOD, "guides/a.html": '<h2 id="other">x</h2>' }),
    );
    expect(report.problems).toEqual([
      "/index.html: broken link to /guides/a.html#part (no such id)",
    ]);
  });

  it("fails on, and blocks, a request to another host (an external image)", async () => {
    const dir = site({ ...GOOD, "index.html": '<img src="https://cdn.example.com/logo.svg">' });
    const report = await checkSite(browser, dir);
    expect(report.problems).toContain(
      "/index.html: request off the machine: https://cdn.example.com/logo.svg",
    );
  });

  it("fails on a console error and on an uncaught exception", async () => {
    const dir = site({
      "index.html":
        "<script>console.error('boom')</script><script>throw new Error('bang')</script>",
    });
    const report = await checkSite(browser, dir);
    expect(report.problems).toEqual([
      "/index.html: console error: boom",
      "/index.html: uncaught bang",
    ]);
  });

  it("fails on a resource the site lacks (a 404 stylesheet)", async () => {
    const report = await checkSite(
      browser,
      site({ "index.html": '<link rel="stylesheet" href="gone.css">' }),
    );
    expect(report.problems.some((problem) => problem.includes("404 for"))).toBe(true);
  });

  it("leaves the fragments of a script-routed page to its router", async () => {
    const dir = site({
      ...GOOD,
      "guides/a.html": '<h2 id="part">P</h2><a href="#/workloads">route</a>',
    });
    expect((await checkSite(browser, dir)).problems).toEqual([
      "/guides/a.html: broken link to /guides/a.html#/workloads (no such id)",
    ]);
    const routed = await checkSite(browser, dir, { scriptRoutedPages: ["guides/a.html"] });
    expect(routed.problems).toEqual([]);
    // Its own link, and the #part link from index.html.
    expect(routed.routedLinks).toBe(2);
  });

  it("fails on a root-absolute link, on a script-routed page too (a new tab leaves the site)", async () => {
    const dir = site({
      ...GOOD,
      "guides/a.html": '<h2 id="part">P</h2><a href="/workloads">route</a>',
    });
    const routed = await checkSite(browser, dir, { scriptRoutedPages: ["guides/a.html"] });
    expect(routed.problems).toEqual([
      "/guides/a.html: root-absolute link /workloads",
      "/guides/a.html: broken link to /workloads",
    ]);
  });
});

describe("the reference checks", () => {
  it("the SDK check fails naming the page and the export it does not show", async () => {
    const dir = site({ "modules/kubeadapt.html": "<h1>kubeadapt</h1><p>createKubeadapt</p>" });
    const server = await serveFolder(dir);
    const page = await browser.newPage();
    try {
      await checkSdkReference(page, `${server.origin}/`, [
        { path: "modules/kubeadapt.html", text: ["createKubeadapt"] },
      ]);
      await expect(
        checkSdkReference(page, `${server.origin}/`, [
          { path: "modules/kubeadapt.html", text: ["createKubeadapt", "isKubeadaptError"] },
          { path: "modules/kubeadapt_testing.html", text: ["createFakeKubeadapt"] },
        ]),
      ).rejects.toThrow(
        "modules/kubeadapt.html: isKubeadaptError\n  modules/kubeadapt_testing.html: createFakeKubeadapt",
      );
    } finally {
      await page.close();
      await server.close();
    }
  });

  it("the API check fails on a page where Redoc did not render", async () => {
    const server = await serveFolder(site({ "api/index.html": "<p>Loading…</p>" }));
    const page = await browser.newPage();
    try {
      await expect(
        checkApiReference(page, `${server.origin}/api/index.html`, {
          tags: ["Workloads"],
          tag: "Workloads",
          operation: "List workloads",
          operationId: "listWorkloads",
          text: [],
          lines: [],
          timeoutMs: 1_000,
        }),
      ).rejects.toThrow('no "Workloads" in the sidebar');
    } finally {
      await page.close();
      await server.close();
    }
  });

  it("the route check fails naming each route the page shows nothing for", async () => {
    const html = `<div id="redoc"></div><script>
      const show = () => { document.getElementById("redoc").innerHTML =
        location.hash === "#/workloads" ? '<div id="workloads"></div>' : ""; };
      show(); addEventListener("hashchange", show);</script>`;
    const server = await serveFolder(site({ "api/index.html": html }));
    const page = await browser.newPage();
    try {
      const url = `${server.origin}/api/index.html`;
      await checkApiRoutes(page, url, ["/workloads"]);
      await expect(
        checkApiRoutes(page, url, ["/workloads", "/workloads/listworkloads"], 500),
      ).rejects.toThrow(
        "routes of the HTTP API reference that show nothing: #/workloads/listworkloads",
      );
    } finally {
      await page.close();
      await server.close();
    }
  });
});
