import { describe, expect, it } from "vitest";
import {
  isBadRequestError,
  isCursorExpiredError,
  isKubeadaptError,
  isPaginationLimitError,
  isProtocolError,
  ServerError,
} from "../../src/errors.js";
import { plainSignal } from "../../src/internal/signals.js";
import { createCursorWalk, MAX_EMPTY_PAGES, MAX_RESTARTS, type Page } from "../../src/paginate.js";
import { createPageServer, makeItems, type StubItem } from "../helpers/page-server.js";
import { collect, failure, ids, page } from "../helpers/walk-assertions.js";

describe("cursor walk: termination and protocol errors", () => {
  it("stops on has_more: false even when a cursor is present", async () => {
    const server = createPageServer({
      items: makeItems(3),
      respond: (_req, answer) => page(answer().data, { next_cursor: "more?", has_more: false }),
    });
    expect(await collect(createCursorWalk(server.fetchPage, "/v1/workloads"))).toHaveLength(3);
    expect(server.requests).toHaveLength(1);
  });

  it('stops on next_cursor: "" when has_more is absent', async () => {
    const server = createPageServer({
      items: makeItems(3),
      respond: (_req, answer) => page(answer().data, { next_cursor: "" }),
    });
    expect(await collect(createCursorWalk(server.fetchPage, "/v1/workloads"))).toHaveLength(3);
    expect(server.requests).toHaveLength(1);
  });

  it("has_more: true with an empty cursor is a ProtocolError, after the earlier pages' items", async () => {
    const server = createPageServer({
      items: makeItems(6),
      respond: (req, answer) =>
        req.n === 1 ? page(answer().data, { next_cursor: "", has_more: true }) : answer(),
    });
    const seen: StubItem[] = [];
    const error = await failure(async () => {
      for await (const item of createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 2 } },
      }))
        seen.push(item as StubItem);
    });
    expect(isProtocolError(error)).toBe(true);
    expect(ids(seen)).toEqual(ids(makeItems(2)));
    expect(server.requests).toHaveLength(2);
  });

  it("has_more: true with no next_cursor at all is a ProtocolError", async () => {
    const server = createPageServer({
      items: makeItems(3),
      respond: (_req, answer) => page(answer().data, { has_more: true }),
    });
    expect(
      isProtocolError(
        await failure(() => collect(createCursorWalk(server.fetchPage, "/v1/workloads"))),
      ),
    ).toBe(true);
  });

  it("a cursor repeated from earlier in the walk is a ProtocolError, not an endless loop", async () => {
    const server = createPageServer({
      items: makeItems(10),
      respond: (req) =>
        page([{ id: `i${req.n}` }], {
          next_cursor: req.n >= 2 ? "c1" : `c${req.n + 1}`,
          has_more: true,
        }),
    });
    const error = await failure(() => collect(createCursorWalk(server.fetchPage, "/v1/workloads")));
    expect(isProtocolError(error)).toBe(true);
    expect(error).toMatchObject({ cursor: "c2", page: 3, itemsYielded: 2 });
    expect(server.requests).toHaveLength(3);
  });

  it("a server echoing the cursor it was given is a ProtocolError", async () => {
    const server = createPageServer({
      items: makeItems(10),
      respond: (req) => page([{ id: `i${req.n}` }], { next_cursor: "same", has_more: true }),
    });
    const error = await failure(() => collect(createCursorWalk(server.fetchPage, "/v1/workloads")));
    expect(isProtocolError(error)).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it("a response without meta.pagination is a ProtocolError", async () => {
    const server = createPageServer({
      items: makeItems(3),
      respond: (_req, answer) => page(answer().data, undefined),
    });
    expect(
      isProtocolError(
        await failure(() => collect(createCursorWalk(server.fetchPage, "/v1/workloads"))),
      ),
    ).toBe(true);
  });

  it.each([
    ["an HTML page", "<html>502 Bad Gateway</html>"],
    ["null", null],
    ["data that is not an array", { data: {}, meta: { pagination: { has_more: false } } }],
    [
      "a non-boolean has_more",
      { data: [], meta: { pagination: { has_more: "no", next_cursor: "x" } } },
    ],
  ])("a body that is %s is a ProtocolError", async (_name, body) => {
    const server = createPageServer({ items: makeItems(3), respond: () => body });
    expect(
      isProtocolError(
        await failure(() => collect(createCursorWalk(server.fetchPage, "/v1/workloads"))),
      ),
    ).toBe(true);
  });

  it("maxPages reached with more to come is a PaginationLimitError after every fetched item; resumable", async () => {
    const items = makeItems(10);
    const server = createPageServer({ items });
    const seen: StubItem[] = [];
    const walk = createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 2 } },
      maxPages: 3,
      prefetch: 4,
    });
    const error = await failure(async () => {
      for await (const item of walk) seen.push(item as StubItem);
    });
    expect(isPaginationLimitError(error)).toBe(true);
    expect(error).toMatchObject({ page: 4, itemsYielded: 6 });
    expect(ids(seen)).toEqual(ids(items.slice(0, 6)));
    expect(server.requests).toHaveLength(3);
    const rest = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 2 } },
        cursor: (error as { cursor: string }).cursor,
      }),
    );
    expect(ids(rest)).toEqual(ids(items.slice(6)));
  });

  it("maxPages is not an error when the list ends on the last allowed page", async () => {
    const server = createPageServer({ items: makeItems(6) });
    const all = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 2 } },
        maxPages: 3,
      }),
    );
    expect(all).toHaveLength(6);
  });
});

