import type { Browser, Page } from "playwright-core";
import { fileFor, serveFolder } from "./static-server.js";

/** What a crawl of a static site found. */
export interface SiteCheckReport {
  /** HTML pages visited (paths from the site root). */
  pages: string[];
  /** Internal links checked. */
  links: number;
  /** Links to other hosts: listed on pages, never requested. */
  externalLinks: number;
  /** Links left to a page's own router (see `scriptRoutedPages`). */
  routedLinks: number;
  /** Everything wrong, one line each, naming the page; empty when the site passed. */
  problems: string[];
}

/** Options of {@link checkSite}. */
export interface SiteCheckOptions {
  /** The page the crawl starts from. @default "index.html" */
  start?: string;
  /** Per-page timeout. @default 30_000 */
  timeoutMs?: number;
  /**
   * Pages (paths from the site root) whose fragments are routes of their own script, not ids:
   * Redoc's sidebar links read `#/workloads/listworkloads`. The links on these pages must reach
   * a file of the site (a new tab opens them without the router), but their fragments, and the
   * fragments of links to these pages, are counted in `routedLinks` and not checked; check such
   * a page by using it.
   * @default []
   */
  scriptRoutedPages?: readonly string[];
}

interface Visit {
  ids: Set<string>;
}

/** Requests a page may make: its own host, and data that never leaves the browser. */
function isLocalRequest(url: string, origin: string): boolean {
  return url.startsWith(`${origin}/`) || /^(data|blob|about):/.test(url);
}

/**
 * Every `a[href]` (resolved, and as written) and every element id or anchor name of the loaded
 * page.
 */
function readPage(page: Page): Promise<{ links: string[]; written: string[]; ids: string[] }> {
  return page.evaluate(() => ({
    links: [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href),
    written: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href") ?? ""),
    ids: [...document.querySelectorAll("[id],a[name]")].map(
      (element) => element.id || element.getAttribute("name") || "",
    ),
  }));
}

/**
 * Serves `dir` on loopback and crawls it in `browser` from `start`, following every link to the
 * same host. Problems: a link whose target file or `#fragment` does not exist, a console error
 * or uncaught exception, a request answered 4xx/5xx, and any request to another host (blocked,
 * so nothing leaves the machine).
 */
export async function checkSite(
  browser: Browser,
  dir: string,
  options: SiteCheckOptions = {},
): Promise<SiteCheckReport> {
  const { start = "index.html", timeoutMs = 30_000, scriptRoutedPages = [] } = options;
  const server = await serveFolder(dir);
  const context = await browser.newContext();
  const problems: string[] = [];
  const visits = new Map<string, Visit>();
  const fragmentLinks: { from: string; path: string; fragment: string }[] = [];
  const queue = [`/${start}`];
  let current = "";
  let links = 0;
  let externalLinks = 0;
  let routedLinks = 0;
  try {
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (isLocalRequest(url, server.origin)) return route.continue();
      problems.push(`${current}: request off the machine: ${url}`);
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`${current}: console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`${current}: uncaught ${error.message}`));
    page.on("response", (response) => {
      if (response.status() >= 400) {
        problems.push(`${current}: ${response.status()} for ${response.url()}`);
      }
    });
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      if (visits.has(path)) continue;
      current = path;
      await page.goto(`${server.origin}${path}`, { waitUntil: "load", timeout: timeoutMs });
      const read = await readPage(page);
      visits.set(path, { ids: new Set(read.ids) });
      // `/x` reaches `<origin>/x`, out of a site served under a sub-path, whatever routes it.
      for (const href of read.written.filter((h) => /^\/(?!\/)/.test(h))) {
        problems.push(`${path}: root-absolute link ${href}`);
      }
      const routed = scriptRoutedPages.includes(path.slice(1));
      for (const href of read.links) {
        const url = new URL(href);
        if (url.protocol === "mailto:" || url.protocol === "javascript:") continue;
        if (url.origin !== server.origin) {
          externalLinks++;
          continue;
        }
        links++;
        const file = await fileFor(dir, url.pathname);
        if (!file) {
          problems.push(`${path}: broken link to ${url.pathname}${url.hash}`);
          continue;
        }
        if (routed) {
          routedLinks++;
          continue;
        }
        const target = file.slice(dir.replace(/\/$/, "").length).replaceAll("\\", "/");
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (!target.endsWith(".html")) continue;
        if (fragment && scriptRoutedPages.includes(target.slice(1))) routedLinks++;
        else if (fragment) fragmentLinks.push({ from: path, path: target, fragment });
        if (!visits.has(target)) queue.push(target);
      }
    }
    for (const { from, path, fragment } of fragmentLinks) {
      if (!visits.get(path)?.ids.has(fragment)) {
        problems.push(`${from}: broken link to ${path}#${fragment} (no such id)`);
      }
    }
  } finally {
    await context.close();
    await server.close();
  }
  return {
    pages: [...visits.keys()],
    links,
    externalLinks,
    routedLinks,
    problems: [...new Set(problems)],
  };
}
