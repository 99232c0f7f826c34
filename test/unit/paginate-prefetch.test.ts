import { getEventListeners } from "node:events";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type AbortError, isAbortError, isKubeadaptError, ServerError } from "../../src/errors.js";
import { createCursorWalk } from "../../src/paginate.js";
import { createPageServer, makeItems, type StubItem } from "../helpers/page-server.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

// A gate per request: the stub waits on it, the test opens it (or aborts the request).
function gated() {
  const opens: (() => void)[] = [];
  return {
    delay: () => new Promise<void>((resolve) => opens.push(resolve)),
    open: (n: number) => opens[n]?.(),
    waiting: () => opens.length,
  };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  // Let any stray rejection surface before checking.
  await tick();
  await tick();
  expect(unhandled).toEqual([]);
});

describe("prefetch", () => {
  it("with prefetch 1, page n+1 is requested before page n's first item is handed over", async () => {
    const server = createPageServer({ items: makeItems(9) });
    const requestsAtFirstItem: number[] = [];
    let index = 0;
    for await (const _ of createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 3 } },
    })) {
      if (index++ % 3 === 0) requestsAtFirstItem.push(server.requests.length);
    }
    expect(requestsAtFirstItem).toEqual([2, 3, 3]);
  });

  it("with prefetch 0, pages are fetched strictly one at a time, on demand", async () => {
    const server = createPageServer({ items: makeItems(9) });
    const requestsSeen: number[] = [];
    for await (const _ of createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 3 } },
      prefetch: 0,
    })) {
      requestsSeen.push(server.requests.length);
      await tick();
    }
    expect(requestsSeen).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
  });

  it.each([1, 3])(
    "with prefetch %i, a slow consumer never has more than that many pages fetched ahead",
    async (prefetch) => {
      const limit = 2;
      const server = createPageServer({ items: makeItems(40) });
      let pagesStarted = 0;
      let index = 0;
      let mostAhead = 0;
      for await (const _ of createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit } },
        prefetch,
      })) {
        if (index++ % limit === 0) pagesStarted += 1;
        // Slow consumer: give the walk every chance to run ahead.
        await tick();
        const ahead = server.requests.length - pagesStarted;
        mostAhead = Math.max(mostAhead, ahead);
        expect(ahead).toBeLessThanOrEqual(prefetch);
      }
      expect(mostAhead).toBe(prefetch);
      expect(server.requests).toHaveLength(20);
    },
  );

  it("an error is thrown after every item of the pages that arrived before it", async () => {
    const items = makeItems(12);
    const server = createPageServer({ items });
    let calls = 0;
    const fetchPage: typeof server.fetchPage = async (path, init) => {
      if (++calls === 3) throw new ServerError("boom", { status: 500 });
      return server.fetchPage(path, init);
    };
    const seen: string[] = [];
    await expect(async () => {
      for await (const item of createCursorWalk(fetchPage, "/v1/workloads", {
        params: { query: { limit: 3 } },
        prefetch: 5,
      })) {
        seen.push((item as StubItem).id);
        await tick();
      }
    }).rejects.toMatchObject({ name: "ServerError", page: 3, itemsYielded: 6 });
    expect(seen).toEqual(items.slice(0, 6).map((i) => i.id));
  });
});