describe("cursor walk: empty pages", () => {
  it("skips an empty middle page that says more follow, and keeps walking", async () => {
    const items = makeItems(6);
    let served = 0;
    const server = createPageServer({
      items,
      respond: (req, answer) =>
        req.n === 1 ? page([], { next_cursor: "gap", has_more: true }) : answer(),
    });
    // The stub rejects the made-up "gap" cursor, so answer it with the real page 2.
    const fetchPage: typeof server.fetchPage = async (path, init) => {
      const search = init.querySerializer({});
      served += 1;
      if (search.endsWith("cursor=gap")) {
        return {
          data: items.slice(2, 4),
          meta: { pagination: { next_cursor: "", has_more: false } },
        };
      }
      return server.fetchPage(path, init);
    };
    const pages = await collect(
      createCursorWalk(fetchPage, "/v1/workloads", { params: { query: { limit: 2 } } }).pages(),
    );
    expect(pages.map((p) => ids(p.items))).toEqual([
      ids(items.slice(0, 2)),
      ids(items.slice(2, 4)),
    ]);
    expect(served).toBe(3);
  });

  it(`gives up with a ProtocolError on more than ${MAX_EMPTY_PAGES} empty pages in a row`, async () => {
    let n = 0;
    const fetchPage = async () => ({
      data: [],
      meta: { pagination: { next_cursor: `c${++n}`, has_more: true } },
    });
    const error = await failure(() => collect(createCursorWalk(fetchPage, "/v1/workloads")));
    expect(isProtocolError(error)).toBe(true);
    expect(MAX_EMPTY_PAGES).toBe(10);
    expect(n).toBe(MAX_EMPTY_PAGES + 1);
  });

  it(`tolerates ${MAX_EMPTY_PAGES} empty pages in a row`, async () => {
    let n = 0;
    const fetchPage = async () => {
      n += 1;
      const last = n === MAX_EMPTY_PAGES + 1;
      return {
        data: last ? [{ id: "x" }] : [],
        meta: { pagination: { next_cursor: last ? "" : `c${n}`, has_more: !last } },
      };
    };
    expect(await collect(createCursorWalk(fetchPage, "/v1/workloads"))).toEqual([{ id: "x" }]);
  });

  it("an empty list yields nothing and makes one request", async () => {
    const server = createPageServer({ items: [] });
    const walk = createCursorWalk(server.fetchPage, "/v1/workloads", { onProgress: () => {} });
    expect(await collect(walk.pages())).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("cursor walk: expired cursors (410)", () => {
  it("propagates CursorExpiredError with cursor, page and itemsYielded", async () => {
    const server = createPageServer({ items: makeItems(10) });
    const seen: StubItem[] = [];
    const pages: Page<unknown>[] = [];
    const error = await failure(async () => {
      for await (const page of createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 3 } },
        prefetch: 0,
      }).pages()) {
        pages.push(page);
        seen.push(...(page.items as StubItem[]));
        if (page.page === 2) server.expireCursors();
      }
    });
    expect(isCursorExpiredError(error)).toBe(true);
    expect(error).toMatchObject({
      reason: "expired",
      page: 3,
      itemsYielded: 6,
      cursor: pages[1]?.nextCursor,
    });
  });

  it('restarts from page 1 under onCursorExpired: "restart" and yields each item once', async () => {
    const items = makeItems(10);
    const server = createPageServer({ items });
    const seen: string[] = [];
    const pageNumbers: number[] = [];
    for await (const page of createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 3 } },
      onCursorExpired: "restart",
      prefetch: 0,
    }).pages()) {
      pageNumbers.push(page.page);
      seen.push(...ids(page.items as StubItem[]));
      if (seen.length === 6) server.expireCursors();
    }
    expect(seen).toEqual(ids(items));
    // Pages 1 and 2 came back all seen, so they were skipped; numbering restarted at 1.
    expect(pageNumbers).toEqual([1, 2, 3, 4]);
    expect(server.requests.map((r) => r.query.has("cursor"))).toEqual([
      false,
      true,
      true,
      false,
      true,
      true,
      true,
    ]);
  });

  it(`gives up after ${MAX_RESTARTS} restarts and throws the CursorExpiredError`, async () => {
    const server = createPageServer({ items: makeItems(10) });
    const fetchPage: typeof server.fetchPage = async (path, init) => {
      const body = await server.fetchPage(path, init);
      server.expireCursors();
      return body;
    };
    const seen: string[] = [];
    const error = await failure(async () => {
      for await (const item of createCursorWalk(fetchPage, "/v1/workloads", {
        params: { query: { limit: 2 } },
        onCursorExpired: "restart",
      }))
        seen.push((item as StubItem).id);
    });
    expect(isCursorExpiredError(error)).toBe(true);
    expect(seen).toEqual(ids(makeItems(2)));
    // Page 1, then per attempt: a 410 and a fresh page 1.
    expect(server.requests).toHaveLength(2 + 2 * MAX_RESTARTS);
  });
});

