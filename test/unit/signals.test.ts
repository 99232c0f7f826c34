import { describe, expect, it } from "vitest";
import { onAbort, plainSignal, toAbortSignal } from "../../src/internal/signals.js";

describe("plainSignal", () => {
  it("runs its listeners once, in order, with the reason set, on the first abort only", () => {
    const signal = plainSignal();
    const calls: string[] = [];
    onAbort(signal, () => calls.push(`a:${String(signal.reason)}`));
    onAbort(signal, () => calls.push(`b:${signal.aborted}`));
    expect(signal.aborted).toBe(false);
    signal.abort("why");
    signal.abort("again");
    expect(calls).toEqual(["a:why", "b:true"]);
    expect(signal.reason).toBe("why");
  });

  it("runs no listener that was removed, nor one added after it aborted", () => {
    const signal = plainSignal();
    const calls: string[] = [];
    const off = onAbort(signal, () => calls.push("removed"));
    onAbort(signal, () => calls.push("kept"));
    off();
    signal.abort();
    onAbort(signal, () => calls.push("late"));
    signal.abort();
    expect(calls).toEqual(["kept"]);
  });
});

describe("toAbortSignal", () => {
  it("gives an AbortSignal, or any signal but a plain one, as it is; undefined as undefined", () => {
    const signal = new AbortController().signal;
    expect(toAbortSignal(signal)).toBe(signal);
    const polyfill = {
      aborted: false,
      reason: undefined,
      addEventListener() {},
      removeEventListener() {},
    };
    expect(toAbortSignal(polyfill)).toBe(polyfill);
    expect(toAbortSignal(undefined)).toBeUndefined();
  });

  it("gives a page signal's follower: a real AbortSignal that aborts with its reason", () => {
    const page = plainSignal();
    const real = toAbortSignal(page);
    expect(real).toBeInstanceOf(AbortSignal);
    expect(real?.aborted).toBe(false);
    page.abort(new Error("stop"));
    expect(real?.aborted).toBe(true);
    expect(real?.reason).toEqual(new Error("stop"));
  });

  it("gives an already aborted page signal an already aborted follower", () => {
    const page = plainSignal();
    page.abort("gone");
    const real = toAbortSignal(page);
    expect(real?.aborted).toBe(true);
    expect(real?.reason).toBe("gone");
  });
});
