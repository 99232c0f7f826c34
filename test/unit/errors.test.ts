import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import * as errors from "../../src/errors.js";
import {
  AbortError,
  BadRequestError,
  CursorExpiredError,
  InvalidCursorError,
  isBadRequestError,
  isCursorExpiredError,
  isInvalidCursorError,
  isKubeadaptError,
  isNotFoundError,
  KubeadaptError,
  NotFoundError,
} from "../../src/errors.js";

// Each class, its parent and its guard: the public hierarchy.
const HIERARCHY = [
  ["KubeadaptError", Error],
  ["BadRequestError", KubeadaptError],
  ["InvalidCursorError", BadRequestError],
  ["AuthenticationError", KubeadaptError],
  ["PermissionDeniedError", KubeadaptError],
  ["NotFoundError", KubeadaptError],
  ["CursorExpiredError", KubeadaptError],
  ["RateLimitError", KubeadaptError],
  ["ServerError", KubeadaptError],
  ["ConnectionError", KubeadaptError],
  ["TimeoutError", KubeadaptError],
  ["AbortError", KubeadaptError],
  ["ProtocolError", KubeadaptError],
  ["PaginationLimitError", KubeadaptError],
] as const;

type ErrorClass = new (message: string, init?: errors.KubeadaptErrorInit) => KubeadaptError;
const exported = errors as unknown as Record<string, ErrorClass & { errorName: string }>;
const guard = (name: string) =>
  (errors as unknown as Record<string, (e: unknown) => boolean>)[`is${name}`];

describe.each(HIERARCHY)("%s", (name, Parent) => {
  const Class = exported[name] as ErrorClass & { errorName: string };

  it("is a class with that name, errorName and a literal `name` on instances", () => {
    expect(Class.name).toBe(name);
    expect(Class.errorName).toBe(name);
    const error = new Class("boom");
    expect(error.name).toBe(name);
    expect(error.message).toBe("boom");
    expect(String(error)).toBe(`${name}: boom`);
    expect(error.stack?.startsWith(`${name}: boom`)).toBe(true);
  });

  it("extends its parent, Error and KubeadaptError", () => {
    const error = new Class("x");
    expect(error).toBeInstanceOf(Parent);
    expect(error).toBeInstanceOf(KubeadaptError);
    expect(error).toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(Class)).toBe(Parent === Error ? Error : Parent);
  });

  it("is recognised by its guard and every ancestor's, and by no other", () => {
    const error = new Class("x");
    const ancestors = new Set<string>();
    for (let c: unknown = Class; c !== Error; c = Object.getPrototypeOf(c)) {
      ancestors.add((c as { errorName: string }).errorName);
    }
    for (const [other] of HIERARCHY) {
      expect(guard(other)?.(error), `is${other}`).toBe(ancestors.has(other));
    }
  });
});

describe("KubeadaptError", () => {
  it("carries the init's fields, with details defaulting to []", () => {
    const cause = new Error("root");
    const error = new KubeadaptError("m", {
      status: 503,
      code: "UNAVAILABLE",
      details: [{ field: "f", message: "d" }],
      requestId: "req_1",
      retryAfterMs: 1500,
      cursor: "c1",
      page: 2,
      itemsYielded: 7,
      cause,
    });
    expect(error).toMatchObject({
      status: 503,
      code: "UNAVAILABLE",
      details: [{ field: "f", message: "d" }],
      requestId: "req_1",
      retryAfterMs: 1500,
      cursor: "c1",
      page: 2,
      itemsYielded: 7,
    });
    expect(error.cause).toBe(cause);
    expect(new KubeadaptError("m").details).toEqual([]);
    expect("cause" in new KubeadaptError("m")).toBe(false);
  });

  it("serializes to its name, message and fields only", () => {
    const error = new NotFoundError("gone", { status: 404, requestId: "req_2", cause: "x" });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "NotFoundError",
      message: "gone",
      status: 404,
      details: [],
      requestId: "req_2",
    });
    expect(Object.keys(error.toJSON())).toEqual([
      "name",
      "message",
      "status",
      "code",
      "details",
      "requestId",
      "retryAfterMs",
      "cursor",
      "page",
      "itemsYielded",
    ]);
  });

  it("lets walk fields be stamped after construction", () => {
    const error = new AbortError("stop");
    error.cursor = "c";
    error.page = 3;
    error.itemsYielded = 10;
    expect(error.toJSON()).toMatchObject({ cursor: "c", page: 3, itemsYielded: 10 });
  });

  it("shows its name and message when inspected", () => {
    expect(inspect(new InvalidCursorError("bad cursor"))).toContain(
      "InvalidCursorError: bad cursor",
    );
  });
});

describe("CursorExpiredError", () => {
  it.each([
    [[{ reason: "expired" }], "expired"],
    [[{ reason: "query_changed" }], "query_changed"],
    [[{ reason: "other" }], "unknown"],
    [[], "unknown"],
    [undefined, "unknown"],
  ])("reads reason from details %j as %s", (details, reason) => {
    const error = new CursorExpiredError("old", { details });
    expect(error.reason).toBe(reason);
    expect(error.toJSON()).toMatchObject({ reason });
  });
});

describe("a subclass of a Kubeadapt error", () => {
  class MyError extends BadRequestError {}

  it("keeps its parent's name and guards", () => {
    const error = new MyError("mine");
    expect(error).toBeInstanceOf(MyError);
    expect(error.name).toBe("BadRequestError");
    expect(isBadRequestError(error)).toBe(true);
    expect(isKubeadaptError(error)).toBe(true);
    expect(isInvalidCursorError(error)).toBe(false);
  });
});

describe("the guards", () => {
  it.each([undefined, null, 0, "NotFoundError", {}, new Error("x")])("reject %j", (value) => {
    expect(isKubeadaptError(value)).toBe(false);
    expect(isNotFoundError(value)).toBe(false);
    expect(isCursorExpiredError(value)).toBe(false);
  });

  it("read a non-enumerable lineage that a second copy of the package shares", () => {
    const error = new InvalidCursorError("x");
    const lineage = Symbol.for("kubeadapt.error.lineage");
    expect(Object.getOwnPropertyDescriptor(error, lineage)?.enumerable).toBe(false);
    expect((error as unknown as Record<symbol, unknown>)[lineage]).toEqual([
      "InvalidCursorError",
      "BadRequestError",
      "KubeadaptError",
    ]);
  });
});
