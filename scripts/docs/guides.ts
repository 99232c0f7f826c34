import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { Marked, type Tokens } from "marked";
import { gfmHeadingId } from "marked-gfm-heading-id";

/** A markdown guide of `docs/guides/`, rendered. */
export interface Guide {
  /** File name without `.md`; the page is `guides/<slug>.html`. */
  slug: string;
  /** The text of the file's first heading. */
  title: string;
  /** The guide as HTML. */
  html: string;
}

// The reading order of the guides we know of; any other guide follows, by file name.
const PREFERRED_ORDER = [
  "quick-start",
  "client",
  "pagination",
  "errors-and-retries",
  "testing",
  "demo-data",
  "money",
  "cli",
  "contract",
  "contract-checks",
  "package",
  "versioning",
  "benchmarks",
  "benchmarks-peers",
  "project",
];

/** Sorts guide slugs: the preferred order first, then the rest by name. */
export function orderSlugs(slugs: readonly string[]): string[] {
  const rank = (slug: string) => {
    const index = PREFERRED_ORDER.indexOf(slug);
    return index === -1 ? PREFERRED_ORDER.length : index;
  };
  return [...slugs].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Where a markdown link written for GitHub points on the site: `other.md#x` becomes
 * `other.html#x`, the README becomes the landing page; anything else is left as written.
 */
export function siteHref(href: string): string {
  if (/^[a-z][a-z0-9+.-]*:|^#|^\//i.test(href)) return href;
  const [path = "", hash] = href.split("#", 2);
  const suffix = hash === undefined ? "" : `#${hash}`;
  if (/^(\.\.\/)+README\.md$/.test(path)) return `../index.html${suffix}`;
  if (/^(\.\/)?[^/]+\.md$/.test(path))
    return `${path.replace(/^\.\//, "").slice(0, -3)}.html${suffix}`;
  return href;
}

/** Renders one guide's markdown (GitHub-flavoured, heading ids as on GitHub). */
export function renderGuide(slug: string, markdown: string): Guide {
  const marked = new Marked(gfmHeadingId(), {
    gfm: true,
    walkTokens(token) {
      if (token.type === "link")
        (token as Tokens.Link).href = siteHref((token as Tokens.Link).href);
    },
  });
  const heading = marked.lexer(markdown).find((token) => token.type === "heading") as
    | Tokens.Heading
    | undefined;
  if (!heading) throw new Error(`docs/guides/${slug}.md has no heading to title it`);
  return {
    slug,
    title: heading.text.replaceAll("`", ""),
    html: marked.parse(markdown, { async: false }),
  };
}

/** Every `*.md` of `dir`, rendered, in reading order. */
export function renderGuides(dir: string): Guide[] {
  if (!existsSync(dir)) return [];
  const slugs = readdirSync(dir)
    .filter((file) => file.endsWith(".md"))
    .map((file) => basename(file, ".md"));
  return orderSlugs(slugs).map((slug) =>
    renderGuide(slug, readFileSync(join(dir, `${slug}.md`), "utf8")),
  );
}
