import { isMoney } from "../internal/is-money.js";
import { eachObject } from "./json-walk.js";

/**
 * The organization's billing currency, met across the whole run: the spec's `Money` puts every
 * amount of one organization in it. `/v1/organization` does not name it, so the first amount a
 * response carries fixes it; any amount in another currency fails the check that received it.
 * Run-wide (one per {@link Session}), so a family whose amounts are all in another currency
 * shows against the families read before it, whichever check reads it.
 */
export class Currencies {
  private first: { currency: string; label: string } | undefined;

  /**
   * The violation of a response's `data` (the response to `label`): its first amount in a
   * currency other than the organization's, with how many are, or undefined.
   */
  check(data: unknown, label: string): string | undefined {
    let other: { at: string; currency: string } | undefined;
    let count = 0;
    eachObject(data, (object, at) => {
      if (!isMoney(object)) return;
      this.first ??= { currency: object.currency, label };
      if (object.currency === this.first.currency) return;
      count++;
      other ??= { at, currency: object.currency };
    });
    if (!other || !this.first) return undefined;
    const { currency, label: where } = this.first;
    const amounts = count === 1 ? "1 amount is" : `${count} amounts are`;
    return `${label}: ${amounts} not in ${currency}, e.g. ${other.at} is in ${other.currency}, but the organization's amounts are in ${currency} (first met in ${where}): the spec's Money puts every amount of one organization in its billing currency`;
  }
}
