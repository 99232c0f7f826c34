import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CursorPaginatedPath,
  createKubeadapt,
  isCursorExpiredError,
  type Kubeadapt,
} from "../../src/index.js";
import { createFakeKubeadapt, type FakeDataset, type FakeServer } from "../../src/testing/index.js";

// Small enough that every family walks in several pages at limit 25, in well under a second.
const fake = createFakeKubeadapt({
  seed: 7,
  sizes: {
    clusters: 3,
    workloads: 180,
    maxPodsPerWorkload: 9,
    recommendations: 70,
    teams: 6,
    maxAssignmentsPerTeam: 30,
  },
});
const data = fake.data;
const cluster = data.clusters[0]?.id as string;
const workload = data.workloads.find((w) =>
  data.pods.some((p) => p.metadata.workload_uid === w.id),
);
const team = data.teams.find((t) => data.assignments.some((a) => a.metadata.team_id === t.id));

interface Family {
  path: CursorPaginatedPath;
  pathParams?: Record<string, string>;
  expected: (d: FakeDataset) => { id: string }[];
}

// Every cursor-paginated family, with the items the fake holds for it (in any order).
const FAMILIES: Family[] = [
  { path: "/v1/clusters", expected: (d) => d.clusters },
  { path: "/v1/namespaces", expected: (d) => d.namespaces },
  {
    path: "/v1/clusters/{cluster_id}/namespaces",
    pathParams: { cluster_id: cluster },
    expected: (d) => d.namespaces.filter((n) => n.metadata.cluster.id === cluster),
  },
  { path: "/v1/workloads", expected: (d) => d.workloads },
  {
    path: "/v1/clusters/{cluster_id}/workloads",
    pathParams: { cluster_id: cluster },
    expected: (d) => d.workloads.filter((w) => w.metadata.cluster.id === cluster),
  },
  {
    path: "/v1/workloads/{workload_uid}/pods",
    pathParams: { workload_uid: workload?.id as string },
    expected: (d) => d.pods.filter((p) => p.metadata.workload_uid === workload?.id),
  },
  {
    path: "/v1/clusters/{cluster_id}/nodes",
    pathParams: { cluster_id: cluster },
    expected: (d) => d.nodes.filter((n) => n.metadata.cluster.id === cluster),
  },
  { path: "/v1/recommendations", expected: (d) => d.recommendations },
  { path: "/v1/teams", expected: (d) => d.teams },
  { path: "/v1/departments", expected: (d) => d.departments },
  {
    path: "/v1/teams/{team_id}/assignments",
    pathParams: { team_id: team?.id as string },
    expected: (d) => d.assignments.filter((a) => a.metadata.team_id === team?.id),
  },
];

type LooseWalk = (path: string, init: object) => AsyncIterable<{ id: string }>;

// A page size that makes every family take at least three pages.
async function walkIds(ka: Kubeadapt, family: Family, source: FakeDataset): Promise<string[]> {
  const paginate = ka.paginate as unknown as LooseWalk;
  const ids: string[] = [];
  const limit = Math.max(1, Math.floor(family.expected(source).length / 3));
  const params = { path: family.pathParams ?? {}, query: { limit } };
  for await (const item of paginate(family.path, { params })) ids.push(item.id);
  return ids;
}

function expectEveryItemOnce(ids: string[], expected: { id: string }[]) {
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(expected.map((i) => i.id).sort());
}

let server: FakeServer;
beforeAll(async () => {
  server = await fake.listen({ host: "127.0.0.1" });
});
afterAll(() => server?.close());

const transports = {
  "in-process": () => createKubeadapt({ token: "t", baseUrl: fake.baseUrl, fetch: fake.fetch }),
  "over HTTP": () => createKubeadapt({ token: "t", baseUrl: server.url }),
};

describe.each(Object.entries(transports))("every family walks %s", (_name, makeClient) => {
  it.each(FAMILIES.map((f) => [f.path, f] as const))("%s yields each item once", async (_p, f) => {
    expect(f.expected(data).length).toBeGreaterThanOrEqual(3);
    expectEveryItemOnce(await walkIds(makeClient(), f, data), f.expected(data));
  });
});

describe("walks under faults", () => {
  const faulty = createFakeKubeadapt({ seed: 7, sizes: { workloads: 400 } });
  // More retries than the longest run of faults these rates produce, as a flaky network needs.
  const ka = createKubeadapt({
    token: "t",
    baseUrl: faulty.baseUrl,
    fetch: faulty.fetch,
    maxRetries: 6,
  });
  const workloads: Family = { path: "/v1/workloads", expected: (d) => d.workloads };

  it("retries 429 with Retry-After, 5xx (an HTML 502 too) and dropped connections, losing nothing", async () => {
    faulty.setFaults({
      rateLimit: { every: 5, retryAfterSeconds: 0 },
      serverErrors: { rate: 0.08, status: 502 },
      dropConnections: { rate: 0.08 },
    });
    try {
      expectEveryItemOnce(await walkIds(ka, workloads, faulty.data), faulty.data.workloads);
      const statuses = faulty.requests.map((r) => r.status);
      expect(statuses).toContain(429);
    } finally {
      faulty.setFaults(undefined);
    }
  });

  it("throws CursorExpiredError with the position when a cursor outlives 24 hours", async () => {
    const seen: string[] = [];
    const walk = ka.paginate("/v1/workloads", { params: { query: { limit: 25 } }, prefetch: 0 });
    const error = await (async () => {
      for await (const item of walk) {
        seen.push(item.id);
        if (seen.length === 50) faulty.clock.advance(24 * 3_600_000 + 1);
      }
    })().catch((e: unknown) => e);
    expect(isCursorExpiredError(error)).toBe(true);
    expect(error).toMatchObject({ reason: "expired", itemsYielded: 50, page: 3 });
  });

  it("restarts from page 1 on an expired cursor and still yields each item once", async () => {
    const ids: string[] = [];
    const walk = ka.paginate("/v1/workloads", {
      params: { query: { limit: 25 } },
      prefetch: 0,
      onCursorExpired: "restart",
    });
    for await (const item of walk) {
      ids.push(item.id);
      if (ids.length === 60) faulty.clock.advance(24 * 3_600_000 + 1);
    }
    expectEveryItemOnce(ids, faulty.data.workloads);
  });
});
