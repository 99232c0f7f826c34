import { describe, expectTypeOf, it } from "vitest";
import { format, type Money } from "../../src/money/index.js";

declare const cost: Money;
declare const languages: readonly string[];

describe("format", () => {
  it("takes every locales argument Intl.NumberFormat takes", () => {
    expectTypeOf(format(cost)).toEqualTypeOf<string>();
    format(cost, "de-DE");
    format(cost, ["de-DE", "en-US"]);
    // navigator.languages is a readonly string[].
    format(cost, languages);
    format(cost, new Intl.Locale("de-DE"));
    format(cost, [new Intl.Locale("de-DE"), "en-US"]);
    // @ts-expect-error: a locale is a string or an Intl.Locale
    format(cost, 49);
  });
});
