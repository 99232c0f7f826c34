import { type BuildInfo, versionLabel } from "./build-info.js";
import type { Guide } from "./guides.js";
import { escapeHtml, page } from "./layout.js";
import type { SdkModule } from "./sdk-reference.js";
import type { SpecInfo } from "./spec-files.js";

/** What the landing page links to. */
export interface LandingInput {
  guides: readonly Guide[];
  /** CHANGELOG, CONTRIBUTING: rendered at the site root. */
  rootPages: readonly Guide[];
  sdkModules: readonly SdkModule[];
  spec: SpecInfo;
  /** The package version and the commit the site is built from. */
  build: BuildInfo;
  /** README.md rendered: the landing page opens with it, as the repository's page does. */
  readme?: Guide;
  /** The project's repository URL, for the header. */
  repository?: string;
}

/** The site's landing page: the README, every guide, both references and the spec downloads. */
export function landingPage({
  guides,
  rootPages,
  sdkModules,
  spec,
  build,
  readme,
  repository,
}: LandingInput): string {
  const guideItems = guides
    .map((guide) => `<li><a href="guides/${guide.slug}.html">${escapeHtml(guide.title)}</a></li>`)
    .join("\n");
  const projectItems = rootPages
    .map((rootPage) => `<li><a href="${rootPage.slug}.html">${escapeHtml(rootPage.title)}</a></li>`)
    .join("\n");
  const moduleItems = sdkModules
    .map(
      (mod) => `<li><a href="sdk/${mod.href}"><code>${escapeHtml(mod.specifier)}</code></a></li>`,
    )
    .join("\n");
  const intro =
    readme?.html ??
    `<h1>kubeadapt</h1>
<p>The typed TypeScript SDK for the Kubeadapt <code>/v1</code> API (Kubernetes FinOps: clusters,
workloads, costs, recommendations), its fake API for your tests, its CLI and the contract suite
that checks any server against the spec.</p>`;
  const body = `${intro}
<p id="package-version">${versionLabel(build, "CHANGELOG.html", repository)}.
The API reference is built from <strong>${escapeHtml(spec.title)}
${escapeHtml(spec.version)}</strong>.</p>
<h2 id="guides">Guides</h2>
<ul>
${guideItems}
</ul>
<h2 id="reference">Reference</h2>
<ul>
<li><a href="api/index.html">HTTP API reference</a>: every path, parameter, response and error
of the <code>/v1</code> API, from the spec.</li>
<li><a href="sdk/index.html">SDK reference</a>: every public export, from the code's JSDoc:
<ul>
${moduleItems}
</ul></li>
</ul>
<h2 id="spec">The spec</h2>
<p>${escapeHtml(spec.title)}, API version <strong id="spec-version">${escapeHtml(spec.version)}</strong>
(OpenAPI ${escapeHtml(spec.openapi)}), bundled into one file:
<a href="openapi.json" download>openapi.json</a>,
<a href="openapi.yaml" download>openapi.yaml</a>.</p>
${projectItems ? `<h2 id="project">The project</h2>\n<ul>\n${projectItems}\n</ul>\n` : ""}`;
  return page({ title: "kubeadapt documentation", body, root: "", repository });
}
