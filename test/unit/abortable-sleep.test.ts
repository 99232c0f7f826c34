import { afterEach, describe, expect, it, vi } from "vitest";
import { abortableSleep } from "../../src/internal/abortable-sleep.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("abortableSleep", () => {
  it("resolves after the delay and leaves no timer", async () => {
    vi.useFakeTimers();
    const sleeping = abortableSleep(1000);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(sleeping).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with the signal's reason on abort and clears its timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once when the signal is already aborted", async () => {
    vi.useFakeTimers();
    await expect(abortableSleep(1000, AbortSignal.abort())).rejects.toBeDefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});
