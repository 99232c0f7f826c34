import { expectStatus } from "./expect.js";
import { CURSOR_FAMILIES } from "./families.js";
import type { Exchange, Probe } from "./probe.js";
import { parentOf } from "./spec-lists.js";

/** `{ limit }` for a cursor family; nothing for an unpaginated list, which takes no `limit`. */
export function pageQuery(template: string, limit: number): { limit?: number } {
  return template in CURSOR_FAMILIES ? { limit } : {};
}

/** Ids of the first `limit` items of a list (page 1), or none when it failed (a violation). */
export async function firstIds(probe: Probe, list: string, limit: number): Promise<string[]> {
  const ex = await probe.get(list as "/v1/clusters", { params: { query: { limit } } });
  return expectStatus(probe, ex, 200) ? idsOn(ex) : [];
}

/** The string ids of the items of a list response. */
export function idsOn(ex: Exchange): string[] {
  const data: unknown[] = Array.isArray(ex.body?.data) ? ex.body.data : [];
  return data
    .map((item) => (item as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === "string");
}

/** Page size of the probe that compares parents by how many items their lists hold. */
const SCOPE_PROBE = 20;

/**
 * Path parameters for a list: `{}` for a top-level list; for a nested one (e.g.
 * `/v1/clusters/{cluster_id}/workloads`), the one of the parent list's first 5 items whose own
 * list shows the most items (up to a page of 20; the first on a tie), so a check walks a list
 * long enough to show what it checks; undefined when the parent list is empty.
 */
export async function scopeFor(
  probe: Probe,
  template: string,
): Promise<Record<string, string> | undefined> {
  const parent = parentOf(template);
  if (!parent) return {};
  const ids = await firstIds(probe, parent.list, 5);
  let best: { id: string; size: number } | undefined;
  for (const id of ids) {
    const child = await probe.get(template as "/v1/clusters/{cluster_id}/workloads", {
      params: { path: { [parent.param]: id }, query: pageQuery(template, SCOPE_PROBE) } as never,
    });
    const size = Array.isArray(child.body?.data) ? child.body.data.length : 0;
    if (!best || size > best.size) best = { id, size };
  }
  return best && { [parent.param]: best.id };
}
