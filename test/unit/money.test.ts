// kubeadapt/money against decimal.js as an independent oracle, plus the broken inputs each
// check must refuse.
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isKubeadaptError, type Money } from "../../src/index.js";
import {
  add,
  CurrencyMismatchError,
  compare,
  format,
  InvalidMoneyError,
  isCurrencyMismatchError,
  isInvalidMoneyError,
  isMoneyError,
  MoneyError,
  multiply,
  round,
  subtract,
  sum,
  toNumber,
} from "../../src/money/index.js";

const Oracle = Decimal.clone({ precision: 500, rounding: Decimal.ROUND_HALF_EVEN });
type OracleDecimal = InstanceType<typeof Oracle>;

// Any plain decimal: up to 30 integer digits (far past 2^53) and up to 12 decimals.
const decimalString = fc.stringMatching(/^-?[0-9]{1,30}(\.[0-9]{1,12})?$/);
const usd = decimalString.map((amount): Money => ({ amount, currency: "USD" }));

// What the module promises: the exact value, with the fewest decimals that hold it but >= 4.
function expected(value: OracleDecimal): string {
  const v = value.isZero() ? new Oracle(0) : value;
  return v.toFixed(Math.max(4, v.decimalPlaces()));
}
const o = (m: Money | string) => new Oracle(typeof m === "string" ? m : m.amount);

describe("arithmetic agrees with decimal.js", () => {
  it("add and subtract", () => {
    fc.assert(
      fc.property(usd, usd, (a, b) => {
        expect(add(a, b)).toEqual({ amount: expected(o(a).plus(o(b))), currency: "USD" });
        expect(subtract(a, b).amount).toBe(expected(o(a).minus(o(b))));
      }),
    );
  });

  it("sum of any list", () => {
    fc.assert(
      fc.property(fc.array(usd, { maxLength: 20 }), (list) => {
        const oracle = list.reduce((acc, m) => acc.plus(o(m)), new Oracle(0));
        expect(sum(list, "USD").amount).toBe(expected(oracle));
        if (list.length > 0) expect(sum(list).amount).toBe(expected(oracle));
      }),
    );
  });

  it("multiply by an integer or a decimal string", () => {
    const factor = fc.oneof(
      decimalString,
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
    );
    fc.assert(
      fc.property(usd, factor, (m, f) => {
        expect(multiply(m, f).amount).toBe(expected(o(m).times(new Oracle(f.toString()))));
      }),
    );
  });

  it("compare", () => {
    fc.assert(
      fc.property(usd, usd, (a, b) => {
        expect(compare(a, b)).toBe(o(a).comparedTo(o(b)));
        expect(compare(a, a)).toBe(0);
      }),
    );
  });

  it("round, half to even", () => {
    fc.assert(
      fc.property(usd, fc.integer({ min: 0, max: 8 }), (m, places) => {
        const oracle = o(m).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
        expect(round(m, places).amount).toBe(expected(oracle));
      }),
    );
    expect(round({ amount: "0.00005", currency: "USD" }).amount).toBe("0.0000");
    expect(round({ amount: "0.00015", currency: "USD" }).amount).toBe("0.0002");
    expect(round({ amount: "-0.00025", currency: "USD" }).amount).toBe("-0.0002");
  });

  it("toNumber is the nearest double", () => {
    fc.assert(
      fc.property(usd, (m) => {
        expect(toNumber(m)).toBe(o(m).toNumber() || 0); // never -0
      }),
    );
  });

  it("format keeps every digit of large amounts, rounded half away from zero", () => {
    fc.assert(
      fc.property(usd, (m) => {
        const text = format(m, "en-US", { useGrouping: false }).replace("$", "");
        const oracle = o(m).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        expect(text).toBe(
          (o(m).isNegative() && !o(m).isZero() ? "-" : "") + oracle.abs().toFixed(2),
        );
      }),
    );
  });
});

describe("results", () => {
  it("keep four decimals, or more when exact needs them, and never show -0", () => {
    const m = (amount: string): Money => ({ amount, currency: "USD" });
    expect(add(m("12.48"), m("1")).amount).toBe("13.4800");
    expect(multiply(m("0.0001"), "0.5").amount).toBe("0.00005");
    expect(multiply(m("1.5000"), "2.0000").amount).toBe("3.0000");
    expect(subtract(m("-0.0000"), m("0")).amount).toBe("0.0000");
    expect(sum([], "EUR")).toEqual({ amount: "0.0000", currency: "EUR" });
  });

  it("format shows a zero, and a negative amount that rounds to zero, without a sign", () => {
    expect(format({ amount: "-0", currency: "USD" }, "en-US")).toBe("$0.00");
    expect(format({ amount: "-0.0010", currency: "USD" }, "en-US")).toBe("$0.00");
    expect(format({ amount: "-0.0001", currency: "USD" }, "en-US")).toBe("$0.00");
    expect(format({ amount: "-0.0049", currency: "USD" }, "en-US")).toBe("$0.00");
    expect(format({ amount: "-0.0050", currency: "USD" }, "en-US")).toBe("-$0.01");
    expect(format({ amount: "-0.4000", currency: "JPY" }, "ja-JP")).toBe("￥0");
    // A sign the caller asks for is kept.
    const auto = { signDisplay: "auto" } as const;
    expect(format({ amount: "-0.0010", currency: "USD" }, "en-US", auto)).toBe("-$0.00");
  });

  it("format follows the locale and the currency's decimals", () => {
    expect(format({ amount: "1234.5000", currency: "USD" }, "en-US")).toBe("$1,234.50");
    expect(format({ amount: "1234.5000", currency: "EUR" }, "de-DE")).toBe("1.234,50\u00a0€");
    expect(format({ amount: "1234.5000", currency: "JPY" }, "ja-JP")).toBe("￥1,235");
    expect(
      format({ amount: "0.1250", currency: "USD" }, "en-US", { maximumFractionDigits: 4 }),
    ).toBe("$0.125");
  });
});