describe("stopping a walk", () => {
  it("break aborts the in-flight request and makes no further call", async () => {
    const gate = gated();
    const server = createPageServer({ items: makeItems(20), delay: gate.delay });
    const walk = createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 2 } },
    });
    const consumed = (async () => {
      for await (const _ of walk) break;
    })();
    await tick();
    gate.open(0);
    await consumed;
    // Page 2 was prefetched when page 1 was handed over; break aborted it.
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.aborted).toBe(true);
    expect(server.pending()).toBe(0);
    await tick();
    expect(server.requests).toHaveLength(2);
  });

  it("return() during a pending next() ends the walk and aborts the request", async () => {
    const gate = gated();
    const server = createPageServer({ items: makeItems(20), delay: gate.delay });
    const iterator = createCursorWalk(server.fetchPage, "/v1/workloads")[Symbol.asyncIterator]();
    const pending = iterator.next();
    await tick();
    expect(server.requests).toHaveLength(1);
    await iterator.return?.();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(server.requests[0]?.aborted).toBe(true);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(server.requests).toHaveLength(1);
  });

  it("toArray stops at max without requesting the page after it", async () => {
    const server = createPageServer({ items: makeItems(100) });
    await createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 5 } },
      prefetch: 4,
    }).toArray({ max: 10 });
    expect(server.requests).toHaveLength(2);
  });

  it("aborting the signal mid-walk throws AbortError, aborts the request, stops fetching", async () => {
    const gate = gated();
    const server = createPageServer({ items: makeItems(20), delay: gate.delay });
    const controller = new AbortController();
    const seen: unknown[] = [];
    const consumed = (async () => {
      for await (const item of createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 2 } },
        signal: controller.signal,
        prefetch: 0,
      })) {
        seen.push(item);
      }
    })();
    await tick();
    gate.open(0);
    await tick();
    expect(server.requests).toHaveLength(2);
    controller.abort();
    const error = await consumed.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
    expect(error).toMatchObject({ page: 2, itemsYielded: 2 });
    expect(seen).toHaveLength(2);
    expect(server.requests[1]?.aborted).toBe(true);
    await tick();
    expect(server.requests).toHaveLength(2);
  });

  it("aborting while the consumer holds buffered pages throws on its next pull", async () => {
    const server = createPageServer({ items: makeItems(20) });
    const controller = new AbortController();
    const seen: unknown[] = [];
    await expect(async () => {
      for await (const item of createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 5 } },
        signal: controller.signal,
        prefetch: 3,
      })) {
        seen.push(item);
        if (seen.length === 2) controller.abort();
      }
    }).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toHaveLength(2);
  });

  it("an abort points at the page being yielded, not past it and the buffered pages", async () => {
    const server = createPageServer({ items: makeItems(20) });
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 5 } },
      signal: controller.signal,
      prefetch: 3,
    });
    const error = await (async () => {
      for await (const item of walk) {
        seen.push((item as StubItem).id);
        // Pages 2 to 4 are buffered by now.
        if (seen.length === 2) await tick();
        if (seen.length === 2) controller.abort();
      }
    })().catch((e: unknown) => e);
    // Page 1, whose 3 last items were not received (the old stamp said page 5).
    expect(error).toMatchObject({
      name: "AbortError",
      page: 1,
      cursor: undefined,
      itemsYielded: 2,
    });
    const rest: string[] = [];
    for await (const item of createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 5 } },
      cursor: (error as AbortError).cursor,
    })) {
      rest.push((item as StubItem).id);
    }
    // Nothing skipped: the 2 items received come again, with the rest.
    expect(rest).toEqual(makeItems(20).map((i) => i.id));
  });

  it("an abort while a page is in flight points at the oldest buffered page", async () => {
    const gate = gated();
    const server = createPageServer({ items: makeItems(20), delay: gate.delay });
    const controller = new AbortController();
    const iterator = createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 2 } },
      signal: controller.signal,
      prefetch: 3,
    })[Symbol.asyncIterator]();
    const first = iterator.next();
    for (let n = 0; n < 3; n++) {
      await tick();
      gate.open(n);
    }
    await first;
    await iterator.next();
    await tick();
    // Page 1 is received, pages 2 and 3 are buffered, page 4 is in flight.
    expect(server.requests).toHaveLength(4);
    controller.abort();
    const error = await iterator.next().catch((e: unknown) => e);
    expect(server.requests[3]?.aborted).toBe(true);
    expect(isAbortError(error)).toBe(true);
    // The listener dropped the buffered pages and the error said page 4.
    expect(error).toMatchObject({ page: 2, cursor: server.requests[1]?.query.get("cursor") });
    expect(error).toMatchObject({ itemsYielded: 2 });
  });

  it("an abort between pages by .pages() points at the first page not handed out", async () => {
    const server = createPageServer({ items: makeItems(20) });
    const controller = new AbortController();
    const pages: number[] = [];
    const error = await (async () => {
      for await (const page of createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 2 } },
        signal: controller.signal,
        prefetch: 3,
      }).pages()) {
        pages.push(page.page);
        await tick();
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(pages).toEqual([1]);
    expect(error).toMatchObject({
      name: "AbortError",
      page: 2,
      cursor: server.requests[1]?.query.get("cursor"),
      itemsYielded: 2,
    });
  });

  it("a signal aborted before the walk starts throws AbortError without any request", async () => {
    const server = createPageServer({ items: makeItems(3) });
    const signal = AbortSignal.abort();
    const walk = createCursorWalk(server.fetchPage, "/v1/workloads", { signal });
    await expect(walk.toArray({ max: 10 })).rejects.toMatchObject({ name: "AbortError", page: 1 });
    expect(server.requests).toHaveLength(0);
  });

  it.each([1, 2, 3])("the caller's signal reaches page %i's request", async (page) => {
    const gate = gated();
    const server = createPageServer({ items: makeItems(20), delay: gate.delay });
    const controller = new AbortController();
    const consumed = createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 2 } },
      signal: controller.signal,
      prefetch: 0,
    }).toArray({ max: 20 });
    for (let n = 0; n < page - 1; n++) {
      await tick();
      gate.open(n);
    }
    await tick();
    expect(server.requests).toHaveLength(page);
    controller.abort();
    await expect(consumed).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests[page - 1]?.aborted).toBe(true);
    // Each page's request had its own signal.
    expect(new Set(server.requests.map((r) => r.signal)).size).toBe(page);
  });

  it("leaves no listener on the caller's signal once the walk ends", async () => {
    const server = createPageServer({ items: makeItems(6) });
    const controller = new AbortController();
    const walk = createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 2 } },
      signal: controller.signal,
    });
    for await (const _ of walk) break;
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("where a failed walk's error says to resume", () => {
  // Page `failing` (1-based) answers 500 once.
  function failingOnce(failing: number) {
    const server = createPageServer({ items: makeItems(10) });
    let calls = 0;
    const fetchPage: typeof server.fetchPage = async (path, init) => {
      if (++calls === failing) throw new ServerError("boom", { status: 500 });
      return server.fetchPage(path, init);
    };
    return { server, fetchPage };
  }

  it("toArray's error points where it started, with itemsYielded 0: it returned nothing", async () => {
    const { server, fetchPage } = failingOnce(2);
    const error = await createCursorWalk(fetchPage, "/v1/workloads", {
      params: { query: { limit: 2 } },
    })
      .toArray({ max: 10 })
      .catch((e: unknown) => e);
    // The old error said page 2, after the 2 items toArray had collected and dropped.
    expect(error).toMatchObject({
      name: "ServerError",
      page: 1,
      cursor: undefined,
      itemsYielded: 0,
    });
    const again = await createCursorWalk(fetchPage, "/v1/workloads", {
      params: { query: { limit: 2 } },
      cursor: (error as ServerError).cursor,
    }).toArray({ max: 10 });
    expect(again.map((i) => (i as StubItem).id)).toEqual(makeItems(10).map((i) => i.id));
    expect(server.requests).toHaveLength(6);
  });

  it("toArray resumed from a cursor points at that cursor when it fails", async () => {
    const { fetchPage } = failingOnce(3);
    const first = await createCursorWalk(fetchPage, "/v1/workloads", {
      params: { query: { limit: 2 } },
      prefetch: 0,
    })
      .pages()
      [Symbol.asyncIterator]()
      .next();
    const cursor = (first.value as { nextCursor: string }).nextCursor;
    const error = await createCursorWalk(fetchPage, "/v1/workloads", {
      params: { query: { limit: 2 } },
      cursor,
    })
      .toArray({ max: 10 })
      .catch((e: unknown) => e);
    // Its second page failed: the old error pointed at that one.
    expect(error).toMatchObject({ name: "ServerError", page: 1, cursor, itemsYielded: 0 });
  });

  it("an onProgress that throws gives a stamped KubeadaptError whose cause it is", async () => {
    const server = createPageServer({ items: makeItems(10) });
    const thrown = new Error("progress broke");
    const seen: string[] = [];
    const error = await (async () => {
      for await (const item of createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 2 } },
        onProgress: ({ pages }) => {
          if (pages === 2) throw thrown;
        },
      })) {
        seen.push((item as StubItem).id);
      }
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(2);
    // The old walk threw `thrown` itself, with no cursor, page or itemsYielded.
    expect(isKubeadaptError(error)).toBe(true);
    expect(error).toMatchObject({
      cause: thrown,
      message: "A walk failed: progress broke",
      page: 2,
      cursor: server.requests[1]?.query.get("cursor"),
      itemsYielded: 2,
    });
  });
});
