import { describe, expectTypeOf, it } from "vitest";
import {
  type BadRequestError,
  type InvalidCursorError,
  isBadRequestError,
  isInvalidCursorError,
  isKubeadaptError,
  isNotFoundError,
  isRateLimitError,
  KubeadaptError,
  type KubeadaptErrorName,
  NotFoundError,
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
      expectTypeOf<"BadRequestError" | "InvalidCursorError">().toExtend<typeof caught.name>();
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
  it("have a name that takes their own literal, and their subclasses' names", () => {
    expectTypeOf<"NotFoundError">().toExtend<NotFoundError["name"]>();
    expectTypeOf<"ServerError">().toExtend<ServerError["name"]>();
    expectTypeOf<"InvalidMoneyError">().toExtend<InvalidMoneyError["name"]>();
    expectTypeOf<KubeadaptErrorName>().toExtend<KubeadaptError["name"]>();
    expectTypeOf<NotFoundError["name"]>().toExtend<string>();
  });

  it("cannot stand in for each other", () => {
    // @ts-expect-error: a ServerError is not a NotFoundError
    const nf: NotFoundError = new ServerError("x");
    const onNotFound = (error: NotFoundError) => error.status;
    // @ts-expect-error: nor does a handler of NotFoundError take one
    onNotFound(new ServerError("x"));
    // @ts-expect-error: nor is any MoneyError an InvalidMoneyError
    const invalid: InvalidMoneyError = new MoneyError("x");
    // @ts-expect-error: nor a KubeadaptError a NotFoundError
    const base: NotFoundError = new KubeadaptError("x");
    void nf;
    void invalid;
    void base;
  });
});

// A consumer's own classes, named by `static errorName` as the SDK's are.
class QuotaError extends KubeadaptError {
  static override readonly errorName: string = "QuotaError";
}
class GoneError extends NotFoundError {
  static override readonly errorName: string = "GoneError";
}
class TypedQuotaError extends KubeadaptError {
  static override readonly errorName: string = "TypedQuotaError";
  declare readonly name: "TypedQuotaError";
}

describe("a consumer's subclasses", () => {
  it("compare their runtime name, caught as a KubeadaptError or as their parent", () => {
    if (!isKubeadaptError(caught)) return;
    if (caught.name === "QuotaError") expectTypeOf(caught).toEqualTypeOf<KubeadaptError>();
    switch (caught.name) {
      case "NotFoundError":
      case "QuotaError":
      case "GoneError":
        break;
    }
    if (isNotFoundError(caught) && caught.name === "GoneError") {
      expectTypeOf(caught).toEqualTypeOf<NotFoundError>();
    }
  });

  it("have a name type that takes their runtime name", () => {
    expectTypeOf<"GoneError">().toExtend<GoneError["name"]>();
    expectTypeOf<"QuotaError">().toExtend<QuotaError["name"]>();
    expectTypeOf(new GoneError("x").name === "GoneError").toEqualTypeOf<boolean>();
    expectTypeOf<TypedQuotaError["name"]>().toEqualTypeOf<"TypedQuotaError">();
  });

  it("stay what their parent is, and are narrowed by its guard", () => {
    const gone: NotFoundError = new GoneError("x");
    const quota: KubeadaptError = new QuotaError("x");
    // @ts-expect-error: a QuotaError is no NotFoundError
    const notFound: NotFoundError = new QuotaError("x");
    void gone;
    void quota;
    void notFound;
    if (!isKubeadaptError(caught)) return;
    if (isNotFoundError(caught)) expectTypeOf(caught).toEqualTypeOf<NotFoundError>();
    else expectTypeOf(caught).not.toBeNever();
  });
});
