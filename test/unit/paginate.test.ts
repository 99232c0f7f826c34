import { createQuerySerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { isBadRequestError, isKubeadaptError } from "../../src/errors.js";
import { createCursorWalk } from "../../src/paginate.js";
import { createPageServer, makeItems, type StubItem } from "../helpers/page-server.js";
import { collect, failure, ids, page } from "../helpers/walk-assertions.js";

// Strips the page selectors: what must stay byte-identical across a walk.
const bound = (search: string) =>
  search
    .split("&")
    .filter((p) => !p.startsWith("cursor=") && !p.startsWith("include_total="))
    .join("&");

describe("cursor walk: items, pages, toArray", () => {
  it("yields every item once, in server order, across pages", async () => {
    const items = makeItems(23);
    const server = createPageServer({ items });
    const walk = createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 5 } },
    });
    expect(ids(await collect(walk))).toEqual(ids(items));
    expect(server.requests).toHaveLength(5);
  });

  it("requests nothing until iterated", () => {
    const server = createPageServer({ items: makeItems(3) });
    createCursorWalk(server.fetchPage, "/v1/workloads");
    expect(server.requests).toHaveLength(0);
  });

  it("pages() yields numbered pages chained by their cursors", async () => {
    const server = createPageServer({ items: makeItems(7) });
    const pages = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 3 } },
      }).pages(),
    );
    expect(pages.map((p) => [p.page, p.items.length, p.hasMore])).toEqual([
      [1, 3, true],
      [2, 3, true],
      [3, 1, false],
    ]);
    expect(pages[0]?.cursor).toBeUndefined();
    expect(pages[1]?.cursor).toBe(pages[0]?.nextCursor);
    expect(pages[2]?.cursor).toBe(pages[1]?.nextCursor);
    expect(pages[2]?.nextCursor).toBeUndefined();
    expect(pages.map((p) => p.requestId)).toEqual(["req_0", "req_1", "req_2"]);
    expect(server.requests[1]?.query.get("cursor")).toBe(pages[0]?.nextCursor);
  });

  it("toArray returns at most max items and stops fetching once it has them", async () => {
    const server = createPageServer({ items: makeItems(1000) });
    const walk = createCursorWalk(server.fetchPage, "/v1/recommendations", {
      params: { query: { limit: 100 } },
      prefetch: 3,
    });
    const top = await walk.toArray({ max: 250 });
    expect(ids(top)).toEqual(ids(makeItems(250)));
    expect(server.requests).toHaveLength(3);
  });

  it("toArray lowers limit to max on a walk from page 1 (top N in one request)", async () => {
    const server = createPageServer({ items: makeItems(1000) });
    const top = await createCursorWalk(server.fetchPage, "/v1/recommendations").toArray({
      max: 10,
    });
    expect(top).toHaveLength(10);
    expect(server.requests.map((r) => r.search)).toEqual(["limit=10"]);
  });

  it.each([
    ["50", 80, "50"],
    [50, 80, "50"],
    ["300", 80, "80"],
  ])(
    "toArray with limit %o and max %i sends limit=%s: it only ever lowers the page size",
    async (limit, max, sent) => {
      const server = createPageServer({ items: makeItems(200) });
      const items = await createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: limit as number } },
      }).toArray({ max });
      expect(items).toHaveLength(max);
      expect(server.requests[0]?.query.get("limit")).toBe(sent);
    },
  );

  it("toArray keeps limit when resuming from a cursor (it is bound to the cursor)", async () => {
    const server = createPageServer({ items: makeItems(30) });
    const [first] = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 10 } },
      }).pages(),
    );
    const rest = await createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 10 } },
      cursor: first?.nextCursor,
    }).toArray({ max: 5 });
    expect(ids(rest)).toEqual(ids(makeItems(30).slice(10, 15)));
  });

  it("toArray returns the whole list when it is shorter than max", async () => {
    const server = createPageServer({ items: makeItems(12) });
    const all = await createCursorWalk(server.fetchPage, "/v1/workloads", {
      params: { query: { limit: 5 } },
    }).toArray({ max: 1000 });
    expect(all).toHaveLength(12);
  });

  it.each([0, -1, 1.5, Number.NaN, undefined])("toArray rejects max %s", async (max) => {
    const server = createPageServer({ items: makeItems(3) });
    const error = await failure(() =>
      createCursorWalk(server.fetchPage, "/v1/workloads").toArray({ max: max as number }),
    );
    expect(isBadRequestError(error) && error.details[0]?.field).toBe("max");
    expect(server.requests).toHaveLength(0);
  });

  it("a toArray refused for its max leaves the walk to iterate", async () => {
    const server = createPageServer({ items: makeItems(3) });
    const walk = createCursorWalk(server.fetchPage, "/v1/workloads");
    await expect(walk.toArray({ max: 0 })).rejects.toThrow(/max/);
    expect(await walk.toArray({ max: 2 })).toHaveLength(2);
  });

  it("a paginator iterates once; a second iteration throws a KubeadaptError", async () => {
    const server = createPageServer({ items: makeItems(3) });
    const walk = createCursorWalk(server.fetchPage, "/v1/workloads");
    await collect(walk);
    const error = await failure(() => collect(walk));
    expect(isKubeadaptError(error)).toBe(true);
    expect((error as Error).message).toMatch(/already iterated/);
    await expect(walk.toArray({ max: 1 })).rejects.toThrow(/already iterated/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("cursor walk: the query is frozen", () => {
  const query = {
    limit: 4,
    cost_mode: "direct",
    namespace: "check out/ü",
    kind: "Deployment",
  } as const;

  it("sends openapi-fetch's serialization of the query, identical on every page but cursor", async () => {
    const server = createPageServer({ items: makeItems(17) });
    await collect(createCursorWalk(server.fetchPage, "/v1/workloads", { params: { query } }));
    expect(server.requests).toHaveLength(5);
    const expected = createQuerySerializer()(query);
    expect(server.requests[0]?.search).toBe(expected);
    for (const request of server.requests) expect(bound(request.search)).toBe(expected);
    for (const request of server.requests.slice(1)) {
      expect(request.search.startsWith(`${expected}&cursor=`)).toBe(true);
    }
  });

  it("mutating init after the walk started changes nothing", async () => {
    const server = createPageServer({ items: makeItems(20) });
    const init = {
      params: {
        query: { limit: 5, namespace: "a" } as Record<string, unknown>,
        path: { cluster_id: "c1" },
      },
      maxPages: 100,
    };
    const walk = createCursorWalk(
      server.fetchPage,
      "/v1/clusters/{cluster_id}/workloads",
      init as never,
    );
    const seen: string[] = [];
    for await (const item of walk as AsyncIterable<StubItem>) {
      seen.push(item.id);
      init.params.query.limit = 7;
      init.params.query.namespace = "b";
      init.params.query.cursor = "bogus";
      init.params.path.cluster_id = "c2";
      init.maxPages = 1;
    }
    expect(seen).toEqual(ids(makeItems(20)));
    expect(new Set(server.requests.map((r) => bound(r.search)))).toEqual(
      new Set(["limit=5&namespace=a"]),
    );
    expect(server.requests.every((r) => r.pathParams?.cluster_id === "c1")).toBe(true);
  });

  it("mutating init between creation and iteration changes nothing either", async () => {
    const server = createPageServer({ items: makeItems(6) });
    const query: Record<string, unknown> = { limit: 3 };
    const walk = createCursorWalk(server.fetchPage, "/v1/workloads", { params: { query } });
    query.limit = 0;
    query.namespace = "x";
    expect(await collect(walk)).toHaveLength(6);
    expect(server.requests.map((r) => bound(r.search))).toEqual(["limit=3", "limit=3"]);
  });

  it("passes path parameters to every page", async () => {
    const server = createPageServer({ items: makeItems(5) });
    await collect(
      createCursorWalk(server.fetchPage, "/v1/clusters/{cluster_id}/nodes", {
        params: { path: { cluster_id: "c-9" }, query: { limit: 2 } },
      }),
    );
    expect(server.requests.map((r) => [r.path, r.pathParams])).toEqual(
      Array(3).fill(["/v1/clusters/{cluster_id}/nodes", { cluster_id: "c-9" }]),
    );
  });

  it("URL-encodes the cursor", async () => {
    const odd = "a+b/c=d&e f";
    const server = createPageServer({
      items: makeItems(2),
      respond: (req) =>
        req.n === 0
          ? page([{ id: "a" }], { next_cursor: odd, has_more: true })
          : page([{ id: "b" }], { next_cursor: "", has_more: false }),
    });
    await collect(createCursorWalk(server.fetchPage, "/v1/workloads"));
    expect(server.requests[1]?.search).toBe(`cursor=${encodeURIComponent(odd)}`);
    expect(server.requests[1]?.query.get("cursor")).toBe(odd);
  });

  it("a cursor in the query acts as init.cursor and is not duplicated", async () => {
    const server = createPageServer({ items: makeItems(6) });
    const [first] = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 2 } },
      }).pages(),
    );
    const rest = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { cursor: first?.nextCursor, limit: 2 } },
      }),
    );
    expect(ids(rest)).toEqual(ids(makeItems(6).slice(2)));
  });
});

