// One mode of the peer benchmark (`--mode stub`: in process, every SDK on a stub fetch;
// `--mode http`: over loopback HTTP to the fakes in another process, every SDK on its default
// Node transport). Each round runs every walk once in a fresh random order; a walk's CPU
// ratio is the median over rounds of its CPU time over the baseline's in the same round (a
// slow spell on the shared cores hits both sides of a ratio alike). "control" is the baseline
// again: its distance from 1.00 is the method's own error. Prints one JSON line.
//
// By default each SDK runs in a process of its own beside a copy of the baseline, as in an app
// that uses one SDK: the processes take turns, one walk at a time, in a fresh random order each
// round, and a walk's ratio is to the baseline of its own process in the same round. With
// `--shared`, every walk runs in this one process: each SDK's code, type feedback and garbage
// then weigh on the others' walks (see docs/guides/benchmarks-peers.md).
// Run with --expose-gc (the heap pass).
import { type ChildProcess, fork, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { repoRoot } from "../../scripts/lib/exec.js";
import { versionDefine } from "../../scripts/lib/version-define.js";
import { shuffle } from "../../src/testing/data/common.js";
import { answer, WALK_ITEMS } from "./fakes.js";
import { createWalks, type Kubeadapt, setSampler, type Walk } from "./walks.js";

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "http" },
    rounds: { type: "string", default: "40" },
    warmups: { type: "string", default: "15" },
    // Comma-separated walk names (baseline always runs), to look at a few closely.
    only: { type: "string" },
    shared: { type: "boolean", default: false },
    // kubeadapt's layers one at a time too (over HTTP): see createWalks.
    layers: { type: "boolean", default: false },
    // Internal: this process is the one of walk `child`, on the fakes at `origin`.
    child: { type: "string" },
    origin: { type: "string" },
  },
});
const ROUNDS = Number(values.rounds);
const WARMUPS = Number(values.warmups);
const stub = values.mode === "stub";

/**
 * kubeadapt as it ships: src/ bundled by esbuild (the main entry neutral, kubeadapt/node for
 * Node). A walk's process loads the bundles its parent built (`built`).
 */
async function loadKubeadapt(built = false): Promise<Kubeadapt> {
  const outdir = join(repoRoot, "node_modules", ".cache", "kubeadapt-bench-peers");
  mkdirSync(outdir, { recursive: true });
  const bundle = async (entry: string, platform: "neutral" | "node") => {
    const outfile = join(outdir, `${entry.replace("/", "-")}.mjs`);
    if (built) return import(pathToFileURL(outfile).href);
    await build({
      entryPoints: [join(repoRoot, "src", `${entry}.ts`)],
      bundle: true,
      format: "esm",
      platform,
      target: "es2022",
      external: ["openapi-fetch", "node:*", "undici"],
      define: versionDefine,
      outfile,
      logLevel: "silent",
    });
    return import(pathToFileURL(outfile).href);
  };
  const [main, node] = await Promise.all([
    bundle("index", "neutral"),
    bundle("node/index", "node"),
  ]);
  return { createKubeadapt: main.createKubeadapt, nodeTransport: node.nodeTransport };
}

/** The fakes in process: a fetch that answers in a later turn, as a real response does. */
function stubFetch(origin: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.text() : "";
    await new Promise((resolve) => setImmediate(resolve));
    const reply = answer(request.method, new URL(request.url), body, origin);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  };
}

/** Starts the fakes' HTTP server in its own process; resolves with its origin and a stop. */
async function startServer() {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "server.ts")],
    {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the fake server exited (${code})`)));
  });
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const quantile = (list: number[], q: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

/** One walk's CPU and wall time, in milliseconds. */
interface Sample {
  cpu: number;
  wall: number;
}
type Walks = Record<string, Walk>;

/** The walks of this process, on the fakes at `origin`. */
async function localWalks(origin: string, built = false): Promise<Walks> {
  const ka = await loadKubeadapt(built);
  if (stub) globalThis.fetch = stubFetch(origin);
  return createWalks(origin, ka, stub ? globalThis.fetch : undefined, values.layers);
}

/** Runs each of `names` once, in a fresh random order: their samples by name. */
async function round(walks: Walks, names: string[]): Promise<Record<string, Sample>> {
  const samples: Record<string, Sample> = {};
  for (const name of shuffle(names, Math.random)) {
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    await (walks[name] as Walk)();
    const used = process.cpuUsage(cpuStart);
    samples[name] = { cpu: (used.user + used.system) / 1000, wall: performance.now() - wallStart };
  }
  return samples;
}

// Live heap: the most the heap holds (after a full GC, every 250 items) over what it holds
// before the walk began or after it ended, whichever is lower; the median of three walks.
async function liveHeap(walk: Walk): Promise<number> {
  // A walk first, so that what it compiles and caches on first use is in the "before".
  await walk();
  const held: number[] = [];
  for (let run = 0; run < 3; run++) {
    gc?.();
    gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    setSampler(() => {
      gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    });
    await walk();
    setSampler(undefined);
    gc?.();
    held.push(peak - Math.min(before, process.memoryUsage().heapUsed));
  }
  return median(held);
}

/** What one process measured of `names`: the samples of every round, and each one's live heap. */
interface Measured {
  rounds: Record<string, Sample>[];
  heap: Record<string, number>;
}

/** Measures `names` (the baseline among them) in this process. */
async function measureHere(walks: Walks, names: string[]): Promise<Measured> {
  const rounds: Record<string, Sample>[] = [];
  for (let n = 0; n < WARMUPS + ROUNDS; n++) {
    const samples = await round(walks, names);
    if (n >= WARMUPS) rounds.push(samples);
  }
  const heap: Record<string, number> = {};
  for (const name of names) heap[name] = await liveHeap(walks[name] as Walk);
  return { rounds, heap };
}

/** A child process's answer to a message: its result, or why it failed. */
type Reply<T> = { result: T } | { error: string };

/** Sends `message` to `child` and resolves with its reply. */
function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`a walk's process exited (${code})`));
    child.once("exit", onExit);
    child.once("message", (reply: Reply<T>) => {
      child.off("exit", onExit);
      if ("error" in reply) reject(new Error(reply.error));
      else resolve(reply.result);
    });
    child.send(message);
  });
}

