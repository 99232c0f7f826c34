import { parametersOf, specPaths } from "../../spec/document.js";
import { checkAttributedModes } from "../attributed-modes.js";
import { type ContractCheck, discoverIds, skip } from "../context.js";
import { type CostEntry, costEntries } from "../cost-entries.js";
import { COST_EXPLORER, CURSOR_FAMILIES, noIdNote, pathParamsFor } from "../families.js";
import { expectOk } from "../gone.js";
import { eachObject } from "../json-walk.js";
import { compareDecimal } from "../order.js";
import type { Probe } from "../probe.js";
import { parentOf, SINGLE_TEMPLATES, schemaOf } from "../spec-lists.js";

/** Every `cost_mode` value anywhere in a JSON value, with where it was found. */
function costModesIn(value: unknown): [string, unknown][] {
  const found: [string, unknown][] = [];
  eachObject(value, (object, at) => {
    if ("cost_mode" in object) found.push([`${at}.cost_mode`, object.cost_mode]);
  });
  return found;
}

/**
 * Per id, the fully loaded amount: the larger of its reads. A live cost may grow between the
 * fully loaded read and the direct one, which would put `direct` above it for no fault.
 */
function loadedAmounts(reads: CostEntry[][]): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of reads.flat()) {
    const seen = out.get(entry.id);
    if (seen === undefined || compareDecimal(entry.amount, seen) > 0)
      out.set(entry.id, entry.amount);
  }
  return out;
}

/** Whether some entry costs more direct than fully loaded. */
const anyAbove = (direct: CostEntry[], loaded: Map<string, string>) =>
  direct.some((entry) => compareDecimal(entry.amount, loaded.get(entry.id) ?? "") > 0);

/**
 * Per id: `direct` never above `fully_loaded`, and, for the costs that show the mode, not
 * equal for every entry (the mode ignored). An entry that costs nothing fully loaded (a
 * namespace with no workloads) costs nothing direct either: it cannot show the mode, so it is
 * not counted.
 */
function compareModes(
  probe: Probe,
  path: string,
  direct: CostEntry[],
  full: Map<string, string>,
): void {
  let compared = 0;
  let differ = 0;
  for (const entry of direct) {
    const loaded = full.get(entry.id);
    if (loaded === undefined) continue;
    const order = compareDecimal(entry.amount, loaded);
    if (entry.showsMode && compareDecimal(loaded, "0") > 0) {
      compared++;
      if (order !== 0) differ++;
    }
    if (order > 0) {
      probe.fail(`${path}: ${entry.id} costs ${entry.amount} direct but ${loaded} fully_loaded`);
    }
  }
  if (compared >= 5 && differ === 0) {
    probe.fail(
      `${path}: cost_mode=direct changes no cost of ${compared} items: the mode is ignored`,
    );
  }
}

/** Per id, the billed entries (clusters, nodes, node groups) whose two modes cost differently. */
function billedDifferences(direct: CostEntry[], loaded: CostEntry[]): Map<string, string> {
  const full = new Map(loaded.map((entry) => [entry.id, entry.amount]));
  const out = new Map<string, string>();
  for (const entry of direct) {
    const other = full.get(entry.id);
    if (!entry.billed || other === undefined || compareDecimal(entry.amount, other) === 0) continue;
    out.set(entry.id, `${entry.amount} direct but ${other} fully_loaded`);
  }
  return out;
}

/**
 * What a provider bills costs the same in both modes (the spec's CostMode): an id whose two
 * modes differ in the first reading and again in the second (read right after, in both modes)
 * fails. Live costs move, but not so that two readings each straddle a change.
 */
function expectBilledEqual(
  probe: Probe,
  path: string,
  first: Map<string, string>,
  second: Map<string, string>,
): void {
  const both = [...first.keys()].filter((id) => second.has(id));
  if (both.length === 0) return;
  const id = both[0] as string;
  probe.fail(
    `${path}: ${both.length} billed costs differ between modes, e.g. ${id} costs ${first.get(id)}, and read again ${second.get(id)}: nodes, node groups and clusters cost the same in both modes (the spec's CostMode)`,
  );
}

/**
 * The query of one read: a cursor family's page 1 of 20; Cost Explorer's page 1 grouped by
 * `groupBy` (by default namespace, whose costs show the mode: grouped by cluster, its default,
 * both modes are the same).
 */
function modeQuery(
  path: string,
  value: string | undefined,
  groupBy = "namespace",
): Record<string, unknown> {
  if (path in CURSOR_FAMILIES) return { cost_mode: value, limit: 20 };
  if (path === COST_EXPLORER) return { cost_mode: value, group_by: groupBy };
  return { cost_mode: value };
}

/**
 * Cost Explorer's other groupings whose rows carry attributed cost, read in both modes (page 1
 * each, two requests): a server may apply the mode to namespaces only. Workload rows must show
 * the mode, as namespace rows do; team and department rows, which may carry billed clusters
 * and nodes, must only never cost more direct.
 */
const MORE_GROUPINGS = ["workload", "team", "department"];

/**
 * One read of `path` in `value` mode (none: the default), its echo of the mode checked; its
 * costs, or undefined when the request failed.
 */
async function readMode(
  probe: Probe,
  path: string,
  params: Record<string, string>,
  value: string | undefined,
  groupBy?: string,
): Promise<CostEntry[] | undefined> {
  const query = modeQuery(path, value, groupBy);
  const ex = await probe.get(path as "/v1/clusters", { params: { path: params, query } } as never);
  if (!(await expectOk(probe, ex))) return undefined;
  const applied = value ?? "fully_loaded";
  if (ex.body?.meta?.cost_mode !== applied) {
    probe.fail(
      `${ex.label}: meta.cost_mode is ${JSON.stringify(ex.body?.meta?.cost_mode)}, expected ${applied}`,
    );
  }
  const wrong = costModesIn(ex.body?.data).filter(([, m]) => m !== applied);
  if (wrong.length > 0) {
    const [where, m] = wrong[0] as [string, unknown];
    probe.fail(
      `${ex.label}: ${wrong.length} costs are not ${applied}, e.g. ${where} is ${JSON.stringify(m)}`,
    );
  }
  return costEntries(ex.body?.data);
}

