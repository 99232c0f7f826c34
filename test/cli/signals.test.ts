// The bin under the signals and closed pipes CI and shells bring: SIGTERM (a job's timeout or
// cancel), a stdout whose reader never reads, a stderr whose reader left, and Ctrl-C while
// --output waits for a FIFO's reader.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { constants } from "node:fs";
import { type FileHandle, mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseJUnit } from "junit2json";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/cli/exit-codes.js";
import { contractChecks } from "../../src/contract/index.js";
import { RUN_COMPLETE_TESTCASE } from "../../src/contract/junit.js";
import { createFakeKubeadapt, type FakeServer } from "../../src/testing/index.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const TOKEN = "ka_live_signals0test0secret00000000000000";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kubeadapt-signals-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// Every child a test started, killed after it: a failed or timed-out test leaves no orphan
// (one still waiting on a FIFO whose folder afterAll removes would never end).
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  children.clear();
});

/** Only a guard against hanging forever, armed at the start: never a measure of time. */
const WATCHDOG_MS = 25_000;

/**
 * The bin as a shell starts it, with its output collected as it comes.
 * @param stdoutFd - a descriptor to give the bin as its stdout, instead of a pipe the test reads
 */
function start(args: string[], env: Record<string, string> = {}, stdoutFd?: number) {
  const { KUBEADAPT_API_TOKEN, KUBEADAPT_BASE_URL, ...rest } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    env: { ...rest, ...env },
    stdio: ["pipe", stdoutFd ?? "pipe", "pipe"],
  });
  children.add(child);
  const watchdog = setTimeout(() => child.kill("SIGKILL"), WATCHDOG_MS);
  const out = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk) => {
    out.stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    out.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(watchdog);
      resolve(code);
    }),
  );
  return { child, out, exited };
}

/** Resolves once `stream` has carried text that `test` accepts; fails if the child ends first. */
function seen(child: ChildProcess, stream: "stdout" | "stderr", test: RegExp) {
  let text = "";
  return new Promise<void>((resolve, reject) => {
    child[stream]?.on("data", (chunk) => {
      text += chunk;
      if (test.test(text)) resolve();
    });
    child.on("exit", () =>
      reject(new Error(`the child ended before its ${stream} matched ${test}`)),
    );
  });
}

describe("SIGTERM (a CI timeout or cancel)", () => {
  // A slow server, so the signal lands mid-walk.
  const slow = createFakeKubeadapt({ token: TOKEN, sizes: { workloads: 120 } });
  let server: FakeServer;
  beforeAll(async () => {
    server = await slow.listen({ host: "127.0.0.1" });
    slow.setFaults({ latencyMs: 200 });
  });
  afterAll(() => server?.close());

  it("stops a walk as Ctrl-C does, prints the resume line, and exits 143", async () => {
    const run = start(
      ["get", "/v1/workloads", "--all", "--limit", "10", "--base-url", server.url, "--no-progress"],
      { KUBEADAPT_API_TOKEN: TOKEN },
    );
    // The first page is out: end the walk.
    await seen(run.child, "stdout", /(.*\n){10}/);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(EXIT_CODES.terminated);
    const written = run.out.stdout.trimEnd().split("\n").length;
    expect(written).toBeLessThan(120);
    expect(run.out.stderr).toContain(`interrupted after ${written} items`);
    expect(run.out.stderr).toMatch(/resume with: kubeadapt get \/v1\/workloads .*cursor=\S+/);
  });

  it("writes contract's JUnit report of what ran and its cursors, and exits 143", async () => {
    const report = join(dir, "term.xml");
    const cursors = join(dir, "term-cursors.json");
    const run = start([
      "contract",
      "--demo",
      "--reporter",
      "junit",
      "--output",
      report,
      "--save-cursors",
      cursors,
    ]);
    // One check has finished (the text lines go to stdout when the report goes to a file).
    await seen(run.child, "stdout", /^✓ /m);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(EXIT_CODES.terminated);
    const junit = (await parseJUnit(await readFile(report, "utf8"))) as {
      testsuite: { testcase: { name: string; skipped?: { message: string }[] }[] }[];
    };
    const cases = junit.testsuite[0]?.testcase ?? [];
    expect(cases.map((c) => c.name)).toEqual([
      ...contractChecks.map((c) => c.id),
      RUN_COMPLETE_TESTCASE,
    ]);
    const skips = cases.flatMap((c) => c.skipped ?? []).map((s) => s.message);
    expect(skips).toContain("cut short by the run's own limit: the run was interrupted");
    expect(JSON.parse(await readFile(cursors, "utf8")).version).toBe(2);
  });
});

