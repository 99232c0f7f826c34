import { mulberry32, pick } from "../../internal/prng.js";
import { type ContractCheck, skip } from "../context.js";
import { type Item, walkList, walkScoped } from "../list-walk.js";
import { readPath } from "../order.js";
import type { Probe } from "../probe.js";
import {
  CONTROL_PARAMS,
  LIST_TEMPLATES,
  type ListParameter,
  listParameters,
  schemaOf,
} from "../spec-lists.js";

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

const idOf = (item: Item) => String(item.id);

/**
 * How a filtered walk differs from the unfiltered one: matching items it lacks, and matching
 * items the unfiltered list lacks.
 */
function differences(all: Item[], filtered: Item[], matches: (item: Item) => boolean) {
  const got = new Set(filtered.map(idOf));
  const known = new Set(all.map(idOf));
  return {
    missing: all.filter((item) => matches(item) && !got.has(idOf(item))),
    unknown: filtered.filter((item) => matches(item) && !known.has(idOf(item))),
  };
}

/** Check: every documented filter returns exactly the matching items of the unfiltered list. */
export const filters: ContractCheck = {
  id: "filters",
  title:
    "every documented filter filters: a filtered walk holds only items whose field equals the value, and exactly those of the unfiltered walk",
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
      for (const { name, field, allowed } of list) {
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
        const at = `${template}?${name}=${value}`;
        const matches = (item: Item) => asParam(readPath(item, field)) === value;
        // About three pages, so a filter that holds on page 1 only shows.
        const expected = all.items.filter(matches).length;
        const limit = Math.min(500, Math.max(1, Math.ceil(expected / 3)));
        const filtered = await walkList(probe, {
          path: template,
          params: all.params,
          query: { [name]: value },
          limit,
          maxPages: maxWalkPages,
        });
        const wrong = filtered.items.filter((item) => !matches(item));
        if (wrong.length > 0) {
          const first = wrong[0] as Item;
          probe.fail(
            `${at}: ${wrong.length} of ${filtered.items.length} items do not match, e.g. ${idOf(first)} has ${field} ${JSON.stringify(readPath(first, field))}`,
          );
        }
        if (!all.complete || !filtered.complete) {
          probe.note(`${at}: completeness not compared: a walk did not finish`);
          continue;
        }
        let { missing, unknown } = differences(all.items, filtered.items, matches);
        if (missing.length + unknown.length > 0) {
          // A live list changes: read it again after the filtered walk. An item missing from
          // the filtered walk though listed before and after it, or listed by the filter but
          // neither before nor after, is the server's doing.
          const after = await walkList(probe, { ...unfiltered, params: all.params });
          if (after.complete) {
            const listedAgain = new Set(after.items.map(idOf));
            const moved = missing.length + unknown.length;
            missing = missing.filter((item) => listedAgain.has(idOf(item)));
            unknown = unknown.filter((item) => !listedAgain.has(idOf(item)));
            const settled = moved - missing.length - unknown.length;
            if (settled > 0) {
              probe.note(`${at}: ${settled} items came or went during the walks (a live list)`);
            }
          }
        }
        if (missing.length > 0) {
          probe.fail(
            `${at}: ${missing.length} matching items of the unfiltered list are missing, e.g. ${idOf(missing[0] as Item)}`,
          );
        }
        if (unknown.length > 0) {
          probe.fail(
            `${at}: ${unknown.length} items are not in the unfiltered list, e.g. ${idOf(unknown[0] as Item)}`,
          );
        }
      }
    }
    return undefined;
  },
};