/** What one path gave in each mode, and the path parameters it was read with. */
interface ModeReads {
  params: Record<string, string>;
  byMode: Record<string, CostEntry[]>;
}

const sameCost = (a: CostEntry, b: CostEntry) => compareDecimal(a.amount, b.amount) === 0;

/**
 * A single resource shows the mode as its list does: where the list's direct and fully loaded
 * costs of its id differ, the by-id GET's must differ too (one resource alone cannot show an
 * ignored mode: its direct cost may equal its fully loaded one). Compared as a difference, not
 * as amounts: a live cost moves between reads, but not so that the two modes meet exactly. A
 * by-id GET that shows no difference is read again, in both modes, before it counts.
 */
async function compareWithList(
  probe: Probe,
  path: string,
  single: ModeReads,
  list: { path: string } & ModeReads,
): Promise<void> {
  const [direct] = single.byMode.direct ?? [];
  const [loaded] = single.byMode.fully_loaded ?? [];
  if (!direct || !loaded || !direct.showsMode || !sameCost(direct, loaded)) return;
  const listed = (mode: string) => list.byMode[mode]?.find((e) => e.id === direct.id);
  const [listedDirect, listedLoaded] = [listed("direct"), listed("fully_loaded")];
  if (!listedDirect || !listedLoaded) {
    probe.note(
      `${path}: ${direct.id} is not on page 1 of ${list.path} in both modes, not compared`,
    );
    return;
  }
  if (sameCost(listedDirect, listedLoaded)) return;
  const [again] = (await readMode(probe, path, single.params, "direct")) ?? [];
  const [againLoaded] = (await readMode(probe, path, single.params, "fully_loaded")) ?? [];
  if (again && againLoaded && sameCost(again, againLoaded)) {
    probe.fail(
      `${path}: ${direct.id} costs ${again.amount} in both modes, but ${list.path} says ${listedDirect.amount} direct and ${listedLoaded.amount} fully_loaded: cost_mode is ignored`,
    );
  }
}

/**
 * Reads `path` in each of `values` (undefined: no `cost_mode`) and compares the modes: billed
 * costs equal, direct never above fully loaded and not equal for every cost that shows the mode.
 */
async function compareRead(
  probe: Probe,
  path: string,
  params: Record<string, string>,
  values: (string | undefined)[],
  groupBy?: string,
): Promise<ModeReads> {
  const label = groupBy === undefined ? path : `${path}?group_by=${groupBy}`;
  const readOne = (value: string) => readMode(probe, path, params, value, groupBy);
  const byMode: Record<string, CostEntry[]> = {};
  for (const value of values) {
    const entries = await readMode(probe, path, params, value, groupBy);
    if (value && entries) byMode[value] = entries;
  }
  const direct = byMode.direct ?? [];
  const reads = [byMode.fully_loaded ?? []];
  const billed = billedDifferences(direct, byMode.fully_loaded ?? []);
  // A billed cost that differs is read again in both modes before it counts.
  const directAgain = billed.size > 0 ? await readOne("direct") : undefined;
  // Read fully loaded again, after direct, before a direct cost above it counts.
  if (billed.size > 0 || anyAbove(direct, loadedAmounts(reads))) {
    reads.push((await readOne("fully_loaded")) ?? []);
  }
  if (directAgain) {
    const again = billedDifferences(directAgain, reads[1] ?? []);
    expectBilledEqual(probe, label, billed, again);
  }
  compareModes(probe, label, direct, loadedAmounts(reads));
  return { params, byMode };
}

/** Check: `cost_mode` is applied and echoed. */
export const costMode: ContractCheck = {
  id: "cost-mode",
  title:
    "cost_mode is echoed in meta.cost_mode and carried by every cost (fully_loaded when absent); direct costs are never above fully_loaded ones and differ for workloads, while billed node, node-group and cluster costs are equal in both modes, in lists and in Cost Explorer by namespace and by workload (by team and department: never above); a single resource's two modes differ where its list's do",
  async run({ probe, mode }) {
    if (mode === "mock") return skip("Prism answers from examples: the mode is not applied");
    const ids = await discoverIds(probe);
    const read = new Map<string, ModeReads>();
    for (const path of specPaths) {
      const param = parametersOf(path).find((p) => p.name === "cost_mode" && p.in === "query");
      if (!param) continue;
      const filled = pathParamsFor(path, ids);
      if ("missing" in filled) {
        probe.note(noIdNote(path, filled.missing));
        continue;
      }
      const values = (schemaOf(param).enum ?? []) as string[];
      read.set(path, await compareRead(probe, path, filled.params, [undefined, ...values]));
      if (path !== COST_EXPLORER) continue;
      for (const groupBy of MORE_GROUPINGS) {
        await compareRead(probe, path, filled.params, values, groupBy);
      }
    }
    for (const path of SINGLE_TEMPLATES) {
      const single = read.get(path);
      const listPath = parentOf(path)?.list;
      const list = listPath === undefined ? undefined : read.get(listPath);
      if (single && listPath && list)
        await compareWithList(probe, path, single, { ...list, path: listPath });
    }
    const byMode = (path: string) => read.get(path)?.byMode;
    await checkAttributedModes(probe, byMode("/v1/teams"), byMode("/v1/departments"));
    return undefined;
  },
};
