import type { OrganizationDashboard } from "../../types.js";
import { hourlyUnits } from "../data/common.js";
import type { View } from "../data/store.js";
import { HOURS_PER_MONTH, unitsOf, usd } from "../money.js";
import { ok } from "../respond.js";
import type { Handler } from "./context.js";

/** GET /v1/organization: the tenant, no cost_mode. */
export const getOrganization: Handler = (ctx) =>
  ok(ctx.base, ctx.store.data.organization, undefined);

const HOUR_MS = 3_600_000n;

/**
 * The dashboard snapshot of a view at a given time: the run rate is the sum of the clusters',
 * month to date that rate over the time elapsed since the month began (rounded down to the
 * ten-thousandth), projected monthly the rate × 730 hours, and savings the sum of the open
 * recommendations'.
 */
export function dashboard(view: View, now: number): OrganizationDashboard {
  let hourly = 0n;
  for (const c of view.clusters) hourly += hourlyUnits(c);
  let savings = 0n;
  let open = 0;
  for (const r of view.recommendations) {
    if (r.metadata.status !== "open") continue;
    open++;
    savings += unitsOf(r.savings.estimated_monthly);
  }
  const date = new Date(now);
  const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const elapsedMs = BigInt(Math.floor(now - monthStart));
  return {
    kind: "OrganizationDashboard",
    cost: {
      current_run_rate_hourly: usd(hourly),
      month_to_date: usd((hourly * elapsedMs) / HOUR_MS),
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
