import { execFile, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractChecks } from "../../src/contract/index.js";
import { createFakeKubeadapt, type FakeServer } from "../../src/testing/index.js";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const TOKEN = "ka_live_cli0test0secret0000000000000000";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// The CLI as a user runs it: a separate process, its own stdout/stderr and exit code.
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { KUBEADAPT_API_TOKEN, KUBEADAPT_BASE_URL, ...rest } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      { env: { ...rest, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const fake = createFakeKubeadapt({ token: TOKEN });
let server: FakeServer;
beforeAll(async () => {
  server = await fake.listen({ host: "127.0.0.1" });
});
afterAll(() => server?.close());

describe("kubeadapt get", () => {
  it("walks every page of the demo API as NDJSON, one item per line, each once", async () => {
    const run = await cli(["get", "/v1/workloads", "--all", "--limit", "500"]);
    expect(run.code).toBe(0);
    const items = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const expected = createFakeKubeadapt().data.workloads.length;
    expect(items).toHaveLength(expected);
    expect(new Set(items.map((w: { id: string }) => w.id)).size).toBe(expected);
    expect(run.stderr).toContain("embedded demo API");
    expect(run.stderr).toContain(`${expected} items, ${Math.ceil(expected / 500)} pages`);
  });

  it("talks to the base URL with the token from the environment, not the demo", async () => {
    const run = await cli(["get", "/v1/clusters", "--base-url", server.url, "--format", "ndjson"], {
      KUBEADAPT_API_TOKEN: TOKEN,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("demo");
    const ids = run.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l).id);
    expect(ids.length).toBeGreaterThan(0);
    expect([...ids].sort()).toEqual(fake.data.clusters.map((c) => c.id).sort());
  });

  it("prints the code, request id and a hint for a 401, exits 1, and never prints the token", async () => {
    const wrong = `${TOKEN}x`;
    const run = await cli(["get", "/v1/workloads", "--base-url", server.url], {
      KUBEADAPT_API_TOKEN: wrong,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/error: UNAUTHORIZED \(HTTP 401\)/);
    expect(run.stderr).toMatch(/request id: req_/);
    expect(run.stderr).toContain("hint: set KUBEADAPT_API_TOKEN");
    expect(run.stderr).not.toContain(wrong);
    expect(run.stderr).not.toContain(TOKEN);
  });

  // Every usage mistake is checked in-process (checks.test.ts); this is the bin's exit code.
  it("with KUBEADAPT_LOG=debug, stdout holds only the data and the SDK's lines go to stderr", async () => {
    const run = await cli(["get", "/v1/clusters", "--base-url", server.url, "--limit", "2"], {
      KUBEADAPT_API_TOKEN: TOKEN,
      KUBEADAPT_LOG: "debug",
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line).kind)).toEqual(["Cluster", "Cluster"]);
    expect(run.stderr).toContain("kubeadapt: GET /v1/clusters");
    expect(run.stderr).not.toContain(TOKEN);
  });

  it("exits 2 with the usage on a mistake in the command line", async () => {
    const run = await cli(["get", "/v1/workloads", "--limit", "501"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: --limit 501: limit must be an integer from 1 to 500");
    expect(run.stderr).toContain("Usage:");
  });
});

describe("Ctrl-C (SIGINT) during a walk", () => {
  // A slow server, so the signal reliably lands mid-walk.
  const slow = createFakeKubeadapt({ token: TOKEN, sizes: { workloads: 120 } });
  let slowServer: FakeServer;
  beforeAll(async () => {
    slowServer = await slow.listen({ host: "127.0.0.1" });
  });
  afterAll(() => slowServer?.close());

  const ids = (csv: string) =>
    Papa.parse<string[]>(csv, { skipEmptyLines: true })
      .data.slice(1)
      .map((row) => row[0]);

  it("exits 130 and prints a resume command with every flag that fetches exactly the rest", async () => {
    slow.setFaults({ latencyMs: 200 });
    const args = ["get", "/v1/workloads", "--all", "--limit", "10", "--format", "csv"];
    const flags = ["--columns", "id, metadata.name", "-q", "cost_mode=fully_loaded"];
    const child = spawn(
      process.execPath,
      ["--import", "tsx", MAIN, ...args, ...flags, "--base-url", slowServer.url, "--no-progress"],
      { env: { ...process.env, KUBEADAPT_API_TOKEN: TOKEN, KUBEADAPT_BASE_URL: "" } },
    );
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        // Header and the first page are out: interrupt the walk.
        if (stdout.split("\r\n").length > 11 && !child.killed) {
          child.kill("SIGINT");
          resolve();
        }
      });
    });
    expect(await exited).toBe(130);
    const first = ids(stdout);
    expect(first.length).toBeGreaterThanOrEqual(10);
    expect(first.length).toBeLessThan(120);
    expect(stderr).toContain(`interrupted after ${first.length} items`);
    const resume = /resume with: (.*)/.exec(stderr)?.[1] as string;
    expect(resume).toMatch(
      /^kubeadapt get \/v1\/workloads --all --query cost_mode=fully_loaded --query cursor=\S+ --limit 10 --format csv --columns 'id, metadata.name' --base-url http:\/\/127\.0\.0\.1:\d+ --no-progress$/,
    );

    // The shell's words of the resume command, run as the CLI: the rest, nothing twice.
    slow.setFaults(undefined);
    const words = (await promisify(execFile)("sh", ["-c", `printf '%s\\0' ${resume}`])).stdout
      .split("\0")
      .slice(1, -1);
    const rest = await cli(words, { KUBEADAPT_API_TOKEN: TOKEN });
    expect(rest.code).toBe(0);
    const all = [...first, ...ids(rest.stdout)];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(slow.data.workloads.map((w) => w.id).sort());
  });
});

