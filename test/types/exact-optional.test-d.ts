// Compiled with `exactOptionalPropertyTypes` too (test/types/tsconfig.exact.json, run by
// `npm run typecheck`): an optional value that may be undefined is taken wherever the runtime
// takes it (a query parameter left out, an option at its default).
import { describe, expectTypeOf, it } from "vitest";
import type { GetInit, Kubeadapt, PaginateInit, Paginator, Workload } from "../../src/index.js";
import {
  createFakeKubeadapt,
  type FakeFaults,
  type FakeKubeadaptOptions,
  type ListenOptions,
} from "../../src/testing/index.js";

declare const ka: Kubeadapt;
declare const namespace: string | undefined;
declare const limit: number | undefined;
declare const seed: number | undefined;
declare const port: number | undefined;
declare const query: { namespace?: string } | undefined;
declare const headers: Record<string, string> | undefined;
declare const signal: AbortSignal | undefined;
declare const clusterId: string | undefined;

describe("under exactOptionalPropertyTypes", () => {
  it("a query parameter may be undefined, in get, paginate and their inits", () => {
    void ka.get("/v1/workloads", { params: { query: { namespace, limit } } });
    expectTypeOf(
      ka.paginate("/v1/workloads", { params: { query: { namespace, limit } } }),
    ).toEqualTypeOf<Paginator<Workload>>();
    void ka.paginateOffset("/v1/cost-explorer", {
      params: { query: { group_by: "namespace", per_page: limit } },
    });
    const init: GetInit<"/v1/workloads"> = { params: { query: { namespace } } };
    const walk: PaginateInit<"/v1/workloads"> = { params: { query: { namespace } } };
    void init;
    void walk;
  });

  it("get's own options, params and query may be undefined", () => {
    void ka.get("/v1/workloads", { signal });
    void ka.get("/v1/workloads", { headers });
    void ka.get("/v1/workloads", { params: undefined });
    void ka.get("/v1/workloads", { params: { query } });
    void ka.get("/v1/workloads", { params: { query: undefined }, signal, headers });
    void ka.get("/v1/workloads", { querySerializer: undefined, middleware: undefined });
    void ka.get("/v1/clusters/{cluster_id}", {
      params: { path: { cluster_id: "c" }, query: undefined },
    });
    void ka.paginate("/v1/workloads", { params: { query }, signal });
    void ka.paginate("/v1/workloads", { params: undefined });
    void ka.paginateOffset("/v1/cost-explorer", { params: { query: undefined } });
    const init: GetInit<"/v1/workloads"> = { params: { query }, headers, signal };
    const walk: PaginateInit<"/v1/workloads"> = { params: { query: undefined } };
    void init;
    void walk;
  });

  it("invalid calls stay refused", () => {
    // @ts-expect-error: no such query parameter
    void ka.get("/v1/workloads", { params: { query: { nope: 1 } } });
    // @ts-expect-error: a query parameter of the wrong type
    void ka.get("/v1/workloads", { params: { query: { limit: "5" } } });
    // @ts-expect-error: a required path parameter may not be undefined
    void ka.get("/v1/clusters/{cluster_id}", { params: { path: { cluster_id: clusterId } } });
    // @ts-expect-error: nor may the params that hold it
    void ka.get("/v1/clusters/{cluster_id}", { params: undefined });
    // @ts-expect-error: nor its path
    void ka.get("/v1/clusters/{cluster_id}", { params: { path: undefined } });
    // @ts-expect-error: a per-call fetch
    void ka.get("/v1/workloads", { fetch });
    // @ts-expect-error: an option of the wrong type
    void ka.get("/v1/workloads", { signal: "x" });
    // @ts-expect-error: a path that is none of the API's
    void ka.get("/v1/nope", { signal });
    const nodes = "/v1/clusters/{cluster_id}/nodes";
    // @ts-expect-error: a required path parameter may not be undefined in a walk either
    void ka.paginate(nodes, { params: { path: { cluster_id: clusterId } } });
  });

  it("the fake's options may be undefined", async () => {
    const options: FakeKubeadaptOptions = {
      seed,
      sizes: { workloads: seed },
      token: undefined,
      faults: { serverErrors: { every: seed, status: undefined }, latencyMs: undefined },
    };
    const faults: FakeFaults = { rateLimit: { every: 2, retryAfterSeconds: seed } };
    const listen: ListenOptions = { port, host: undefined };
    const fake = createFakeKubeadapt(options);
    fake.setFaults(faults);
    void fake.listen(listen);
  });
});
