import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, posix } from "node:path";
import hljs from "highlight.js";
import { Marked, type Tokens } from "marked";
import { gfmHeadingId } from "marked-gfm-heading-id";
import { markedHighlight } from "marked-highlight";
import { type ApiRoutes, apiLinks } from "./api-links.js";
import { repoFileHref, type SourceRepo } from "./repository.js";

/** A markdown guide of `docs/guides/`, rendered. */
export interface Guide {
  /** File name without `.md`; the page is `guides/<slug>.html`. */
  slug: string;
  /** The text of the file's first heading. */
  title: string;
  /** The guide as HTML. */
  html: string;
}

/**
 * The reading order of the guides we know of; any other guide follows, by file name. Each must
 * name a guide of `docs/guides/` (a test checks), so a renamed guide does not lose its place.
 */
export const PREFERRED_ORDER = [
  "quick-start",
  "client",
  "node-transport",
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

/** Where a rendered page lives: a guide in `guides/`, or a repo-root page at the site root. */
export type PageHome = "guides" | "root";

/** Repo-root markdown files rendered as pages of the site, when they exist. */
export const ROOT_PAGES = ["CHANGELOG", "CONTRIBUTING"] as const;

/**
 * Where a markdown link written for GitHub points on the site. From a guide: `other.md#x`
 * becomes `other.html#x`, `../../README.md` the landing page (which holds the README) and
 * `../../CHANGELOG.md` the rendered `../CHANGELOG.html`. From a repo-root page:
 * `docs/guides/x.md` becomes `guides/x.html`, `docs/guides/` the landing page's list. Any
 * other file of the repository (given `repo`) becomes its GitHub URL; anything else is left as
 * written (and fails the link check if it names no page of the site).
 */
export function siteHref(href: string, home: PageHome = "guides", repo?: SourceRepo): string {
  if (/^[a-z][a-z0-9+.-]*:|^#|^\//i.test(href)) return href;
  const [path = "", hash] = href.split("#", 2);
  const suffix = hash === undefined ? "" : `#${hash}`;
  const up = home === "guides" ? "../" : "";
  const rootFile = home === "guides" ? /^\.\.\/\.\.\/([^/]+)\.md$/ : /^(?:\.\/)?([^/]+)\.md$/;
  const rootName = rootFile.exec(path)?.[1];
  if (rootName === "README") return `${up}index.html${suffix}`;
  if (rootName) return `${up}${rootName}.html${suffix}`;
  const guide = (
    home === "guides" ? /^(?:\.\/)?([^/]+)\.md$/ : /^(?:\.\/)?docs\/guides\/([^/]+)\.md$/
  ).exec(path)?.[1];
  if (guide) return `${home === "guides" ? "" : "guides/"}${guide}.html${suffix}`;
  const fromRoot = home === "guides" ? posix.join("docs/guides", path) : path;
  if (/^(\.\/)?docs\/guides\/?$/.test(fromRoot)) return `${up}index.html#guides`;
  const onGitHub = repoFileHref(fromRoot, repo);
  return onGitHub ? `${onGitHub}${suffix}` : href;
}

/** Code blocks coloured by highlight.js at build time (no script on the page); see HIGHLIGHT_CSS. */
const highlighting = markedHighlight({
  emptyLangClass: "hljs",
  langPrefix: "hljs language-",
  highlight(code, lang) {
    const language = hljs.getLanguage(lang) ? lang : "plaintext";
    return hljs.highlight(code, { language }).value;
  },
});

/** The stylesheet of the highlighted code (highlight.js's GitHub theme), for `highlight.css`. */
export const HIGHLIGHT_CSS = "highlight.js/styles/github.min.css";

/** What a page's links may point at beyond the site's pages. */
export interface LinkTargets {
  /** Files the site does not render are linked there. */
  repo?: SourceRepo;
  /** Code spans naming an API path link to its operation in the HTTP API reference. */
  api?: ApiRoutes;
}

/** Renders one page's markdown (GitHub-flavoured, heading ids as on GitHub). */
export function renderGuide(
  slug: string,
  markdown: string,
  home: PageHome = "guides",
  { repo, api }: LinkTargets = {},
): Guide {
  const apiPage = `${home === "guides" ? "../" : ""}api/index.html`;
  const extensions = api ? [apiLinks(api, apiPage)] : [];
  const marked = new Marked(gfmHeadingId(), highlighting, ...extensions, {
    gfm: true,
    walkTokens(token) {
      if (token.type === "link") {
        (token as Tokens.Link).href = siteHref((token as Tokens.Link).href, home, repo);
      }
    },
  });
  const heading = marked.lexer(markdown).find((token) => token.type === "heading") as
    | Tokens.Heading
    | undefined;
  if (!heading) throw new Error(`${slug}.md has no heading to title it`);
  return {
    slug,
    title: heading.text.replaceAll("`", ""),
    html: marked.parse(markdown, { async: false }),
  };
}

/** The {@link ROOT_PAGES} that exist in `root`, rendered. */
export function renderRootPages(root: string, targets: LinkTargets = {}): Guide[] {
  return ROOT_PAGES.filter((name) => existsSync(join(root, `${name}.md`))).map((name) =>
    renderGuide(name, readFileSync(join(root, `${name}.md`), "utf8"), "root", targets),
  );
}

/** README.md rendered for the landing page (its links from the site root), if it exists. */
export function renderReadme(root: string, targets: LinkTargets = {}): Guide | undefined {
  const file = join(root, "README.md");
  return existsSync(file)
    ? renderGuide("index", readFileSync(file, "utf8"), "root", targets)
    : undefined;
}

/** Every `*.md` of `dir`, rendered, in reading order. */
export function renderGuides(dir: string, targets: LinkTargets = {}): Guide[] {
  if (!existsSync(dir)) return [];
  const slugs = readdirSync(dir)
    .filter((file) => file.endsWith(".md"))
    .map((file) => basename(file, ".md"));
  return orderSlugs(slugs).map((slug) =>
    renderGuide(slug, readFileSync(join(dir, `${slug}.md`), "utf8"), "guides", targets),
  );
}
