/**
 * `npm run test:runtimes`: proves the built main entry (dist/index.js) runs unchanged on Node 20
 * (this process), Node 22, 24 and 26, Bun, Deno and Chromium. Installs the pinned runtimes from the npm
 * registry into .runtimes/ when missing, builds dist/ when stale, serves the fake API on
 * loopback, runs scripts/runtimes/probe.mjs in each runtime and compares its report with the
 * fake's data. Exits 1 when any runtime is missing or reports anything unexpected.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createFakeKubeadapt, type FakeKubeadapt } from "../src/testing/index.js";
import { repoRoot, run, toolEnv } from "./lib/exec.js";
import { probeBrowser, type Report } from "./runtimes/browser.js";
import { digestIds } from "./runtimes/digest.mjs";
import { BUN_VERSION, DENO_VERSION, NODES, PINS } from "./runtimes/pins.js";

/** Where the runtimes are installed (git-ignored, ~400 MB): never the project's dependencies. */
const RUNTIMES_DIR = join(repoRoot, ".runtimes");
const bin = (pkg: string, file: string) => join(RUNTIMES_DIR, "node_modules", pkg, file);

const PROBE = join(repoRoot, "scripts", "runtimes", "probe.mjs");
/** Per runtime: a stuck probe fails instead of hanging CI. */
const TIMEOUT_MS = 60_000;
const PAGE_SIZE = 500;
/** The version the SDK's User-Agent must name. */
const SDK_VERSION = (
  JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }
).version;

/** A runtime to probe from the command line. */
interface CliRuntime {
  /** Name the probe reports for itself. */
  runtime: string;
  version: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

const CLI_RUNTIMES: CliRuntime[] = [
  { runtime: "node", version: process.versions.node, command: process.execPath, args: [PROBE] },
  ...Object.entries(NODES).map(([alias, version]) => ({
    runtime: "node",
    version,
    command: bin(alias, "bin/node"),
    args: [PROBE],
  })),
  {
    runtime: "bun",
    version: BUN_VERSION,
    command: bin("@oven/bun-linux-x64", "bin/bun"),
    args: [PROBE],
  },
  {
    runtime: "deno",
    version: DENO_VERSION,
    command: bin("@deno/linux-x64-glibc", "deno"),
    // `manual`: resolve bare imports (openapi-fetch) from the repo's own node_modules, as Node
    // does, and never fetch or write any; `--no-lock`: leave no deno.lock in the repo.
    args: [
      "run",
      "--allow-net",
      "--allow-read",
      "--allow-env",
      "--node-modules-dir=manual",
      "--no-lock",
      "--no-prompt",
      PROBE,
    ],
    env: { DENO_DIR: join(RUNTIMES_DIR, "deno-dir"), DENO_NO_UPDATE_CHECK: "1" },
  },
];

/** One row of the final table. */
interface Row {
  runtime: string;
  version: string;
  problems: string[];
  ms: number;
}

/**
 * Installs the pinned runtimes into .runtimes/ unless every binary is there and the pins in
 * .runtimes/package.json are these.
 */
function ensureRuntimes(): void {
  const manifestPath = join(RUNTIMES_DIR, "package.json");
  const pkg = { private: true, description: "npm run test:runtimes", dependencies: PINS };
  const manifest = `${JSON.stringify(pkg, null, 2)}\n`;
  const current = existsSync(manifestPath) ? readFileSync(manifestPath, "utf8") : "";
  if (current === manifest && CLI_RUNTIMES.every((r) => existsSync(r.command))) return;
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(
      `the pinned runtime packages are linux-x64 only, not ${process.platform}-${process.arch}`,
    );
  const specs = Object.entries(PINS).map(([name, version]) => `${name}@${version}`);
  console.log(`Installing ${specs.join(", ")} into .runtimes/ …`);
  mkdirSync(RUNTIMES_DIR, { recursive: true });
  writeFileSync(manifestPath, manifest);
  const npm = run("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: RUNTIMES_DIR,
    stdio: "inherit",
  });
  if (npm.status !== 0) throw new Error(`npm install in .runtimes/ failed (exit ${npm.status})`);
}

/** Newest modification time (ms) of a file, or of any file under a folder. */
function newest(path: string): number {
  // A file may vanish between listing and stat while others edit: it then counts as 0.
  const mtime = (file: string) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (!existsSync(path) || !statSync(path).isDirectory()) return mtime(path);
  const files = readdirSync(path, { recursive: true, encoding: "utf8" });
  return Math.max(0, ...files.map((file) => mtime(join(path, file))));
}

