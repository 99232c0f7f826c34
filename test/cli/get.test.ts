import { describe, expect, it } from "vitest";
import { createFakeKubeadapt } from "../../src/testing/index.js";
import { listPage, serverPerTest } from "../helpers/loopback-server.js";
import { runInProcess } from "./run-cli.js";

// `kubeadapt get` against the demo API, in-process (cli.test.ts runs the bin itself).
describe("kubeadapt get", () => {
  it("stops after --max-items and prints a JSON array", async () => {
    const run = await runInProcess("get workloads --all --format json --max-items 7");
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout) as { kind: string }[];
    expect(items).toHaveLength(7);
    expect(items.every((w) => w.kind === "Workload")).toBe(true);
  });

  it("draws progress with the total on stderr, never on stdout", async () => {
    const run = await runInProcess("get /v1/clusters --all --limit 2 --progress --demo");
    expect(run.code).toBe(0);
    const clusters = createFakeKubeadapt().data.clusters.length;
    expect(run.stderr).toContain(`/${clusters} items`);
    expect(run.stdout).not.toContain("items,");
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(clusters);
  });

  it("renders a table of the top rows while the walk still counts every item", async () => {
    const run = await runInProcess("get /v1/workloads --all --format table --top 3");
    expect(run.code).toBe(0);
    const total = createFakeKubeadapt().data.workloads.length;
    const [header, ...rows] = run.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^NAME\s+KIND\s+NAMESPACE\s+CLUSTER\s+COST\/HOUR\s+ID$/);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toBe(`… and ${total - 3} more`);
    expect(run.stderr).toContain(`${total} items, ${Math.ceil(total / 100)} pages`);
  });

  it("writes a single resource as --format json as one pretty-printed object, nothing after it", async () => {
    const run = await runInProcess("get /v1/organization/dashboard --format json --demo");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).kind).toBe("OrganizationDashboard");
    expect(run.stdout.startsWith("{\n  ")).toBe(true);
  });

  it("--top 0 writes no single object either, and a written one counts as written", async () => {
    const none = await runInProcess("get /v1/organization --format json --top 0 --demo");
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("1 item, 1 page in");
    expect(none.stderr).toContain("; 0 written (--top 0)");
    const one = await runInProcess("get /v1/organization --format json --demo");
    expect(JSON.parse(one.stdout).kind).toBe("Organization");
    expect(one.stderr).not.toContain("written");
  });

  it("says NOT_FOUND for an unknown id", async () => {
    const run = await runInProcess("get /v1/clusters/00000000-0000-4000-8000-000000000000 --demo");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: NOT_FOUND \(HTTP 404\)/);
  });
});

describe("--sum over Cost Explorer by team or department says the total is not the organization's", () => {
  const NOTE = (by: string, unassigned: string) =>
    `note: grouped by ${by}, Cost Explorer's rows hold only what is assigned to a ${by}: ${unassigned} are in no row, so the sum of cost.total is not the organization's cost (group_by=cluster covers all of it)\n`;
  const sum = async (by: string) => {
    const run = await runInProcess(
      `get /v1/cost-explorer --all --query group_by=${by} -o csv --columns group.key,cost.total,cost.total.currency --sum cost.total --demo`,
    );
    expect(run.code).toBe(0);
    const total = Number(/^TOTAL,([\d.]+),USD\r?$/m.exec(run.stdout)?.[1]);
    return { total, stderr: run.stderr };
  };

  it("by team and by department: a note, and a total below the clusters' (unassigned costs)", async () => {
    const clusters = await sum("cluster");
    expect(clusters.stderr).not.toContain("note:");
    const team = await sum("team");
    expect(team.total).toBeLessThan(clusters.total);
    expect(team.stderr).toContain(NOTE("team", "resources assigned to no team"));
    const department = await sum("department");
    expect(department.total).toBeLessThan(clusters.total);
    expect(department.stderr).toContain(
      NOTE("department", "resources of no team and teams in no department"),
    );
  });

  it("no note without --sum, nor for a grouping that covers everything", async () => {
    const rows = await runInProcess("get /v1/cost-explorer --all --query group_by=team --demo");
    expect(rows.stderr).not.toContain("note:");
    expect((await sum("namespace")).stderr).not.toContain("note:");
  });
});

describe("the SDK's log lines go to stderr, never into the data", () => {
  const lines = (text: string) => text.trimEnd().split("\n");

  it("KUBEADAPT_LOG=debug: stdout is still pure NDJSON, and the lines are on stderr", async () => {
    const run = await runInProcess("get /v1/clusters --limit 2 --demo", { KUBEADAPT_LOG: "debug" });
    expect(run.code).toBe(0);
    for (const line of lines(run.stdout)) expect(JSON.parse(line).kind).toBe("Cluster");
    expect(run.stderr).toMatch(/kubeadapt: GET \/v1\/clusters\?\S* 200 after 1 attempt/);
  });

  it("KUBEADAPT_LOG=info: a CSV's first line is still its header", async () => {
    const run = await runInProcess("get /v1/clusters -o csv --columns id --demo", {
      KUBEADAPT_LOG: "info",
    });
    expect(lines(run.stdout)[0]).toBe("id\r");
    expect(run.stderr).toContain("kubeadapt: GET /v1/clusters");
  });

  it("a KUBEADAPT_LOG the SDK does not know is a usage error (exit 2) naming it", async () => {
    const demo = await runInProcess("get /v1/clusters --demo", { KUBEADAPT_LOG: "verbose" });
    const api = await runInProcess("get /v1/clusters", {
      KUBEADAPT_LOG: "verbose",
      KUBEADAPT_API_TOKEN: "ka_live_x",
      KUBEADAPT_BASE_URL: "https://api.example.com",
    });
    for (const run of [demo, api]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'error: KUBEADAPT_LOG must be one of off, error, warn, info, debug, not "verbose"',
      );
      expect(run.stderr).not.toContain("KUBEADAPT_BASE_URL must");
    }
  });
});

describe("mistakes in the path are usage errors (exit 2), found before any request", () => {
  it("a percent-escape that decodes to no text", async () => {
    const run = await runInProcess("get /v1/clusters/%E0/nodes --demo");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'error: cluster_id in the path is not valid percent-encoding: "%E0"',
    );
  });
});

describe("the base URL", () => {
  const serve = serverPerTest();

  it("a base URL that ends in /v1 reaches the API as the SDK takes it: /v1 dropped once", async () => {
    for (const suffix of ["/v1", "/gw/v1/"]) {
      const server = await serve((_, response) => {
        response.setHeader("content-type", "application/json");
        response.end(listPage(["c1"]));
      });
      const run = await runInProcess(
        ["get", "/v1/clusters", "--format", "ndjson", "--base-url", `${server.origin}${suffix}`],
        { KUBEADAPT_API_TOKEN: "ka_live_x" },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe('{"id":"c1"}\n');
      expect(server.seen.map((seen) => seen.url.replace(/\?.*/, ""))).toEqual([
        `${suffix.startsWith("/gw") ? "/gw" : ""}/v1/clusters`,
      ]);
    }
  });
});
