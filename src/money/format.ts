import type { Money } from "../types.js";
import { formatDecimal, parseMoney } from "./decimal.js";
import { MoneyError } from "./errors.js";

/**
 * Options of {@link format}: `Intl.NumberFormat`'s, but for `style` and `currency` (the Money's).
 * @example
 * const compact: FormatOptions = { notation: "compact", maximumFractionDigits: 1 }; // "$1.2K"
 */
export type FormatOptions = Omit<Intl.NumberFormatOptions, "style" | "currency">;

/**
 * An amount for people, formatted by `Intl.NumberFormat` in the Money's currency: the locale's
 * symbol, grouping and the currency's usual decimals (2 for USD, 0 for JPY), rounded half away
 * from zero as `Intl` does. The amount reaches `Intl` as its decimal string, which ECMA-402
 * (2023) formats exactly, so 20-digit amounts keep every digit. A negative amount that rounds
 * to zero shows as zero (`"-0.0010"` USD is `"$0.00"`), unless `options.signDisplay` says
 * otherwise.
 * @param locales - What `Intl.NumberFormat` takes: BCP 47 locale(s) or `Intl.Locale`(s), such as
 *   `navigator.languages` (read-only); the runtime's default when omitted.
 * @param options - Any other `Intl.NumberFormat` option, e.g. `{ maximumFractionDigits: 4 }`.
 * @throws {InvalidMoneyError} for a malformed amount or currency.
 * @throws {MoneyError} when `Intl` rejects the locale or an option.
 * @example
 * format({ amount: "1234.5000", currency: "USD" }, "en-US"); // "$1,234.50"
 * format({ amount: "1234.5000", currency: "EUR" }, "de-DE"); // "1.234,50 €"
 */
export function format(
  money: Money,
  locales?: Intl.LocalesArgument,
  options?: FormatOptions,
): string {
  const exact = formatDecimal(parseMoney(money));
  let formatter: Intl.NumberFormat;
  try {
    formatter = new Intl.NumberFormat(locales, {
      // Intl's "auto" keeps the sign of a value rounded to zero: a credit of 0.001 shown as
      // "-$0.00" reads as a debt. "negative" (ECMA-402 2023, Node 20) drops it, as it drops
      // -0's; TypeScript's ES2022 lib does not list it.
      signDisplay: "negative" as Intl.NumberFormatOptions["signDisplay"],
      ...options,
      style: "currency",
      currency: money.currency,
    });
  } catch (cause) {
    throw new MoneyError(`Intl.NumberFormat refused the locale or options: ${String(cause)}`, {
      cause,
    });
  }
  // A decimal string is formatted exactly (Intl.NumberFormat v3); TypeScript's ES2022 lib
  // types `format` as number | bigint only.
  return formatter.format(exact as unknown as number);
}

/**
 * The amount as a JavaScript number, for charts and other display math: the nearest double, so
 * exact to about 15 significant digits. Never sum or compare these: use `sum` and `compare`.
 * @throws {InvalidMoneyError} for a malformed amount or currency.
 * @example
 * toNumber({ amount: "12.4800", currency: "USD" }); // 12.48
 */
export function toNumber(money: Money): number {
  return Number(formatDecimal(parseMoney(money)));
}
