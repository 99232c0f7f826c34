import { describe, expectTypeOf, it } from "vitest";
import {
  type Cluster,
  type CostExplorerRow,
  createKubeadapt,
  type ErrorCode,
  type GetArgs,
  type GetData,
  type GetInit,
  type GetPath,
  type Kubeadapt,
  type KubeadaptError,
  type Organization,
  type Paginator,
  type Workload,
} from "../../src/index.js";

declare const ka: Kubeadapt;
declare const other: Kubeadapt;
const id = "0b6f1f6e-0000-4000-8000-000000000001";

describe("createKubeadapt", () => {
  it("takes only known options, all optional", () => {
    expectTypeOf(createKubeadapt()).toEqualTypeOf<Kubeadapt>();
    createKubeadapt({ token: "t", baseUrl: "https://x", maxRetries: 1, timeoutMs: 5, headers: {} });
    createKubeadapt({ headers: new Headers({ "x-a": "b" }) });
    createKubeadapt({ headers: [["x-a", "b"]] });
    // @ts-expect-error: headers are what `new Headers()` takes
    createKubeadapt({ headers: 5 });
    // @ts-expect-error: maxRetries is a number
    createKubeadapt({ maxRetries: "2" });
    // @ts-expect-error: unknown option
    createKubeadapt({ retries: 2 });
  });

  it("exposes no token property", () => {
    // @ts-expect-error: the token lives in a closure only
    void ka.token;
  });
});

describe("ka.get", () => {
  it("returns the data type of the path", () => {
    expectTypeOf(
      ka.get("/v1/clusters/{cluster_id}", { params: { path: { cluster_id: id } } }),
    ).resolves.toEqualTypeOf<Cluster>();
    expectTypeOf(ka.get("/v1/organization")).resolves.toEqualTypeOf<Organization>();
    expectTypeOf(ka.get("/v1/workloads")).resolves.toEqualTypeOf<Workload[]>();
  });

  it("requires init when the path has path parameters", () => {
    // @ts-expect-error: cluster_id is required
    void ka.get("/v1/clusters/{cluster_id}");
    // @ts-expect-error: cluster_id is required
    void ka.get("/v1/clusters/{cluster_id}", { params: { path: {} } });
  });

  it("checks query parameter types", () => {
    void ka.get("/v1/workloads", { params: { query: { limit: 500 } } });
    // @ts-expect-error: limit is a number
    void ka.get("/v1/workloads", { params: { query: { limit: "500" } } });
    // @ts-expect-error: no such query parameter
    void ka.get("/v1/workloads", { params: { query: { nope: 1 } } });
  });

  it("accepts only paths that have a GET", () => {
    // @ts-expect-error: not a path of the API
    void ka.get("/v1/nope");
  });

  it("reports a wrong path as the path, not as a missing init", () => {
    // A call whose path is no GetPath infers P as all of them: init must then be optional, so
    // the error is "not assignable to parameter of type 'GetPath'", not "Expected 2 arguments".
    expectTypeOf<[GetPath]>().toMatchTypeOf<GetArgs<GetPath>>();
    expectTypeOf<[path: "/v1/clusters/{cluster_id}"]>().not.toMatchTypeOf<
      GetArgs<"/v1/clusters/{cluster_id}">
    >();
  });

  it("takes no per-call fetch, which would bypass the token, retries and timeout", () => {
    // @ts-expect-error: set KubeadaptOptions.fetch instead
    void ka.get("/v1/workloads", { fetch: globalThis.fetch });
    expectTypeOf<"fetch">().not.toMatchTypeOf<keyof NonNullable<GetInit<"/v1/workloads">>>();
    void ka.get("/v1/workloads", { params: { query: { limit: 5 } }, headers: { "x-a": "b" } });
  });

  it("forwards generically through GetArgs and GetInit", () => {
    const getAny = <P extends GetPath>(...args: GetArgs<P>): Promise<GetData<P>> => ka.get(...args);
    const getWorkloads = (init?: GetInit<"/v1/workloads">) => ka.get("/v1/workloads", init);
    expectTypeOf(getAny("/v1/organization")).resolves.toEqualTypeOf<Organization>();
    expectTypeOf(getWorkloads()).resolves.toEqualTypeOf<Workload[]>();
  });
});

describe("the Kubeadapt object", () => {
  it("is frozen, and typed so: its members are readonly", () => {
    // @ts-expect-error: get is readonly
    ka.get = other.get;
    // @ts-expect-error: paginate is readonly
    ka.paginate = other.paginate;
    // @ts-expect-error: paginateOffset is readonly
    ka.paginateOffset = other.paginateOffset;
    // @ts-expect-error: client is readonly
    ka.client = other.client;
  });
});

describe("ka.client", () => {
  it("is the openapi-fetch client typed from the spec", async () => {
    const { data, error } = await ka.client.GET("/v1/clusters/{cluster_id}", {
      params: { path: { cluster_id: id } },
    });
    expectTypeOf(data?.data).toEqualTypeOf<Cluster | undefined>();
    expectTypeOf(error?.error.code).toEqualTypeOf<
      | "BAD_REQUEST"
      | "INVALID_CURSOR"
      | "UNAUTHORIZED"
      | "FORBIDDEN"
      | "NOT_FOUND"
      | "CURSOR_EXPIRED"
      | "RATE_LIMITED"
      | "INTERNAL_ERROR"
      | "SERVICE_UNAVAILABLE"
      | undefined
    >();
  });
});

describe("ka.paginate / ka.paginateOffset", () => {
  it("yields the item type of the list", () => {
    expectTypeOf(ka.paginate("/v1/workloads")).toEqualTypeOf<Paginator<Workload>>();
    expectTypeOf(
      ka.paginate("/v1/clusters/{cluster_id}/workloads", { params: { path: { cluster_id: id } } }),
    ).toEqualTypeOf<Paginator<Workload>>();
    expectTypeOf(
      ka.paginateOffset("/v1/cost-explorer", { params: { query: { group_by: "namespace" } } }),
    ).toEqualTypeOf<Paginator<CostExplorerRow>>();
  });

  it("accepts only paginated paths of the right kind", () => {
    // @ts-expect-error: a single resource is not a list
    void ka.paginate("/v1/clusters/{cluster_id}", { params: { path: { cluster_id: id } } });
    // @ts-expect-error: Cost Explorer uses offset pagination
    void ka.paginate("/v1/cost-explorer");
    // @ts-expect-error: a cursor list is not an offset list
    void ka.paginateOffset("/v1/workloads");
  });
});

describe("errors", () => {
  it("carry typed fields", () => {
    expectTypeOf<KubeadaptError["status"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<KubeadaptError["requestId"]>().toEqualTypeOf<string | undefined>();
  });

  it("type code from the spec's catalog, and take a newer server's code too", () => {
    type Code = Exclude<KubeadaptError["code"], undefined>;
    // Plain `string` has no catalog literals left in it to offer (Extract gives never).
    expectTypeOf<Extract<Code, ErrorCode>>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<"CURSOR_EXPIRED">().toMatchTypeOf<Code>();
    expectTypeOf<"A_CODE_ADDED_LATER">().toMatchTypeOf<Code>();
    expectTypeOf<KubeadaptError["code"]>().toMatchTypeOf<string | undefined>();
  });
});
