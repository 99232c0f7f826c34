import { mulberry32, type Random } from "../../internal/prng.js";
import { parametersOf, specPaths } from "../../spec/document.js";
import { type ContractCheck, discoverIds } from "../context.js";
import type { Ids } from "../families.js";
import { noIdNote, pathParamsFor } from "../families.js";
import { goneSinceListed } from "../gone.js";
import { badValues, goodValues } from "../param-values.js";
import type { Exchange, Probe } from "../probe.js";
import { schemaOf } from "../spec-lists.js";

/** The most requests the check sends; past it, a seeded sample (every parameter kept). */
export const MAX_PARAMETER_CASES = 800;
/** Random valid combinations per operation. */
const COMBINATIONS = 4;

/** One generated request and what the spec says it must get. */
interface Case {
  template: string;
  path: Record<string, string>;
  query: Record<string, string>;
  /** The parameter under test and the broken value's flaw, for a value that must get 400. */
  bad?: { name: string; why: string };
  /** Whether it is the first case of its parameter and kind (never dropped by the cap). */
  first: boolean;
}

/** The cases of one operation: every broken value of every parameter, valid values alone and combined. */
function casesOf(template: string, ids: Ids, rand: Random, probe: Probe): Case[] {
  const filled = pathParamsFor(template, ids);
  if ("missing" in filled) {
    probe.note(noIdNote(template, filled.missing));
    return [];
  }
  const params = parametersOf(template);
  // Dates go together: one alone may fall after the other's default (a legitimate 400).
  const dates: Record<string, string> = {};
  for (const p of params) {
    const example = schemaOf(p).format === "date" ? goodValues(p, rand)[0] : undefined;
    if (p.in === "query" && example !== undefined) dates[p.name] = example;
  }
  const out: Case[] = [{ template, path: filled.params, query: { ...dates }, first: true }];
  const choices: [string, string[]][] = [];
  for (const p of params) {
    badValues(p).forEach(({ value, why }, i) => {
      const inPath = p.in === "path";
      out.push({
        template,
        path: inPath ? { ...filled.params, [p.name]: value } : filled.params,
        query: inPath ? { ...dates } : { [p.name]: value },
        bad: { name: p.name, why },
        first: i === 0,
      });
    });
    if (p.in !== "query") continue;
    const good = goodValues(p, rand);
    if (good.length) choices.push([p.name, good]);
    good.forEach((value, i) => {
      out.push({
        template,
        path: filled.params,
        query: { ...dates, [p.name]: value },
        first: i === 0,
      });
    });
  }
  for (let i = 0; i < COMBINATIONS && choices.length > 1; i++) {
    const query: Record<string, string> = { ...dates };
    for (const [name, values] of choices) {
      if (rand() < 0.5) query[name] = values[Math.floor(rand() * values.length)] as string;
    }
    out.push({ template, path: filled.params, query, first: false });
  }
  return out;
}

/** At most `max` cases: every first case, then a seeded sample of the rest. */
function capped(cases: Case[], max: number, rand: Random, probe: Probe): Case[] {
  if (cases.length <= max) return cases;
  const kept = cases.filter((c) => c.first);
  const rest = cases.filter((c) => !c.first);
  while (kept.length < max && rest.length) {
    kept.push(...rest.splice(Math.floor(rand() * rest.length), 1));
  }
  probe.note(`${cases.length} generated requests, capped at ${max}: a seeded sample was sent`);
  return kept;
}

function describe(ex: Exchange): string {
  const error = ex.body?.error;
  const fields = Array.isArray(error?.details)
    ? error.details.map((d: { field?: unknown }) => d?.field).filter(Boolean)
    : [];
  return `${ex.status}${error?.code ? ` ${error.code}` : ""}${fields.length ? ` naming ${fields.join(", ")}` : ""}`;
}

/**
 * The codes a broken value may get: `BAD_REQUEST` (the spec's 400 responses), and for the
 * empty `cursor` also `INVALID_CURSOR`, the spec's code for a malformed cursor.
 */
function codesFor(name: string): readonly string[] {
  return name === "cursor" ? ["BAD_REQUEST", "INVALID_CURSOR"] : ["BAD_REQUEST"];
}

function judge(probe: Probe, ex: Exchange, c: Case): void {
  if (c.bad) {
    const { name, why } = c.bad;
    const details = ex.body?.error?.details;
    const named =
      Array.isArray(details) && details.some((d: { field?: unknown }) => d?.field === name);
    const codes = codesFor(name);
    if (ex.status !== 400 || !named || !codes.includes(ex.body?.error?.code)) {
      probe.fail(
        `${ex.label}: ${name} ${why}: expected 400 ${codes.join(" or ")} with details[].field "${name}", got ${describe(ex)}`,
      );
    }
  } else if (ex.status < 200 || ex.status > 299) {
    probe.fail(`${ex.label}: valid parameters: expected 2xx, got ${describe(ex)}`);
  }
}

/** Check: spec-generated broken values get 400 BAD_REQUEST naming the parameter; valid ones get 2xx. */
export const parameterValues: ContractCheck = {
  id: "parameter-values",
  title:
    "generated from the spec for every GET and parameter: values that break the schema get 400 BAD_REQUEST naming the parameter; valid values and combinations get 2xx with a schema-valid body",
  async run({ probe, mode, seed }) {
    const rand = mulberry32(seed);
    const ids = await discoverIds(probe);
    let cases = specPaths.flatMap((template) => casesOf(template, ids, rand, probe));
    if (mode === "mock") {
      // Prism answers from examples: one valid value per parameter shows it accepts them.
      cases = cases.filter((c) => !c.bad && c.first);
      probe.note(
        "broken values and combinations not checked: Prism answers every invalid request with one 400 example",
      );
    }
    for (const c of capped(cases, MAX_PARAMETER_CASES, rand, probe)) {
      const ex = await probe.get(
        c.template as "/v1/clusters",
        { params: { path: c.path, query: c.query } } as never,
      );
      if (!(await goneSinceListed(probe, ex))) judge(probe, ex, c);
    }
    return undefined;
  },
};
