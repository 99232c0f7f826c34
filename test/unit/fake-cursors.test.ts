import { describe, expect, it } from "vitest";
import { createFakeKubeadapt, type FakeKubeadapt } from "../../src/testing/index.js";
import type { Workload } from "../../src/types.js";
import { templateFor, validateAgainstSpec } from "../helpers/spec-validator.js";

const AUTH = { authorization: "Bearer test-token" };
const DAY_MS = 24 * 60 * 60 * 1000;

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec at run time
type Loose = any;

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("fixture not found in the data set");
  return value;
}

// Every response in this file is checked against the bundled spec before it is used.
async function call(fake: FakeKubeadapt, path: string) {
  const res = await fake.fetch(path, { headers: AUTH });
  const body = (await res.json()) as Loose;
  const template = must(templateFor(new URL(path, fake.baseUrl).pathname));
  expect(validateAgainstSpec(template, res.status, body, res.headers).errors).toEqual([]);
  return { status: res.status, body };
}

const fakeOf = (options: Parameters<typeof createFakeKubeadapt>[0] = {}) =>
  createFakeKubeadapt({ seed: 11, sizes: { clusters: 2, workloads: 120 }, ...options });

async function firstCursor(fake: FakeKubeadapt, query = "limit=10"): Promise<string> {
  const { body } = await call(fake, `/v1/workloads?${query}`);
  expect(body.meta.pagination.has_more).toBe(true);
  return body.meta.pagination.next_cursor;
}

function decodePayload(cursor: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
}

describe("cursors are opaque, signed and bound to their query", () => {
  it("are base64url JSON recording the last item's sort value and id, the query hash and issue time", async () => {
    const fake = fakeOf();
    const { body } = await call(fake, "/v1/workloads?limit=10");
    const last = body.data[9];
    const payload = decodePayload(body.meta.pagination.next_cursor);
    expect(payload).toMatchObject({
      v: 1,
      after_id: last.id,
      after_value: last.cost.current_run_rate_hourly.amount,
      query_hash: expect.any(String),
      issued_at: fake.clock.now(),
    });
  });

  it("a modified cursor is 400 INVALID_CURSOR with details[0].field = cursor", async () => {
    const fake = fakeOf();
    const cursor = await firstCursor(fake);
    const payload = decodePayload(cursor);
    const forged = Buffer.from(JSON.stringify({ ...payload, after_value: "0.0000" })).toString(
      "base64url",
    );
    const flipped = cursor.slice(0, 20) + (cursor[20] === "A" ? "B" : "A") + cursor.slice(21);
    for (const bad of [forged, flipped, `${cursor}x`, "abc", "!!!", ""]) {
      const { status, body } = await call(
        fake,
        `/v1/workloads?limit=10&cursor=${encodeURIComponent(bad)}`,
      );
      expect(status, bad).toBe(400);
      expect(body.error.code).toBe("INVALID_CURSOR");
      expect(body.error.details[0].field).toBe("cursor");
    }
  });

  it("a cursor signed with another secret is 400 INVALID_CURSOR; the same secret accepts it", async () => {
    const cursor = await firstCursor(fakeOf({ secret: "one" }));
    expect(
      (await call(fakeOf({ secret: "two" }), `/v1/workloads?limit=10&cursor=${cursor}`)).status,
    ).toBe(400);
    expect(
      (await call(fakeOf({ secret: "one" }), `/v1/workloads?limit=10&cursor=${cursor}`)).status,
    ).toBe(200);
  });

  for (const [change, next] of [
    ["limit", "limit=20"],
    ["a filter added", "limit=10&kind=Deployment"],
    ["cost_mode", "limit=10&cost_mode=direct"],
    ["an explicit default cost_mode (not byte-identical)", "limit=10&cost_mode=fully_loaded"],
  ]) {
    it(`changing ${change} between pages is 410 CURSOR_EXPIRED reason query_changed`, async () => {
      const fake = fakeOf();
      const cursor = await firstCursor(fake);
      const { status, body } = await call(fake, `/v1/workloads?${next}&cursor=${cursor}`);
      expect(status).toBe(410);
      expect(body.error.code).toBe("CURSOR_EXPIRED");
      expect(body.error.details[0].reason).toBe("query_changed");
    });
  }

  it("a cursor from one endpoint is query_changed on another", async () => {
    const fake = fakeOf();
    const cursor = await firstCursor(fake);
    const cluster = must(fake.data.clusters[0]).id;
    const { status, body } = await call(
      fake,
      `/v1/clusters/${cluster}/workloads?limit=10&cursor=${cursor}`,
    );
    expect(status).toBe(410);
    expect(body.error.details[0].reason).toBe("query_changed");
  });

  it("parameter order does not matter", async () => {
    const fake = fakeOf();
    const cursor = await firstCursor(fake, "limit=10&kind=Deployment&cost_mode=direct");
    const { status } = await call(
      fake,
      `/v1/workloads?cost_mode=direct&kind=Deployment&limit=10&cursor=${cursor}`,
    );
    expect(status).toBe(200);
  });

  it("include_total may change between pages", async () => {
    const fake = fakeOf();
    const cursor = await firstCursor(fake);
    const on = await call(fake, `/v1/workloads?limit=10&cursor=${cursor}&include_total=true`);
    expect(on.status).toBe(200);
    expect(on.body.meta.pagination.total_count).toBe(120);
    const next = on.body.meta.pagination.next_cursor;
    const off = await call(fake, `/v1/workloads?limit=10&cursor=${next}`);
    expect(off.status).toBe(200);
    expect(off.body.meta.pagination).not.toHaveProperty("total_count");
  });
});

