// `npm run bench`: runs each benchmark of scripts/bench/ in its own Node process (fresh heap,
// --expose-gc) and prints one table: each figure beside its goal, PASS or MISS. Baselines are
// measured in the same run. Nothing here is asserted in tests: timings depend on the machine.
import { execFile } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { promisify } from "node:util";
import { SIZE_BUDGET_BYTES } from "./bench/bundle-size.js";
import { repoRoot } from "./lib/exec.js";

const run = promisify(execFile);

interface Row {
  measure: string;
  result: string;
  goal: string;
  pass: boolean | undefined;
}

async function bench(file: string, ...args: string[]): Promise<Record<string, number>> {
  const { stdout } = await run(
    process.execPath,
    ["--expose-gc", "--import", "tsx", `scripts/bench/${file}`, ...args],
    { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

const rows: Row[] = [];
const started = performance.now();
const load = loadavg()[0] ?? 0;

progress("(1/6) CPU time of walking 100 000 items (in interleaved 5 000-item walks) ...");
const cpu = await bench("cpu.ts");
const base = cpu.baseline ?? Number.NaN;
const ratioOf = (key: string) => (cpu[key] ?? Number.NaN) / base;
for (const [key, label] of [
  ["prefetch0", "prefetch 0"],
  ["prefetchDefault", "prefetch 1 (default)"],
] as const) {
  rows.push({
    measure: `CPU, 100 000 items, limit 500, ${label} vs fetch+json() loop`,
    result: `${ms(cpu[key] ?? Number.NaN)} vs ${ms(base)} = ${ratioOf(key).toFixed(3)}x`,
    goal: "<= 1.15x",
    pass: ratioOf(key) <= 1.15,
  });
}
rows.push({
  measure: "CPU, the method's own error: the baseline measured twice",
  result: `${ratioOf("control").toFixed(3)}x (1.000x is exact)`,
  goal: "(info)",
  pass: undefined,
});
rows.push({
  measure: "CPU, where it goes (each layer adds to the one before)",
  result:
    `openapi-fetch ${ratioOf("openapiFetch").toFixed(2)}x, SDK client ${ratioOf("sdkClient").toFixed(2)}x, ` +
    `walk by pages ${ratioOf("sdkPages").toFixed(2)}x, by items ${ratioOf("prefetch0").toFixed(2)}x`,
  goal: "(info)",
  pass: undefined,
});

progress("(2/6) prefetch over 20 pages with 20 ms latency and 20 ms of work ...");
const prefetch = await bench("prefetch.ts");
const speedup = (prefetch.prefetch0 ?? Number.NaN) / (prefetch.prefetch1 ?? Number.NaN);
const ideal = (prefetch.ideal0 ?? Number.NaN) / (prefetch.ideal1 ?? Number.NaN);
rows.push({
  measure: "Wall, 20 pages, 20 ms latency + 20 ms work/page, prefetch 1 vs 0",
  result:
    `${ms(prefetch.prefetch1 ?? Number.NaN)} vs ${ms(prefetch.prefetch0 ?? Number.NaN)}` +
    ` = ${speedup.toFixed(2)}x faster (ideal ${ideal.toFixed(2)}x)`,
  goal: ">= 1.8x",
  pass: speedup >= 1.8,
});

progress("(3/6) heap while streaming 1 000 000 items with ka.paginate ...");
const stream = await bench("memory.ts");
progress("(4/6) heap while streaming 1 000 000 items with a fetch+json() loop ...");
const hand = await bench("memory.ts", "--hand");
const pageBytes = stream.pageBytes ?? Number.NaN;
const pagesIn = (bytes: number | undefined) => (bytes ?? Number.NaN) / pageBytes;
const overHand = pagesIn((stream.livePeak ?? 0) - (hand.livePeak ?? 0));
rows.push({
  measure: "Heap, streaming 1 000 000 items (2 000 pages), peak live growth",
  result:
    `${mb(stream.livePeak ?? 0)} = ${pagesIn(stream.livePeak).toFixed(1)} pages of ${mb(pageBytes)}` +
    ` (loop: ${pagesIn(hand.livePeak).toFixed(1)}); bounded by ${Math.max(1, Math.ceil(overHand))} pages over the loop`,
  goal: "a few pages",
  pass: overHand <= 4,
});
rows.push({
  measure: "Heap, same walk, live growth from page 200 to page 2 000",
  result: `${mb(stream.drift ?? 0)} = ${pagesIn(stream.drift).toFixed(1)} pages (loop: ${pagesIn(hand.drift).toFixed(1)})`,
  goal: "(info) ~0",
  pass: undefined,
});
rows.push({
  measure: "Heap, same walk, peak heapUsed before GC (garbage included)",
  result: `${mb(stream.rawPeak ?? 0)} (loop: ${mb(hand.rawPeak ?? 0)})`,
  goal: "(info)",
  pass: undefined,
});

progress("(5/6) heap held by toArray over 100 000 items ...");
const collected = await bench("memory.ts", "--to-array");
rows.push({
  measure: "Heap, toArray({ max: 100 000 }) (contrast: holds the list)",
  result: `${mb(collected.held ?? 0)} = ${Math.round((collected.held ?? 0) / (collected.pageBytes ?? 1))} pages`,
  goal: "(info)",
  pass: undefined,
});

progress("(6/6) bundle size ...");
const size = await bench("size.ts");
rows.push({
  measure: "Size, main entry + openapi-fetch, esbuild min (neutral, esm) + gzip",
  result: `${kb(size.gzip ?? 0)} (min ${kb(size.min ?? 0)}; SDK alone ${kb(size.ownGzip ?? 0)})`,
  goal: `<= ${kb(SIZE_BUDGET_BYTES)}`,
  pass: (size.gzip ?? Number.POSITIVE_INFINITY) <= SIZE_BUDGET_BYTES,
});

const header: Row = { measure: "measure", result: "result", goal: "goal", pass: undefined };
const cells = (row: Row) => [
  row.measure,
  row.result,
  row.goal,
  row === header ? "status" : row.pass === undefined ? "-" : row.pass ? "PASS" : "MISS",
];
const widths = cells(header).map((_, i) =>
  Math.max(...[header, ...rows].map((row) => cells(row)[i]?.length ?? 0)),
);
const line = (row: Row) =>
  `| ${cells(row)
    .map((cell, i) => cell.padEnd(widths[i] ?? 0))
    .join(" | ")} |`;

const cpu0 = cpus()[0]?.model ?? "unknown CPU";
console.log(
  `\nkubeadapt benchmarks: Node ${process.version}, ${cpus().length} cores (${cpu0}), load ${load.toFixed(1)} at start\n`,
);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
console.log(`\nTook ${((performance.now() - started) / 1000).toFixed(0)} s.`);
