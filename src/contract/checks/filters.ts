import { mulberry32, pick, type Random } from "../../internal/prng.js";
import { type ContractCheck, skip } from "../context.js";
import { sortKeyOf } from "../families.js";
import { expectFilteredTotal } from "../filtered-total.js";
import { type Item, type ListWalk, type WalkRequest, walkList, walkScoped } from "../list-walk.js";
import { readPath } from "../order.js";
import type { Probe } from "../probe.js";
import { sample } from "../sample.js";
import {
  CONTROL_PARAMS,
  LIST_TEMPLATES,
  type ListParameter,
  listParameters,
  schemaOf,
} from "../spec-lists.js";
import { expectSameItems, idOf } from "../walk-compare.js";

/** The page size of the unfiltered walk: the largest allowed, to keep it to few requests. */
const FULL_PAGE = 500;

/** A filter parameter of a list and the item field it selects by. */
interface Filter {
  name: string;
  field: string;
  /** The parameter's enum, when it has one. */
  allowed: string[];
}

/**
 * The filters of a list, from the spec. A query parameter that is neither a control parameter
 * nor names its field is a violation: a new filter must never go unchecked in silence.
 */
function filtersOf(probe: Probe, template: string): Filter[] {
  const out: Filter[] = [];
  for (const param of listParameters(template) as ListParameter[]) {
    if (param.in !== "query" || CONTROL_PARAMS.has(param.name)) continue;
    const field = param["x-filter-field"];
    if (typeof field === "string") {
      const allowed = ((schemaOf(param).enum ?? []) as unknown[]).map(String);
      out.push({ name: param.name, field, allowed });
    } else {
      probe.fail(
        `${template}: query parameter ${param.name} is a filter with no x-filter-field in the spec, so the suite cannot check it`,
      );
    }
  }
  return out;
}

/** A field's value as it appears in a query string; undefined for a missing or null field. */
function asParam(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : undefined;
}

/** Filters with the value each is sent with. */
type Selection = [Filter, string][];

/** Whether an item matches every filter of `selection`. */
const matcher =
  (selection: Selection) =>
  (item: Item): boolean =>
    selection.every(([{ field }, value]) => asParam(readPath(item, field)) === value);

/**
 * Walks `template` filtered by `selection` (sized to about three pages, so a filter that holds
 * on page 1 only shows) and fails unless it holds only matching items, exactly those of the
 * unfiltered walk `all`, and page 1's `total_count` counts them (`expectFilteredTotal`).
 */
async function judgeFiltered(
  probe: Probe,
  unfiltered: WalkRequest,
  all: ListWalk & { params: Record<string, string> },
  selection: Selection,
): Promise<void> {
  const query = Object.fromEntries(selection.map(([{ name }, value]) => [name, value]));
  const at = `${unfiltered.path}?${new URLSearchParams(query)}`;
  const matches = matcher(selection);
  const expected = all.items.filter(matches).length;
  const limit = Math.min(500, Math.max(1, Math.ceil(expected / 3)));
  // Page 1 asks for the total (no extra request): it must count the filtered rows.
  const countFirst = sortKeyOf(unfiltered.path) !== undefined;
  const request = { ...unfiltered, params: all.params, query, limit, countFirst };
  const filtered = await walkList(probe, request);
  const wrong = filtered.items.filter((item) => !matches(item));
  if (wrong.length > 0) {
    const first = wrong[0] as Item;
    const has = selection.map(
      ([{ field }]) => `${field} ${JSON.stringify(readPath(first, field))}`,
    );
    probe.fail(
      `${at}: ${wrong.length} of ${filtered.items.length} items do not match, e.g. ${idOf(first)} has ${has.join(", ")}`,
    );
  }
  await expectFilteredTotal(probe, at, request, filtered);
  if (!all.complete || !filtered.complete) {
    probe.note(`${at}: completeness not compared: a walk did not finish`);
    return;
  }
  const source = {
    source: "the unfiltered list",
    items: all.items,
    reread: () => walkList(probe, { ...unfiltered, params: all.params }),
    key: sortKeyOf(unfiltered.path),
  };
  await expectSameItems(probe, at, filtered.items, source, matches);
}

/**
 * Two filters and the values of one item, chosen so that each filter alone selects items the
 * other does not: a server that applies only one of them (the first or the last it reads)
 * then returns an item that fails the other. Undefined when no pair of the list does.
 */
function pairOf(filters: Filter[], items: Item[], rand: Random): Selection | undefined {
  const candidates = sample(rand, items, 20);
  for (let i = 0; i < filters.length; i++) {
    for (let j = i + 1; j < filters.length; j++) {
      const a = filters[i] as Filter;
      const b = filters[j] as Filter;
      for (const item of candidates) {
        const va = asParam(readPath(item, a.field));
        const vb = asParam(readPath(item, b.field));
        if (va === undefined || vb === undefined) continue;
        const selection: Selection = [
          [a, va],
          [b, vb],
        ];
        const both = items.filter(matcher(selection)).length;
        const onlyA = items.filter(matcher([[a, va]])).length;
        const onlyB = items.filter(matcher([[b, vb]])).length;
        if (onlyA > both && onlyB > both) return selection;
      }
    }
  }
  return undefined;
}

/** Check: every documented filter returns exactly the matching items of the unfiltered list. */
export const filters: ContractCheck = {
  id: "filters",
  title:
    "every documented filter filters, alone and with another: a filtered walk holds only items whose fields equal the values, exactly those of the unfiltered walk, and its total_count counts them",
  async run({ probe, mode, seed, maxWalkPages }) {
    const planned = LIST_TEMPLATES.map((template) => ({
      template,
      filters: filtersOf(probe, template),
    })).filter((p) => p.filters.length > 0);
    if (mode === "mock") {
      return probe.violations.length
        ? undefined
        : skip("Prism answers from examples: filtering needs a live target");
    }
    const rand = mulberry32(seed);
    for (const { template, filters: list } of planned) {
      const unfiltered = { path: template, limit: FULL_PAGE, maxPages: maxWalkPages };
      const all = await walkScoped(probe, unfiltered);
      if (!all) continue;
      for (const filter of list) {
        const { name, field, allowed } = filter;
        const values = [...new Set(all.items.map((i) => asParam(readPath(i, field))))]
          .filter((v): v is string => v !== undefined)
          .sort();
        if (values.length === 0) {
          probe.note(`${template}?${name}: not checked, no item has a ${field} to filter by`);
          continue;
        }
        // One value shared by every item cannot tell a filter from none: an enum value no item
        // has then must give an empty list.
        const unseen = allowed.filter((v) => !values.includes(v));
        const value = pick(rand, values.length === 1 && unseen.length > 0 ? unseen : values);
        await judgeFiltered(probe, unfiltered, all, [[filter, value]]);
      }
      if (list.length < 2) continue;
      // Filters combine (AND): one pair per list, which a server applying only one of them
      // (an else-if chain) fails.
      const pair = pairOf(list, all.items, rand);
      if (pair) await judgeFiltered(probe, unfiltered, all, pair);
      else probe.note(`${template}: no two filters select different items, so none were combined`);
    }
    return undefined;
  },
};
