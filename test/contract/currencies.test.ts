import { describe, expect, it } from "vitest";
import { runContract } from "../../src/contract/index.js";
import { on, onBody, target } from "../helpers/mutant-proxy.js";

describe("an organization's amounts in two currencies", () => {
  it("dashboard-totals fails naming the currencies, and is not stopped by a sum across them", async () => {
    const { options } = target(
      on(
        /^\/v1\/clusters$/,
        onBody((body) => {
          const [first] = body?.data ?? [];
          if (first) first.cost.current_run_rate_hourly.currency = "EUR";
        }),
      ),
    );
    const report = await runContract({ ...options, only: ["dashboard-totals"] });
    const [check] = report.checks;
    expect(check?.status).toBe("failed");
    // The run-wide currency check names the response first, the dashboard's sum then.
    expect(check?.violations).toEqual([
      "GET /v1/clusters?limit=500: 1 amount is not in USD, e.g. data[0].cost.current_run_rate_hourly is in EUR, but the organization's amounts are in USD (first met in GET /v1/organization/dashboard): the spec's Money puts every amount of one organization in its billing currency",
      "/v1/organization/dashboard: cost.current_run_rate_hourly is in USD, but clusters' run rates are in EUR: one organization's amounts share one currency",
    ]);
  });
});
