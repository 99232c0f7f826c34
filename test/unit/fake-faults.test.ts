import { Agent, request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  createFakeKubeadapt,
  type FakeKubeadapt,
  type FakeServer,
} from "../../src/testing/index.js";
import { templateFor, validateAgainstSpec } from "../helpers/spec-validator.js";

const AUTH = { authorization: "Bearer test-token" };

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec at run time
type Loose = any;

type Transport = { name: string; get: (path: string, init?: RequestInit) => Promise<Response> };
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function transports(fake: FakeKubeadapt): Promise<Transport[]> {
  const server = await fake.listen();
  servers.push(server);
  return [
    { name: "fetch", get: (path, init) => fake.fetch(path, { headers: AUTH, ...init }) },
    {
      name: "http",
      get: (path, init) => fetch(`${server.url}${path}`, { headers: AUTH, ...init }),
    },
  ];
}

// JSON responses must match the spec; the only exception is the 502 HTML page of a "gateway".
async function checked(res: Response, path: string) {
  const body = (await res.json()) as Loose;
  const template = templateFor(new URL(path, "http://x").pathname) ?? "";
  expect(validateAgainstSpec(template, res.status, body, res.headers).errors).toEqual([]);
  return body;
}

const fakeOf = (faults?: Parameters<typeof createFakeKubeadapt>[0]) =>
  createFakeKubeadapt({ seed: 5, sizes: { clusters: 2, workloads: 60 }, ...faults });

