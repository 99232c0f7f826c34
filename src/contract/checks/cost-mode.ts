import { parametersOf, specPaths } from "../../spec/document.js";
import { type ContractCheck, discoverIds, skip } from "../context.js";
import { expectStatus } from "../expect.js";
import { CURSOR_FAMILIES, noIdNote, pathParamsFor } from "../families.js";
import { compareDecimal } from "../order.js";
import type { Probe } from "../probe.js";
import { schemaOf } from "../spec-lists.js";

/** Every `cost_mode` value anywhere in a JSON value, with where it was found. */
function costModesIn(value: unknown, at = "data"): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => costModesIn(v, `${at}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]): [string, unknown][] =>
    key === "cost_mode" ? [[`${at}.cost_mode`, child]] : costModesIn(child, `${at}.${key}`),
  );
}

type Costed = {
  id?: unknown;
  kind?: unknown;
  cost?: { current_run_rate_hourly?: { amount?: unknown } };
};

// What the provider bills is the same in both modes (the spec's CostMode says so); only the
// cost attributed to workloads, and what is summed from them, depends on the mode. A team (and
// so its department) may carry whole clusters or nodes assigned to it, billed costs that the
// mode leaves alone: only workloads, their pods and namespaces must show the mode.
const SHOWS_MODE = new Set(["Workload", "Pod", "Namespace"]);

const amountOf = (item: Costed) => String(item.cost?.current_run_rate_hourly?.amount);

/**
 * Per id, the fully loaded amount: the larger of its reads. A live cost may grow between the
 * fully loaded read and the direct one, which would put `direct` above it for no fault.
 */
function loadedAmounts(reads: Costed[][]): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of reads.flat()) {
    const id = String(item.id);
    const seen = out.get(id);
    if (seen === undefined || compareDecimal(amountOf(item), seen) > 0) out.set(id, amountOf(item));
  }
  return out;
}

/** Whether some item costs more direct than fully loaded. */
const anyAbove = (direct: Costed[], loaded: Map<string, string>) =>
  direct.some((item) => compareDecimal(amountOf(item), loaded.get(String(item.id)) ?? "") > 0);

/**
 * Per id: `direct` never above `fully_loaded`, and, for the costs of workloads, pods and
 * namespaces, not equal for every item (the mode ignored). An item that costs nothing fully
 * loaded (a namespace with no workloads) costs nothing direct either: it cannot show the mode,
 * so it is not counted.
 */
function compareModes(
  probe: Probe,
  path: string,
  direct: Costed[],
  full: Map<string, string>,
): void {
  let compared = 0;
  let differ = 0;
  for (const item of direct) {
    const loaded = full.get(String(item.id));
    if (loaded === undefined) continue;
    const order = compareDecimal(amountOf(item), loaded);
    if (SHOWS_MODE.has(item.kind as string) && compareDecimal(loaded, "0") > 0) {
      compared++;
      if (order !== 0) differ++;
    }
    if (order > 0) {
      probe.fail(
        `${path}: ${String(item.id)} costs ${amountOf(item)} direct but ${loaded} fully_loaded`,
      );
    }
  }
  if (compared >= 5 && differ === 0) {
    probe.fail(
      `${path}: cost_mode=direct changes no cost of ${compared} items: the mode is ignored`,
    );
  }
}

/**
 * One page of `path` in `value` mode (none: the default), its echo of the mode checked; its
 * items, or undefined when the request failed.
 */
async function readMode(
  probe: Probe,
  path: string,
  params: Record<string, string>,
  value: string | undefined,
): Promise<Costed[] | undefined> {
  const query = path in CURSOR_FAMILIES ? { cost_mode: value, limit: 20 } : { cost_mode: value };
  const ex = await probe.get(path as "/v1/clusters", { params: { path: params, query } } as never);
  if (!expectStatus(probe, ex, 200)) return undefined;
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
  return Array.isArray(ex.body?.data) ? ex.body.data : undefined;
}

/** Check: `cost_mode` is applied and echoed. */
export const costMode: ContractCheck = {
  id: "cost-mode",
  title:
    "cost_mode is echoed in meta.cost_mode and carried by every cost (fully_loaded when absent); direct costs are never above fully_loaded ones and differ for workloads (billed node, node-group and cluster costs may not)",
  async run({ probe, mode }) {
    if (mode === "mock") return skip("Prism answers from examples: the mode is not applied");
    const ids = await discoverIds(probe);
    for (const path of specPaths) {
      const param = parametersOf(path).find((p) => p.name === "cost_mode" && p.in === "query");
      if (!param) continue;
      const filled = pathParamsFor(path, ids);
      if ("missing" in filled) {
        probe.note(noIdNote(path, filled.missing));
        continue;
      }
      const values = (schemaOf(param).enum ?? []) as string[];
      const pages: Record<string, Costed[]> = {};
      for (const value of [undefined, ...values]) {
        const data = await readMode(probe, path, filled.params, value);
        if (value && data) pages[value] = data;
      }
      const direct = pages.direct ?? [];
      const reads = [pages.fully_loaded ?? []];
      // Read fully loaded again, after direct, before a direct cost above it counts.
      if (anyAbove(direct, loadedAmounts(reads))) {
        reads.push((await readMode(probe, path, filled.params, "fully_loaded")) ?? []);
      }
      compareModes(probe, path, direct, loadedAmounts(reads));
    }
    return undefined;
  },
};
