// `npm run bench:peers`: kubeadapt's walk against the peer SDKs' (openai, stripe, anthropic,
// octokit, AWS DynamoDB), in process and over loopback HTTP, each SDK in a process of its own
// beside the baseline, the processes taking turns; then over HTTP again with every SDK in one
// shared process.
// The peers live in bench/peers/node_modules, installed here on first run with `npm ci` from
// bench/peers/package-lock.json: they never enter kubeadapt's own dependencies.
// Options: --rounds N (default 40), --warmups N (default 15). Not part of `npm test`.
import { execFile, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { repoRoot } from "../../scripts/lib/exec.js";
import { sdkSourceHash } from "../../scripts/lib/sdk-hash.js";

const run = promisify(execFile);
const here = import.meta.dirname;
const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "40" },
    warmups: { type: "string", default: "15" },
  },
});

const installed = join(here, "node_modules", ".package-lock.json");
if (
  !existsSync(installed) ||
  statSync(installed).mtimeMs < statSync(join(here, "package-lock.json")).mtimeMs
) {
  process.stderr.write("Installing the peer SDKs (npm ci in bench/peers) ...\n");
  const npm = spawnSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: here,
    stdio: "inherit",
  });
  if (npm.status !== 0) throw new Error("npm ci in bench/peers failed");
}

const versionOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
const peer = (name: string) => `${name} ${versionOf(join(here, "node_modules", name))}`;
const kubeadapt = `kubeadapt ${versionOf(repoRoot)}`;
const LABELS: Record<string, string> = {
  baseline: "fetch + res.json() loop (baseline)",
  control: "the same loop again (control)",
  kubeadapt: `${kubeadapt}, global fetch`,
  kubeadaptNode: `${kubeadapt}, nodeTransport()`,
  nodeHttpLoop: "the loop on bare node:http (keep-alive), for reference",
  undiciLoop: "the loop on bare undici dispatch (keep-alive), for reference",
  undiciItems: "the same, by items through a minimal async iterator, for reference",
  openai: peer("openai"),
  stripe: peer("stripe"),
  anthropic: peer("@anthropic-ai/sdk"),
  octokit: peer("@octokit/rest"),
  aws: peer("@aws-sdk/client-dynamodb"),
};

interface Figures {
  ratio: number;
  p25: number;
  p75: number;
  cpuMsPer1k: number;
  itemsPerSec: number;
  liveHeapKB: number;
}
interface ModeResult {
  rounds: number;
  walkItems: number;
  result: Record<string, Figures>;
}

/** One mode, every walk: each in a process of its own, or all in one `shared` process. */
async function measure(mode: "stub" | "http", shared = false): Promise<ModeResult> {
  process.stderr.write(
    `Measuring ${mode === "stub" ? "in process" : "over loopback HTTP"}${shared ? ", every SDK in one process" : ""} ...\n`,
  );
  const args = ["--expose-gc", "--import", "tsx"];
  const { stdout } = await run(
    process.execPath,
    [
      ...args,
      join(here, "measure.ts"),
      "--mode",
      mode,
      "--rounds",
      values.rounds,
      "--warmups",
      values.warmups,
      ...(shared ? ["--shared"] : []),
    ],
    { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
}

const load = loadavg()[0] ?? 0;
const started = performance.now();
const stub = await measure("stub");
const http = await measure("http");
// Every SDK in one process: each one's code, type feedback and garbage weigh on the others'.
const shared = await measure("http", true);

const ratio = (f: Figures | undefined) =>
  f ? `${f.ratio.toFixed(2)}x (${f.p25.toFixed(2)}-${f.p75.toFixed(2)})` : "-";
const rows = Object.keys(LABELS).map((name) => {
  const [s, h] = [stub.result[name], http.result[name]];
  return [
    LABELS[name] as string,
    ratio(s),
    ratio(h),
    ratio(shared.result[name]),
    h ? `${Math.round(h.itemsPerSec / 1000)}k` : "-",
    h ? h.cpuMsPer1k.toFixed(1) : "-",
    `${s ? Math.round(s.liveHeapKB) : "-"} / ${h ? Math.round(h.liveHeapKB) : "-"}`,
  ];
});
const header = [
  "variant",
  "CPU in process (p25-p75)",
  "CPU over HTTP (p25-p75)",
  "CPU over HTTP, every SDK in one process",
  "items/s HTTP",
  "CPU ms/1k items HTTP",
  "live heap KB (in process / HTTP)",
];
const widths = header.map((h, i) =>
  Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
);
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;

console.log(
  `\nPeer walks: ${stub.walkItems} items of 339 bytes, 100 a page; median of ${stub.rounds} interleaved rounds per mode; CPU as a ratio to the baseline in the same round and process`,
);
console.log(
  `Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), load ${load.toFixed(1)} at start, ${new Date().toISOString().slice(0, 16)}Z\n`,
);
// The page states it: a test then knows whether its figures are still the SDK's (sdk-hash.ts).
console.log(`${kubeadapt}, SDK sources hash ${sdkSourceHash()}\n`);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
console.log(`\nTook ${((performance.now() - started) / 1000).toFixed(0)} s.`);