describe("cursors expire after 24 hours by the fake clock", () => {
  it("is valid at exactly 24 h and 410 reason expired at 24 h + 1 ms", async () => {
    const fake = fakeOf();
    const cursor = await firstCursor(fake);
    fake.clock.advance(DAY_MS);
    expect((await call(fake, `/v1/workloads?limit=10&cursor=${cursor}`)).status).toBe(200);
    fake.clock.advance(1);
    const { status, body } = await call(fake, `/v1/workloads?limit=10&cursor=${cursor}`);
    expect(status).toBe(410);
    expect(body.error).toMatchObject({ code: "CURSOR_EXPIRED", details: [{ reason: "expired" }] });
  });

  it("follows an injected time source", async () => {
    let now = Date.UTC(2030, 0, 1);
    const fake = fakeOf({ now: () => now });
    const cursor = await firstCursor(fake);
    expect(decodePayload(cursor).issued_at).toBe(now);
    now += DAY_MS + 1;
    expect((await call(fake, `/v1/workloads?limit=10&cursor=${cursor}`)).status).toBe(410);
    const { body } = await call(fake, "/v1/organization");
    expect(body.meta.applied_at).toBe("2030-01-02T00:00:00Z");
  });
});

describe("positions survive changes to the data between pages", () => {
  it("inserts and deletes neither skip nor repeat the items that remain", async () => {
    const fake = fakeOf();
    const page1 = await call(fake, "/v1/workloads?limit=40");
    const seen: Workload[] = page1.body.data;
    const cursor = page1.body.meta.pagination.next_cursor;
    const lastSeen = must(seen[seen.length - 1]);
    const template = must(fake.data.workloads[0]);
    const clone = (id: string, amount: string): Workload => ({
      ...template,
      id,
      cost: { ...template.cost, current_run_rate_hourly: { amount, currency: "USD" } },
    });
    fake.mutate((data) => {
      // Remove the cursor's own item and one already seen; add one before and one after the position.
      data.workloads = data.workloads.filter(
        (w) => w.id !== lastSeen.id && w.id !== must(seen[0]).id,
      );
      data.workloads.push(clone("ffffffff-0000-4000-8000-000000000001", "999999.0000"));
      data.workloads.push(clone("00000000-0000-4000-8000-000000000002", "0.0000"));
    });
    const rest: Workload[] = [];
    let next = cursor;
    while (next) {
      const { status, body } = await call(fake, `/v1/workloads?limit=40&cursor=${next}`);
      expect(status).toBe(200);
      rest.push(...body.data);
      next = body.meta.pagination.next_cursor;
    }
    const seenIds = new Set(seen.map((w) => w.id));
    const restIds = rest.map((w) => w.id);
    expect(restIds.some((id) => seenIds.has(id))).toBe(false);
    expect(new Set(restIds).size).toBe(restIds.length);
    const expected = fake.data.workloads.filter(
      (w) => !seenIds.has(w.id) && w.id !== "ffffffff-0000-4000-8000-000000000001",
    );
    expect([...restIds].sort()).toEqual(expected.map((w) => w.id).sort());
    expect(restIds).toContain("00000000-0000-4000-8000-000000000002");
  });
});
