import { describe, expectTypeOf, it } from "vitest";
import {
  createCursorWalk,
  createOffsetWalk,
  type FetchPage,
  type Page,
  type Paginator,
} from "../../src/paginate.js";
import type { CostExplorerRow, Recommendation, Workload } from "../../src/types.js";

declare const fp: FetchPage;

describe("createCursorWalk types", () => {
  it("infers the item type from the path", () => {
    expectTypeOf(createCursorWalk(fp, "/v1/workloads")).toEqualTypeOf<Paginator<Workload>>();
    expectTypeOf(createCursorWalk(fp, "/v1/recommendations")).toEqualTypeOf<
      Paginator<Recommendation>
    >();
  });

  it("infers the page type from the path", () => {
    const pages = createCursorWalk(fp, "/v1/workloads").pages();
    expectTypeOf(pages).toEqualTypeOf<AsyncIterable<Page<Workload>>>();
    expectTypeOf(createCursorWalk(fp, "/v1/workloads").toArray({ max: 5 })).toEqualTypeOf<
      Promise<Workload[]>
    >();
  });

  it("accepts only cursor-paginated list paths", () => {
    // @ts-expect-error node groups are not paginated
    createCursorWalk(fp, "/v1/node-groups");
    // @ts-expect-error a single-resource GET is not a list
    createCursorWalk(fp, "/v1/clusters/{cluster_id}", { params: { path: { cluster_id: "c" } } });
    // @ts-expect-error Cost Explorer uses the offset walk
    createCursorWalk(fp, "/v1/cost-explorer");
  });

  it("types params like GET: required path params, typed query", () => {
    createCursorWalk(fp, "/v1/clusters/{cluster_id}/workloads", {
      params: { path: { cluster_id: "c" }, query: { limit: 10, kind: "Deployment" } },
    });
    // @ts-expect-error cluster_id is required
    createCursorWalk(fp, "/v1/clusters/{cluster_id}/workloads");
    // @ts-expect-error limit is a number
    createCursorWalk(fp, "/v1/workloads", { params: { query: { limit: "10" } } });
    // @ts-expect-error no such filter on workloads
    createCursorWalk(fp, "/v1/workloads", { params: { query: { provider: "aws" } } });
    // @ts-expect-error onCursorExpired is "throw" or "restart"
    createCursorWalk(fp, "/v1/workloads", { onCursorExpired: "retry" });
  });

  it("toArray needs max", () => {
    // @ts-expect-error max is required
    createCursorWalk(fp, "/v1/workloads").toArray({});
  });
});

describe("createOffsetWalk types", () => {
  it("walks Cost Explorer rows", () => {
    expectTypeOf(createOffsetWalk(fp, "/v1/cost-explorer")).toEqualTypeOf<
      Paginator<CostExplorerRow>
    >();
    createOffsetWalk(fp, "/v1/cost-explorer", { params: { query: { per_page: 50, page: 2 } } });
  });

  it("accepts only the offset-paginated path and no cursor options", () => {
    // @ts-expect-error workloads use cursor pagination
    createOffsetWalk(fp, "/v1/workloads");
    // @ts-expect-error offset walks have no cursor
    createOffsetWalk(fp, "/v1/cost-explorer", { cursor: "abc" });
  });
});
