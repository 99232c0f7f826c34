import { describe, expect, it } from "vitest";
import { createFakeKubeadapt, type FakeKubeadapt } from "../../src/testing/index.js";
import { specPaths, templateFor, validateAgainstSpec } from "../helpers/spec-validator.js";

const AUTH = { authorization: "Bearer test-token" };

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec at run time
type Loose = any;

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("fixture not found in the data set");
  return value;
}
const at = <T>(items: readonly T[], index: number): T => must(items[index]);

// Every response in this file is checked against the bundled spec before it is used.
async function call(fake: FakeKubeadapt, path: string, headers: Record<string, string> = AUTH) {
  const res = await fake.fetch(path, { headers });
  const body = (await res.json()) as Loose;
  const template = templateFor(new URL(path, fake.baseUrl).pathname);
  expect(template, `spec path for ${path}`).toBeDefined();
  expect(validateAgainstSpec(template as string, res.status, body, res.headers).errors).toEqual([]);
  return { res, body };
}

async function walk(fake: FakeKubeadapt, path: string, query: Record<string, string> = {}) {
  const items: Loose[] = [];
  let cursor = "";
  for (let page = 0; page < 1000; page++) {
    const q = new URLSearchParams(query);
    if (cursor) q.set("cursor", cursor);
    const { res, body } = await call(fake, `${path}?${q}`);
    expect(res.status).toBe(200);
    const p = body.meta.pagination;
    expect(p.limit).toBe(Number(query.limit ?? 100));
    expect(p.next_cursor === "").toBe(!p.has_more);
    expect(p.total_count).toBeUndefined();
    items.push(...body.data);
    if (!p.has_more) return items;
    expect(body.data).toHaveLength(p.limit);
    cursor = p.next_cursor;
  }
  throw new Error("walk did not end");
}

// An independent reference sort: BigInt over the amount's digits is exact.
const money = (m: { amount: string }) => BigInt(m.amount.replace(".", ""));
function expectedOrder<T extends { id: string }>(items: T[], key: (item: T) => bigint): string[] {
  return [...items]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka !== kb) return ka > kb ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map((i) => i.id);
}
const byCost = (i: Loose) => money(i.cost.current_run_rate_hourly);
const bySavings = (i: Loose) => money(i.savings.estimated_monthly);
const byCreated = (i: Loose) => BigInt(Date.parse(i.metadata.created_at));
const ids = (items: { id: string }[]) => items.map((i) => i.id);

const small = () =>
  createFakeKubeadapt({
    seed: 7,
    sizes: { clusters: 3, workloads: 400, recommendations: 150, teams: 8 },
  });