describe("cursor walk: resuming", () => {
  it("starts from a saved cursor", async () => {
    const items = makeItems(9);
    const server = createPageServer({ items });
    const [, second] = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 3 } },
      }).pages(),
    );
    const pages = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 3 } },
        cursor: second?.nextCursor,
      }).pages(),
    );
    expect(pages.map((p) => ids(p.items))).toEqual([ids(items.slice(6))]);
    expect(pages[0]?.cursor).toBe(second?.nextCursor);
  });

  // A restart goes back to page 1, and the items before the saved cursor were handed on by an
  // earlier walk, whose ids this one never saw: it would yield them again.
  it.each([
    ["on the saved cursor", 0],
    ["later in the resumed walk", 1],
  ])(
    'throws a 410 %s under onCursorExpired: "restart", never yielding items before that cursor',
    async (_, expireAfter) => {
      const items = makeItems(12);
      const server = createPageServer({ items });
      const [first] = await collect(
        createCursorWalk(server.fetchPage, "/v1/workloads", {
          params: { query: { limit: 3 } },
        }).pages(),
      );
      if (expireAfter === 0) server.expireCursors();
      const before = server.requests.length;
      const seen: string[] = [];
      const error = await failure(async () => {
        for await (const page of createCursorWalk(server.fetchPage, "/v1/workloads", {
          params: { query: { limit: 3, cursor: first?.nextCursor } },
          onCursorExpired: "restart",
          prefetch: 0,
        }).pages()) {
          seen.push(...ids(page.items as StubItem[]));
          server.expireCursors();
        }
      });
      expect(isCursorExpiredError(error)).toBe(true);
      expect(error).toMatchObject({ itemsYielded: 3 * expireAfter, page: 1 + expireAfter });
      expect(seen).toEqual(ids(items.slice(3, 3 + 3 * expireAfter)));
      // No page 1: every request after the first walk's carries a cursor.
      expect(server.requests.slice(before).every((r) => r.query.has("cursor"))).toBe(true);
    },
  );

  it("an empty saved cursor starts from page 1", async () => {
    const server = createPageServer({ items: makeItems(3) });
    await collect(createCursorWalk(server.fetchPage, "/v1/workloads", { cursor: "" }));
    expect(server.requests.map((r) => r.search)).toEqual([""]);
  });

  it("an error mid-walk carries the cursor to resume with, its page and the items yielded", async () => {
    const items = makeItems(12);
    const server = createPageServer({ items });
    let calls = 0;
    const failing: typeof server.fetchPage = async (path, init) => {
      if (++calls === 3) throw new ServerError("boom", { status: 503 });
      return server.fetchPage(path, init);
    };
    const seen: StubItem[] = [];
    const pages: Page<unknown>[] = [];
    const error = await failure(async () => {
      for await (const page of createCursorWalk(failing, "/v1/workloads", {
        params: { query: { limit: 3 } },
      }).pages()) {
        pages.push(page);
        seen.push(...(page.items as StubItem[]));
      }
    });
    expect(error).toMatchObject({
      name: "ServerError",
      page: 3,
      itemsYielded: 6,
      cursor: pages[1]?.nextCursor,
    });
    const rest = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 3 } },
        cursor: (error as { cursor: string }).cursor,
      }),
    );
    expect([...ids(seen), ...ids(rest as StubItem[])]).toEqual(ids(items));
  });

  it("wraps a non-Kubeadapt failure in a KubeadaptError with the cause", async () => {
    const cause = new TypeError("fetch failed");
    const error = await failure(() =>
      collect(
        createCursorWalk(async () => {
          throw cause;
        }, "/v1/workloads"),
      ),
    );
    expect(isKubeadaptError(error)).toBe(true);
    expect(error).toMatchObject({ cause, page: 1, itemsYielded: 0 });
  });
});

