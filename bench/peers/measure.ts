// One mode of the peer benchmark (`--mode stub`: in process, every SDK on a stub fetch;
// `--mode http`: over loopback HTTP to the fakes in another process, every SDK on its default
// Node transport). Each round runs every walk once in a fresh random order; a walk's CPU
// ratio is the median over rounds of its CPU time over the baseline's in the same round (a
// slow spell on the shared cores hits both sides of a ratio alike). "control" is the baseline
// again: its distance from 1.00 is the method's own error. Prints one JSON line.
// Run with --expose-gc (the heap pass).
import { spawn } from "node:child_process";
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
import { createWalks, type Kubeadapt, setSampler } from "./walks.js";

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "http" },
    rounds: { type: "string", default: "40" },
    warmups: { type: "string", default: "15" },
    // Comma-separated walk names (baseline always runs), to look at a few closely.
    only: { type: "string" },
  },
});
const ROUNDS = Number(values.rounds);
const WARMUPS = Number(values.warmups);

/** kubeadapt as it ships: src/ bundled by esbuild (the main entry neutral, kubeadapt/node for Node). */
async function loadKubeadapt(): Promise<Kubeadapt> {
  const outdir = join(repoRoot, "node_modules", ".cache", "kubeadapt-bench-peers");
  mkdirSync(outdir, { recursive: true });
  const bundle = async (entry: string, platform: "neutral" | "node") => {
    const outfile = join(outdir, `${entry.replace("/", "-")}.mjs`);
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

const ka = await loadKubeadapt();
const stub = values.mode === "stub";
const server = stub ? undefined : await startServer();
const origin = server?.origin ?? "https://peers.bench.test";
if (stub) globalThis.fetch = stubFetch(origin);
const walks = createWalks(origin, ka, stub ? globalThis.fetch : undefined);
const only = values.only?.split(",");
const names = Object.keys(walks).filter(
  (name) => !only || name === "baseline" || only.includes(name),
);

interface Sample {
  cpu: number;
  wall: number;
}
const rounds: Record<string, Sample>[] = [];
try {
  for (let round = 0; round < WARMUPS + ROUNDS; round++) {
    const samples: Record<string, Sample> = {};
    for (const name of shuffle(names, Math.random)) {
      const wallStart = performance.now();
      const cpuStart = process.cpuUsage();
      await (walks[name] as () => Promise<number>)();
      const used = process.cpuUsage(cpuStart);
      samples[name] = {
        cpu: (used.user + used.system) / 1000,
        wall: performance.now() - wallStart,
      };
    }
    if (round >= WARMUPS) rounds.push(samples);
  }

  // Live heap: the most the heap holds (after a full GC, every 250 items) over what it holds
  // before the walk began or after it ended, whichever is lower; the median of three walks.
  const heap: Record<string, number> = {};
  for (const name of names) {
    const walk = walks[name] as () => Promise<number>;
    // A walk first, so that what it compiles and caches on first use is in the "before".
    await walk();
    const held: number[] = [];
    for (let run = 0; run < 3; run++) {
      gc();
      gc();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      setSampler(() => {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      });
      await walk();
      setSampler(undefined);
      gc();
      held.push(peak - Math.min(before, process.memoryUsage().heapUsed));
    }
    heap[name] = median(held);
  }

  const result = Object.fromEntries(
    names.map((name) => {
      const ratios = rounds.map((r) => (r[name] as Sample).cpu / (r.baseline as Sample).cpu);
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
    `${JSON.stringify({ mode: values.mode, rounds: ROUNDS, walkItems: WALK_ITEMS, result })}\n`,
  );
} finally {
  server?.stop();
}