describe.runIf(spawnSync("mkfifo", ["--version"]).status === 0)(
  "a stdout whose reader never reads (a FIFO held open, never read)",
  () => {
    let reader: FileHandle | undefined;
    let writer: FileHandle | undefined;
    afterEach(async () => {
      await writer?.close();
      await reader?.close();
    });

    const SIGNALS = [
      ["SIGTERM", EXIT_CODES.terminated],
      ["SIGINT", EXIT_CODES.interrupted],
    ] as const;
    for (const [signal, exitCode] of SIGNALS) {
      it(`${signal} still ends get: exit ${exitCode}, saying the output may end mid-item`, async () => {
        const fifo = join(dir, `stalled-${signal}`);
        expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
        // The reader end first (non-blocking), so the writer's open returns at once.
        reader = await open(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
        writer = await open(fifo, constants.O_WRONLY);
        // A first page bigger than the FIFO's buffer: its write cannot finish.
        const args = ["get", "/v1/workloads", "--all", "--limit", "500", "--demo", "--progress"];
        const run = start(args, { TERM: "dumb" }, writer.fd);
        await seen(run.child, "stderr", /items, 1 page\b/);
        run.child.kill(signal);
        // The old code waited for the write forever: the watchdog would end it, with no code.
        expect(await run.exited).toBe(exitCode);
        expect(run.out.stderr).toContain(
          "interrupted: stdout's reader took none of a pending write in the 5 s after the signal (a pipe or FIFO that is not read), so the command ends without it: the output may end mid-item, and no resume command is printed\n",
        );
      });
    }
  },
);

describe("a stderr whose reader has gone (2>&1 | head)", () => {
  /** Starts the bin with its stderr pipe closed by the reader before the bin writes there. */
  const withStderrGone = (args: string[]) => {
    const run = start(args);
    run.child.stderr?.destroy();
    return run;
  };

  it("get writes its data and exits 0, as for a closed stdout", async () => {
    const run = withStderrGone(["get", "/v1/clusters", "--all", "--demo"]);
    expect(await run.exited).toBe(EXIT_CODES.ok);
    const fake = createFakeKubeadapt();
    expect(run.out.stdout.trimEnd().split("\n")).toHaveLength(fake.data.clusters.length);
  });

  it("contract ends with its verdict (4: incomplete), its text report whole", async () => {
    const run = withStderrGone(["contract", "--demo", "--max-requests", "40"]);
    expect(await run.exited).toBe(EXIT_CODES.incomplete);
    expect(run.out.stdout).toMatch(/\d+ passed, 0 failed, \d+ skipped \(\d+ cut short\)/);
  });
});

describe.runIf(spawnSync("mkfifo", ["--version"]).status === 0)("--output to a FIFO", () => {
  it("nobody reads: the first Ctrl-C ends the command, exit 130, the output to be discarded", async () => {
    const fifo = join(dir, "fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const run = start(["get", "/v1/workloads", "--all", "--demo", "--output", fifo, "--progress"], {
      TERM: "dumb",
    });
    // A page is in: its write waits for the FIFO to open.
    await seen(run.child, "stderr", /items, \d+ pages?\b/);
    run.child.kill("SIGINT");
    // The old code needed a second Ctrl-C: the watchdog would end it, with another code.
    expect(await run.exited).toBe(EXIT_CODES.interrupted);
    expect(run.out.stderr).toContain("interrupted during the first page's write");
    expect(run.out.stderr).toContain("the output may hold part of the first page");
  });
});
