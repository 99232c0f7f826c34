import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
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

  it("stops after --max-items and prints a JSON array", async () => {
    const run = await cli(["get", "workloads", "--all", "--format", "json", "--max-items", "7"]);
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout) as { kind: string }[];
    expect(items).toHaveLength(7);
    expect(items.every((w) => w.kind === "Workload")).toBe(true);
  });

  it("draws progress with the total on stderr, never on stdout", async () => {
    const run = await cli(["get", "/v1/clusters", "--all", "--limit", "2", "--progress", "--demo"]);
    expect(run.code).toBe(0);
    const clusters = createFakeKubeadapt().data.clusters.length;
    expect(run.stderr).toContain(`/${clusters} items`);
    expect(run.stdout).not.toContain("items,");
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(clusters);
  });

  it("renders a table of the top rows while the walk still counts every item", async () => {
    const run = await cli(["get", "/v1/workloads", "--all", "--format", "table", "--top", "3"]);
    expect(run.code).toBe(0);
    const total = createFakeKubeadapt().data.workloads.length;
    const [header, ...rows] = run.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^NAME\s+KIND\s+NAMESPACE\s+CLUSTER\s+COST\/HOUR\s+ID$/);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toBe(`… and ${total - 3} more`);
    expect(run.stderr).toContain(`${total} items, ${Math.ceil(total / 100)} pages`);
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

  it("rejects --limit 501 before any request with the field and a hint", async () => {
    const run = await cli(["get", "/v1/workloads", "--limit", "501", "--demo"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BAD_REQUEST|BadRequestError/);
    expect(run.stderr).toContain("hint: check the parameter limit");
  });

  it("says NOT_FOUND for an unknown id", async () => {
    const run = await cli(["get", "/v1/clusters/00000000-0000-4000-8000-000000000000", "--demo"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: NOT_FOUND \(HTTP 404\)/);
  });

  it("exits 2 with the usage on a mistake in the command line", async () => {
    for (const args of [
      ["fetch"],
      ["get"],
      ["get", "/v1/nope"],
      ["get", "/v1/workloads", "--limit", "x"],
    ]) {
      const run = await cli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain("Usage:");
    }
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
