import { existsSync, readFileSync, statSync } from "node:fs";
import { posix } from "node:path";

/** Fragments a script-routed page answers to, by page path from the site root. */
export type Routes = Readonly<Record<string, ReadonlySet<string>>>;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? "");

/** The `href` and `src` targets of an HTML page, as written (entities decoded). */
export function htmlLinks(html: string): string[] {
  return [
    ...html.matchAll(/<(?:a|link|img|script|source|iframe)\b[^>]*?\s(?:href|src)="([^"]*)"/gi),
  ].map((match) => decodeEntities(match[1] as string));
}

/** The ids (and anchor names) a `#fragment` can name in an HTML page. */
export function htmlIds(html: string): Set<string> {
  return new Set(
    [...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => decodeEntities(m[1] as string)),
  );
}

/** `text` percent-decoded, or undefined when it is malformed (a lone `%`). */
function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The file a site path names: itself, or a folder's `index.html`; undefined when neither exists. */
function fileOf(siteDir: string, path: string): string | undefined {
  const full = posix.join(siteDir, path);
  if (!existsSync(full)) return undefined;
  if (!statSync(full).isDirectory()) return path;
  const index = posix.join(path, "index.html");
  return existsSync(posix.join(siteDir, index)) ? index : undefined;
}

/**
 * The links of `pages` (paths from the root of the built site in `siteDir`) that lead nowhere,
 * one line each naming the page: a target outside the site or missing, a `#fragment` that is no
 * id of the target page, a root-absolute link (`/x`: the site may be served under a sub-path,
 * as GitHub Pages' `/<repo>/`), or, on a page of `routes` (Redoc's API reference, whose fragments are
 * routes of its script, not ids), no route it knows. Links with a scheme or to another host are
 * not followed: the browser test (`npm run test:browser`) sees those.
 */
export function brokenSiteLinks(
  siteDir: string,
  pages: readonly string[],
  routes: Routes = {},
): string[] {
  const problems: string[] = [];
  const ids = new Map<string, Set<string>>();
  const idsOf = (page: string) => {
    const known = ids.get(page) ?? htmlIds(readFileSync(posix.join(siteDir, page), "utf8"));
    ids.set(page, known);
    return known;
  };
  for (const page of pages) {
    const html = readFileSync(posix.join(siteDir, page), "utf8");
    for (const href of htmlLinks(html)) {
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) continue;
      const [beforeHash = "", rawFragment = ""] = href.split("#", 2);
      const path = decoded(beforeHash.split("?", 1)[0] ?? "");
      const fragment = decoded(rawFragment);
      if (path === undefined || fragment === undefined) {
        problems.push(`${page}: ${href}: malformed percent-encoding`);
        continue;
      }
      if (path.startsWith("/")) {
        problems.push(`${page}: ${href}: root-absolute (leaves a site served under a sub-path)`);
        continue;
      }
      const resolved = path === "" ? page : posix.join(posix.dirname(page), path);
      if (resolved.startsWith("..")) {
        problems.push(`${page}: ${href}: outside the site`);
        continue;
      }
      const target = fileOf(siteDir, resolved);
      if (!target) {
        problems.push(`${page}: ${href}: no such page or file in the site`);
      } else if (fragment && target.endsWith(".html")) {
        const pageRoutes = routes[target];
        if (pageRoutes) {
          if (!pageRoutes.has(fragment)) {
            problems.push(`${page}: ${href}: ${target} has no route #${fragment}`);
          }
        } else if (!idsOf(target).has(fragment)) {
          problems.push(`${page}: ${href}: ${target} has no id #${fragment}`);
        }
      }
    }
  }
  return problems;
}
