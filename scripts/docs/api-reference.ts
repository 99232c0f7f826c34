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

/** An `<a>` whose href is root-absolute (`/clusters`, not `//host`), up to the path. */
const ROOT_ABSOLUTE_ANCHOR = /(<a\b[^>]*?\shref=")\/(?!\/)/g;

/**
 * Makes Redoc's pre-rendered sidebar links hash routes: it renders `href="/clusters"`, which
 * its router handles on a plain click but a new tab, a copied link or a site under a sub-path
 * sends to `<origin>/clusters` (404). Its script renders `#/clusters` for the same item once it
 * runs, and hydration keeps the pre-rendered attribute, so the page must be written with it.
 * @throws when there is none to rewrite: a Redoc upgrade changed its routing, so look again
 */
export function hashRouteLinks(html: string): string {
  if (html.search(ROOT_ABSOLUTE_ANCHOR) === -1) {
    throw new Error("Redoc's page has no root-absolute sidebar link left to rewrite");
  }
  return html.replace(ROOT_ABSOLUTE_ANCHOR, "$1#/");
}

/** Writes the HTTP API reference (Redoc, scripts inlined) of `specFile` to `outFile`. */
export function buildApiReference(specFile: string, outFile: string): void {
  runOrThrow(bin("redocly"), ["build-docs", specFile, "-o", outFile, "--inlineBundle"], {
    cwd: repoRoot,
  });
  writeFileSync(outFile, hashRouteLinks(inlineCdnLogos(readFileSync(outFile, "utf8"))));
}

/** The default location of the bundled spec. */
export const BUNDLED_SPEC = join(repoRoot, "generated", "openapi.json");

/** What the HTTP API reference must answer to, for the link check. */
export interface ApiReferenceCheck {
  /** Everything wrong with the page, one line each; empty when it documents the whole spec. */
  problems: string[];
  /** The fragments the page routes (`/workloads`, `/workloads/listworkloads`). */
  routes: Set<string>;
}

type Operation = { operationId?: string; tags?: string[] };
type Spec = { tags?: { name: string }[]; paths?: Record<string, Record<string, unknown>> };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The operations of `spec`, each with its method, path and operation. */
function operations(spec: Spec): { name: string; operation: Operation }[] {
  return Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation: item[method] as Operation,
    })),
  );
}

/** The operationIds of `spec`, in its order. */
export function operationIds(spec: Spec): string[] {
  return operations(spec).flatMap(({ operation }) => operation.operationId ?? []);
}

/** Redoc's route segment for a tag: `Cost Explorer` is `cost-explorer`. */
export function tagSlug(tag: string): string {
  return tag
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The spec Redoc embeds in its page (`const __redoc_definition = {...};`), or undefined. */
export function embeddedSpec(html: string): unknown {
  const marker = "const __redoc_definition = ";
  const start = html.indexOf(marker);
  if (start === -1) return undefined;
  const line = html.slice(start + marker.length, html.indexOf("\n", start));
  try {
    return JSON.parse(line.replace(/;\s*$/, ""));
  } catch {
    return undefined;
  }
}

/**
 * Checks Redoc's page `html` against the spec it should document: it embeds exactly that spec,
 * every operation has an operationId and a tag of the spec's `tags` (Redoc's sidebar lists
 * operations by tag, so an untagged one is hard to find), and every tag is in the prerendered
 * sidebar. Its routes are `/<tag>` and `/<tag>/<operationid in lower case>`.
 */
export function checkApiReferencePage(html: string, spec: Spec): ApiReferenceCheck {
  const problems: string[] = [];
  const routes = new Set<string>();
  const embedded = embeddedSpec(html);
  if (embedded === undefined) {
    problems.push(
      "the page embeds no spec (`const __redoc_definition`): did Redoc's format change?",
    );
  } else if (JSON.stringify(embedded) !== JSON.stringify(spec)) {
    const shown = new Set(operationIds(embedded as Spec));
    const missing = operationIds(spec).filter((id) => !shown.has(id));
    problems.push(
      "the page embeds a different spec than the published openapi.json" +
        (missing.length > 0 ? `; operations missing: ${missing.join(", ")}` : ""),
    );
  }
  const tags = new Set((spec.tags ?? []).map((tag) => tag.name));
  for (const tag of tags) {
    routes.add(`/${tagSlug(tag)}`);
    if (!html.includes(`id="/${tagSlug(tag)}"`)) {
      problems.push(`tag "${tag}" is not in the sidebar (no id="/${tagSlug(tag)}")`);
    }
  }
  for (const { name, operation } of operations(spec)) {
    if (!operation.operationId) problems.push(`${name} has no operationId`);
    const known = (operation.tags ?? []).filter((tag) => tags.has(tag));
    if (known.length === 0) problems.push(`${name} has no tag of the spec's tags`);
    for (const tag of known) {
      routes.add(`/${tagSlug(tag)}/${operation.operationId?.toLowerCase()}`);
    }
  }
  return { problems, routes };
}
