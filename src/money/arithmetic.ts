import type { Money } from "../types.js";
import {
  addDecimals,
  checkCurrency,
  compareDecimals,
  type Decimal,
  parseDecimal,
  parseMoney,
  roundDecimal,
  sameCurrency,
  toMoney,
} from "./decimal.js";
import { InvalidMoneyError, MoneyError } from "./errors.js";

// Result scale, for every function here: the exact result, written with the fewest decimals
// that hold it but at least four (the API's), so "12.48" + "1" is "13.4800" and
// "0.0001" × "0.5" is "0.00005". Nothing is rounded unless you call `round`.

/**
 * The exact sum of two amounts of one currency.
 * @throws {CurrencyMismatchError} when the currencies differ.
 * @throws {InvalidMoneyError} when an amount is not a decimal string.
 * @example
 * add({ amount: "12.4800", currency: "USD" }, { amount: "0.0200", currency: "USD" });
 * // { amount: "12.5000", currency: "USD" }
 */
export function add(a: Money, b: Money): Money {
  const x = parseMoney(a, "a.amount");
  const y = parseMoney(b, "b.amount");
  return toMoney(addDecimals(x, y), sameCurrency(a, b));
}

/**
 * The exact difference `a - b` of two amounts of one currency (negative when `b` is larger).
 * @throws {CurrencyMismatchError} when the currencies differ.
 * @throws {InvalidMoneyError} when an amount is not a decimal string.
 * @example
 * subtract({ amount: "47.0000", currency: "USD" }, { amount: "40.2500", currency: "USD" });
 * // { amount: "6.7500", currency: "USD" }
 */
export function subtract(a: Money, b: Money): Money {
  const x = parseMoney(a, "a.amount");
  const y = parseMoney(b, "b.amount");
  return toMoney(addDecimals(x, { units: -y.units, scale: y.scale }), sameCurrency(a, b));
}

/**
 * The exact total of any number of amounts of one currency. With `currency`, every amount must
 * be in it and an empty list sums to zero; without, the first amount sets it and an empty list
 * throws (there is no currency to give the zero).
 * @param currency - The currency every amount must have (ISO 4217, e.g. "USD").
 * @throws {CurrencyMismatchError} when two currencies differ.
 * @throws {InvalidMoneyError} when an amount or `currency` is malformed.
 * @throws {MoneyError} for an empty list without `currency`.
 * @example
 * const workloads = [{ cost: { current_run_rate_hourly: { amount: "0.2500", currency: "USD" } } }];
 * sum(workloads.map((w) => w.cost.current_run_rate_hourly), "USD"); // { amount: "0.2500", ... }
 */
export function sum(amounts: Iterable<Money>, currency?: string): Money {
  let first: Money | undefined =
    currency === undefined ? undefined : { amount: "0", currency: checkCurrency(currency) };
  let total: Decimal = { units: 0n, scale: 0 };
  let index = 0;
  for (const money of amounts) {
    const d = parseMoney(money, `amounts[${index++}].amount`);
    if (first === undefined) first = money;
    else sameCurrency(first, money);
    total = addDecimals(total, d);
  }
  if (first === undefined) {
    throw new MoneyError('sum() of no amounts needs a currency: sum([], "USD")');
  }
  return toMoney(total, first.currency);
}

/**
 * The exact product of an amount and a factor: an integer (`number` or `bigint`) or a decimal
 * string such as an hour count or a share ("0.35"). A fractional `number` is refused, since
 * it is already a rounded binary float: pass it as a string.
 * @throws {InvalidMoneyError} for a malformed amount or factor.
 * @example
 * multiply({ amount: "0.1920", currency: "USD" }, 730); // { amount: "140.1600", currency: "USD" }
 * multiply({ amount: "0.1920", currency: "USD" }, "0.35"); // { amount: "0.0672", currency: "USD" }
 */
export function multiply(money: Money, factor: number | bigint | string): Money {
  const x = parseMoney(money);
  let f: Decimal;
  if (typeof factor === "bigint") f = { units: factor, scale: 0 };
  else if (typeof factor === "number") {
    if (!Number.isSafeInteger(factor)) {
      throw new InvalidMoneyError(
        `factor ${factor} is not a safe integer: pass a decimal as a string ("0.35")`,
      );
    }
    f = { units: BigInt(factor), scale: 0 };
  } else f = parseDecimal(factor, "factor");
  return toMoney({ units: x.units * f.units, scale: x.scale + f.scale }, money.currency);
}

/**
 * Compares two amounts of one currency by value ("10.0000" > "9.5"), for `Array.prototype.sort`.
 * @returns -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
 * @throws {InvalidMoneyError} for a malformed amount or currency.
 * @throws {CurrencyMismatchError} when the currencies differ.
 * @example
 * costs.sort(compare); // ascending
 * costs.sort((a, b) => compare(b, a)); // costliest first
 */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  const x = parseMoney(a, "a.amount");
  const y = parseMoney(b, "b.amount");
  sameCurrency(a, b);
  return compareDecimals(x, y);
}

/**
 * An amount rounded to `decimals` places, half to even (0.00005 → 0.0000, 0.00015 → 0.0002),
 * e.g. to bring a product back to the API's four decimals. The result keeps at least four.
 * @param decimals - Places to keep, a non-negative integer. @default 4
 * @throws {InvalidMoneyError} for a malformed amount or `decimals`.
 * @example
 * round(multiply({ amount: "0.1920", currency: "USD" }, "0.333")); // { amount: "0.0639", ... }
 */
export function round(money: Money, decimals = 4): Money {
  if (!Number.isSafeInteger(decimals) || decimals < 0) {
    throw new InvalidMoneyError(`decimals ${decimals} is not a non-negative integer`);
  }
  return toMoney(roundDecimal(parseMoney(money), decimals), money.currency);
}
