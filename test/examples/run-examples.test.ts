import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { publicEntries } from "../../scripts/docs/entries.js";
import { bin, repoRoot } from "../../scripts/lib/exec.js";
import { createFakeKubeadapt, type FakeKubeadapt } from "../../src/testing/index.js";

const run = promisify(execFile);
const EXAMPLES_TSCONFIG = join(repoRoot, "examples", "tsconfig.json");

/**
 * Runs `examples/<file>` as a process, as its users would (tsx, with the examples' tsconfig
 * mapping `kubeadapt` to the sources), against `fake` served on loopback.
 */
async function runExample(file: string, fake: FakeKubeadapt) {
  const server = await fake.listen({ port: 0 });
  try {
    return await run(bin("tsx"), ["--tsconfig", EXAMPLES_TSCONFIG, join("examples", file)], {
      cwd: repoRoot,
      env: { ...process.env, KUBEADAPT_BASE_URL: server.url, KUBEADAPT_API_TOKEN: "example" },
      timeout: 60_000,
    });
  } finally {
    await server.close();
  }
}

const hourly = (amount: string) => Number(amount);

describe("examples/ programs, run against the fake", () => {
  it("walk-with-progress.ts counts every workload, reports progress and finds the costliest", async () => {
    const fake = createFakeKubeadapt({ seed: 3, sizes: { workloads: 700 } });
    const { stdout, stderr } = await runExample("walk-with-progress.ts", fake);

    const [summary, ...top] = stdout.trim().split("\n");
    expect(summary).toBe("700 workloads; the costliest per hour:");
    const expected = fake.data.workloads
      .map((workload) => hourly(workload.cost.current_run_rate_hourly.amount))
      .sort((a, b) => b - a)
      .slice(0, 5);
    expect(top.map((line) => hourly(line.split(" ")[0] ?? ""))).toEqual(expected);
    expect(stderr.trimEnd().endsWith("\r700/700 workloads, 4 pages")).toBe(true);
  });

  it("resume-after-error.ts gets every recommendation once, through server errors", async () => {
    const fake = createFakeKubeadapt({ seed: 5, sizes: { recommendations: 400 } });
    fake.setFaults({ serverErrors: { rate: 0.3, status: 500 } });
    const { stdout, stderr } = await runExample("resume-after-error.ts", fake);

    const failures = fake.requests.filter((request) => request.status === 500).length;
    expect(failures).toBeGreaterThan(0);
    expect(stdout.trim()).toBe(`400 recommendations (400 distinct) after ${failures} resumes`);
    expect(stderr).toContain("ServerError (500) on page");
  });

  it("examples/tsconfig.json maps every public entry to its source, as the docs checks do", () => {
    const { compilerOptions } = JSON.parse(readFileSync(EXAMPLES_TSCONFIG, "utf8")) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    for (const entry of publicEntries()) {
      expect(compilerOptions.paths[entry.specifier]).toEqual([`../${entry.file}`]);
    }
  });
});
