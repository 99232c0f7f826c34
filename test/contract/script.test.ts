import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeKubeadapt, type FakeServer } from "../../src/testing/index.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

function contract(args: string[], env: Record<string, string | undefined>) {
  const clean = { ...process.env, KUBEADAPT_BASE_URL: undefined, KUBEADAPT_API_TOKEN: undefined };
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      TSX,
      ["scripts/contract.ts", ...args],
      { cwd: ROOT, env: { ...clean, ...env } as NodeJS.ProcessEnv },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe.concurrent("npm run contract", { timeout: 30_000 }, () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await createFakeKubeadapt({ sizes: { workloads: 40 } }).listen();
  });
  afterAll(() => server?.close());

  it("exits 2 with a clear message when KUBEADAPT_BASE_URL is missing", async () => {
    const run = await contract([], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no API URL: set KUBEADAPT_BASE_URL");
  });

  it("exits 2 on an unknown mode", async () => {
    const run = await contract(["--mode", "staging"], { KUBEADAPT_BASE_URL: server.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--mode must be live or mock");
  });

  it("prints the report and exits 0 when every check passed or was skipped", async () => {
    const run = await contract(["--only", "envelopes,cursor-expired"], {
      KUBEADAPT_BASE_URL: server.url,
      KUBEADAPT_API_TOKEN: "contract-token",
    });
    expect(run.stdout).toContain("✓ envelopes: ");
    expect(run.stdout).toContain("– cursor-expired: ");
    expect(run.stdout).toContain("1 passed, 0 failed, 1 skipped");
    expect(run.code).toBe(0);
  });

  it("exits 1 when a check failed", async () => {
    // Under a wrong base path the fake answers 404 to everything.
    const run = await contract(["--only", "envelopes", "--base-url", `${server.url}/nope`], {
      KUBEADAPT_API_TOKEN: "contract-token",
    });
    expect(run.stdout).toContain("✗ envelopes: ");
    expect(run.code).toBe(1);
  });
});
