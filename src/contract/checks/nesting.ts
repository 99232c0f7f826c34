import { mulberry32 } from "../../internal/prng.js";
import { type ContractCheck, needsLiveTarget } from "../context.js";
import { expectError, expectStatus } from "../expect.js";
import { type Item, walkList } from "../list-walk.js";
import { readPath } from "../order.js";
import type { Exchange, Probe } from "../probe.js";
import { sample } from "../sample.js";
import { firstIds } from "../scope.js";
import { LIST_TEMPLATES, listParameters, parentOf, SINGLE_TEMPLATES } from "../spec-lists.js";

/** Parents (or resources) tried per template. */
const SAMPLE = 3;
/** Page size of the walks of nested collections. */
const PAGE = 100;

/**
 * A 404 for `id`, listed a moment ago in `list`: a live resource may have been deleted since (a
 * finished Job), so it is a violation only if the list still holds the id; else a note.
 */
async function judgeGone(probe: Probe, ex: Exchange, list: string, id: string, template: string) {
  if ((await firstIds(probe, list, PAGE)).includes(id)) expectStatus(probe, ex, 200);
  else probe.note(`${template}: ${id} was deleted after it was listed, so not compared`);
}

/** Check: a nested collection holds only items of its parent. */
export const nestedCollections: ContractCheck = {
  id: "nested-collections",
  title:
    "a nested collection (e.g. /v1/clusters/{cluster_id}/workloads) holds only items of its parent, for a sample of parents",
  async run({ probe, mode, seed, maxWalkPages }) {
    if (mode === "mock") return needsLiveTarget();
    const rand = mulberry32(seed);
    for (const template of LIST_TEMPLATES) {
      const parent = parentOf(template);
      if (!parent) continue;
      const param = listParameters(template).find(
        (p) => p.in === "path" && p.name === parent.param,
      );
      const field = param?.["x-filter-field"];
      if (typeof field !== "string") {
        probe.fail(
          `${template}: path parameter ${parent.param} has no x-filter-field in the spec, so the suite cannot check that items belong to it`,
        );
        continue;
      }
      const ids = await firstIds(probe, parent.list, PAGE);
      if (ids.length === 0) probe.note(`${template}: not checked, ${parent.list} gave no item`);
      for (const id of sample(rand, ids, SAMPLE)) {
        const walk = await walkList(probe, {
          path: template,
          params: { [parent.param]: id },
          limit: PAGE,
          maxPages: maxWalkPages,
          mayBeGone: true,
        });
        if (walk.gone) {
          await judgeGone(probe, walk.gone, parent.list, id, template);
          continue;
        }
        const foreign = walk.items.filter((item) => readPath(item, field) !== id);
        if (foreign.length > 0) {
          const first = foreign[0] as Item;
          probe.fail(
            `${template} with ${parent.param} ${id}: ${foreign.length} of ${walk.items.length} items belong elsewhere, e.g. ${String(first.id)} has ${field} ${JSON.stringify(readPath(first, field))}`,
          );
        }
      }
    }
    return undefined;
  },
};

/** An id of another kind than `template` serves: the first item of another list. */
function otherKindId(lists: Map<string, Item[]>, list: string): string | undefined {
  for (const [other, items] of lists) if (other !== list && items[0]) return String(items[0].id);
  return undefined;
}

/** Check: a single-resource GET returns the resource asked for. */
export const singleResources: ContractCheck = {
  id: "single-resources",
  title:
    "a single-resource GET (e.g. /v1/clusters/{cluster_id}) returns the resource asked for (same id and kind as in its list, for a sample of ids), and 404 for the id of another kind",
  async run({ probe, mode, seed }) {
    if (mode === "mock") return needsLiveTarget();
    const rand = mulberry32(seed);
    const lists = new Map<string, Item[]>();
    for (const template of SINGLE_TEMPLATES) {
      const list = parentOf(template)?.list;
      if (!list || lists.has(list)) continue;
      const ex = await probe.get(list as "/v1/clusters", { params: { query: { limit: PAGE } } });
      const ok = expectStatus(probe, ex, 200) && Array.isArray(ex.body?.data);
      lists.set(list, ok ? ex.body.data : []);
    }
    for (const template of SINGLE_TEMPLATES) {
      const parent = parentOf(template);
      if (!parent) continue;
      const items = lists.get(parent.list) ?? [];
      if (items.length === 0) probe.note(`${template}: not checked, ${parent.list} gave no item`);
      const get = (id: string) =>
        probe.get(
          template as "/v1/clusters/{cluster_id}",
          { params: { path: { [parent.param]: id } } } as never,
        );
      for (const item of sample(rand, items, SAMPLE)) {
        const id = String(item.id);
        const ex = await get(id);
        if (ex.status === 404) {
          await judgeGone(probe, ex, parent.list, id, template);
          continue;
        }
        if (!expectStatus(probe, ex, 200)) continue;
        const got = ex.body?.data as Item | undefined;
        if (got?.id !== id || got?.kind !== item.kind) {
          probe.fail(
            `${ex.label}: returned ${String(got?.kind)} ${String(got?.id)}, expected ${String(item.kind)} ${id}`,
          );
        }
      }
      // An id that exists, but names a resource of another kind, is no resource of this one.
      const foreign = otherKindId(lists, parent.list);
      if (foreign !== undefined)
        expectError(probe, await get(foreign), { status: 404, code: "NOT_FOUND" });
    }
    return undefined;
  },
};
