import {
  addDecimals,
  compareDecimals,
  type Decimal,
  formatDecimal,
  parseDecimal,
} from "../money/decimal.js";
import { expectStatus } from "./expect.js";
import { type Item, walkList } from "./list-walk.js";
import type { Probe } from "./probe.js";
import { atSameDataTime } from "./same-cost.js";

/** The amounts of a CostSummary that a roll-up sums from its parts. */
const SUMMED = ["current_run_rate_hourly", "projected_monthly"] as const;

type Costed = Item & {
  metadata?: { name?: unknown; department_id?: unknown; namespace?: unknown };
  cost?: Partial<Record<(typeof SUMMED)[number], { amount?: unknown }>> & {
    last_updated_at?: unknown;
  };
};

/** A roll-up and the parts it sums, named for messages. */
interface Rollup {
  label: string;
  item: Costed;
  parts: Costed[];
  whose: string;
}

/** What differs between a roll-up's amounts and the exact sums of its parts', one message each. */
function sumMismatches({ label, item, parts, whose }: Rollup): string[] {
  return SUMMED.flatMap((amount) => {
    let total: Decimal = { units: 0n, scale: 0 };
    let stated: Decimal;
    try {
      for (const part of parts)
        total = addDecimals(total, parseDecimal(part.cost?.[amount]?.amount, amount));
      stated = parseDecimal(item.cost?.[amount]?.amount, amount);
    } catch {
      return []; // a malformed amount is the schema checks' to report
    }
    if (compareDecimals(stated, total) === 0) return [];
    return [
      `${label}: cost.${amount} is ${formatDecimal(stated)}, but ${whose} (${parts.length}) sum to ${formatDecimal(total)}`,
    ];
  });
}

/**
 * What differs between `rollups` and their parts' sums. The spec's sum holds at one data time:
 * a roll-up whose `cost_mode` or `last_updated_at` is not every part's (a materialized view
 * refreshed on its own schedule) is not compared, and noted.
 */
function mismatchesAtOneDataTime(probe: Probe, kind: string, rollups: Rollup[]): string[] {
  const [compared, apart] = [[] as Rollup[], [] as Rollup[]];
  for (const rollup of rollups) {
    const same = rollup.parts.every((part) => atSameDataTime(rollup.item, part));
    (same ? compared : apart).push(rollup);
  }
  const [first] = apart;
  if (first) {
    probe.note(
      `${apart.length} ${kind} not compared with their parts' sum: their cost_mode or last_updated_at is not every part's (a sum holds at one data time), e.g. ${first.label} at ${String(first.item.cost?.last_updated_at)}`,
    );
  }
  return compared.flatMap(sumMismatches);
}

/**
 * Every department against its teams (those whose `metadata.department_id` is its id): the
 * spec's Department says it is their sum (our assumption). Undefined when a walk did not end.
 */
async function departmentMismatches(probe: Probe, maxPages: number): Promise<string[] | undefined> {
  const departments = await walkList(probe, { path: "/v1/departments", limit: 500, maxPages });
  const teams = await walkList(probe, { path: "/v1/teams", limit: 500, maxPages });
  if (!departments.complete || !teams.complete) return undefined;
  const members = teams.items as Costed[];
  const rollups = (departments.items as Costed[]).map((department) => ({
    label: `department ${department.id} (${String(department.metadata?.name)})`,
    item: department,
    parts: members.filter((team) => team.metadata?.department_id === department.id),
    whose: "its teams",
  }));
  return mismatchesAtOneDataTime(probe, "departments", rollups);
}

/**
 * The namespaces of the first cluster of `/v1/clusters` (page 1 of its cost order) against the
 * cluster's workloads in each (`metadata.namespace`): the spec's Namespace says it is their
 * sum (our assumption). One cluster: its two nested walks are the most a tenant's largest
 * cluster costs. Undefined when a request failed or a walk did not end.
 */
async function namespaceMismatches(probe: Probe, maxPages: number): Promise<string[] | undefined> {
  const ex = await probe.get("/v1/clusters", { params: { query: { limit: 1 } } });
  if (!expectStatus(probe, ex, 200)) return undefined;
  const cluster = Array.isArray(ex.body?.data) ? ex.body.data[0] : undefined;
  if (typeof cluster?.id !== "string") return [];
  const params = { cluster_id: cluster.id };
  const nested = (path: string) => walkList(probe, { path, params, limit: 500, maxPages });
  const namespaces = await nested("/v1/clusters/{cluster_id}/namespaces");
  const workloads = await nested("/v1/clusters/{cluster_id}/workloads");
  if (!namespaces.complete || !workloads.complete) return undefined;
  const parts = workloads.items as Costed[];
  const rollups = (namespaces.items as Costed[]).map((namespace) => {
    const name = namespace.metadata?.name;
    return {
      label: `namespace ${String(name)} of cluster ${cluster.id}`,
      item: namespace,
      parts: parts.filter((workload) => workload.metadata?.namespace === name),
      whose: "the cluster's workloads in it",
    };
  });
  return mismatchesAtOneDataTime(probe, "namespaces", rollups);
}

/**
 * What differs between the roll-ups and their parts: departments and their teams, one
 * cluster's namespaces and its workloads (run rate and projected month, exact sums). Each is
 * read only where the token has the scope (else noted): the dashboard is checked without them.
 * Undefined when neither could be read whole.
 */
export async function rollupMismatches(
  probe: Probe,
  maxPages: number,
): Promise<string[] | undefined> {
  const departments = await probe.optional("the departments' roll-ups", () =>
    departmentMismatches(probe, maxPages),
  );
  const namespaces = await probe.optional("the namespaces' roll-ups", () =>
    namespaceMismatches(probe, maxPages),
  );
  if (!departments && !namespaces) return undefined;
  return [...(departments ?? []), ...(namespaces ?? [])];
}
