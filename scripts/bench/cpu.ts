// (1) CPU time of walking 100 000 items through ka.paginate vs a hand-written fetch + json()
// loop, over the same pre-serialized in-process pages.
//
// This machine's speed swings by ±30% over seconds (shared cores), far more than the gaps being
// measured. So each sample is a short walk (WALK_ITEMS), every round runs each variant once in a
// fresh random order, and a variant's ratio is the median over rounds of its time divided by the
// baseline's in the same round: a slow spell hits both sides of each ratio alike. The baseline
// runs twice per round under two names; how far "control" lands from 1.00 is the method's own
// error, printed with the result. Short walks count the SDK's per-walk setup 20 times per
// 100 000 items instead of once, which if anything is against the SDK.
//
// The SDK measured is the one users run: src/index.ts bundled by esbuild as tsup builds it
// (tsx, which runs the rest of this script, would wrap every closure in a naming helper).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { shuffle } from "../../src/testing/data/common.js";
import { repoRoot } from "../lib/exec.js";
import { versionDefine } from "../lib/version-define.js";
import { BASE_URL, createStubFetch, LIST_PATH, median, report, TOKEN } from "./stub-api.js";

const TOTAL = 100_000;
const WALK_ITEMS = 5_000;
const LIMIT = 500;
const WARMUPS = 10;
const ROUNDS = 200;

// The stub stands in for the global fetch, which is what apps use (no `fetch` option): the
// hand-written loop, bare openapi-fetch and the SDK all call it, each the way it calls a real one.
globalThis.fetch = createStubFetch({ total: WALK_ITEMS, limit: LIMIT, preserialize: true });

// Inside node_modules, so that the bundle's `import "openapi-fetch"` resolves to ours.
const outdir = join(repoRoot, "node_modules", ".cache", "kubeadapt-bench");
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, "index.mjs");
await build({
  entryPoints: [join(repoRoot, "src", "index.ts")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["openapi-fetch"],
  outfile,
  logLevel: "silent",
  define: versionDefine,
});
const { createKubeadapt } = (await import(
  pathToFileURL(outfile).href
)) as typeof import("../../src/index.js");
const ka = createKubeadapt({ token: TOKEN, baseUrl: BASE_URL });

/** What a reasonable user writes without the SDK: follow next_cursor until has_more is false. */
async function handWritten(): Promise<number> {
  let seen = 0;
  let cursor = "";
  for (;;) {
    const query = `limit=${LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await fetch(`${BASE_URL}${LIST_PATH}?${query}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as {
      data: { id: string }[];
      meta: { pagination: { has_more: boolean; next_cursor: string } };
    };
    for (const item of body.data) seen += item.id.length > 0 ? 1 : 0;
    if (!body.meta.pagination.has_more) return seen;
    cursor = body.meta.pagination.next_cursor;
  }
}

async function sdk(prefetch: number | undefined): Promise<number> {
  let seen = 0;
  const walk = ka.paginate(LIST_PATH, {
    params: { query: { limit: LIMIT } },
    ...(prefetch === undefined ? {} : { prefetch }),
  });
  for await (const item of walk) seen += item.id.length > 0 ? 1 : 0;
  return seen;
}

/** The same loop through a client: bare openapi-fetch, or the SDK's (auth, retries, timeouts). */
async function clientLoop(client: ReturnType<typeof createClient<paths>>): Promise<number> {
  let seen = 0;
  let cursor = "";
  for (;;) {
    const query = { limit: LIMIT, ...(cursor ? { cursor } : {}) };
    const { data } = await client.GET(LIST_PATH, { params: { query } });
    if (!data) throw new Error("no data");
    for (const item of data.data) seen += item.id.length > 0 ? 1 : 0;
    if (!data.meta.pagination.has_more) return seen;
    cursor = data.meta.pagination.next_cursor ?? "";
  }
}

async function sdkPages(): Promise<number> {
  let seen = 0;
  const walk = ka.paginate(LIST_PATH, { params: { query: { limit: LIMIT } }, prefetch: 0 });
  for await (const page of walk.pages()) {
    for (const item of page.items) seen += item.id.length > 0 ? 1 : 0;
  }
  return seen;
}

const bare = createClient<paths>({ baseUrl: BASE_URL });

// The goal compares prefetch0/prefetchDefault with baseline; the others split the difference
// into layers: openapi-fetch itself, the SDK's fetch stack, the walk, per-item iteration.
const variants: Record<string, () => Promise<number>> = {
  baseline: handWritten,
  control: handWritten,
  openapiFetch: () => clientLoop(bare),
  sdkClient: () => clientLoop(ka.client),
  sdkPages,
  prefetch0: () => sdk(0),
  prefetchDefault: () => sdk(undefined),
};

async function cpuMs(run: () => Promise<number>): Promise<number> {
  const start = process.cpuUsage();
  const seen = await run();
  const used = process.cpuUsage(start);
  if (seen !== WALK_ITEMS) throw new Error(`walked ${seen} items, expected ${WALK_ITEMS}`);
  return (used.user + used.system) / 1000;
}

const names = Object.keys(variants);
const rounds: Record<string, number>[] = [];
for (let round = 0; round < WARMUPS + ROUNDS; round++) {
  const times: Record<string, number> = {};
  for (const [name, run] of shuffle(Object.entries(variants), Math.random))
    times[name] = await cpuMs(run);
  if (round >= WARMUPS) rounds.push(times);
}

const scale = TOTAL / WALK_ITEMS;
const of = (name: string) => rounds.map((times) => times[name] as number);
const baseline = median(of("baseline")) * scale;
// Each variant's time: the baseline's median times the variant's median ratio to it.
const result = Object.fromEntries(
  names.map((name) => [
    name,
    baseline * median(rounds.map((times) => (times[name] as number) / (times.baseline as number))),
  ]),
);
report({ ...result, items: TOTAL, walkItems: WALK_ITEMS, limit: LIMIT, rounds: ROUNDS });
