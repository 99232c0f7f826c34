// The fake's amount helpers, built on kubeadapt/money's decimal code.
import { describe, expect, it } from "vitest";
import { isInvalidMoneyError } from "../../src/money/index.js";
import { parseAmount, unitsOf, usd } from "../../src/testing/money.js";

describe("the fake's amounts", () => {
  it("writes ten-thousandths as the API's four-decimal USD amounts, and reads them back", () => {
    expect(usd(124_800n)).toEqual({ amount: "12.4800", currency: "USD" });
    expect(usd(-5n).amount).toBe("-0.0005");
    expect(usd(0n).amount).toBe("0.0000");
    const huge = 10n ** 30n + 1n;
    expect(unitsOf(usd(huge))).toBe(huge);
    expect(unitsOf({ amount: "12.48" })).toBe(124_800n);
  });

  it("refuses an amount it cannot hold exactly, or that is no amount", () => {
    for (const amount of ["0.00001", "1e3", "", "12.48 "]) {
      expect(() => unitsOf({ amount }), amount).toThrow(
        expect.objectContaining({ name: "InvalidMoneyError" }),
      );
    }
    let caught: unknown;
    try {
      unitsOf({ amount: "0.00001" });
    } catch (error) {
      caught = error;
    }
    expect(isInvalidMoneyError(caught)).toBe(true);
  });

  it("parses sort keys and cursor positions only from four-decimal amounts", () => {
    expect(parseAmount("10.0000")).toBeGreaterThan(parseAmount("9.5000"));
    expect(parseAmount("-0.0001")).toBe(-1);
    for (const bad of ["10", "10.00", "10.00000", "1e4", "ten"]) {
      expect(parseAmount(bad), bad).toBeNaN();
    }
  });
});
