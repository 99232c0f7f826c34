import type { MarkedExtension, Tokens } from "marked";
import { tagSlug } from "./api-reference.js";
import { escapeHtml } from "./layout.js";

/** A GET path of the spec (`/v1/workloads`) and its route in the HTTP API reference. */
export type ApiRoutes = ReadonlyMap<string, string>;

type Spec = { paths?: Record<string, { get?: { operationId?: string; tags?: string[] } }> };

/**
 * Each GET path of `spec` with its reference route `#/<tag>/<operationid in lower case>`, the
 * link check's form of Redoc's routes. A path without a tag or operationId has none.
 */
export function apiRoutes(spec: Spec): ApiRoutes {
  const routes = new Map<string, string>();
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const tag = item.get?.tags?.[0];
    const id = item.get?.operationId;
    if (tag && id) routes.set(path, `#/${tagSlug(tag)}/${id.toLowerCase()}`);
  }
  return routes;
}

/**
 * Renders a code span that is exactly a path of `routes` (or `GET` and one) as a link to its operation in the API
 * reference at `apiPage`: guides name endpoints in prose, and the markdown cannot link them
 * itself (such a link is broken on GitHub).
 */
export function apiLinks(routes: ApiRoutes, apiPage: string): MarkedExtension {
  return {
    renderer: {
      codespan({ text }: Tokens.Codespan) {
        const route = routes.get(text.replace(/^GET /, ""));
        if (route === undefined) return false;
        return `<a href="${apiPage}${route}"><code>${escapeHtml(text)}</code></a>`;
      },
    },
  };
}
