import { describe, expect, it } from "vitest";
import { createFakeKubeadapt } from "../../src/testing/index.js";
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

  it("says NOT_FOUND for an unknown id", async () => {
    const run = await runInProcess("get /v1/clusters/00000000-0000-4000-8000-000000000000 --demo");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: NOT_FOUND \(HTTP 404\)/);
  });
});
