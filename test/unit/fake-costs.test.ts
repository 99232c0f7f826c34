// The demo data adds up: every invariant of the cost model (docs/guides/demo-data.md), on
// several seeds and sizes, in both cost modes, checked exactly with kubeadapt/money.
import { describe, expect, it } from "vitest";
import type { CostExplorerRow, CostMode, OrganizationDashboard } from "../../src/index.js";
import { add, compare, type Money, multiply, sum } from "../../src/money/index.js";
import {
  createFakeKubeadapt,
  type FakeKubeadapt,
  type FakeSizes,
} from "../../src/testing/index.js";
import {
  attributionViolations,
  HOURS_PER_MONTH,
  inventoryViolations,
  nodePriceViolations,
  podViolations,
  projectionViolations,
} from "../helpers/cost-invariants.js";

const MODES: CostMode[] = ["fully_loaded", "direct"];
const CASES: { seed: number; sizes: Partial<FakeSizes> }[] = [
  { seed: 1, sizes: { clusters: 3, workloads: 300 } },
  { seed: 2, sizes: { clusters: 5, workloads: 1200, maxPodsPerWorkload: 6, teams: 12 } },
  { seed: 42, sizes: { clusters: 2, workloads: 60, nodeGroupsPerCluster: 1, maxNodesPerGroup: 1 } },
  { seed: 7, sizes: { clusters: 4, workloads: 200, nodeGroupsPerCluster: 0 } },
];

