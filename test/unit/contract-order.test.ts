import { describe, expect, it } from "vitest";
import {
  compareCodePoints,
  compareDecimal,
  compareKeys,
  compareTimestamps,
  sameKey,
} from "../../src/contract/order.js";

describe("compareDecimal", () => {
  it.each([
    ["1.5", "1.50", 0],
    ["-0", "0.0000", 0],
    ["0.0001", "0", 1],
    ["-2.1", "-2.01", -1],
    ["12345678901234567890.1", "12345678901234567890.09", 1],
  ])("compares %s with %s exactly: %i", (a, b, sign) => {
    expect(compareDecimal(a, b)).toBe(sign);
    expect(compareDecimal(b, a)).toBe(-sign || 0);
  });

  it.each([["1e3"], ["1."], [" 1"], ["NaN"], [""]])("gives NaN for %j, not a decimal", (bad) => {
    expect(compareDecimal(bad, "1")).toBeNaN();
    expect(compareDecimal("1", bad)).toBeNaN();
  });

  it("orders Money sort keys by amount and timestamps by instant", () => {
    expect(compareKeys("cost.monthly", { amount: "9.99" }, { amount: "10" })).toBe(-1);
    expect(compareKeys("cost.monthly", { amount: 10 }, { amount: "10" })).toBeNaN();
    expect(
      compareKeys("metadata.created_at", "2026-01-01T00:00:00Z", "2025-12-31T23:00:00-02:00"),
    ).toBe(-1);
  });
});

describe("compareCodePoints", () => {
  it.each([
    // A locale collation skips the punctuation and puts kubelet first; byte order does not.
    ["prod-eu/kube-system", "prod-eu/kubelet", -1],
    ["Zeta", "alpha", -1],
    ["ns", "ns-1", -1],
    ["same", "same", 0],
    // UTF-16 units put U+FFFD after an emoji (a surrogate pair); code points do not.
    ["a\uFFFD", "a\u{1F600}", -1],
  ])("orders %j before %j by code point: %i", (a, b, sign) => {
    expect(compareCodePoints(a, b)).toBe(sign);
    expect(compareCodePoints(b, a)).toBe(-sign || 0);
  });
});

describe("compareTimestamps", () => {
  it.each([
    // PostgreSQL's timestamptz keeps microseconds: rows of one bulk insert differ below 1 ms.
    ["2026-05-21T10:30:00.123999Z", "2026-05-21T10:30:00.123998Z", 1],
    ["2026-05-21T10:30:00.1Z", "2026-05-21T10:30:00.100000001Z", -1],
    ["2026-05-21T10:30:00.120Z", "2026-05-21T10:30:00.12Z", 0],
    ["2026-05-21T10:30:00Z", "2026-05-21T10:30:00.000Z", 0],
    ["2026-05-21T12:30:00.5+02:00", "2026-05-21T10:30:00.4999Z", 1],
    ["2026-05-21T10:30:01Z", "2026-05-21T10:30:00.999999Z", 1],
  ])("compares %s with %s to the last digit: %i", (a, b, sign) => {
    expect(compareTimestamps(a, b)).toBe(sign);
    expect(compareTimestamps(b, a)).toBe(-sign || 0);
  });

  it("gives NaN for a value that is not a timestamp", () => {
    expect(compareTimestamps("yesterday", "2026-05-21T10:30:00Z")).toBeNaN();
  });
});

describe("sameKey", () => {
  const COST = "cost.current_run_rate_hourly";

  it.each([
    [{ amount: "1.5" }, { amount: "1.5000" }, true],
    [{ amount: "1.5" }, { amount: "1.4999" }, false],
    [{ amount: "1.5" }, { amount: "2" }, false],
  ])("compares Money %j with %j: %s", (a, b, same) => {
    expect(sameKey(COST, a, b)).toBe(same);
    expect(sameKey(COST, b, a)).toBe(same);
  });

  it("compares timestamps by instant", () => {
    const key = "metadata.created_at";
    expect(sameKey(key, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00+01:00")).toBe(true);
    expect(sameKey(key, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000001Z")).toBe(false);
  });

  it.each([
    ["missing both", undefined, undefined],
    ["missing one", undefined, { amount: "1.5" }],
    ["malformed both", { amount: "1e3" }, { amount: "1e3" }],
    ["malformed one", { amount: 1.5 }, { amount: "1.5" }],
    ["not Money", "1.5", "2"],
  ])(
    "counts a %s key as the same (not moved), so what it would excuse stays a violation",
    (_, a, b) => {
      expect(sameKey(COST, a, b)).toBe(true);
      expect(sameKey(COST, b, a)).toBe(true);
    },
  );
});