/**
 * Measures each of `names` but the baseline in a process of its own, beside the baseline: the
 * processes take turns, in a fresh random order each round. The baseline's own figures are
 * those of the control's process (else the first one's).
 */
async function measureApart(origin: string, names: string[]): Promise<Measured> {
  const own = names.filter((name) => name !== "baseline");
  const children = new Map(
    own.map((name) => [
      name,
      fork(
        import.meta.filename,
        [
          ...["--mode", values.mode as string, "--child", name, "--origin", origin],
          ...(values.layers ? ["--layers"] : []),
        ],
        { cwd: repoRoot, execArgv: ["--expose-gc", "--import", "tsx"], stdio: "inherit" },
      ),
    ]),
  );
  try {
    await Promise.all([...children.values()].map((child) => ask(child, "ready")));
    const rounds: Record<string, Sample>[] = [];
    for (let n = 0; n < WARMUPS + ROUNDS; n++) {
      const samples: Record<string, Sample> = {};
      for (const name of shuffle(own, Math.random)) {
        const pair = await ask<Record<string, Sample>>(children.get(name) as ChildProcess, "round");
        samples[name] = pair[name] as Sample;
        // The baseline of this name's process, for its ratio.
        samples[`baseline:${name}`] = pair.baseline as Sample;
      }
      if (n >= WARMUPS) rounds.push(samples);
    }
    const heap: Record<string, number> = {};
    for (const [name, child] of children) heap[name] = await ask<number>(child, "heap");
    const first = own.includes("control") ? "control" : (own[0] as string);
    heap.baseline = await ask<number>(children.get(first) as ChildProcess, "baseline heap");
    for (const samples of rounds) samples.baseline = samples[`baseline:${first}`] as Sample;
    return { rounds, heap };
  } finally {
    for (const child of children.values()) child.kill();
  }
}

/**
 * A process's turn in a round: `name` and the baseline, each walked twice in the order ABBA or
 * BAAB (a drift within the turn hits both alike), after one untimed walk of each: the process
 * sat idle while the others took their turns, and whichever walk ran first would pay for the
 * caches their turns evicted. Each one's sample is the mean of its two.
 */
async function turn(walks: Walks, name: string): Promise<Record<string, Sample>> {
  await round(walks, ["baseline", name]);
  const [first, second] = shuffle(["baseline", name], Math.random) as [string, string];
  const a = await round(walks, [first]);
  const b = await round(walks, [second]);
  const c = await round(walks, [second]);
  const d = await round(walks, [first]);
  const mean = (x: Sample, y: Sample) => ({
    cpu: (x.cpu + y.cpu) / 2,
    wall: (x.wall + y.wall) / 2,
  });
  return {
    [first]: mean(a[first] as Sample, d[first] as Sample),
    [second]: mean(b[second] as Sample, c[second] as Sample),
  };
}

/** A walk's process (`--child`): answers "ready", "round" and "heap" until disconnected. */
async function serveChild(name: string, origin: string): Promise<void> {
  const walks = await localWalks(origin, true);
  const answers: Record<string, () => Promise<unknown>> = {
    ready: async () => true,
    round: () => turn(walks, name),
    heap: () => liveHeap(walks[name] as Walk),
    "baseline heap": () => liveHeap(walks.baseline as Walk),
  };
  process.on("message", (message: string) => {
    (answers[message] as () => Promise<unknown>)().then(
      (result) => process.send?.({ result }),
      (error: unknown) => process.send?.({ error: String(error) }),
    );
  });
}

if (values.child) {
  await serveChild(values.child, values.origin as string);
} else {
  const server = stub ? undefined : await startServer();
  const origin = server?.origin ?? "https://peers.bench.test";
  try {
    const walks = await localWalks(origin);
    const only = values.only?.split(",");
    const names = Object.keys(walks).filter(
      (name) => !only || name === "baseline" || only.includes(name),
    );
    const { rounds, heap } = values.shared
      ? await measureHere(walks, names)
      : await measureApart(origin, names);
    // In a process of its own, a walk's ratio is to that process's baseline.
    const base = (r: Record<string, Sample>, name: string) =>
      ((r[`baseline:${name}`] ?? r.baseline) as Sample).cpu;
    const result = Object.fromEntries(
      names.map((name) => {
        const ratios = rounds.map((r) => (r[name] as Sample).cpu / base(r, name));
        return [
          name,
          {
            ratio: median(ratios),
            p25: quantile(ratios, 0.25),
            p75: quantile(ratios, 0.75),
            cpuMsPer1k: (median(rounds.map((r) => (r[name] as Sample).cpu)) * 1000) / WALK_ITEMS,
            itemsPerSec: WALK_ITEMS / (median(rounds.map((r) => (r[name] as Sample).wall)) / 1000),
            liveHeapKB: (heap[name] as number) / 1024,
          },
        ];
      }),
    );
    process.stdout.write(
      `${JSON.stringify({ mode: values.mode, shared: values.shared, rounds: ROUNDS, walkItems: WALK_ITEMS, result })}\n`,
    );
  } finally {
    server?.stop();
  }
}
