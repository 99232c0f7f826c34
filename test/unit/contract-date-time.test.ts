import { describe, expect, it } from "vitest";
import { isRfc3339DateTime } from "../../src/contract/date-time.js";
import { validateAt } from "../../src/contract/spec-validator.js";

describe("the contract suite's date-time format (RFC 3339 §5.6)", () => {
  it.each([
    "2026-05-21T10:30:00Z",
    "2026-05-21t10:30:00.123z",
    "2026-05-21T10:30:00+05:30",
    "2024-02-29T00:00:00Z",
    "2026-06-30T23:59:60Z",
  ])("accepts %s", (value) => {
    expect(isRfc3339DateTime(value)).toBe(true);
  });

  it.each([
    ["a space for the T", "2026-05-21 10:30:00Z"],
    ["no offset", "2026-05-21T10:30:00"],
    ["February 29 of a common year", "2026-02-29T00:00:00Z"],
    ["April 31", "2026-04-31T00:00:00Z"],
    ["month 13", "2026-13-01T00:00:00Z"],
    ["hour 24", "2026-05-21T24:00:00Z"],
    ["an offset past 23:59", "2026-05-21T10:30:00+24:00"],
  ])("refuses %s", (_, value) => {
    expect(isRfc3339DateTime(value)).toBe(false);
  });

  it("is the format the spec's date-time fields are validated with", () => {
    const cost = {
      current_run_rate_hourly: { amount: "1.0000", currency: "USD" },
      cost_mode: "direct",
      last_updated_at: "2026-05-21 10:30:00Z",
    };
    expect(validateAt("components/schemas/CostSummary", cost).errors).toEqual([
      '/last_updated_at must match format "date-time"',
    ]);
  });
});