describe("cursor walk: client-side validation, before any request", () => {
  it.each([0, 501, -5, 1.5, "abc", Number.NaN])(
    "limit %s is a BadRequestError naming limit",
    async (limit) => {
      const server = createPageServer({ items: makeItems(3) });
      const error = await failure(() =>
        collect(
          createCursorWalk(server.fetchPage, "/v1/workloads", {
            params: { query: { limit: limit as number } },
          }),
        ),
      );
      expect(isBadRequestError(error)).toBe(true);
      expect((error as { details: { field?: string }[] }).details[0]?.field).toBe("limit");
      expect(server.requests).toHaveLength(0);
    },
  );

  it.each([1, 500])("limit %s is accepted", async (limit) => {
    const server = createPageServer({ items: makeItems(3) });
    expect(
      await collect(
        createCursorWalk(server.fetchPage, "/v1/workloads", { params: { query: { limit } } }),
      ),
    ).toHaveLength(3);
  });

  it.each([
    ["prefetch", { prefetch: -1 }],
    ["prefetch", { prefetch: 0.5 }],
    ["maxPages", { maxPages: 0 }],
    ["onProgress", { onProgress: "log" }],
    ["onCursorExpired", { onCursorExpired: "retry" }],
    ["onCursorExpired", { onCursorExpired: true }],
    ["cursor", { cursor: 5 }],
    ["cursor", { params: { query: { cursor: 5 } } }],
  ])("an invalid %s is a BadRequestError", async (field, options) => {
    const server = createPageServer({ items: makeItems(3) });
    const error = await failure(() =>
      collect(createCursorWalk(server.fetchPage, "/v1/workloads", options as never)),
    );
    expect(isBadRequestError(error)).toBe(true);
    expect((error as { details: { field?: string }[] }).details[0]?.field).toBe(field);
    expect((error as Error).message).toMatch(new RegExp(`^${field} must be`));
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["an absent or null option", { signal: null, onProgress: undefined, cursor: null }],
    ["a plain signal (what the SDK reads of one)", { signal: plainSignal() }],
    ["onCursorExpired throw", { onCursorExpired: "throw" }],
    ["onCursorExpired restart", { onCursorExpired: "restart" }],
  ])("%s is accepted", async (_, options) => {
    const server = createPageServer({ items: makeItems(3) });
    expect(
      await collect(createCursorWalk(server.fetchPage, "/v1/workloads", options as never)),
    ).toHaveLength(3);
  });
});