describe("cursor walk: include_total", () => {
  it("is not sent unless asked for", async () => {
    const server = createPageServer({ items: makeItems(4) });
    const pages = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 2 } },
      }).pages(),
    );
    expect(server.requests.some((r) => r.query.has("include_total"))).toBe(false);
    expect(pages.map((p) => p.total)).toEqual([undefined, undefined]);
  });

  it("is sent on the first page only when onProgress is given; total is reported from then on", async () => {
    const server = createPageServer({ items: makeItems(5) });
    const progress: unknown[] = [];
    const pages = await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { limit: 2 } },
        onProgress: (p) => progress.push({ ...p }),
      }).pages(),
    );
    expect(server.requests.map((r) => r.query.get("include_total"))).toEqual(["true", null, null]);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(progress).toEqual([
      { pages: 1, items: 2, total: 5 },
      { pages: 2, items: 4, total: 5 },
      { pages: 3, items: 5, total: 5 },
    ]);
  });

  it("is sent on the first page only when the query asks for it", async () => {
    const server = createPageServer({ items: makeItems(5) });
    await collect(
      createCursorWalk(server.fetchPage, "/v1/workloads", {
        params: { query: { include_total: true, limit: 2 } },
      }),
    );
    expect(server.requests.map((r) => r.search.includes("include_total=true"))).toEqual([
      true,
      false,
      false,
    ]);
  });
});
