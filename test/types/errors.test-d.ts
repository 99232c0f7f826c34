import { describe, expectTypeOf, it } from "vitest";
import {
  type BadRequestError,
  type InvalidCursorError,
  isBadRequestError,
  isInvalidCursorError,
  isKubeadaptError,
  isNotFoundError,
  isRateLimitError,
  type KubeadaptError,
  type NotFoundError,
  type RateLimitError,
  ServerError,
} from "../../src/index.js";
import {
  type CurrencyMismatchError,
  type InvalidMoneyError,
  isCurrencyMismatchError,
  isMoneyError,
  MoneyError,
} from "../../src/money/index.js";

declare const caught: unknown;

describe("error guards", () => {
  it("narrow both branches, as instanceof does", () => {
    if (!isKubeadaptError(caught)) return;
    expectTypeOf(caught).toEqualTypeOf<KubeadaptError>();
    if (isNotFoundError(caught)) {
      expectTypeOf(caught).toEqualTypeOf<NotFoundError>();
    } else {
      // Not `never`: the rest of the SDK's errors stay.
      expectTypeOf(caught).toEqualTypeOf<KubeadaptError>();
      expectTypeOf(caught.status).toEqualTypeOf<number | undefined>();
    }
    if (isRateLimitError(caught)) expectTypeOf(caught).toEqualTypeOf<RateLimitError>();
    else expectTypeOf(caught).toEqualTypeOf<KubeadaptError>();
  });

  it("keep the parent class in a subclass guard's false branch", () => {
    if (!isBadRequestError(caught)) return;
    if (isInvalidCursorError(caught)) {
      expectTypeOf(caught).toEqualTypeOf<InvalidCursorError>();
    } else {
      expectTypeOf(caught).toEqualTypeOf<BadRequestError>();
      expectTypeOf(caught.name).toEqualTypeOf<"BadRequestError" | "InvalidCursorError">();
    }
  });

  it("narrow kubeadapt/money's errors the same way", () => {
    if (!isKubeadaptError(caught)) return;
    if (isMoneyError(caught)) expectTypeOf(caught).toEqualTypeOf<MoneyError>();
    else expectTypeOf(caught).toEqualTypeOf<KubeadaptError>();
    if (!isMoneyError(caught)) return;
    if (isCurrencyMismatchError(caught))
      expectTypeOf(caught).toEqualTypeOf<CurrencyMismatchError>();
    else expectTypeOf(caught).toEqualTypeOf<MoneyError>();
  });
});

describe("error classes", () => {
  it("have the literal name the runtime sets", () => {
    expectTypeOf<NotFoundError["name"]>().toEqualTypeOf<"NotFoundError">();
    expectTypeOf<ServerError["name"]>().toEqualTypeOf<"ServerError">();
    expectTypeOf<InvalidMoneyError["name"]>().toEqualTypeOf<"InvalidMoneyError">();
  });

  it("cannot stand in for each other", () => {
    // @ts-expect-error: a ServerError is not a NotFoundError
    const nf: NotFoundError = new ServerError("x");
    const onNotFound = (error: NotFoundError) => error.status;
    // @ts-expect-error: nor does a handler of NotFoundError take one
    onNotFound(new ServerError("x"));
    // @ts-expect-error: nor is any MoneyError an InvalidMoneyError
    const invalid: InvalidMoneyError = new MoneyError("x");
    void nf;
    void invalid;
  });
});
