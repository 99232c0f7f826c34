import type { OrganizationDashboard } from "../../types.js";
import { hourlyUnits } from "../data/common.js";
import type { View } from "../data/store.js";
import { HOURS_PER_MONTH, parseAmount, usd } from "../money.js";
import { ok } from "../respond.js";
import type { Handler } from "./context.js";

/** GET /v1/organization: the tenant, no cost_mode. */
export const getOrganization: Handler = (ctx) =>
  ok(ctx.base, ctx.store.data.organization, undefined);

/** The dashboard snapshot of a view at a given time. */
export function dashboard(view: View, now: number): OrganizationDashboard {
  let hourly = 0;
  for (const c of view.clusters) hourly += hourlyUnits(c);
  let savings = 0;
  let open = 0;
  for (const r of view.recommendations) {
    if (r.metadata.status !== "open") continue;
    open++;
    savings += parseAmount(r.savings.estimated_monthly.amount);
  }
  const date = new Date(now);
  const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const hoursElapsed = (now - monthStart) / 3_600_000;
  return {
    kind: "OrganizationDashboard",
    cost: {
      current_run_rate_hourly: usd(hourly),
      month_to_date: usd(hourly * hoursElapsed),
      projected_monthly: usd(hourly * HOURS_PER_MONTH),
      cost_mode: view.mode,
    },
    counts: {
      clusters: view.clusters.length,
      nodes: view.data.nodes.length,
      workloads: view.workloads.length,
      open_recommendations: open,
    },
    savings: { estimated_monthly: usd(savings) },
  };
}

/** GET /v1/organization/dashboard */
export const getDashboard: Handler = (ctx) => {
  const mode = ctx.query.costMode();
  return ok(ctx.base, dashboard(ctx.store.view(mode), ctx.now), mode);
};
