/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** A page of the site other than the two references. */
export interface PageOptions {
  title: string;
  /** The page's HTML, placed in `<main>`. */
  body: string;
  /** `""` for a page at the site root, `"../"` one folder down: prefixes every site link. */
  root: string;
  /** The project's repository, linked from the header when given. */
  repository?: string;
}

/** The stylesheet of the landing page and the guides, written once as `style.css`. */
export const STYLE_CSS = `body{margin:0;font:16px/1.6 system-ui,sans-serif;color:#1b1f24;background:#fff}
header{background:#14213d;padding:.6rem 1.5rem}
header a{color:#fff;margin-right:1.2rem;text-decoration:none;font-weight:600}
main{max-width:52rem;margin:0 auto;padding:1rem 1.5rem 4rem}
a{color:#0b5cad}
pre{background:#f6f8fa;padding:.8rem 1rem;overflow-x:auto;border-radius:4px}
pre code.hljs{padding:0;background:none}
code{font:.9em ui-monospace,monospace}
table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .6rem;vertical-align:top;text-align:left}
h1,h2,h3{line-height:1.25}
`;

/** A complete HTML page with the site's header (home, guides, both references, repository). */
export function page({ title, body, root, repository }: PageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${root}highlight.css">
<link rel="stylesheet" href="${root}style.css">
</head>
<body>
<header><nav>
<a href="${root}index.html">kubeadapt</a>
<a href="${root}index.html#guides">Guides</a>
<a href="${root}api/index.html">HTTP API reference</a>
<a href="${root}sdk/index.html">SDK reference</a>
${repository ? `<a href="${escapeHtml(repository)}">Repository</a>\n` : ""}</nav></header>
<main>
${body}
</main>
</body>
</html>
`;
}
