import { createQuerySerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import {
  isBadRequestError,
  isPaginationLimitError,
  isProtocolError,
  ServerError,
} from "../../src/errors.js";
import { createOffsetWalk } from "../../src/paginate.js";
import { createPageServer, makeItems } from "../helpers/page-server.js";
import { collect, ids } from "../helpers/walk-assertions.js";

const offsetServer = (n: number, respond?: Parameters<typeof createPageServer>[0]["respond"]) =>
  createPageServer({ items: makeItems(n), mode: "offset", ...(respond ? { respond } : {}) });

describe("offset walk (Cost Explorer)", () => {
  it("walks pages 1..total_pages and yields every row once, in order", async () => {
    const server = offsetServer(11);
    const pages = await collect(
      createOffsetWalk(server.fetchPage, "/v1/cost-explorer", {
        params: { query: { per_page: 4 } },
      }).pages(),
    );
    expect(pages.map((p) => [p.page, p.items.length, p.hasMore, p.total])).toEqual([
      [1, 4, true, 11],
      [2, 4, true, 11],
      [3, 3, false, 11],
    ]);
    expect(pages.flatMap((p) => ids(p.items))).toEqual(ids(makeItems(11)));
    expect(pages.every((p) => p.cursor === undefined && p.nextCursor === undefined)).toBe(true);
  });

  it("sends the frozen query on every page, differing only in page", async () => {
    const server = offsetServer(9);
    const query = { group_by: "namespace", cost_mode: "direct", per_page: 3 } as const;
    await collect(createOffsetWalk(server.fetchPage, "/v1/cost-explorer", { params: { query } }));
    const frozen = createQuerySerializer()(query);
    expect(server.requests.map((r) => r.search)).toEqual(
      [1, 2, 3].map((p) => `${frozen}&page=${p}`),
    );
  });

  it("an empty result makes one request and yields nothing", async () => {
    const server = offsetServer(0);
    expect(await collect(createOffsetWalk(server.fetchPage, "/v1/cost-explorer"))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("starts from query.page, and an error's page resumes the walk", async () => {
    const items = makeItems(10);
    const server = offsetServer(10);
    let calls = 0;
    const flaky: typeof server.fetchPage = async (path, init) => {
      if (++calls === 2) throw new ServerError("boom", { status: 502 });
      return server.fetchPage(path, init);
    };
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const row of createOffsetWalk(flaky, "/v1/cost-explorer", {
        params: { query: { per_page: 3 } },
      }))
        seen.push(row);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "ServerError",
      page: 2,
      itemsYielded: 3,
      cursor: undefined,
    });
    const rest = await collect(
      createOffsetWalk(server.fetchPage, "/v1/cost-explorer", {
        params: { query: { per_page: 3, page: (error as { page: number }).page } },
      }),
    );
    expect([...ids(seen), ...ids(rest)]).toEqual(ids(items));
  });

  it("toArray lowers per_page to max on a walk from page 1 and stops at max", async () => {
    const server = offsetServer(1000);
    const top = await createOffsetWalk(server.fetchPage, "/v1/cost-explorer").toArray({ max: 7 });
    expect(ids(top)).toEqual(ids(makeItems(7)));
    expect(server.requests.map((r) => r.search)).toEqual(["per_page=7&page=1"]);
  });

  it("shares caps with cursor walks: maxPages is a PaginationLimitError", async () => {
    const server = offsetServer(10);
    const error = await collect(
      createOffsetWalk(server.fetchPage, "/v1/cost-explorer", {
        params: { query: { per_page: 2 } },
        maxPages: 2,
      }),
    ).catch((e: unknown) => e);
    expect(isPaginationLimitError(error)).toBe(true);
    expect(error).toMatchObject({ page: 3, itemsYielded: 4 });
  });

  it("shares cancellation with cursor walks: break stops fetching", async () => {
    const server = offsetServer(50);
    for await (const _ of createOffsetWalk(server.fetchPage, "/v1/cost-explorer", {
      params: { query: { per_page: 5 } },
      prefetch: 2,
    }))
      break;
    await new Promise((r) => setTimeout(r, 0));
    expect(server.requests.length).toBeLessThanOrEqual(3);
    expect(server.pending()).toBe(0);
  });

  it("reports progress with the total from page_info", async () => {
    const server = offsetServer(5);
    const progress: unknown[] = [];
    await collect(
      createOffsetWalk(server.fetchPage, "/v1/cost-explorer", {
        params: { query: { per_page: 3 } },
        onProgress: (p) => progress.push({ ...p }),
      }),
    );
    expect(progress).toEqual([
      { pages: 1, items: 3, total: 5 },
      { pages: 2, items: 5, total: 5 },
    ]);
  });

  it("a response without meta.page_info is a ProtocolError", async () => {
    const server = offsetServer(5, (_req, answer) => ({ data: answer().data, meta: {} }));
    const error = await collect(createOffsetWalk(server.fetchPage, "/v1/cost-explorer")).catch(
      (e: unknown) => e,
    );
    expect(isProtocolError(error)).toBe(true);
  });

  it("a server answering another page than the one asked for is a ProtocolError, not a loop", async () => {
    const server = offsetServer(10, (_req, answer) => {
      const body = answer();
      return {
        ...body,
        meta: {
          ...body.meta,
          page_info: { page: 1, per_page: 2, total_count: 10, total_pages: 5 },
        },
      };
    });
    const error = await collect(
      createOffsetWalk(server.fetchPage, "/v1/cost-explorer", {
        params: { query: { per_page: 2 } },
      }),
    ).catch((e: unknown) => e);
    expect(isProtocolError(error)).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it("a later page beyond the total_pages it states is a ProtocolError, not a silent end", async () => {
    // Page 1 says 5 pages; page 2 says it is page 2 of 1.
    const server = offsetServer(10, (req, answer) => {
      const body = answer();
      if (req.n === 0) return body;
      return {
        ...body,
        meta: { ...body.meta, page_info: { page: 2, per_page: 2, total_count: 1, total_pages: 1 } },
      };
    });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const row of createOffsetWalk(server.fetchPage, "/v1/cost-explorer", {
        params: { query: { per_page: 2 } },
      })) {
        seen.push(row);
      }
    })().catch((e: unknown) => e);
    expect(isProtocolError(error)).toBe(true);
    expect(error).toMatchObject({
      message: "Asked for page 2 but the server sent page 2 of 1",
      page: 2,
      itemsYielded: 2,
    });
    expect(seen).toHaveLength(2);
  });

  it("a walk starting past the last page ends with nothing, as the server says", async () => {
    const server = offsetServer(4);
    const rows = await collect(
      createOffsetWalk(server.fetchPage, "/v1/cost-explorer", {
        params: { query: { per_page: 2, page: 3 } },
      }),
    );
    expect(rows).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ["per_page", { per_page: 0 }],
    ["per_page", { per_page: 501 }],
    ["per_page", { per_page: 2.5 }],
    ["page", { page: 0 }],
  ])("an invalid %s is a BadRequestError before any request", async (field, query) => {
    const server = offsetServer(5);
    const error = await collect(
      createOffsetWalk(server.fetchPage, "/v1/cost-explorer", { params: { query } }),
    ).catch((e: unknown) => e);
    expect(isBadRequestError(error)).toBe(true);
    expect((error as { details: { field?: string }[] }).details[0]?.field).toBe(field);
    expect(server.requests).toHaveLength(0);
  });
});
