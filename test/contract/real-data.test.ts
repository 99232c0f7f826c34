// A correct server whose data differs from the fake's defaults in legal ways (a young
// organization with no workloads, a list that changes while the suite walks it) passes: the
// suite must not fail a server for what real data does.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { contractChecks, formatReport, runContract } from "../../src/contract/index.js";
import {
  createFakeKubeadapt,
  type FakeDataset,
  fakeContractHooks,
} from "../../src/testing/index.js";
import { startServer } from "../helpers/loopback-server.js";
import { json, type Layer, on, onBody, onRequest, TOKEN, target } from "../helpers/mutant-proxy.js";
import { ignoreDirectOn } from "../helpers/mutants-coverage.js";
import { eachCost, fromUnits, toUnits } from "../helpers/mutants-values.js";

/**
 * A cluster that scales while the suite walks it: every third request for a later page of a
 * workload list first changes the workloads.
 */
function churning(change: (data: FakeDataset) => void): Layer {
  let pages = 0;
  return (request, next, fake) => {
    const url = new URL(request.url);
    if (
      url.searchParams.has("cursor") &&
      url.pathname.endsWith("/workloads") &&
      ++pages % 3 === 0
    ) {
      fake.mutate(change);
    }
    return next(request);
  };
}

const CHANGES: [string, (data: FakeDataset) => void][] = [
  [
    "a workload is added",
    (data) => {
      const copy = structuredClone(data.workloads[0] as FakeDataset["workloads"][number]);
      data.workloads.push({ ...copy, id: crypto.randomUUID() });
    },
  ],
  ["a workload is removed", (data) => void data.workloads.pop()],
];

/**
 * A cluster whose workloads change just before the suite lists them through the cluster (page
 * 1 of `/v1/clusters/{id}/workloads`): after the top-level list was read for the same cluster.
 */
function changingCluster(change: (data: FakeDataset, cluster: string) => void): Layer {
  return (request, next, fake) => {
    const url = new URL(request.url);
    const cluster = /\/v1\/clusters\/([^/]+)\/workloads$/.exec(url.pathname)?.[1];
    if (cluster && !url.searchParams.has("cursor")) fake.mutate((data) => change(data, cluster));
    return next(request);
  };
}

const CLUSTER_CHANGES: [string, (data: FakeDataset, cluster: string) => void][] = [
  [
    "a workload is added",
    (data, cluster) => {
      const mine = data.workloads.find((w) => w.metadata.cluster.id === cluster);
      if (mine) data.workloads.push({ ...structuredClone(mine), id: crypto.randomUUID() });
    },
  ],
  [
    "a workload is removed",
    (data, cluster) => {
      const at = data.workloads.findIndex((w) => w.metadata.cluster.id === cluster);
      if (at >= 0) data.workloads.splice(at, 1);
    },
  ],
];

