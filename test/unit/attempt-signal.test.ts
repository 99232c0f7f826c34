import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";

// attemptSignal remembers whether this runtime's Requests own their signals on first use: each
// test loads a fresh copy of the module.
async function load() {
  vi.resetModules();
  return (await import("../../src/internal/signals.js")).attemptSignal;
}

/** A stop like the retry layer's: aborts the attempt's controller and records the reason. */
function attempt(shortLived: boolean, source: AbortSignal) {
  const controller = new AbortController();
  const stops: unknown[] = [];
  const stop = (reason: unknown) => {
    stops.push(reason);
    controller.abort(reason);
  };
  return { controller, stops, stop, shortLived, source };
}

/** Makes Request behave as Bun's: it hands back the very signal it was given. */
function stubBunRequest() {
  const Native = globalThis.Request;
  vi.stubGlobal(
    "Request",
    class extends Native {
      #given: AbortSignal | undefined;
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(input, init);
        this.#given = init?.signal ?? undefined;
      }
      override get signal() {
        return this.#given ?? super.signal;
      }
    },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("attemptSignal where each Request owns its signal (Node)", () => {
  it("aborts with the source, passing its reason to stop, and with the controller", async () => {
    const attemptSignal = await load();
    const source = new AbortController();
    const a = attempt(true, source.signal);
    const signal = attemptSignal(a.source, a.shortLived, a.controller, a.stop);
    expect(signal.aborted).toBe(false);
    source.abort(new Error("caller"));
    expect(signal.aborted).toBe(true);
    expect(a.stops).toEqual([new Error("caller")]);

    const b = attempt(true, new AbortController().signal);
    const timed = attemptSignal(b.source, b.shortLived, b.controller, b.stop);
    b.controller.abort();
    expect(timed.aborted).toBe(true);
  });
});

describe("attemptSignal where a Request keeps the caller's signal (Bun)", () => {
  it("links a long-lived source without leaving a listener on it", async () => {
    stubBunRequest();
    const attemptSignal = await load();
    const caller = new AbortController();
    const signals = Array.from({ length: 20 }, () => {
      const a = attempt(false, caller.signal);
      return attemptSignal(a.source, a.shortLived, a.controller, a.stop);
    });
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    const a = attempt(false, caller.signal);
    const last = attemptSignal(a.source, a.shortLived, a.controller, a.stop);
    caller.abort(new Error("caller"));
    expect(last.aborted).toBe(true);
    expect(a.stops).toEqual([new Error("caller")]);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it("still treats a short-lived source (a walk's page signal) with one listener", async () => {
    stubBunRequest();
    const attemptSignal = await load();
    const page = new AbortController();
    const a = attempt(true, page.signal);
    expect(attemptSignal(a.source, a.shortLived, a.controller, a.stop)).toBe(a.controller.signal);
    page.abort();
    expect(a.controller.signal.aborted).toBe(true);
  });
});