describe("cursor walks return every item once, in the documented order", () => {
  const fake = small();
  const d = fake.data;
  const cluster = at(d.clusters, 0);
  const team = must(
    d.teams.find((t) => d.assignments.filter((a) => a.metadata.team_id === t.id).length > 7),
  );
  const workload = must(d.workloads.find((w) => w.metadata.workload_kind === "Deployment"));
  const cases: [string, string, () => string[]][] = [
    ["clusters", "/v1/clusters", () => expectedOrder(d.clusters, byCost)],
    ["namespaces", "/v1/namespaces", () => expectedOrder(d.namespaces, byCost)],
    [
      "namespaces of a cluster",
      `/v1/clusters/${cluster.id}/namespaces`,
      () =>
        expectedOrder(
          d.namespaces.filter((n) => n.metadata.cluster.id === cluster.id),
          byCost,
        ),
    ],
    ["workloads", "/v1/workloads", () => expectedOrder(d.workloads, byCost)],
    [
      "workloads of a cluster",
      `/v1/clusters/${cluster.id}/workloads`,
      () =>
        expectedOrder(
          d.workloads.filter((w) => w.metadata.cluster.id === cluster.id),
          byCost,
        ),
    ],
    [
      "nodes of a cluster",
      `/v1/clusters/${cluster.id}/nodes`,
      () =>
        expectedOrder(
          d.nodes.filter((n) => n.metadata.cluster.id === cluster.id),
          byCost,
        ),
    ],
    [
      "pods of a workload",
      `/v1/workloads/${workload.id}/pods`,
      () =>
        expectedOrder(
          d.pods.filter((p) => p.metadata.workload_uid === workload.id),
          byCost,
        ),
    ],
    ["recommendations", "/v1/recommendations", () => expectedOrder(d.recommendations, bySavings)],
    ["teams", "/v1/teams", () => expectedOrder(d.teams, byCost)],
    ["departments", "/v1/departments", () => expectedOrder(d.departments, byCost)],
    [
      "assignments of a team",
      `/v1/teams/${team.id}/assignments`,
      () =>
        expectedOrder(
          d.assignments.filter((a) => a.metadata.team_id === team.id),
          byCreated,
        ),
    ],
  ];
  for (const [name, path, expected] of cases) {
    it(`${name} (${path.replace(/[0-9a-f-]{36}/g, "{id}")})`, async () => {
      const want = expected();
      expect(want.length).toBeGreaterThan(1);
      const limit = String(Math.max(1, Math.ceil(want.length / 3)));
      const got = await walk(fake, path, { limit });
      expect(ids(got)).toEqual(want);
      expect(new Set(ids(got)).size).toBe(want.length);
    });
  }

  it("data contains ties, and they are broken by id ascending", async () => {
    const got = await walk(fake, "/v1/workloads", { limit: "500" });
    const amounts = got.map((w) => w.cost.current_run_rate_hourly.amount);
    expect(new Set(amounts).size).toBeLessThan(amounts.length);
    for (let i = 1; i < got.length; i++) {
      if (amounts[i] === amounts[i - 1]) expect(got[i - 1].id < got[i].id).toBe(true);
    }
  });

  it("compares amounts numerically, not as strings", async () => {
    const got = await walk(fake, "/v1/clusters", { limit: "500" });
    const values = got.map((c) => Number(c.cost.current_run_rate_hourly.amount));
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it("serves cost_mode=direct with its own costs and order, echoed in meta.cost_mode", async () => {
    const direct = fake.view("direct");
    const got = await walk(fake, "/v1/workloads", { limit: "150", cost_mode: "direct" });
    expect(ids(got)).toEqual(expectedOrder(direct.workloads, byCost));
    expect(got.every((w) => w.cost.cost_mode === "direct")).toBe(true);
    const { body } = await call(fake, "/v1/workloads?cost_mode=direct&limit=1");
    expect(body.meta.cost_mode).toBe("direct");
    expect((await call(fake, "/v1/workloads?limit=1")).body.meta.cost_mode).toBe("fully_loaded");
  });

  it("gives total_count only with include_total=true", async () => {
    const { body } = await call(fake, "/v1/workloads?limit=5&include_total=true");
    expect(body.meta.pagination.total_count).toBe(d.workloads.length);
    const off = await call(fake, "/v1/workloads?limit=5&include_total=false");
    expect(off.body.meta.pagination).not.toHaveProperty("total_count");
  });

  it("ends on the last page with next_cursor '' and has_more false", async () => {
    const { body } = await call(fake, "/v1/departments?limit=500");
    expect(body.meta.pagination).toEqual({ next_cursor: "", has_more: false, limit: 500 });
  });

  it("answers an empty result with data [] and has_more false", async () => {
    const { body } = await call(
      fake,
      `/v1/workloads?namespace=no-such-namespace&include_total=true`,
    );
    expect(body.data).toEqual([]);
    expect(body.meta.pagination).toEqual({
      next_cursor: "",
      has_more: false,
      limit: 100,
      total_count: 0,
    });
  });
});

describe("filters", () => {
  const fake = small();
  const d = fake.data;
  const cluster = at(d.clusters, 1);
  const sample = <T>(items: T[], f: (i: T) => boolean) => items.filter(f).map((i: Loose) => i.id);
  const cases: [string, string, () => string[]][] = [
    [
      "clusters by provider",
      `/v1/clusters?provider=${at(d.clusters, 0).metadata.provider}`,
      () => sample(d.clusters, (c) => c.metadata.provider === at(d.clusters, 0).metadata.provider),
    ],
    [
      "clusters by region",
      `/v1/clusters?region=${cluster.metadata.region}`,
      () => sample(d.clusters, (c) => c.metadata.region === cluster.metadata.region),
    ],
    [
      "clusters by status",
      `/v1/clusters?status=${cluster.metadata.status}`,
      () => sample(d.clusters, (c) => c.metadata.status === cluster.metadata.status),
    ],
    [
      "namespaces by cluster_id",
      `/v1/namespaces?cluster_id=${cluster.id}`,
      () => sample(d.namespaces, (n) => n.metadata.cluster.id === cluster.id),
    ],
    [
      "workloads by cluster_id, namespace and kind",
      `/v1/workloads?cluster_id=${cluster.id}&namespace=${must(d.workloads.find((w) => w.metadata.cluster.id === cluster.id)).metadata.namespace}&kind=Deployment`,
      () => {
        const ns = must(d.workloads.find((w) => w.metadata.cluster.id === cluster.id)).metadata
          .namespace;
        return sample(
          d.workloads,
          (w) =>
            w.metadata.cluster.id === cluster.id &&
            w.metadata.namespace === ns &&
            w.metadata.workload_kind === "Deployment",
        );
      },
    ],
    [
      "workloads of a cluster by kind",
      `/v1/clusters/${cluster.id}/workloads?kind=StatefulSet`,
      () =>
        sample(
          d.workloads,
          (w) => w.metadata.cluster.id === cluster.id && w.metadata.workload_kind === "StatefulSet",
        ),
    ],
    [
      "nodes by node_group",
      `/v1/clusters/${cluster.id}/nodes?node_group=${must(d.nodeGroups.find((g) => g.metadata.cluster.id === cluster.id)).metadata.name}`,
      () => {
        const g = must(d.nodeGroups.find((x) => x.metadata.cluster.id === cluster.id));
        return sample(
          d.nodes,
          (n) => n.metadata.cluster.id === cluster.id && n.metadata.node_group === g.metadata.name,
        );
      },
    ],
    [
      "nodes by capacity_type",
      `/v1/clusters/${cluster.id}/nodes?capacity_type=on_demand`,
      () =>
        sample(
          d.nodes,
          (n) => n.metadata.cluster.id === cluster.id && n.metadata.capacity_type === "on_demand",
        ),
    ],
    [
      "pods by phase",
      `/v1/workloads/${at(d.workloads, 0).id}/pods?phase=Running`,
      () =>
        sample(
          d.pods,
          (p) =>
            p.metadata.workload_uid === at(d.workloads, 0).id && p.metadata.phase === "Running",
        ),
    ],
    [
      "recommendations by type, status and cluster_id",
      `/v1/recommendations?type=rightsize_workload&status=open&cluster_id=${cluster.id}`,
      () =>
        sample(
          d.recommendations,
          (r) =>
            r.metadata.type === "rightsize_workload" &&
            r.metadata.status === "open" &&
            r.metadata.cluster.id === cluster.id,
        ),
    ],
    [
      "teams by department_id",
      `/v1/teams?department_id=${at(d.departments, 0).id}`,
      () => sample(d.teams, (t) => t.metadata.department_id === at(d.departments, 0).id),
    ],
    [
      "assignments by target_kind",
      `/v1/teams/${at(d.teams, 0).id}/assignments?target_kind=Workload`,
      () =>
        sample(
          d.assignments,
          (a) => a.metadata.team_id === at(d.teams, 0).id && a.metadata.target.kind === "Workload",
        ),
    ],
  ];
  for (const [name, path, expected] of cases) {
    it(name, async () => {
      const [p = "", q] = path.split("?");
      const got = await walk(fake, p, {
        ...Object.fromEntries(new URLSearchParams(q)),
        limit: "500",
      });
      expect(ids(got).sort()).toEqual(expected().sort());
    });
  }

  it("node-groups are the complete list, sorted, with no meta.pagination", async () => {
    const { body } = await call(fake, "/v1/node-groups");
    expect(ids(body.data)).toEqual(expectedOrder(d.nodeGroups, byCost));
    expect(body.meta).not.toHaveProperty("pagination");
    expect(body.meta.cost_mode).toBe("fully_loaded");
    const scoped = await call(fake, `/v1/clusters/${cluster.id}/node-groups`);
    expect(ids(scoped.body.data)).toEqual(
      expectedOrder(
        d.nodeGroups.filter((g) => g.metadata.cluster.id === cluster.id),
        byCost,
      ),
    );
    const filtered = await call(fake, `/v1/node-groups?cluster_id=${cluster.id}`);
    expect(filtered.body.data).toEqual(scoped.body.data);
  });
});

describe("single resources and snapshots", () => {
  const fake = small();
  const d = fake.data;
  const one: [string, { id: string }][] = [
    ["/v1/clusters/", at(d.clusters, 0)],
    ["/v1/namespaces/", at(d.namespaces, 0)],
    ["/v1/workloads/", at(d.workloads, 0)],
    ["/v1/recommendations/", at(d.recommendations, 0)],
    ["/v1/teams/", at(d.teams, 0)],
    ["/v1/departments/", at(d.departments, 0)],
  ];
  for (const [prefix, item] of one) {
    it(`GET ${prefix}{id} returns the object, no pagination; an unknown id is 404`, async () => {
      const { res, body } = await call(fake, `${prefix}${item.id}`);
      expect(res.status).toBe(200);
      expect(body.data).toEqual(item);
      expect(body.meta).not.toHaveProperty("pagination");
      const missing = await call(fake, `${prefix}00000000-0000-4000-8000-000000000000`);
      expect(missing.res.status).toBe(404);
      expect(missing.body.error.code).toBe("NOT_FOUND");
    });
  }

  it("a list under an unknown parent is 404", async () => {
    for (const path of [
      "/v1/clusters/00000000-0000-4000-8000-000000000000/workloads",
      "/v1/clusters/00000000-0000-4000-8000-000000000000/nodes",
      "/v1/clusters/00000000-0000-4000-8000-000000000000/namespaces",
      "/v1/clusters/00000000-0000-4000-8000-000000000000/node-groups",
      "/v1/workloads/00000000-0000-4000-8000-000000000000/pods",
      "/v1/teams/00000000-0000-4000-8000-000000000000/assignments",
      `/v1/workloads/${at(d.clusters, 0).id}`,
    ]) {
      expect((await call(fake, path)).res.status, path).toBe(404);
    }
  });

  it("a path id that is not a UUID is 400 naming it", async () => {
    const { res, body } = await call(fake, "/v1/workloads/not-a-uuid");
    expect(res.status).toBe(400);
    expect(body.error.details[0].field).toBe("workload_uid");
  });

  it("organization and dashboard are single objects", async () => {
    const org = await call(fake, "/v1/organization");
    expect(org.body.data).toEqual(d.organization);
    expect(org.body.meta).toEqual({
      request_id: expect.stringMatching(/^req_/),
      applied_at: "2026-05-21T10:30:00Z",
    });
    const dash = await call(fake, "/v1/organization/dashboard?cost_mode=direct");
    expect(dash.body.data).toEqual(fake.dashboard("direct"));
    expect(dash.body.data.counts.workloads).toBe(d.workloads.length);
  });
});

describe("request validation", () => {
  const fake = small();
  for (const limit of ["0", "501", "-5", "abc", "2.5", ""]) {
    it(`limit=${limit} is 400 BAD_REQUEST with details[0].field = "limit"`, async () => {
      const { res, body } = await call(fake, `/v1/workloads?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.details[0].field).toBe("limit");
    });
  }

  it("limit 1 and 500 are accepted; absent means 100", async () => {
    expect((await call(fake, "/v1/workloads?limit=1")).body.data).toHaveLength(1);
    expect((await call(fake, "/v1/workloads?limit=500")).body.data).toHaveLength(400);
    expect((await call(fake, "/v1/workloads")).body.meta.pagination.limit).toBe(100);
  });

  const invalid: [string, string][] = [
    ["/v1/clusters?provider=ibm", "provider"],
    ["/v1/clusters?status=on", "status"],
    ["/v1/workloads?kind=Deploymen", "kind"],
    ["/v1/workloads?cost_mode=amortized", "cost_mode"],
    ["/v1/workloads?cluster_id=123", "cluster_id"],
    ["/v1/recommendations?type=x", "type"],
    ["/v1/recommendations?status=x", "status"],
    ["/v1/recommendations?cost_mode=direct", "cost_mode"],
    ["/v1/teams?department_id=x", "department_id"],
    ["/v1/workloads?include_total=yes", "include_total"],
    ["/v1/workloads?limit=5&limit=6", "limit"],
    ["/v1/node-groups?cost_mode=x", "cost_mode"],
    ["/v1/organization/dashboard?cost_mode=x", "cost_mode"],
  ];
  for (const [path, field] of invalid) {
    it(`${path} is 400 naming ${field}`, async () => {
      const { res, body } = await call(fake, path);
      expect(res.status).toBe(400);
      expect(body.error.details[0].field).toBe(field);
    });
  }

  it("filters whose values live under other enums are checked per endpoint", async () => {
    const cluster = at(fake.data.clusters, 0).id;
    for (const [path, field] of [
      [`/v1/clusters/${cluster}/nodes?capacity_type=x`, "capacity_type"],
      [`/v1/workloads/${at(fake.data.workloads, 0).id}/pods?phase=running`, "phase"],
      [`/v1/teams/${at(fake.data.teams, 0).id}/assignments?target_kind=Pod`, "target_kind"],
    ]) {
      const { res, body } = await call(fake, path as string);
      expect(res.status).toBe(400);
      expect(body.error.details[0].field).toBe(field);
    }
  });
});

describe("authentication", () => {
  it("no Authorization header, or not a Bearer token, is 401 UNAUTHORIZED", async () => {
    const fake = small();
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Basic abc" },
      { authorization: "Bearer " },
    ]) {
      const { res, body } = await call(fake, "/v1/clusters", headers);
      expect(res.status).toBe(401);
      expect(body.error.code).toBe("UNAUTHORIZED");
    }
  });

  it("options.token accepts exactly that token", async () => {
    const fake = createFakeKubeadapt({ token: "ka_live_right", sizes: { workloads: 10 } });
    expect(
      (await call(fake, "/v1/clusters", { authorization: "Bearer ka_live_wrong" })).res.status,
    ).toBe(401);
    expect(
      (await call(fake, "/v1/clusters", { authorization: "Bearer ka_live_right" })).res.status,
    ).toBe(200);
    expect(JSON.stringify(fake.requests)).not.toContain("ka_live");
  });
});

describe("Cost Explorer", () => {
  const fake = small();

  it("pages rows by page/per_page, sorted by cost.total desc then group.key, with meta.page_info", async () => {
    const all = await call(fake, "/v1/cost-explorer?group_by=workload&per_page=500");
    const rows = all.body.data;
    expect(all.body.meta.page_info).toEqual({
      page: 1,
      per_page: 500,
      total_count: 400,
      total_pages: 1,
    });
    for (let i = 1; i < rows.length; i++) {
      const a = money(rows[i - 1].cost.total);
      const b = money(rows[i].cost.total);
      expect(a > b || (a === b && rows[i - 1].group.key < rows[i].group.key)).toBe(true);
    }
    const page2 = await call(fake, "/v1/cost-explorer?group_by=workload&per_page=150&page=2");
    expect(page2.body.data).toEqual(rows.slice(150, 300));
    expect(page2.body.meta.page_info).toEqual({
      page: 2,
      per_page: 150,
      total_count: 400,
      total_pages: 3,
    });
  });

  it("defaults to group_by=cluster over month-to-date, and totals scale with the window", async () => {
    const def = await call(fake, "/v1/cost-explorer");
    expect(def.body.data.map((r: Loose) => r.group.key)).toEqual(
      expectedOrder(fake.data.clusters, byCost),
    );
    expect(def.body.meta).not.toHaveProperty("pagination");
    const oneDay = await call(fake, "/v1/cost-explorer?start=2026-05-01&end=2026-05-01");
    const twoDays = await call(fake, "/v1/cost-explorer?start=2026-05-01&end=2026-05-02");
    expect(money(twoDays.body.data[0].cost.total)).toBe(2n * money(oneDay.body.data[0].cost.total));
  });

  for (const [query, field] of [
    ["per_page=0", "per_page"],
    ["per_page=501", "per_page"],
    ["page=0", "page"],
    ["page=x", "page"],
    ["start=2026-02-30", "start"],
    ["end=yesterday", "end"],
    ["start=2026-05-10&end=2026-05-01", "start"],
    ["group_by=pod", "group_by"],
  ]) {
    it(`${query} is 400 naming ${field}`, async () => {
      const { res, body } = await call(fake, `/v1/cost-explorer?${query}`);
      expect(res.status).toBe(400);
      expect(body.error.details[0].field).toBe(field);
    });
  }
});

describe("the data set", () => {
  it("every path of the spec is served", async () => {
    const fake = small();
    const d = fake.data;
    const fill: Record<string, string> = {
      cluster_id: at(d.clusters, 0).id,
      namespace_id: at(d.namespaces, 0).id,
      workload_uid: at(d.workloads, 0).id,
      recommendation_id: at(d.recommendations, 0).id,
      team_id: at(d.teams, 0).id,
      department_id: at(d.departments, 0).id,
    };
    for (const template of specPaths) {
      const path = template.replace(/\{([a-z_]+)\}/g, (_, n: string) => must(fill[n]));
      expect((await call(fake, path)).res.status, template).toBe(200);
    }
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const a = createFakeKubeadapt({ seed: 3, sizes: { workloads: 50 } });
    const b = createFakeKubeadapt({ seed: 3, sizes: { workloads: 50 } });
    const c = createFakeKubeadapt({ seed: 4, sizes: { workloads: 50 } });
    expect(b.data).toEqual(a.data);
    expect(at(c.data.workloads, 0).id).not.toBe(at(a.data.workloads, 0).id);
  });

  it("defaults to 8 clusters and 3000 workloads, built fast, walked fast", async () => {
    let t = performance.now();
    const fake = createFakeKubeadapt();
    const built = performance.now() - t;
    expect(fake.data.clusters).toHaveLength(8);
    expect(fake.data.workloads).toHaveLength(3000);
    await walk(fake, "/v1/workloads", { limit: "500" }); // warm-up: JIT and the sorted view
    t = performance.now();
    const got = await walk(fake, "/v1/workloads", { limit: "500" });
    const walked = performance.now() - t;
    expect(got).toHaveLength(3000);
    // Generous bounds: CI machines are shared. Typical: ~60 ms to build, ~40 ms to walk.
    expect(built).toBeLessThan(600);
    expect(walked).toBeLessThan(400);
  });

  it("has Money as 4-decimal strings and ids as UUIDs everywhere", () => {
    const fake = small();
    const json = JSON.stringify(fake.data);
    for (const m of json.matchAll(/"amount":"([^"]*)"/g))
      expect(m[1]).toMatch(/^-?[0-9]+\.[0-9]{4}$/);
    for (const m of json.matchAll(/"id":"([^"]*)"/g))
      expect(m[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("unknown paths are 404 NOT_FOUND, and the request log records each request", async () => {
    const fake = small();
    const res = await fake.fetch("/v1/nope", { headers: AUTH });
    expect(res.status).toBe(404);
    expect(((await res.json()) as Loose).error.code).toBe("NOT_FOUND");
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: "GET",
      path: "/v1/nope",
      status: 404,
      outcome: "response",
    });
  });
});
