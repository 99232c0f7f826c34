import { CURSOR_FAMILIES } from "./families.js";
import type { Probe } from "./probe.js";
import { parentOf } from "./spec-lists.js";

/** `{ limit }` for a cursor family; nothing for an unpaginated list, which takes no `limit`. */
export function pageQuery(template: string, limit: number): { limit?: number } {
  return template in CURSOR_FAMILIES ? { limit } : {};
}

/** Ids of the first `limit` items of a list (page 1), or none when it failed. */
export async function firstIds(probe: Probe, list: string, limit: number): Promise<string[]> {
  const ex = await probe.get(list as "/v1/clusters", { params: { query: { limit } } });
  const data: unknown[] = ex.status === 200 && Array.isArray(ex.body?.data) ? ex.body.data : [];
  return data
    .map((item) => (item as { id?: unknown }).id)
    .filter((id): id is string => typeof id === "string");
}

/**
 * Path parameters for a list: `{}` for a top-level list; for a nested one (e.g.
 * `/v1/clusters/{cluster_id}/workloads`), the first of the parent list's first 5 items whose
 * own list is not empty (so there is something to check), else the first; undefined when the
 * parent list is empty.
 */
export async function scopeFor(
  probe: Probe,
  template: string,
): Promise<Record<string, string> | undefined> {
  const parent = parentOf(template);
  if (!parent) return {};
  const ids = await firstIds(probe, parent.list, 5);
  for (const id of ids) {
    const child = await probe.get(template as "/v1/clusters/{cluster_id}/workloads", {
      params: { path: { [parent.param]: id }, query: pageQuery(template, 1) } as never,
    });
    if (Array.isArray(child.body?.data) && child.body.data.length > 0)
      return { [parent.param]: id };
  }
  return ids[0] === undefined ? undefined : { [parent.param]: ids[0] };
}
