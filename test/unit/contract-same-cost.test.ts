import { describe, expect, it } from "vitest";
import { costDiffers, twinCostsDiffer } from "../../src/contract/same-cost.js";

const usd = (amount: string) => ({ amount, currency: "USD" });

/** A workload whose cost is `rate` an hour, at `at`, in `mode`. */
const workload = (rate: string, at = "2026-05-21T10:29:00Z", mode = "fully_loaded") => ({
  id: "w1",
  cost: {
    current_run_rate_hourly: usd(rate),
    projected_monthly: usd((Number(rate) * 730).toFixed(4)),
    cost_mode: mode,
    last_updated_at: at,
  },
});

describe("costDiffers: one resource has one cost at one data time", () => {
  it("names the first amount that differs at the same last_updated_at and cost_mode", () => {
    expect(costDiffers(workload("0.8863"), workload("1.7726"), "its list")).toBe(
      "cost.current_run_rate_hourly is 1.7726 USD, but its list says 0.8863 USD at the same last_updated_at 2026-05-21T10:29:00Z and cost_mode fully_loaded: one resource has one cost at one data time",
    );
  });

  it("compares every amount of the cost object, the projection too", () => {
    const got = workload("0.8863");
    got.cost.projected_monthly = usd("1.0000");
    expect(costDiffers(workload("0.8863"), got, "its list")).toMatch(/^cost\.projected_monthly/);
  });

  it("leaves alone a cost that moved (a newer last_updated_at) or another cost_mode", () => {
    const moved = workload("1.7726", "2026-05-21T10:34:00Z");
    expect(costDiffers(workload("0.8863"), moved, "its list")).toBeUndefined();
    const direct = workload("0.5000", undefined, "direct");
    expect(costDiffers(workload("0.8863"), direct, "its list")).toBeUndefined();
  });

  it("skips an amount one side lacks or sends as null, without throwing", () => {
    const got = {
      ...workload("0.8863"),
      cost: { ...workload("0.8863").cost, projected_monthly: null },
    };
    expect(costDiffers(workload("0.8863"), got, "its list")).toBeUndefined();
    expect(costDiffers(got, workload("0.8863"), "its list")).toBeUndefined();
    expect(costDiffers(workload("0.8863"), { id: "w1" }, "its list")).toBeUndefined();
  });
});

describe("twinCostsDiffer", () => {
  it("counts the items that cost otherwise than their twin by id, and shows the first", () => {
    const listed = [workload("0.8863"), { ...workload("2.0000"), id: "w2" }];
    const nested = [workload("1.7726"), { ...workload("2.0000"), id: "w2" }, { id: "w3" }];
    expect(twinCostsDiffer("/nested", nested, listed, "/v1/workloads")).toMatch(
      /^\/nested: 1 items cost otherwise than in \/v1\/workloads, e\.g\. w1: cost\.current_run_rate_hourly is 1\.7726 USD, but that list says 0\.8863 USD/,
    );
    expect(twinCostsDiffer("/nested", listed, listed, "/v1/workloads")).toBeUndefined();
  });
});
