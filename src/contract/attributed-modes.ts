import { type CostEntry, costEntries } from "./cost-entries.js";
import { expectOk } from "./gone.js";
import { compareDecimal } from "./order.js";
import type { Probe } from "./probe.js";

/** One id read in both modes. */
interface Both {
  direct: CostEntry;
  loaded: CostEntry;
}

/** How many unmoved teams or departments of a page are looked into. */
const LOOK_INTO = 3;
/** How many of a team's workloads and namespaces are read to show that the team must move. */
const TARGETS = 2;

const costs = (b: Both) => compareDecimal(b.loaded.amount, "0") > 0;
const moved = (b: Both) => compareDecimal(b.direct.amount, b.loaded.amount) !== 0;
const amounts = (b: Both) => `${b.direct.amount} direct and ${b.loaded.amount} fully_loaded`;

/** The entries read in both modes, paired by id, in the direct read's order. */
function paired(byMode: Record<string, CostEntry[]> | undefined): Both[] {
  const loaded = new Map((byMode?.fully_loaded ?? []).map((e) => [e.id, e]));
  return (byMode?.direct ?? []).flatMap((direct) => {
    const other = loaded.get(direct.id);
    return other ? [{ direct, loaded: other }] : [];
  });
}

/** `path` read with `cost_mode=direct`, then `fully_loaded`; undefined when a read failed. */
async function readBoth(
  probe: Probe,
  path: string,
  params: Record<string, string>,
  query: Record<string, string | number> = {},
): Promise<Both[] | undefined> {
  const byMode: Record<string, CostEntry[]> = {};
  for (const cost_mode of ["direct", "fully_loaded"]) {
    const ex = await probe.get(
      path as "/v1/teams",
      { params: { path: params, query: { ...query, cost_mode } } } as never,
    );
    if (!(await expectOk(probe, ex))) return undefined;
    byMode[cost_mode] = costEntries(ex.body?.data);
  }
  return paired(byMode);
}

/**
 * Why team `id` must cost less direct, or undefined when that cannot be shown: it carries
 * only workloads and namespaces (no cluster or node group, whose billed cost a careful server
 * may count instead of what runs in it), and one of them costs less direct.
 */
async function teamMustMove(probe: Probe, id: string): Promise<string | undefined> {
  const ex = await probe.get("/v1/teams/{team_id}/assignments", {
    params: { path: { team_id: id }, query: { limit: 500 } },
  });
  if (ex.status !== 200 || ex.body?.meta?.pagination?.has_more !== false) return undefined;
  const targets = (Array.isArray(ex.body?.data) ? ex.body.data : []).map(
    (a: { metadata?: { target?: { kind?: unknown; id?: unknown } } }) => a?.metadata?.target,
  );
  const onlyRunning = targets.every(
    (t: { kind?: unknown } | undefined) => t?.kind === "Workload" || t?.kind === "Namespace",
  );
  if (targets.length === 0 || !onlyRunning) return undefined;
  for (const target of targets.slice(0, TARGETS)) {
    const [path, param] =
      target.kind === "Workload"
        ? ["/v1/workloads/{workload_uid}", "workload_uid"]
        : ["/v1/namespaces/{namespace_id}", "namespace_id"];
    const [both] = (await readBoth(probe, path, { [param]: String(target.id) })) ?? [];
    if (both && moved(both)) {
      return `it carries only workloads and namespaces, and ${target.kind} ${target.id} costs ${amounts(both)}`;
    }
  }
  return undefined;
}

/** Why department `id` must cost less direct (one of its teams does), or undefined. */
async function departmentMustMove(probe: Probe, id: string): Promise<string | undefined> {
  const teams = (await readBoth(probe, "/v1/teams", {}, { department_id: id, limit: 20 })) ?? [];
  const mover = teams.find(moved);
  if (mover) return `its team ${mover.direct.id} costs ${amounts(mover)}`;
  for (const team of teams.filter(costs).slice(0, LOOK_INTO)) {
    const why = await teamMustMove(probe, team.direct.id);
    if (why) return `its team ${team.direct.id} must move (${why})`;
  }
  return undefined;
}

/**
 * When every item of a page 1 of teams or departments that costs something costs the same in
 * both modes, looks into the first few for one whose cost must move, reads it again in both
 * modes, and fails it if it still does not. Nothing is sent when some item moves.
 */
async function checkCarriers(
  probe: Probe,
  what: { list: string; single: string; param: string },
  page: Both[],
  mustMove: (probe: Probe, id: string) => Promise<string | undefined>,
): Promise<void> {
  const costing = page.filter(costs);
  if (costing.length === 0 || costing.some(moved)) return;
  for (const item of costing.slice(0, LOOK_INTO)) {
    const id = item.direct.id;
    const why = await mustMove(probe, id);
    if (!why) continue;
    // Read again: a live cost moves between reads, but not so that the two modes meet exactly.
    const [again] = (await readBoth(probe, what.single, { [what.param]: id })) ?? [];
    if (again && !moved(again)) {
      probe.fail(
        `${what.list}: ${id} costs ${again.direct.amount} in both modes, but ${why}: cost_mode is ignored`,
      );
    }
    return;
  }
}

/**
 * `cost_mode` on teams and departments, which may carry billed clusters and node groups (the
 * same in both modes), so not every one must move: a page on which none moves fails when a
 * team is shown to carry only workloads and namespaces of which one moves, or a department to
 * hold a team that moves. `teams` and `departments` are their page 1, per mode.
 */
export async function checkAttributedModes(
  probe: Probe,
  teams: Record<string, CostEntry[]> | undefined,
  departments: Record<string, CostEntry[]> | undefined,
): Promise<void> {
  const team = { list: "/v1/teams", single: "/v1/teams/{team_id}", param: "team_id" };
  await checkCarriers(probe, team, paired(teams), teamMustMove);
  const department = {
    list: "/v1/departments",
    single: "/v1/departments/{department_id}",
    param: "department_id",
  };
  await checkCarriers(probe, department, paired(departments), departmentMustMove);
}
