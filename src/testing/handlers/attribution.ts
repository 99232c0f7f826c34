import type { Department, Recommendation, Team, TeamAssignment } from "../../types.js";
import { byCreatedAt, byHourlyCost, bySavings } from "../data/sorting.js";
import { pathUuid } from "../query.js";
import { ok } from "../respond.js";
import type { RecommendationStatus, RecommendationType, ResourceRef } from "../spec-types.js";
import { applyFilters, cursorPage, type Handler, lookup, when } from "./context.js";

const REC_TYPES: readonly RecommendationType[] = [
  "rightsize_workload",
  "rightsize_node_group",
  "use_spot",
  "remove_idle",
];
const REC_STATUSES: readonly RecommendationStatus[] = ["open", "applied", "dismissed"];
const TARGET_KINDS: readonly ResourceRef["kind"][] = [
  "Cluster",
  "Namespace",
  "Workload",
  "NodeGroup",
];
const NO_COST_MODE = "this endpoint does not accept cost_mode";

/** GET /v1/teams */
export const listTeams: Handler = (ctx) => {
  const mode = ctx.query.costMode();
  const departmentId = ctx.query.uuid("department_id");
  const items = applyFilters(
    ctx.store.view(mode).teams,
    when(departmentId, (t: Team, v) => t.metadata.department_id === v),
  );
  return cursorPage(ctx, items, byHourlyCost, mode);
};

/** GET /v1/teams/{team_id} */
export const getTeam: Handler = (ctx) => {
  const id = pathUuid("team_id", ctx.params.team_id ?? "");
  const mode = ctx.query.costMode();
  return ok(ctx.base, lookup<Team>(ctx.store.view(mode), id, "Team"), mode);
};

/** GET /v1/teams/{team_id}/assignments: newest first, no cost_mode. */
export const listAssignments: Handler = (ctx) => {
  const id = pathUuid("team_id", ctx.params.team_id ?? "");
  ctx.query.reject("cost_mode", NO_COST_MODE);
  const targetKind = ctx.query.oneOf("target_kind", TARGET_KINDS);
  const view = ctx.store.view("fully_loaded");
  lookup<Team>(view, id, "Team");
  const items = applyFilters(
    view.assignmentsByTeam.get(id) ?? [],
    when(targetKind, (a: TeamAssignment, v) => a.metadata.target.kind === v),
  );
  return cursorPage(ctx, items, byCreatedAt, undefined);
};

/** GET /v1/departments */
export const listDepartments: Handler = (ctx) => {
  const mode = ctx.query.costMode();
  return cursorPage(ctx, ctx.store.view(mode).departments, byHourlyCost, mode);
};

/** GET /v1/departments/{department_id} */
export const getDepartment: Handler = (ctx) => {
  const id = pathUuid("department_id", ctx.params.department_id ?? "");
  const mode = ctx.query.costMode();
  return ok(ctx.base, lookup<Department>(ctx.store.view(mode), id, "Department"), mode);
};

/** GET /v1/recommendations: largest saving first, no cost_mode. */
export const listRecommendations: Handler = (ctx) => {
  ctx.query.reject("cost_mode", NO_COST_MODE);
  const clusterId = ctx.query.uuid("cluster_id");
  const type = ctx.query.oneOf("type", REC_TYPES);
  const status = ctx.query.oneOf("status", REC_STATUSES);
  const items = applyFilters(ctx.store.view("fully_loaded").recommendations, [
    ...when(clusterId, (r: Recommendation, v) => r.metadata.cluster.id === v),
    ...when(type, (r: Recommendation, v) => r.metadata.type === v),
    ...when(status, (r: Recommendation, v) => r.metadata.status === v),
  ]);
  return cursorPage(ctx, items, bySavings, undefined);
};

/** GET /v1/recommendations/{recommendation_id} */
export const getRecommendation: Handler = (ctx) => {
  const id = pathUuid("recommendation_id", ctx.params.recommendation_id ?? "");
  ctx.query.reject("cost_mode", NO_COST_MODE);
  return ok(
    ctx.base,
    lookup<Recommendation>(ctx.store.view("fully_loaded"), id, "Recommendation"),
    undefined,
  );
};