describe.each(["fetch", "http"])("faults over %s", (kind) => {
  const pick = async (fake: FakeKubeadapt) =>
    (await transports(fake)).find((t) => t.name === kind) as Transport;

  it("rateLimit: every N-th request is 429 RATE_LIMITED with Retry-After", async () => {
    const fake = fakeOf({ faults: { rateLimit: { every: 3, retryAfterSeconds: 2 } } });
    const t = await pick(fake);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.get("/v1/clusters");
      statuses.push(res.status);
      const body = await checked(res, "/v1/clusters");
      if (res.status === 429) {
        expect(res.headers.get("retry-after")).toBe("2");
        expect(body.error.code).toBe("RATE_LIMITED");
      }
    }
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
    expect(fake.requests.filter((r) => r.fault === "rate_limit")).toHaveLength(2);
  });

  it("serverErrors: 500 INTERNAL_ERROR and 503 SERVICE_UNAVAILABLE follow the spec", async () => {
    const fake = fakeOf({ faults: { serverErrors: { rate: 1 } } });
    const t = await pick(fake);
    let res = await t.get("/v1/workloads");
    expect(res.status).toBe(500);
    expect((await checked(res, "/v1/workloads")).error.code).toBe("INTERNAL_ERROR");
    fake.setFaults({ serverErrors: { rate: 1, status: 503, retryAfterSeconds: 0 } });
    res = await t.get("/v1/workloads");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("0");
    expect((await checked(res, "/v1/workloads")).error.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("serverErrors' 503 carries the Retry-After the spec requires: 0 when retryAfterSeconds is left out", async () => {
    const fake = fakeOf({ faults: { serverErrors: { rate: 1, status: 503 } } });
    const res = await (await pick(fake)).get("/v1/workloads");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("0");
  });

  it("serverErrors with status 502 answers an HTML page, as a gateway would", async () => {
    const fake = fakeOf({ faults: { serverErrors: { rate: 1, status: 502 } } });
    const res = await (await pick(fake)).get("/v1/workloads");
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("502 Bad Gateway");
  });

  it("dropConnections: the request fails with TypeError, and the log says dropped", async () => {
    const fake = fakeOf({ faults: { dropConnections: { rate: 1 } } });
    const t = await pick(fake);
    await expect(t.get("/v1/clusters")).rejects.toThrow(TypeError);
    expect(fake.requests[0]).toMatchObject({ outcome: "dropped", fault: "drop" });
    fake.setFaults(undefined);
    const res = await t.get("/v1/clusters");
    expect(res.status).toBe(200);
    await checked(res, "/v1/clusters");
  });

  it("latencyMs delays the response and honours the request's abort signal", async () => {
    const fake = fakeOf({ faults: { latencyMs: 40 } });
    const t = await pick(fake);
    let started = performance.now();
    const res = await t.get("/v1/organization");
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    await checked(res, "/v1/organization");
    fake.setFaults({ latencyMs: 5_000 });
    started = performance.now();
    await expect(
      t.get("/v1/organization", { signal: AbortSignal.timeout(30) }),
    ).rejects.toMatchObject({
      name: expect.stringMatching(/AbortError|TimeoutError/),
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect.poll(() => fake.requests.at(-1)?.outcome).toBe("aborted");
  });
});

describe("every-N faults", () => {
  it("serverErrors.every and dropConnections.every hit exactly every N-th request", async () => {
    const fake = fakeOf({
      faults: { serverErrors: { every: 3, status: 503 }, dropConnections: { every: 5 } },
    });
    const outcomes: (number | "drop")[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fake.fetch("/v1/clusters", { headers: AUTH }).catch(() => "drop" as const);
      outcomes.push(res === "drop" ? res : res.status);
    }
    expect(outcomes).toEqual([200, 200, 503, 200, "drop", 503, 200, 200, 503, "drop"]);
  });

  it("refuses an `every` that is not a positive integer", () => {
    expect(() => fakeOf({ faults: { serverErrors: { every: 0 } } })).toThrow(RangeError);
    expect(() => fakeOf({ faults: { dropConnections: { every: 2.5 } } })).toThrow(
      "faults.dropConnections.every must be a positive integer",
    );
  });

  it("refuses a Retry-After or a latency no server sends: negative, fractional, NaN, a range upside down", () => {
    for (const retryAfterSeconds of [-5, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
      expect(() => fakeOf({ faults: { rateLimit: { every: 1, retryAfterSeconds } } })).toThrow(
        "faults.rateLimit.retryAfterSeconds must be a whole number of seconds >= 0",
      );
      expect(() => fakeOf({ faults: { serverErrors: { every: 1, retryAfterSeconds } } })).toThrow(
        RangeError,
      );
    }
    for (const latencyMs of [-1, Number.NaN, { min: 50, max: 10 }, { min: Number.NaN, max: 1 }]) {
      expect(() => fakeOf({ faults: { latencyMs } })).toThrow("faults.latencyMs must be");
    }
    // The edges stay allowed: no wait, and a fixed delay written as a range.
    expect(() =>
      fakeOf({ faults: { rateLimit: { every: 1, retryAfterSeconds: 0 }, latencyMs: 0 } }),
    ).not.toThrow();
    expect(() => fakeOf({ faults: { latencyMs: { min: 5, max: 5 } } })).not.toThrow();
  });
});

describe("faults are deterministic and never touch data", () => {
  async function statuses(seed: number) {
    const fake = createFakeKubeadapt({
      seed,
      sizes: { workloads: 20 },
      faults: { serverErrors: { rate: 0.3 } },
    });
    const out: number[] = [];
    for (let i = 0; i < 40; i++)
      out.push((await fake.fetch("/v1/clusters", { headers: AUTH })).status);
    return out;
  }

  it("the same seed fails the same requests; roughly `rate` of them", async () => {
    const a = await statuses(9);
    expect(await statuses(9)).toEqual(a);
    const failed = a.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(4);
    expect(failed).toBeLessThan(24);
  });

  it("setFaults restarts the sequence, and the data served is unchanged", async () => {
    const fake = fakeOf({ faults: { rateLimit: { every: 2 } } });
    const clean = fakeOf();
    const get = async (f: FakeKubeadapt) => {
      for (;;) {
        const res = await f.fetch("/v1/workloads?limit=500", { headers: AUTH });
        if (res.status === 200) return checked(res, "/v1/workloads");
      }
    };
    expect((await get(fake)).data).toEqual((await get(clean)).data);
    expect(fake.faults).toEqual({ rateLimit: { every: 2 } });
    fake.setFaults({ rateLimit: { every: 1 } });
    expect((await fake.fetch("/v1/clusters", { headers: AUTH })).status).toBe(429);
  });

  it("rejects impossible fault settings", () => {
    const fake = fakeOf();
    expect(() => fake.setFaults({ serverErrors: { rate: 2 } })).toThrow(RangeError);
    expect(() => fake.setFaults({ rateLimit: { every: 0 } })).toThrow(RangeError);
  });
});

describe("the HTTP server", () => {
  it("serves a full cursor walk and closes without hanging on keep-alive sockets", async () => {
    const fake = fakeOf();
    const server = await fake.listen({ port: 0, host: "127.0.0.1" });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const agent = new Agent({ keepAlive: true });
    const get = (path: string) =>
      new Promise<{ status: number; body: Loose }>((resolve, reject) => {
        httpRequest(`${server.url}${path}`, { agent, headers: AUTH }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => {
            text += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        })
          .on("error", reject)
          .end();
      });
    const ids: string[] = [];
    let cursor = "";
    do {
      const path = `/v1/workloads?limit=25${cursor ? `&cursor=${cursor}` : ""}`;
      const { status, body } = await get(path);
      expect(status).toBe(200);
      expect(validateAgainstSpec("/v1/workloads", status, body).errors).toEqual([]);
      ids.push(...body.data.map((w: { id: string }) => w.id));
      cursor = body.meta.pagination.next_cursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(60);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    agent.destroy();
  });
});
