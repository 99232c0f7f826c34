/**
 * The browser leg of `npm run test:runtimes`: serves a page that imports the built main entry
 * (with an import map for openapi-fetch) and runs scripts/runtimes/probe.mjs in headless
 * Chromium against the fake API, proxied from the page's own origin.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../lib/chromium.js";
import { repoRoot } from "../lib/exec.js";

/** What a probe reports (see probe.mjs), or `crash` with the stack when it threw. */
export type Report = Record<string, unknown> & {
  runtime?: string;
  version?: string;
  crash?: string;
};

/**
 * The page: maps the bare `openapi-fetch` import and leaves the probe's report on `window`.
 * A dynamic import, so a module that fails to load is reported at once instead of timing out.
 */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>kubeadapt runtime probe</title>
<script type="importmap">{ "imports": { "openapi-fetch": "/node_modules/openapi-fetch/dist/index.mjs" } }</script>
<script type="module">
  import("/scripts/runtimes/probe.mjs")
    .then(({ probe }) => probe(location.origin))
    .then(
      (report) => (window.__probe = report),
      (error) => (window.__probe = { crash: String(error?.stack ?? error) }),
    );
</script>`;

/** Response headers the proxy drops: hop-by-hop, or no longer true of the decoded body. */
const NOT_FORWARDED = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
]);

/** Files the page may load: the built entry, the probe, and openapi-fetch's ESM build. */
const SERVED = ["dist/", "scripts/runtimes/", "node_modules/openapi-fetch/dist/"];

/**
 * Serves the page, its modules, and /v1/* proxied to the fake: one origin, so no CORS is
 * needed (the fake sends no CORS headers) and the page's baseUrl is its own loopback origin.
 */
function handle(fakeUrl: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path.startsWith("/v1/")) {
      const headers = new Headers();
      if (req.headers.authorization) headers.set("authorization", req.headers.authorization);
      const upstream = await fetch(fakeUrl + req.url, { headers });
      const out: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (!NOT_FORWARDED.has(name)) out[name] = value;
      });
      res.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
      return;
    }
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
      return;
    }
    const file = normalize(path.slice(1));
    if (SERVED.some((prefix) => file.startsWith(prefix)) && existsSync(join(repoRoot, file))) {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
      res.end(readFileSync(join(repoRoot, file)));
      return;
    }
    res.writeHead(404).end();
  };
}

/** Runs the probe in headless Chromium; resolves with its report and the browser's version. */
export async function probeBrowser(
  fakeUrl: string,
  timeoutMs: number,
): Promise<{ report: Report | string; version: string }> {
  if (!existsSync(CHROMIUM))
    return { report: `no Chromium at ${CHROMIUM}: apt-get install -y chromium`, version: "?" };
  const serve = handle(fakeUrl);
  const server = createServer((req, res) => {
    serve(req, res).catch((error) => res.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const errors: string[] = [];
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.goto(origin);
      const done = await page
        .waitForFunction(() => "__probe" in window, null, { timeout: timeoutMs })
        .then(
          () => true,
          () => false,
        );
      const report = done
        ? ((await page.evaluate(
            () => (window as unknown as { __probe: Report }).__probe,
          )) as Report)
        : `no report within ${timeoutMs} ms: ${errors.join(" | ") || "no page errors"}`;
      // The page's console says why a module failed to load; the rejection does not.
      if (typeof report !== "string" && report.crash && errors.length)
        report.crash = `${report.crash.split("\n")[0]} (page: ${errors.join(" | ")})`;
      return { report, version: browser.version() };
    } finally {
      await browser.close();
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
