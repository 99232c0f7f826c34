import { type ErrorNameOf, isA, KubeadaptError } from "../errors.js";

// Same lineage mechanism as the SDK's errors: `isKubeadaptError` from the main entry also
// recognises these, even though this subpath bundles its own copy of the base class.

/**
 * The base of the errors `kubeadapt/money` throws; thrown as is for a call that cannot be
 * answered (the sum of no amounts without a currency, a locale `Intl` rejects).
 * @example
 * sum([]); // throws MoneyError: sum() of no amounts needs a currency
 */
export class MoneyError extends KubeadaptError {
  static override readonly errorName: string = "MoneyError";
  declare readonly name: ErrorNameOf<"MoneyError" | "InvalidMoneyError" | "CurrencyMismatchError">;
}

/**
 * A value that is not a valid `Money` (amount not a plain decimal string, currency not ISO
 * 4217) or factor.
 * @example
 * toNumber({ amount: "1e5", currency: "USD" }); // throws InvalidMoneyError
 */
export class InvalidMoneyError extends MoneyError {
  static override readonly errorName: string = "InvalidMoneyError";
  declare readonly name: ErrorNameOf<"InvalidMoneyError">;
}

/**
 * Two amounts in different currencies met in one operation (no exchange rates here).
 * @example
 * add({ amount: "1", currency: "USD" }, { amount: "1", currency: "EUR" }); // throws, expected "USD", actual "EUR"
 */
export class CurrencyMismatchError extends MoneyError {
  static override readonly errorName: string = "CurrencyMismatchError";
  declare readonly name: ErrorNameOf<"CurrencyMismatchError">;
  /** The currency of the first operand (or the one asked for). */
  declare readonly expected: string;
  /** The currency that did not match it. */
  declare readonly actual: string;

  constructor(expected: string, actual: string) {
    super(`cannot combine ${actual} with ${expected}: convert to one currency first`);
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * True for any error of `kubeadapt/money` (any copy of the package).
 * @example
 * try { add(a, b) } catch (error) { if (isMoneyError(error)) console.error(error.message) }
 */
export const isMoneyError = isA<MoneyError>(MoneyError);
/**
 * True for {@link InvalidMoneyError}.
 * @example
 * const amount = (text: string) => { try { return toNumber({ amount: text, currency: "USD" }) } catch (e) { if (isInvalidMoneyError(e)) return undefined; throw e } };
 */
export const isInvalidMoneyError = isA<InvalidMoneyError>(InvalidMoneyError);
/**
 * True for {@link CurrencyMismatchError}.
 * @example
 * try { sum(costs) } catch (error) { if (isCurrencyMismatchError(error)) console.error(`mixed ${error.expected} and ${error.actual}`) }
 */
export const isCurrencyMismatchError = isA<CurrencyMismatchError>(CurrencyMismatchError);
