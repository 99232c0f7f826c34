import { afterEach, describe, expect, it, vi } from "vitest";
import { createKubeadapt, isAbortError, isBadRequestError } from "../../src/index.js";
import { abortableSleep, MAX_TIMER_DELAY } from "../../src/internal/abortable-sleep.js";
import { createRetryingFetch } from "../../src/retry.js";
import { stubFetch } from "../helpers/stub-fetch.js";

const URL_ = "https://api.test/v1/clusters";
const later = (ms: number, response: () => Response) =>
  new Promise<Response>((resolve) => setTimeout(() => resolve(response()), ms));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("timeoutMs beyond what a timer holds", () => {
  // A timer of 2^31 ms or more fires after 1 ms: these attempts would all time out at once.
  it.each([2 ** 31 - 1, 2 ** 31, Number.MAX_SAFE_INTEGER, Number.POSITIVE_INFINITY])(
    "timeoutMs %d sets no limit: a response after 30 ms arrives",
    async (timeoutMs) => {
      const { fetch, requests } = stubFetch(() => later(30, () => Response.json({ ok: 1 })));
      const response = await createRetryingFetch({ fetch, timeoutMs, maxRetries: 0 })(
        new Request(URL_),
      );
      expect(await response.json()).toEqual({ ok: 1 });
      expect(requests).toHaveLength(1);
    },
  );

  it("timeoutMs just under the limit is a timer of that length", async () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const { fetch } = stubFetch(() => Response.json({}));
    await createRetryingFetch({ fetch, timeoutMs: MAX_TIMER_DELAY - 1 })(new Request(URL_));
    expect(spy.mock.calls.map((call) => call[1])).toContain(MAX_TIMER_DELAY - 1);
  });

  it("the client accepts Infinity for timeoutMs and maxRetryDelayMs, not for maxRetries", () => {
    const options = { token: "t", baseUrl: "https://api.test" };
    expect(() =>
      createKubeadapt({ ...options, timeoutMs: Infinity, maxRetryDelayMs: Infinity }),
    ).not.toThrow();
    const error = (() => {
      try {
        createKubeadapt({ ...options, maxRetries: Infinity });
      } catch (e) {
        return e;
      }
    })();
    expect(isBadRequestError(error) && error.details[0]?.field).toBe("maxRetries");
  });
});

describe("Retry-After beyond what a timer holds", () => {
  it("abortableSleep clamps its timer to 2^31 - 1 ms", async () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const controller = new AbortController();
    const sleep = abortableSleep(29 * 86_400_000, controller.signal);
    expect(spy.mock.calls.at(-1)?.[1]).toBe(MAX_TIMER_DELAY);
    controller.abort();
    await expect(sleep).rejects.toBeDefined();
  });

  it("a 29-day Retry-After with maxRetryDelayMs Infinity is waited, not retried after 15 ms", async () => {
    const controller = new AbortController();
    const { fetch, requests } = stubFetch(
      () => new Response("{}", { status: 503, headers: { "retry-after": String(29 * 86_400) } }),
    );
    const ka = createKubeadapt({
      token: "ka_test_tok",
      baseUrl: "https://api.test",
      fetch,
      maxRetryDelayMs: Infinity,
      logLevel: "off",
    });
    const result = ka.get("/v1/organization", { signal: controller.signal }).catch((e) => e);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(requests).toHaveLength(1);
    controller.abort();
    expect(isAbortError(await result)).toBe(true);
    expect(requests).toHaveLength(1);
  });
});