describe.concurrent("a correct server with real-world data", () => {
  it("no workloads yet (namespaces and teams that cost nothing): no check fails", {
    timeout: 60_000,
  }, async () => {
    const sizes = { workloads: 0, recommendations: 0 };
    const fake = createFakeKubeadapt({ token: TOKEN, sizes });
    const report = await runContract({
      baseUrl: fake.baseUrl,
      token: TOKEN,
      fetch: fake.fetch,
      rate: 0,
      hooks: fakeContractHooks(fake),
    });
    expect(report.failed, formatReport(report)).toBe(0);
    expect(report.checks.find((c) => c.id === "cost-mode")?.status).toBe("passed");
  });

  it.for(CHANGES)(
    "a live list, where %s between pages: the walks, totals and filters pass",
    {
      timeout: 60_000,
    },
    async ([, change]) => {
      const { options } = target(churning(change));
      const only = ["full-walks", "include-total-toggle", "filters"];
      const report = await runContract({ ...options, only });
      expect(report.checks.flatMap((c) => c.violations)).toEqual([]);
      expect(report.checks.map((c) => c.status)).toEqual(["passed", "passed", "passed"]);
      // The walks saw the list change, and say what they did not compare because of it.
      expect(report.checks.flatMap((c) => c.notes ?? []).join("\n")).toMatch(
        /changed|came, went or moved/,
      );
    },
  );

  it.for(CLUSTER_CHANGES)(
    "a cluster where %s between its top-level and its nested list: nested-collections passes",
    { timeout: 60_000 },
    async ([, change]) => {
      const { options } = target(changingCluster(change));
      const report = await runContract({ ...options, only: ["nested-collections"] });
      expect(report.checks.flatMap((c) => c.violations)).toEqual([]);
      expect(report.checks.flatMap((c) => c.notes ?? []).join("\n")).toMatch(/came, went or moved/);
    },
  );

  it("Cost Explorer's month to date, whose costs grow between its offset pages: the check passes", {
    timeout: 60_000,
  }, async () => {
    // From page 3 of the first walk by namespace on, the server answers from data in which the
    // 21st namespace's cost has grown past the first's: a correct server whose rows moved.
    let moved = false;
    const growing: Layer = async (request, next) => {
      const url = new URL(request.url);
      const page = Number(url.searchParams.get("page"));
      const perPage = Number(url.searchParams.get("per_page"));
      if (url.searchParams.get("group_by") !== "namespace" || !perPage) return next(request);
      moved ||= page === 3;
      if (!moved) return next(request);
      url.searchParams.set("page", "1");
      url.searchParams.set("per_page", "500");
      const all = await (await next(new Request(url, request))).json();
      const [grown] = all.data.splice(20, 1);
      grown.cost.total.amount = "99999.0000";
      all.data.unshift(grown);
      const { total_count } = all.meta.page_info;
      const page_info = {
        page,
        per_page: perPage,
        total_count,
        total_pages: Math.ceil(total_count / perPage),
      };
      const data = all.data.slice((page - 1) * perPage, page * perPage);
      return json({ ...all, data, meta: { ...all.meta, page_info } });
    };
    const { options } = target(growing);
    const report = await runContract({ ...options, only: ["cost-explorer"] });
    const [check] = report.checks;
    expect(check?.violations).toEqual([]);
    expect(check?.status).toBe("passed");
    expect(check?.notes?.join("\n")).toMatch(/not on a second: the rows changed/);
  });

  const DELETED: [string, RegExp, string][] = [
    ["single-resources", /^\/v1\/workloads\/([^/]+)$/, "/v1/workloads/{workload_uid}"],
    ["nested-collections", /^\/v1\/workloads\/([^/]+)\/pods$/, "/v1/workloads/{workload_uid}/pods"],
  ];
  it.each(DELETED)(
    "a workload deleted between its list and %s's GET (a finished Job): passes, noting it",
    async (id, path, template) => {
      let deleted: string | undefined;
      const finishing: Layer = (request, next, fake) => {
        const uid = path.exec(new URL(request.url).pathname)?.[1];
        if (uid && deleted === undefined && fake.data.workloads.some((w) => w.id === uid)) {
          deleted = uid;
          fake.mutate((data) => {
            data.workloads = data.workloads.filter((w) => w.id !== uid);
          });
        }
        return next(request);
      };
      const { options } = target(finishing);
      const report = await runContract({ ...options, only: [id] });
      const [check] = report.checks;
      expect(check?.violations).toEqual([]);
      expect(check?.status).toBe("passed");
      expect(check?.notes).toContain(
        `${template}: ${deleted} was deleted after it was listed, so not compared`,
      );
    },
  );

  it("a field the spec does not know, on every object of every body: no check fails", {
    timeout: 60_000,
  }, async () => {
    // Clients must ignore fields they do not know (the spec says so): a newer server adds some.
    const addField = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(addField);
      else if (typeof node === "object" && node !== null) {
        Object.values(node).forEach(addField);
        (node as Record<string, unknown>).x_added_later = "1";
      }
    };
    const { options } = target(onBody((body) => addField(body)));
    // Without named-examples: it asks for each example's exact body.
    const only = contractChecks.map((c) => c.id).filter((id) => id !== "named-examples");
    const report = await runContract({ ...options, only });
    expect(report.checks.flatMap((c) => c.violations)).toEqual([]);
    expect(report.checks.every((c) => c.status === "passed")).toBe(true);
  });

  it("workload costs that grow between the fully loaded read and the direct one: cost-mode passes", async () => {
    // Each read of /v1/workloads finds every cost doubled since the last (a cluster scaling
    // up): direct is below fully loaded at every instant, not below an older fully loaded read.
    let reads = 0;
    const double = (amount: string) => {
      const units = BigInt(amount.replace(".", "")) << BigInt(reads);
      const digits = units.toString().padStart(5, "0");
      return `${digits.slice(0, -4)}.${digits.slice(-4)}`;
    };
    const growing = on(
      /^\/v1\/workloads$/,
      onBody((body) => {
        reads++;
        // Both amounts: a correct server projects the new run rate (× 730, the spec's CostSummary).
        for (const item of body?.data ?? []) {
          for (const money of [item.cost.current_run_rate_hourly, item.cost.projected_monthly]) {
            if (money) money.amount = double(money.amount);
          }
        }
      }),
    );
    const { options } = target(growing);
    const report = await runContract({ ...options, only: ["cost-mode"] });
    const [check] = report.checks;
    expect(check?.violations).toEqual([]);
    expect(check?.status).toBe("passed");
  });

  it("a busy organization, a workload created before every count of the list: dashboard-totals passes with a note", async () => {
    // CronJobs every few seconds: the list's total is one ahead of the dashboard read just
    // before it, in both readings, by a different number each time.
    const busy: Layer = (request, next, fake) => {
      const url = new URL(request.url);
      if (url.pathname === "/v1/workloads" && url.searchParams.get("include_total") === "true") {
        fake.mutate((data) => {
          const copy = structuredClone(data.workloads[0] as FakeDataset["workloads"][number]);
          data.workloads.push({ ...copy, id: crypto.randomUUID() });
        });
      }
      return next(request);
    };
    const { options } = target(busy);
    const report = await runContract({ ...options, only: ["dashboard-totals"] });
    const [check] = report.checks;
    expect(check?.violations).toEqual([]);
    expect(check?.status).toBe("passed");
    expect(check?.notes?.join("\n")).toMatch(/counts\.workloads .* changed between two readings/);
  });

  it("team costs that grow between the departments' read and the teams': dashboard-totals passes with a note", async () => {
    // Each read of /v1/teams finds every team's run rate up by 0.0001 per read so far (and its
    // month projected from it): the departments, read just before, lag by another sum each time.
    let reads = 0;
    const grow = (amount: string, by: bigint) => {
      const digits = (BigInt(amount.replace(".", "")) + by).toString().padStart(5, "0");
      return `${digits.slice(0, -4)}.${digits.slice(-4)}`;
    };
    const growing = on(
      /^\/v1\/teams$/,
      onBody((body) => {
        reads++;
        for (const team of body?.data ?? []) {
          team.cost.current_run_rate_hourly.amount = grow(
            team.cost.current_run_rate_hourly.amount,
            BigInt(reads),
          );
          team.cost.projected_monthly.amount = grow(
            team.cost.projected_monthly.amount,
            730n * BigInt(reads),
          );
        }
      }),
    );
    const { options } = target(growing);
    const report = await runContract({ ...options, only: ["dashboard-totals"] });
    const [check] = report.checks;
    expect(reads).toBe(2);
    expect(check?.violations).toEqual([]);
    expect(check?.status).toBe("passed");
    expect(check?.notes?.join("\n")).toMatch(/^department .* changed between two readings/m);
  });

  it("department roll-ups an hour older than their teams (a materialized view): dashboard-totals passes with a note", async () => {
    // Every department as it cost an hour before the teams' data time, the same on every read:
    // a sum holds at one data time, so these are not compared with their teams'.
    const hourEarlier = (at: string) => new Date(Date.parse(at) - 3_600_000).toISOString();
    const stale = on(
      /^\/v1\/departments(\/|$)/,
      onBody((body) => {
        eachCost(body?.data, (cost) => {
          const rate = (toUnits(cost.current_run_rate_hourly.amount) * 99n) / 100n;
          cost.current_run_rate_hourly.amount = fromUnits(rate);
          cost.projected_monthly.amount = fromUnits(rate * 730n);
          cost.last_updated_at = hourEarlier(cost.last_updated_at);
        });
      }),
    );
    const report = await runContract({ ...target(stale).options, only: ["dashboard-totals"] });
    const [check] = report.checks;
    expect(check?.violations).toEqual([]);
    expect(check?.status).toBe("passed");
    expect(check?.notes?.join("\n")).toMatch(
      /^\d+ departments not compared with their parts' sum: their cost_mode or last_updated_at is not every part's/m,
    );
  });

  it("timestamps with microseconds (PostgreSQL timestamptz), a bulk insert's within one ms: order checks pass", async () => {
    // Every assignment of a team served as made in the same millisecond, in the fake's order
    // with one microsecond between neighbours: strictly descending, whatever their ids.
    const micros = on(
      /\/assignments$/,
      onBody((body, { fake, status }) => {
        if (status !== 200) return;
        const order = new Map(
          [...fake.data.assignments]
            .sort(
              (a, b) =>
                Date.parse(b.metadata.created_at) - Date.parse(a.metadata.created_at) ||
                (a.id < b.id ? -1 : 1),
            )
            .map((a, rank) => [a.id, rank]),
        );
        for (const item of body.data) {
          const rank = order.get(item.id) ?? 0;
          item.metadata.created_at = `2026-05-21T10:30:00.${999_999 - rank}Z`;
        }
      }),
    );
    const { options } = target(micros);
    const only = ["sort-order", "full-walks", "page-fill"];
    const report = await runContract({ ...options, only });
    expect(report.checks.flatMap((c) => c.violations)).toEqual([]);
    expect(report.checks.map((c) => c.status)).toEqual(["passed", "passed", "passed"]);
  });

  it("teams that carry only clusters, so teams and departments cost the same in both modes: cost-mode passes", {
    timeout: 60_000,
  }, async () => {
    const clustersOnly: Layer = (request, next, fake) => {
      const sameCost = ignoreDirectOn(/^\/v1\/(teams|departments)(\/[^/]+)?$/);
      const assigned = on(
        /\/assignments$/,
        onBody((body) => {
          for (const a of body?.data ?? []) a.metadata.target.kind = "Cluster";
        }),
      );
      return assigned(request, (r) => sameCost(r, next, fake), fake);
    };
    const { options } = target(clustersOnly);
    const report = await runContract({ ...options, only: ["cost-mode"] });
    expect(report.checks.flatMap((c) => c.violations)).toEqual([]);
    expect(report.checks[0]?.status).toBe("passed");
  });

  it("integers read as numbers (1e2 is 100, 0x10 is 16, 100.0 is 100): parameter-values passes", {
    timeout: 60_000,
  }, async () => {
    // What Ajv's coerceTypes (Fastify's query validation) does: a string equal to an integer
    // number is that integer. 2.5 and 20abc stay broken.
    const lenient = onRequest((url) => {
      for (const name of ["limit", "page", "per_page"]) {
        const value = url.searchParams.get(name);
        if (value && Number.isInteger(Number(value))) url.searchParams.set(name, String(+value));
      }
    });
    const { options } = target(lenient);
    const report = await runContract({ ...options, only: ["parameter-values"] });
    expect(report.checks.flatMap((c) => c.violations)).toEqual([]);
    expect(report.checks[0]?.status).toBe("passed");
  });

  it("a full run sends nothing but GETs: it changes nothing on the target", {
    timeout: 60_000,
  }, async () => {
    const { fake, options } = target();
    const report = await runContract(options);
    expect(report.failed).toBe(0);
    expect(fake.requests.length).toBeGreaterThan(1000);
    expect(new Set(fake.requests.map((r) => r.method))).toEqual(new Set(["GET"]));
  });

  it("over HTTP, gzip-compressed bodies and header names in capitals pass", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN, sizes: { workloads: 120 } });
    // A gateway in front of the fake that compresses every body and writes its own header case.
    const gateway = await startServer((request, response) => {
      void (async () => {
        const headers = { authorization: request.headers.authorization ?? "" };
        const answer = await fake.fetch(`${fake.baseUrl}${request.url}`, { headers });
        const body = gzipSync(Buffer.from(await answer.arrayBuffer()));
        const out: Record<string, string> = { "CONTENT-ENCODING": "gzip" };
        answer.headers.forEach((value, name) => {
          if (name !== "content-length") out[name.toUpperCase()] = value;
        });
        response.writeHead(answer.status, out).end(body);
      })();
    });
    const only = ["limit-bounds", "invalid-cursor", "full-walks", "response-headers"];
    // Closed by this test, not an afterEach: the tests of this block run at once.
    const report = await runContract({
      baseUrl: gateway.origin,
      token: TOKEN,
      rate: 0,
      only,
    }).finally(() => gateway.close());
    expect(report.checks.flatMap((c) => c.violations)).toEqual([]);
    expect(report.checks.every((c) => c.status === "passed")).toBe(true);
    expect(gateway.seen.some((r) => /gzip/.test(String(r.headers["accept-encoding"])))).toBe(true);
    expect(gateway.seen.every((r) => r.method === "GET" && r.body === "")).toBe(true);
  });
});
