import { CURSOR_FAMILIES, noIdNote } from "./families.js";
import { type FirstCursor, firstCursor, type PageOne } from "./first-cursor.js";
import type { Exchange, Probe } from "./probe.js";
import { parentOf } from "./spec-lists.js";

/** Page 1 of one cursor family at `limit=1`, as {@link forEachFamily} read it. */
export interface FamilyPage {
  /** The family's path template. */
  path: string;
  /** The request that read page 1 (path parameters: the parent, for a nested family). */
  request: PageOne;
  /** Page 1 and its cursor, or why there is none. */
  first: FirstCursor;
}

/**
 * Reads page 1 at `limit=1` of every cursor family but `/v1/workloads` (whose page 1 the caller
 * read: `workloads`) and hands each to `visit`. Top-level lists come first: the first item of
 * each page 1 is the parent of its nested lists (the first workload's is `workloads`' own), so
 * no request is spent on finding parents. A nested family whose parent list gave no item is
 * noted and not read.
 */
export async function forEachFamily(
  probe: Probe,
  workloads: Exchange,
  visit: (family: FamilyPage) => Promise<void>,
): Promise<void> {
  const parents = new Map<string, unknown>([["/v1/workloads", workloads.body?.data?.[0]?.id]]);
  const paths = Object.keys(CURSOR_FAMILIES)
    .filter((path) => path !== "/v1/workloads")
    .sort((a, b) => Number(parentOf(a) !== undefined) - Number(parentOf(b) !== undefined));
  for (const path of paths) {
    const parent = parentOf(path);
    const id = parent ? parents.get(parent.list) : undefined;
    if (parent && typeof id !== "string") {
      probe.note(noIdNote(path, parent.param));
      continue;
    }
    const scope = parent ? { [parent.param]: id as string } : {};
    const request = { path, params: { path: scope, query: { limit: 1 } } };
    const first = await firstCursor(probe, request);
    if (!parent) parents.set(path, first.page.body?.data?.[0]?.id);
    await visit({ path, request, first });
  }
}