describe("kubeadapt contract", () => {
  it("checks a server against the contract and exits 0 when it keeps it", async () => {
    const run = await cli(["contract", "--base-url", server.url, "--rate", "0"], {
      KUBEADAPT_API_TOKEN: TOKEN,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✓ full-walks: .* \(\d+\.\d\d s, \d+ requests\)$/m);
    expect(run.stdout).toMatch(/^\d+ passed, 0 failed, \d+ skipped, 0 errors; \d+ requests/m);
  });

  it("exits 1 and names the violations when the server breaks it", async () => {
    const broken = createFakeKubeadapt({ token: TOKEN, faults: { serverErrors: { rate: 1 } } });
    const brokenServer = await broken.listen({ host: "127.0.0.1" });
    try {
      const only = ["--only", "limit-bounds,envelopes", "--rate", "0"];
      const run = await cli(["contract", "--base-url", brokenServer.url, ...only], {
        KUBEADAPT_API_TOKEN: TOKEN,
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/✗ limit-bounds/);
      expect(run.stdout).toMatch(/[1-9]\d* failed/);
    } finally {
      await brokenServer.close();
    }
  });

  it("exits 2 when no server is given", async () => {
    const run = await cli(["contract"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--base-url");
  });

  it("runs only the checks --only names, and says why a skipped one did not run", async () => {
    const run = await cli(
      ["contract", "--base-url", server.url, "--only", "envelopes,cursor-expired", "--rate", "0"],
      {
        KUBEADAPT_API_TOKEN: TOKEN,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("✓ envelopes: ");
    expect(run.stdout).toMatch(/– cursor-expired: .*\n\s+skipped: .*24 hours/);
    expect(run.stdout).toContain("1 passed, 0 failed, 1 skipped");
  });

  it("exits 2 on an unknown mode", async () => {
    const run = await cli(["contract", "--base-url", server.url, "--mode", "staging"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--mode must be live or mock");
  });

  it("--help lists every check id, one line each, from the check registry", async () => {
    const run = await cli(["contract", "--help"]);
    expect(run.code).toBe(0);
    for (const { id, title } of contractChecks) {
      expect(run.stdout).toMatch(new RegExp(`^  ${id} +${escapeRegExp(title)}$`, "m"));
    }
  });

  it("exits 3 with one line naming the cause when the server cannot be reached", async () => {
    const closed = await createFakeKubeadapt().listen();
    await closed.close();
    const run = await cli(["contract", "--base-url", closed.url], { KUBEADAPT_API_TOKEN: TOKEN });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^error: cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/),
    ]);
  });

  it("exits 2 when a live server is given without a token", async () => {
    const run = await cli(["contract", "--base-url", server.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("KUBEADAPT_API_TOKEN");
  });
});
