import { mulberry32 } from "../../internal/prng.js";
import { type ContractCheck, needsLiveTarget } from "../context.js";
import { expectError, expectStatus } from "../expect.js";
import { sortKeyOf } from "../families.js";
import { expectOk } from "../gone.js";
import { type Item, walkList } from "../list-walk.js";
import { readPath } from "../order.js";
import { foreignItems } from "../parent-membership.js";
import { costDiffers, twinCostsDiffer } from "../same-cost.js";
import { sample } from "../sample.js";
import { firstIds } from "../scope.js";
import { LIST_TEMPLATES, listParameters, parentOf, SINGLE_TEMPLATES } from "../spec-lists.js";
import { stableFieldDiffers } from "../stable-fields.js";
import { expectTargetsResolve } from "../target-refs.js";
import { expectSameItems } from "../walk-compare.js";

/** Parents (or resources) tried per template. */
const SAMPLE = 3;
/** Page size of the walks of nested collections. */
const PAGE = 100;
/** Page size of the top-level walks they are compared with: the largest, for few requests. */
const TOP_PAGE = 500;

/**
 * The top-level list that selects a nested collection's items by a filter: the list named by
 * the template's last segment (`/v1/clusters/{cluster_id}/workloads` → `/v1/workloads`) when
 * it has a query parameter on the same `x-filter-field` as the path parameter. Undefined when
 * there is none (pods, nodes, assignments).
 */
function topLevelOf(template: string, field: string): { list: string; filter: string } | undefined {
  const list = `/v1/${template.split("/").pop()}`;
  if (list === template || !LIST_TEMPLATES.includes(list)) return undefined;
  const filter = listParameters(list).find(
    (p) => p.in === "query" && p["x-filter-field"] === field,
  );
  return filter ? { list, filter: filter.name } : undefined;
}

/** Check: a nested collection holds only items of its parent. */
export const nestedCollections: ContractCheck = {
  id: "nested-collections",
  title:
    "a nested collection (e.g. /v1/clusters/{cluster_id}/workloads) holds only items of its parent, for a sample of parents, and exactly those of the top-level list filtered by it where there is one, at the same cost at the same last_updated_at",
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
      const top = topLevelOf(template, field);
      let items = 0;
      for (const id of sample(rand, ids, SAMPLE)) {
        // The top-level list that selects the same items, read before the nested walk and
        // again after it (on a difference): an item it holds both times but the nested walk
        // lacks is the server's doing, not a live list's.
        const topRequest = top && {
          path: top.list,
          query: { [top.filter]: id },
          limit: TOP_PAGE,
          maxPages: maxWalkPages,
        };
        const before = topRequest && (await walkList(probe, topRequest));
        const walk = await walkList(probe, {
          path: template,
          params: { [parent.param]: id },
          limit: PAGE,
          maxPages: maxWalkPages,
        });
        if (walk.gone) continue;
        items += walk.items.length;
        const matches = (item: Item) => readPath(item, field) === id;
        const foreign = foreignItems(template, { [parent.param]: id }, walk.items);
        if (foreign) probe.fail(foreign);
        // A nested list that comes back empty, or short, shows against it.
        if (topRequest && before?.complete && walk.complete) {
          const source = {
            source: `${topRequest.path}?${new URLSearchParams(topRequest.query)}`,
            items: before.items,
            reread: () => walkList(probe, topRequest),
            key: sortKeyOf(template),
          };
          const at = `${template} with ${parent.param} ${id}`;
          await expectSameItems(probe, at, walk.items, source, matches);
          const costs = twinCostsDiffer(at, walk.items, before.items, source.source);
          if (costs) probe.fail(costs);
        }
      }
      // Without a top-level list, nothing says how many items a parent has: a parent may
      // legitimately have none (a workload scaled to zero, a team with no assignment yet).
      if (!top && ids.length > 0 && items === 0) {
        probe.note(
          `${template}: every sampled parent's list is empty, and no top-level list gives their items: emptiness not judged`,
        );
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
    "a single-resource GET (e.g. /v1/clusters/{cluster_id}) returns the resource asked for (same id, kind, name, cluster, namespace, created_at, provider, region, recommendation type and target as in its list, and the same cost at the same last_updated_at, for a sample of ids), and 404 for the id of another kind; the targets of a sample of recommendations and team assignments exist, by that name (and a recommendation's in its cluster)",
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
        if (!(await expectOk(probe, ex))) continue;
        const got = ex.body?.data as Item | undefined;
        if (got?.id !== id || got?.kind !== item.kind) {
          probe.fail(
            `${ex.label}: returned ${String(got?.kind)} ${String(got?.id)}, expected ${String(item.kind)} ${id}`,
          );
          continue;
        }
        // The right id on another resource's data: only what cannot move is compared.
        const differs = stableFieldDiffers(item, got);
        if (differs) probe.fail(`${ex.label}: ${differs}: another resource's data under its id`);
        const cost = costDiffers(item, got, "its list");
        if (cost) probe.fail(`${ex.label}: ${cost}`);
      }
      // An id that exists, but names a resource of another kind, is no resource of this one.
      const foreign = otherKindId(lists, parent.list);
      if (foreign !== undefined)
        expectError(probe, await get(foreign), { status: 404, code: "NOT_FOUND" });
    }
    const recommendations = lists.get("/v1/recommendations") ?? [];
    await expectTargetsResolve(probe, rand, recommendations, lists.get("/v1/teams") ?? []);
    return undefined;
  },
};
