// (1) CPU time of walking 100 000 items through ka.paginate vs a hand-written fetch + json()
// loop, over the same pre-serialized in-process pages. Runs are interleaved so load from other
// processes hits every variant alike; the median of REPEATS runs is reported.
import createClient from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { createKubeadapt } from "../../src/index.js";
import { BASE_URL, createStubFetch, LIST_PATH, median, report, TOKEN } from "./stub-api.js";

const TOTAL = 100_000;
const LIMIT = 500;
const WARMUPS = 2;
// Single runs of one variant spread by ±0.05 in ratio on a shared 2-core machine; 11 rounds
// make the median steady enough to read a 0.02 difference.
const REPEATS = 11;

// The stub stands in for the global fetch, which is what apps use (no `fetch` option): the
// hand-written loop, bare openapi-fetch and the SDK all call it, each the way it calls a real one.
globalThis.fetch = createStubFetch({ total: TOTAL, limit: LIMIT, preserialize: true });
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
  if (seen !== TOTAL) throw new Error(`walked ${seen} items, expected ${TOTAL}`);
  return (used.user + used.system) / 1000;
}

const samples: Record<string, number[]> = Object.fromEntries(
  Object.keys(variants).map((name) => [name, []]),
);
for (let round = 0; round < WARMUPS + REPEATS; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const ms = await cpuMs(run);
    if (round >= WARMUPS) samples[name]?.push(ms);
  }
}

const result = Object.fromEntries(
  Object.entries(samples).map(([name, values]) => [name, median(values)]),
);
report({ ...result, samples, items: TOTAL, limit: LIMIT, repeats: REPEATS });
