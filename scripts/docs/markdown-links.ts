import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { Lexer, type Token, type Tokens, walkTokens } from "marked";
import { renderGuide } from "./guides.js";

/** Every link and image target of `markdown`, as written. */
export function linkTargets(markdown: string): string[] {
  const hrefs: string[] = [];
  walkTokens(Lexer.lex(markdown, { gfm: true }) as Token[], (token) => {
    if (token.type === "link" || token.type === "image") hrefs.push((token as Tokens.Link).href);
  });
  return hrefs;
}

/** The ids a `#fragment` can name in `markdown`: its headings' (as GitHub makes them) and HTML's. */
export function anchorIds(markdown: string): Set<string> {
  const { html } = renderGuide("page", markdown);
  return new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((match) => match[1] as string));
}

/**
 * The relative links of the markdown file `file` (a path from `root`) that lead nowhere, one
 * line each: a target outside `root` or missing, or a `#fragment` that names no heading of the
 * target markdown file. Links with a scheme (`https:`, `mailto:`) are left to the browser test.
 * These are the links GitHub shows; README.md's are checked nowhere else (the site's landing
 * page is not built from it).
 */
export function brokenLinks(root: string, file: string): string[] {
  const problems: string[] = [];
  const ids = new Map<string, Set<string>>();
  const markdown = readFileSync(join(root, file), "utf8");
  for (const href of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
    const [path = "", fragment] = href.split("#", 2);
    const from = path.startsWith("/") ? root : join(root, dirname(file));
    const target = path === "" ? join(root, file) : join(from, decodeURIComponent(path));
    const inRoot = relative(root, target);
    if (inRoot.startsWith("..")) {
      problems.push(`${file}: ${href}: outside the repository`);
    } else if (!existsSync(target)) {
      problems.push(`${file}: ${href}: no such file`);
    } else if (fragment && target.endsWith(".md")) {
      const known = ids.get(target) ?? anchorIds(readFileSync(target, "utf8"));
      ids.set(target, known);
      if (!known.has(decodeURIComponent(fragment))) {
        problems.push(`${file}: ${href}: ${inRoot} has no heading #${fragment}`);
      }
    }
  }
  return problems;
}
