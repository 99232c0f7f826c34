import { nearest } from "./nearest.js";
import { getTemplates } from "./spec-paths.js";

const segments = (path: string) => path.replace(/^\/+|\/+$/g, "").split("/");

/**
 * The GET path nearest to a `path` no template matches, as a path to type: a template with as
 * many segments, each literal one equal to the given one or {@link nearest} it, with the given
 * ids in its `{params}` (`/v1/workload` → `/v1/workloads`, `/v1/cluster/<id>/node` →
 * `/v1/clusters/<id>/nodes`). Of several, the one whose literals differ by the fewest
 * characters. Undefined when none is near.
 */
export function suggestPath(path: string): string | undefined {
  const given = segments(path.startsWith("/v1/") || path === "/v1" ? path : `/v1/${path}`);
  let best: { path: string; off: number } | undefined;
  for (const template of getTemplates()) {
    const parts = segments(template);
    if (parts.length !== given.length) continue;
    let off = 0;
    const filled = parts.map((part, i) => {
      const typed = given[i] as string;
      if (/^\{.+\}$/.test(part) || part === typed) return typed;
      if (nearest(typed, [part]) === undefined) off = Number.POSITIVE_INFINITY;
      off += Math.abs(part.length - typed.length);
      return part;
    });
    if (off < (best?.off ?? Number.POSITIVE_INFINITY)) best = { path: `/${filled.join("/")}`, off };
  }
  return best?.path;
}
