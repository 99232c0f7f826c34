/**
 * `kubeadapt/money`: exact decimal arithmetic on the API's `Money`
 * (`{ amount: "12.4800", currency: "USD" }`). Amounts are held as BigInt scaled integers: no
 * float ever touches one, any number of decimals is accepted, and results keep at least the
 * API's four decimals (more when the exact result needs them; `round` brings them back).
 * @example
 * import { format, sum } from "kubeadapt/money";
 * const total = sum([{ amount: "0.1000", currency: "USD" }, { amount: "0.2000", currency: "USD" }]);
 * format(total, "en-US"); // "$0.30" (and total.amount is exactly "0.3000")
 * @packageDocumentation
 */
export type { Money } from "../types.js";
export { add, compare, multiply, round, subtract, sum } from "./arithmetic.js";
export {
  CurrencyMismatchError,
  InvalidMoneyError,
  isCurrencyMismatchError,
  isInvalidMoneyError,
  isMoneyError,
  MoneyError,
} from "./errors.js";
export { type FormatOptions, format, toNumber } from "./format.js";