/** Runs `npm run build` when dist/index.js is missing or older than what it is built from. */
function ensureBuild(): void {
  const entry = join(repoRoot, "dist", "index.js");
  const inputs = ["src", "generated", "tsup.config.ts", "package.json"].map((p) =>
    newest(join(repoRoot, p)),
  );
  if (existsSync(entry) && statSync(entry).mtimeMs >= Math.max(...inputs)) return;
  console.log("Building dist/ (npm run build) …");
  const build = run("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
}

/** What every runtime must report, from the fake's own data. */
function problemsOf(
  report: Report,
  runtime: string,
  version: string,
  fake: FakeKubeadapt,
): string[] {
  if (report.crash) return [`crashed: ${report.crash.split("\n").slice(0, 3).join(" | ")}`];
  const ids = fake.data.workloads.map((w) => w.id);
  const expected: Record<string, unknown> = {
    runtime,
    workloads: ids.length,
    uniqueIds: ids.length,
    idsDigest: digestIds(ids),
    pages: Math.ceil(ids.length / PAGE_SIZE),
    badRequest: { name: "BadRequestError", instanceOf: true, requestsSent: 0 },
    notFound: { name: "NotFoundError", guard: true, status: 404 },
    stalled: {
      get: "TimeoutError",
      body: "TimeoutError",
      getAborted: "AbortError",
      walkAborted: "AbortError",
    },
    // kubeadapt/node's transport, probed on Node only.
    nodeTransport:
      runtime === "node"
        ? { idsDigest: digestIds(ids), notFound: "NotFoundError", fetchFaceCalls: 0 }
        : undefined,
    // Browsers do not let a page set it: the SDK sends none there.
    userAgent: runtime === "chromium" ? null : `kubeadapt-js/${SDK_VERSION} ${runtime}/${version}`,
  };
  const problems = Object.entries(expected)
    .filter(([key, value]) => JSON.stringify(report[key]) !== JSON.stringify(value))
    .map(
      ([key, value]) => `${key}: got ${JSON.stringify(report[key])}, want ${JSON.stringify(value)}`,
    );
  // Chromium's User-Agent carries only the major version ("156.0.0.0", UA reduction).
  const major = (v: unknown) => String(v).split(".")[0];
  if (
    runtime === "chromium" ? major(report.version) !== major(version) : report.version !== version
  )
    problems.push(`version: got ${report.version}, want ${version}`);
  const clusterIds = new Set(fake.data.clusters.map((c) => c.id));
  if (report.gotCluster !== report.listedCluster || !clusterIds.has(String(report.listedCluster)))
    problems.push(`cluster: listed ${report.listedCluster}, got ${report.gotCluster}`);
  return problems;
}

/** Spawns `command` and resolves with its exit code and output; kills it after TIMEOUT_MS. */
function exec(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    // Async on purpose: the fake answers from this process's event loop.
    const child: ChildProcess = spawn(command, args, { cwd: repoRoot, env });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => (stdout += chunk));
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${TIMEOUT_MS} ms)`;
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.on("error", (error) => (stderr += String(error)));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the probe under one command-line runtime. */
async function probeCli(r: CliRuntime, fakeUrl: string): Promise<Report | string> {
  if (!existsSync(r.command)) return `missing binary ${r.command}`;
  const env: NodeJS.ProcessEnv = { ...toolEnv(), ...r.env, NO_COLOR: "1" };
  delete env.NODE_OPTIONS; // tsx's loader must not leak into the runtimes under test
  const { code, stdout, stderr } = await exec(r.command, [...r.args, fakeUrl], env);
  const last = stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last) as Report;
  } catch {
    return `exit ${code}, no JSON report: ${(stdout + stderr).trim().slice(-600)}`;
  }
}

async function main(): Promise<number> {
  ensureRuntimes();
  ensureBuild();
  const fake = createFakeKubeadapt();
  const server = await fake.listen({ host: "127.0.0.1" });
  const rows: Row[] = [];
  const record = (runtime: string, version: string, report: Report | string, start: number) => {
    const problems =
      typeof report === "string" ? [report] : problemsOf(report, runtime, version, fake);
    rows.push({ runtime, version, problems, ms: Math.round(performance.now() - start) });
  };
  try {
    for (const r of CLI_RUNTIMES) {
      const start = performance.now();
      record(r.runtime, r.version, await probeCli(r, server.url), start);
    }
    const start = performance.now();
    const browser = await probeBrowser(server.url, TIMEOUT_MS).catch((error) => ({
      report: `browser run failed: ${String(error?.message ?? error).split("\n")[0]}`,
      version: "?",
    }));
    record("chromium", browser.version, browser.report, start);
  } finally {
    await server.close();
  }

  console.log(
    `\nProbe: ${fake.data.workloads.length} workloads at limit ${PAGE_SIZE}, get cluster, limit 0, 404, User-Agent, timeouts of a stalled fetch and a stalled body, aborts\n`,
  );
  console.log(`${"runtime".padEnd(10)}${"version".padEnd(18)}${"time".padStart(8)}  result`);
  for (const row of rows) {
    const result = row.problems.length ? `FAIL: ${row.problems.join("; ")}` : "ok";
    console.log(
      `${row.runtime.padEnd(10)}${row.version.padEnd(18)}${`${row.ms} ms`.padStart(8)}  ${result}`,
    );
  }
  const failed = rows.filter((row) => row.problems.length).length;
  console.log(failed ? `\n${failed} runtime(s) failed` : `\nAll ${rows.length} runtimes passed`);
  return failed ? 1 : 0;
}

process.exitCode = await main().catch((error) => {
  console.error(`test:runtimes: ${error instanceof Error ? error.message : error}`);
  return 1;
});
