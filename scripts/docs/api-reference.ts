import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, repoRoot, runOrThrow } from "../lib/exec.js";

/**
 * Redoc's "API docs by Redocly" badge loads its logo from Redocly's CDN on every page view, and
 * build-docs has no option to turn the badge off: each URL is swapped for an inline SVG of the
 * same name, so the page makes no request off the machine (`npm run test:browser` checks that).
 */
const CDN_LOGOS = [
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg",
  "https://cdn.redoc.ly/redoc/logo-mini.svg",
];
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16">' +
    '<text x="0" y="12" font-family="sans-serif" font-size="12" fill="#888">Redocly</text></svg>',
)}`;

/**
 * Replaces every CDN logo URL in Redoc's HTML with an inline image.
 * @throws when a URL is not found: a Redocly upgrade moved it, so look again rather than ship a
 * page that calls out
 */
export function inlineCdnLogos(html: string): string {
  let out = html;
  for (const url of CDN_LOGOS) {
    if (!out.includes(url)) throw new Error(`Redoc's page no longer contains ${url}`);
    out = out.replaceAll(url, INLINE_LOGO);
  }
  return out;
}

/** Writes the HTTP API reference (Redoc, scripts inlined) of `specFile` to `outFile`. */
export function buildApiReference(specFile: string, outFile: string): void {
  runOrThrow(bin("redocly"), ["build-docs", specFile, "-o", outFile, "--inlineBundle"], {
    cwd: repoRoot,
  });
  writeFileSync(outFile, inlineCdnLogos(readFileSync(outFile, "utf8")));
}

/** The default location of the bundled spec. */
export const BUNDLED_SPEC = join(repoRoot, "generated", "openapi.json");
