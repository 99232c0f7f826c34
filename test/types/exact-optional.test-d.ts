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