describe("bad input gets a typed error", () => {
  const good: Money = { amount: "1.0000", currency: "USD" };
  const malformed: unknown[] = [
    "1e5",
    " 1",
    "1.",
    ".5",
    "+1",
    "",
    "0x10",
    "1,5",
    "NaN",
    "Infinity",
    "--1",
    12.48,
    null,
    undefined,
  ];

  it.each(malformed)("amount %j is refused by every function", (amount) => {
    const bad = { amount, currency: "USD" } as unknown as Money;
    for (const call of [
      () => add(bad, good),
      () => add(good, bad),
      () => subtract(good, bad),
      () => sum([good, bad]),
      () => multiply(bad, 2),
      () => compare(good, bad),
      () => round(bad),
      () => format(bad, "en-US"),
      () => toNumber(bad),
    ]) {
      expect(call).toThrow(InvalidMoneyError);
    }
  });

  it.each(["usd", "US", "USDX", "", null, 1])("currency %j is refused", (currency) => {
    const bad = { amount: "1.0000", currency } as unknown as Money;
    expect(() => add(bad, good)).toThrow(InvalidMoneyError);
    expect(() => toNumber(bad)).toThrow(InvalidMoneyError);
    expect(() => sum([], currency as string)).toThrow(InvalidMoneyError);
  });

  it("a Money without a currency is refused", () => {
    expect(() => toNumber({ amount: "1.0000" } as Money)).toThrow(InvalidMoneyError);
  });

  it("a value that is not an object is refused", () => {
    expect(() => toNumber(null as unknown as Money)).toThrow(/must be a Money object/);
    expect(() => sum([good, "1.00" as unknown as Money])).toThrow(InvalidMoneyError);
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "1e3", "abc"])(
    "factor %j is refused",
    (factor) => {
      expect(() => multiply(good, factor)).toThrow(InvalidMoneyError);
    },
  );

  it.each([-1, 1.5, Number.NaN])("round to %j places is refused", (places) => {
    expect(() => round(good, places)).toThrow(InvalidMoneyError);
  });

  it("mixing currencies throws CurrencyMismatchError naming both", () => {
    const eur: Money = { amount: "1.0000", currency: "EUR" };
    for (const call of [
      () => add(good, eur),
      () => subtract(good, eur),
      () => sum([good, good, eur]),
      () => sum([good], "EUR"),
      () => compare(good, eur),
    ]) {
      expect(call).toThrow(CurrencyMismatchError);
    }
    try {
      add(good, eur);
    } catch (error) {
      expect(error).toMatchObject({
        name: "CurrencyMismatchError",
        expected: "USD",
        actual: "EUR",
      });
      expect(JSON.parse(JSON.stringify(error))).toMatchObject({ expected: "USD", actual: "EUR" });
    }
  });

  it("an empty sum without a currency, or a locale Intl refuses, is a MoneyError", () => {
    expect(() => sum([])).toThrow(MoneyError);
    expect(() => format(good, "not a locale!")).toThrow(MoneyError);
    expect(() => format(good, "en-US", { maximumFractionDigits: 500 })).toThrow(MoneyError);
  });

  it("a long malformed amount is quoted in the message only in part, the cut marked, its end kept", () => {
    const amount = `${"9".repeat(10_000)}x`;
    expect(() => toNumber({ amount, currency: "USD" })).toThrow(/^amount "9{39}…9{37}x" is not/);
  });

  it("the guards tell the errors apart by name, and isKubeadaptError knows them", () => {
    const mismatch = new CurrencyMismatchError("USD", "EUR");
    const invalid = new InvalidMoneyError("bad");
    const base = new MoneyError("base");
    expect([mismatch.name, invalid.name, base.name]).toEqual([
      "CurrencyMismatchError",
      "InvalidMoneyError",
      "MoneyError",
    ]);
    expect([mismatch, invalid, base].map(isMoneyError)).toEqual([true, true, true]);
    expect([mismatch, invalid, base].map(isKubeadaptError)).toEqual([true, true, true]);
    expect([mismatch, invalid, base].map(isCurrencyMismatchError)).toEqual([true, false, false]);
    expect([mismatch, invalid, base].map(isInvalidMoneyError)).toEqual([false, true, false]);
    expect(isMoneyError(new Error("plain"))).toBe(false);
    expect(isMoneyError(null)).toBe(false);
  });
});
