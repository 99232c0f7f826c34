import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { createKubeadapt } from "../../src/client.js";
import { createCursorWalk, type FetchPage, type FetchPageInit } from "../../src/paginate.js";

const PAGES = 2_000;

/** A fetch that answers at once: the whole walk runs without one turn of the event loop. */
function synchronousFetch(pages: number) {
  return async (input: string | Request): Promise<Response> => {
    const match = /[?&]cursor=p(\d+)/.exec(typeof input === "string" ? input : input.url);
    const index = match ? Number(match[1]) : 0;
    const more = index + 1 < pages;
    const body = {
      data: [{ id: `item-${index}` }],
      meta: { pagination: { has_more: more, next_cursor: more ? `p${index + 1}` : "" } },
    };
    return new Response(JSON.stringify(body), {
      headers: { "content-type": "application/json" },
    });
  };
}

const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);

afterEach(() => {
  process.off("warning", onWarning);
  warnings.length = 0;
});

describe("paginate: abort signals of page requests", () => {
  it.each([
    ["without middleware", false],
    ["with a middleware (every page a Request)", true],
  ])(
    "a walk of 2 000 pages over a fetch that never yields adds no listeners and no warning, %s",
    async (_name, middleware) => {
      process.on("warning", onWarning);
      const ka = createKubeadapt({
        token: "ka_test_token",
        baseUrl: "https://api.test",
        fetch: synchronousFetch(PAGES),
        maxRetries: 0,
      });
      const seen = new Set<AbortSignal>();
      if (middleware) {
        ka.client.use({
          onRequest({ request }) {
            seen.add(request.signal);
          },
        });
      }
      const controller = new AbortController();
      const listeners: number[] = [];
      let items = 0;
      for await (const _ of ka.paginate("/v1/workloads", {
        params: { query: { limit: 1 } },
        signal: controller.signal,
      })) {
        items += 1;
        if (items % 500 === 1) listeners.push(getEventListeners(controller.signal, "abort").length);
      }
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(items).toBe(PAGES);
      expect(seen.size).toBe(middleware ? PAGES : 0);
      expect(listeners).toEqual([1, 1, 1, 1]);
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    },
    30_000,
  );

  it("each page's request gets its own signal, detached from the walk once the page settles", async () => {
    const signals: FetchPageInit["signal"][] = [];
    const fetchPage: FetchPage = async (_path, init) => {
      if (init.signal) signals.push(init.signal);
      const page = signals.length;
      return {
        data: [{ id: `item-${page}` }],
        meta: { pagination: { has_more: true, next_cursor: `c${page}` } },
      };
    };
    const controller = new AbortController();
    const walk = createCursorWalk(fetchPage, "/v1/workloads", {
      signal: controller.signal,
      prefetch: 0,
    });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of walk) {
        seen.push(item);
        if (seen.length === 3) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(signals).toHaveLength(3);
    expect(new Set(signals).size).toBe(3);
    expect(signals.map((s) => s.aborted)).toEqual([false, false, false]);
  });

  it("aborting the walk aborts the in-flight page's signal", async () => {
    let pageSignal: FetchPageInit["signal"] | undefined;
    const fetchPage: FetchPage = (_path, init) =>
      new Promise((_, reject) => {
        pageSignal = init.signal;
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const controller = new AbortController();
    const pending = createCursorWalk(fetchPage, "/v1/workloads", {
      signal: controller.signal,
    }).toArray({ max: 10 });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(pageSignal?.aborted).toBe(true);
    expect(pageSignal?.reason).toEqual(new Error("stop"));
  });
});

describe("paginate: a walk left unfinished", () => {
  // Answers every page at once, with more to come.
  const endless: FetchPage = async (_path, init) => {
    const cursor = /cursor=c(\d+)/.exec(init.querySerializer({}))?.[1] ?? "0";
    const next = `c${Number(cursor) + 1}`;
    return { data: [{ id: next }], meta: { pagination: { has_more: true, next_cursor: next } } };
  };

  // A walk on `signal` pulled once by hand, its prefetched page arrived, then left as it is.
  async function leftAfterOnePull(signal: AbortSignal) {
    const iterator = createCursorWalk(endless, "/v1/workloads", { signal })[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    return iterator;
  }

  it("holds no listener on the caller's signal once its prefetched page has arrived", async () => {
    const controller = new AbortController();
    await leftAfterOnePull(controller.signal);
    // Never finished, closed or aborted: a listener here would keep the walk and its buffered
    // page alive for as long as the signal lives (an app-wide one: for good).
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("still throws AbortError on its next pull when the caller's signal aborts meanwhile", async () => {
    const controller = new AbortController();
    const iterator = await leftAfterOnePull(controller.signal);
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ name: "AbortError" });
  });
});