async function get<T>(fake: FakeKubeadapt, path: string): Promise<T> {
  const res = await fake.fetch(path, { headers: { authorization: "Bearer t" } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function costExplorer(fake: FakeKubeadapt, query: string): Promise<CostExplorerRow[]> {
  const rows: CostExplorerRow[] = [];
  for (let page = 1; ; page++) {
    type Body = { data: CostExplorerRow[]; meta: { page_info: { total_pages: number } } };
    const body = await get<Body>(fake, `/v1/cost-explorer?${query}&per_page=500&page=${page}`);
    rows.push(...body.data);
    if (page >= body.meta.page_info.total_pages) return rows;
  }
}

const rate = (i: { cost: { current_run_rate_hourly: Money } }) => i.cost.current_run_rate_hourly;

for (const { seed, sizes } of CASES) {
  describe(`seed ${seed}, sizes ${JSON.stringify(sizes)}`, () => {
    const fake = createFakeKubeadapt({ seed, sizes });

    for (const mode of MODES) {
      const d = fake.view(mode);

      it(`${mode}: nodes cost their catalogue price; clusters and node groups their nodes; namespaces their workloads; workloads at most the nodes`, () => {
        expect(nodePriceViolations(d)).toEqual([]);
        expect(inventoryViolations(d, mode)).toEqual([]);
      });

      it(`${mode}: a workload's pods add up to it`, () => {
        expect(podViolations(d)).toEqual([]);
      });

      it(`${mode}: teams cost what is assigned to them, departments their teams`, () => {
        expect(attributionViolations(d)).toEqual([]);
      });

      it(`${mode}: projected_monthly is the run rate × ${HOURS_PER_MONTH} hours`, () => {
        expect(projectionViolations(d)).toEqual([]);
      });

      it(`${mode}: the dashboard's run rate is the clusters', month to date the rate so far`, async () => {
        const { data } = await get<{ data: OrganizationDashboard }>(
          fake,
          `/v1/organization/dashboard?cost_mode=${mode}`,
        );
        const hourly = sum(d.clusters.map(rate), "USD");
        expect(data.cost.current_run_rate_hourly).toEqual(hourly);
        expect(data.cost.projected_monthly).toEqual(multiply(hourly, HOURS_PER_MONTH));
        // Month to date is the rate over the time since the 1st, rounded down to 0.0001.
        const now = fake.clock.now();
        const start = new Date(now);
        const elapsedMs = now - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
        const exact = multiply(hourly, elapsedMs);
        const mtdMs = (m: Money) => multiply(m, 3_600_000);
        expect(compare(mtdMs(data.cost.month_to_date), exact)).toBeLessThanOrEqual(0);
        const next = add(data.cost.month_to_date, { amount: "0.0001", currency: "USD" });
        expect(compare(mtdMs(next), exact)).toBe(1);
        const open = d.recommendations.filter((r) => r.metadata.status === "open");
        expect(data.savings.estimated_monthly).toEqual(
          sum(
            open.map((r) => r.savings.estimated_monthly),
            "USD",
          ),
        );
      });

      it(`${mode}: Cost Explorer rows are run rates over the window, and sum to its total`, async () => {
        const window = "start=2026-05-01&end=2026-05-07";
        const hours = 7 * 24;
        const rates: Record<string, Map<string, Money>> = {
          cluster: new Map(d.clusters.map((c) => [c.id, rate(c)])),
          namespace: new Map(
            d.namespaces.map((n) => [`${n.metadata.cluster.name}/${n.metadata.name}`, rate(n)]),
          ),
          workload: new Map(d.workloads.map((w) => [w.id, rate(w)])),
          team: new Map(d.teams.map((t) => [t.id, rate(t)])),
          department: new Map(d.departments.map((x) => [x.id, rate(x)])),
        };
        const totals: Record<string, Money> = {};
        for (const [groupBy, byKey] of Object.entries(rates)) {
          const rows = await costExplorer(fake, `${window}&group_by=${groupBy}&cost_mode=${mode}`);
          expect(rows.map((r) => r.group.key).sort()).toEqual([...byKey.keys()].sort());
          for (const row of rows) {
            const want = multiply(byKey.get(row.group.key) as Money, hours);
            expect(row.cost.total, `${groupBy} ${row.group.key}`).toEqual(want);
          }
          totals[groupBy] = sum(
            rows.map((r) => r.cost.total),
            "USD",
          );
          expect(totals[groupBy]).toEqual(multiply(sum(byKey.values(), "USD"), hours));
        }
        const dash = await get<{ data: OrganizationDashboard }>(
          fake,
          `/v1/organization/dashboard?cost_mode=${mode}`,
        );
        expect(totals.cluster).toEqual(multiply(dash.data.cost.current_run_rate_hourly, hours));
        expect(totals.namespace).toEqual(totals.workload);
        expect(compare(totals.workload as Money, totals.cluster as Money)).toBeLessThanOrEqual(0);
      });
    }

    it("direct costs never exceed fully loaded ones; nodes, groups and clusters cost the same in both", () => {
      const full = fake.view("fully_loaded");
      const direct = fake.view("direct");
      const directById = new Map(direct.workloads.map((w) => [w.id, rate(w)]));
      for (const w of full.workloads) {
        expect(compare(directById.get(w.id) as Money, rate(w))).toBeLessThanOrEqual(0);
      }
      for (const family of ["clusters", "nodes", "nodeGroups"] as const) {
        const byId = (list: { id: string; cost: { current_run_rate_hourly: Money } }[]) =>
          Object.fromEntries(list.map((i) => [i.id, rate(i)]));
        expect(byId(direct[family])).toEqual(byId(full[family]));
      }
    });

    it("a recommendation saves at most its target's monthly cost", () => {
      const d = fake.data;
      const byId = new Map<string, Money>();
      for (const list of [d.namespaces, d.workloads, d.nodeGroups])
        for (const i of list) byId.set(i.id, multiply(rate(i), HOURS_PER_MONTH));
      for (const r of d.recommendations) {
        const monthly = byId.get(r.metadata.target.id) as Money;
        expect(compare(r.savings.estimated_monthly, monthly), r.summary).toBeLessThanOrEqual(0);
      }
    });

    it("spot is proposed only for cloud groups not on spot, and one advice per group or namespace", () => {
      const d = fake.data;
      const groups = new Map(d.nodeGroups.map((g) => [g.id, g]));
      const providers = new Map(d.clusters.map((c) => [c.id, c.metadata.provider]));
      for (const r of d.recommendations.filter((x) => x.metadata.type === "use_spot")) {
        expect(groups.get(r.metadata.target.id)?.metadata.capacity_type).not.toBe("spot");
        expect(providers.get(r.metadata.cluster.id)).not.toBe("on_prem");
      }
      const advised = d.recommendations
        .filter((r) => r.metadata.target.kind !== "Workload")
        .map((r) => r.metadata.target.id);
      expect(new Set(advised).size).toBe(advised.length);
    });
  });
}

describe("the checks catch data that does not add up", () => {
  const fake = createFakeKubeadapt({ seed: 3, sizes: { clusters: 2, workloads: 80 } });
  const broken = () => structuredClone(fake.view("fully_loaded"));
  const bump = (m: Money) => add(m, { amount: "0.0001", currency: "USD" });

  it("a node off its catalogue price, and so its cluster off its nodes", () => {
    const d = broken();
    const node = d.nodes[0] as (typeof d.nodes)[number];
    node.cost.current_run_rate_hourly = bump(rate(node));
    expect(nodePriceViolations(d)).toHaveLength(1);
    expect(inventoryViolations(d, "fully_loaded").join("\n")).toMatch(/^cluster .*parts sum to/m);
  });

  it("a workload costing more: its namespace no longer sums, nor its pods", () => {
    const d = broken();
    const workload = d.workloads[0] as (typeof d.workloads)[number];
    workload.cost.current_run_rate_hourly = bump(rate(workload));
    expect(inventoryViolations(d, "fully_loaded").join("\n")).toMatch(/^namespace .*parts sum to/m);
    expect(podViolations(d)).toHaveLength(1);
  });

  it("workloads costing more than the nodes, or leaving fully loaded cost unspread", () => {
    const d = broken();
    const cluster = (d.clusters[0] as (typeof d.clusters)[number]).metadata.name;
    const mine = d.workloads.filter((w) => w.metadata.cluster.name === cluster);
    const first = mine[0] as (typeof mine)[number];
    first.cost.current_run_rate_hourly = add(rate(first), { amount: "1000", currency: "USD" });
    expect(inventoryViolations(d, "fully_loaded").join("\n")).toMatch(/more than its nodes/);
    for (const w of mine) w.cost.current_run_rate_hourly = { amount: "0.0000", currency: "USD" };
    expect(inventoryViolations(d, "fully_loaded").join("\n")).toMatch(/reaches no workload/);
  });

  it("a team or department off its sum, and a projection off × 730", () => {
    const d = broken();
    const team = d.teams.find((t) => t.metadata.department_id) as (typeof d.teams)[number];
    team.cost.current_run_rate_hourly = bump(rate(team));
    const found = attributionViolations(d).join("\n");
    expect(found).toMatch(/^team .*parts sum to/m);
    expect(found).toMatch(/^department .*parts sum to/m);
    expect(projectionViolations(d)).toHaveLength(1);
  });
});
