import { describe, expect, it } from "vitest";
import { runContract } from "../../src/contract/index.js";
import { badValues, goodValues } from "../../src/contract/param-values.js";
import { headerViolations } from "../../src/contract/response-headers.js";
import { mulberry32 } from "../../src/internal/prng.js";
import { parametersOf, type SpecParameter, spec } from "../../src/spec/document.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";

const param = (p: Partial<SpecParameter> & { schema: Record<string, unknown> }): SpecParameter => ({
  name: "p",
  in: "query",
  ...p,
});

const limit = () => {
  const found = parametersOf("/v1/workloads").find((p) => p.name === "limit");
  if (!found) throw new Error("no limit parameter");
  return found;
};

describe("values generated from a parameter's schema", () => {
  it("breaks limit every documented way: non-integers, out of range, empty", () => {
    expect(badValues(limit()).map((b) => b.value)).toEqual(["2.5", "20abc", "abc", "0", "501", ""]);
    expect(goodValues(limit(), mulberry32(1))).toEqual(["1", "500", "100"]);
  });

  it("covers a parameter the suite has never seen, from its schema alone", () => {
    const size = param({ name: "size", schema: { type: "integer", minimum: 2, maximum: 9 } });
    expect(badValues(size).map((b) => b.value)).toEqual(["2.5", "20abc", "abc", "1", "10", ""]);
    const color = param({ name: "color", schema: { type: "string", enum: ["red", "blue"] } });
    expect(badValues(color).map((b) => b.value)).toEqual(["not_in_enum", "RED", ""]);
    expect(goodValues(color, mulberry32(1))).toEqual(["red", "blue"]);
  });

  it("never empties a path parameter (that would change the path) and needs ids for it", () => {
    const id = param({
      name: "cluster_id",
      in: "path",
      schema: { type: "string", format: "uuid" },
    });
    expect(badValues(id).map((b) => b.value)).not.toContain("");
    expect(goodValues(id, mulberry32(1))).toEqual([]);
  });

  it("accepts any string where the schema does (no broken value for a plain string)", () => {
    expect(badValues(param({ schema: { type: "string" } }))).toEqual([]);
  });
});

describe("header assertions on every response", () => {
  const subject = (headers: Record<string, string>, status = 200) => ({
    label: "GET /v1/workloads",
    template: "/v1/workloads",
    status,
    headers: new Headers(headers),
  });

  it("accepts application/json with a charset", () => {
    expect(
      headerViolations(subject({ "content-type": "application/json; charset=utf-8" })),
    ).toEqual([]);
  });

  it("reports another media type or none", () => {
    expect(headerViolations(subject({ "content-type": "text/plain" }))).toEqual([
      'GET /v1/workloads → 200: Content-Type is "text/plain", expected application/json',
    ]);
    expect(headerViolations(subject({}))[0]).toContain("Content-Type is missing");
  });

  it("reports an X-Request-Id other than the body's meta.request_id", () => {
    const sent = { "content-type": "application/json", "x-request-id": "req_01GATEWAY" };
    const body = { meta: { request_id: "req_01API" } };
    expect(headerViolations({ ...subject(sent), body })).toEqual([
      'GET /v1/workloads → 200: X-Request-Id is "req_01GATEWAY", but meta.request_id is "req_01API"',
    ]);
  });

  it("accepts an X-Request-Id equal to meta.request_id, and none (the header is optional)", () => {
    const body = { meta: { request_id: "req_01API" } };
    const sent = { "content-type": "application/json", "x-request-id": "req_01API" };
    expect(headerViolations({ ...subject(sent), body })).toEqual([]);
    expect(headerViolations({ ...subject({ "content-type": "application/json" }), body })).toEqual(
      [],
    );
  });

  it("does not compare the ids of a Prism mock, which takes the header from the spec's example", () => {
    const sent = { "content-type": "application/json", "x-request-id": "req_01EXAMPLE" };
    const body = { meta: { request_id: "req_01API" } };
    expect(headerViolations({ ...subject(sent), body }, true)).toEqual([]);
  });

  it("reports a 429 without Retry-After", () => {
    expect(headerViolations(subject({ "content-type": "application/json" }, 429))).toEqual([
      "GET /v1/workloads → 429: no Retry-After header",
    ]);
  });
});

describe("checks driven by the spec fail loudly where the spec says too little", () => {
  const fake = createFakeKubeadapt({ sizes: { workloads: 40 } });
  const options = { baseUrl: fake.baseUrl, token: "t", fetch: fake.fetch, rate: 0 };

  it("reports a filter parameter that does not name its item field", async () => {
    const parameters = spec.paths["/v1/clusters"]?.get?.parameters ?? [];
    parameters.push({ name: "team", in: "query", schema: { type: "string" } });
    try {
      const report = await runContract({ ...options, only: ["filters"] });
      expect(report.checks[0]?.violations).toContain(
        "/v1/clusters: query parameter team is a filter with no x-filter-field in the spec, so the suite cannot check it",
      );
    } finally {
      parameters.pop();
    }
  });

  it("sends the same generated requests for the same seed, others for another", {
    timeout: 30_000,
  }, async () => {
    const urls = async (seed: number) => {
      fake.resetRequests();
      await runContract({ ...options, only: ["parameter-values"], seed });
      return fake.requests.map(
        (r) => `${r.path}?${new URLSearchParams(r.query as Record<string, string>)}`,
      );
    };
    const first = await urls(1);
    expect(await urls(1)).toEqual(first);
    expect(await urls(2)).not.toEqual(first);
  });
});
