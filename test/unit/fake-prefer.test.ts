import { describe, expect, it } from "vitest";
import { namedExamples } from "../../src/spec/named-examples.js";
import { createFakeKubeadapt, fakeContractHooks } from "../../src/testing/index.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Loose = any;

const example = (path: string, status: number, name: string) =>
  namedExamples().find((e) => e.path === path && e.status === status && e.name === name)?.value;

function get(fake = createFakeKubeadapt({ token: "t" }), prefer?: string, auth = "Bearer t") {
  const headers: Record<string, string> = { authorization: auth };
  if (prefer) headers.prefer = prefer;
  return fake.fetch("/v1/workloads?limit=2", { headers });
}

describe("the fake and Prism's Prefer header", () => {
  it("ignores Prefer by default, as a real server does", async () => {
    const fake = createFakeKubeadapt({ token: "t" });
    expect(fake.honorPrefer).toBe(false);
    const res = await get(fake, "code=410, example=query_changed");
    expect(res.status).toBe(200);
    expect(((await res.json()) as Loose).data).toHaveLength(2);
  });

  it("with honorPrefer, serves the documented status and exactly the named example", async () => {
    const fake = createFakeKubeadapt({ token: "t", honorPrefer: true });
    const res = await get(fake, "code=410, example=query_changed");
    expect(res.status).toBe(410);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(example("/v1/workloads", 410, "query_changed"));
    const last = await get(fake, "code=200, example=last_page");
    expect(await last.json()).toEqual(example("/v1/workloads", 200, "last_page"));
  });

  it("serves the first example of the status when no name is given", async () => {
    const fake = createFakeKubeadapt({ token: "t", honorPrefer: true });
    expect(await (await get(fake, "code=410")).json()).toEqual(
      example("/v1/workloads", 410, "expired"),
    );
  });

  it("sends the documented headers with their example values (429 Retry-After)", async () => {
    const fake = createFakeKubeadapt({ token: "t", honorPrefer: true });
    const res = await get(fake, "code=429, example=rate_limited");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
  });

  it("sends X-Request-Id equal to the example's meta.request_id, not the header's example", async () => {
    const fake = createFakeKubeadapt({ token: "t", honorPrefer: true });
    const res = await get(fake, "code=410, example=query_changed");
    expect(res.headers.get("x-request-id")).toBe("req_01J5K3V0Q7Y4XR8A2B3C5D7E9G");
    expect(((await res.json()) as Loose).meta.request_id).toBe("req_01J5K3V0Q7Y4XR8A2B3C5D7E9G");
  });

  it("answers a status or example the spec does not document with 500 naming it", async () => {
    const fake = createFakeKubeadapt({ token: "t", honorPrefer: true });
    for (const [prefer, named] of [
      ["code=418", "Prefer: 418 is not documented for /v1/workloads"],
      ["code=410, example=nope", "Prefer: example nope of 410 is not documented for /v1/workloads"],
    ] as const) {
      const res = await get(fake, prefer);
      expect(res.status).toBe(500);
      expect(((await res.json()) as Loose).error).toMatchObject({
        code: "INTERNAL_ERROR",
        message: named,
      });
    }
  });

  it("still checks the token first", async () => {
    const fake = createFakeKubeadapt({ token: "t", honorPrefer: true });
    const res = await get(fake, "code=200, example=page_1", "Bearer other");
    expect(res.status).toBe(401);
  });

  it("exempts a request that selects its response from injected faults, and only that one", async () => {
    const fake = createFakeKubeadapt({
      token: "t",
      honorPrefer: true,
      faults: { rateLimit: { every: 1 } },
    });
    expect((await get(fake, "code=400, example=invalid_cursor")).status).toBe(400);
    expect((await get(fake)).status).toBe(429);
    expect(fake.requests.map((r) => r.fault)).toEqual([undefined, "rate_limit"]);
  });

  it("fakeContractHooks serves examples only inside servingNamedExamples, even when it throws", async () => {
    const fake = createFakeKubeadapt({ token: "t" });
    const hooks = fakeContractHooks(fake);
    const inside = await hooks.servingNamedExamples(
      async () => (await get(fake, "code=403")).status,
    );
    expect(inside).toBe(403);
    await expect(
      hooks.servingNamedExamples(async () => {
        throw new Error("check failed");
      }),
    ).rejects.toThrow("check failed");
    expect(fake.honorPrefer).toBe(false);
    expect((await get(fake, "code=403")).status).toBe(200);
    fake.setHonorPrefer(true);
    expect((await get(fake, "code=403")).status).toBe(403);
  });
});
