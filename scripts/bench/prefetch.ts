// (2) Wall time of a 20-page walk with 20 ms of server latency and 20 ms of consumer work per
// page, prefetch 1 vs prefetch 0. Consumer work is awaited (I/O, like writing each page to a
// database), so a request in flight can overlap it.
import { setTimeout as sleep } from "node:timers/promises";
import { createKubeadapt } from "../../src/index.js";
import { BASE_URL, createStubFetch, LIST_PATH, median, report, TOKEN } from "./stub-api.js";

const PAGES = 20;
const LIMIT = 100;
const LATENCY_MS = 20;
const WORK_MS = 20;
const REPEATS = 5;

const stubFetch = createStubFetch({
  total: PAGES * LIMIT,
  limit: LIMIT,
  preserialize: true,
  latencyMs: LATENCY_MS,
});
const ka = createKubeadapt({ token: TOKEN, baseUrl: BASE_URL, fetch: stubFetch });

async function walkMs(prefetch: number): Promise<number> {
  const start = performance.now();
  let pages = 0;
  const walk = ka.paginate(LIST_PATH, { params: { query: { limit: LIMIT } }, prefetch });
  for await (const _page of walk.pages()) {
    pages += 1;
    await sleep(WORK_MS);
  }
  if (pages !== PAGES) throw new Error(`walked ${pages} pages, expected ${PAGES}`);
  return performance.now() - start;
}

await walkMs(1);
const samples: Record<string, number[]> = { prefetch0: [], prefetch1: [] };
for (let round = 0; round < REPEATS; round++) {
  samples.prefetch0?.push(await walkMs(0));
  samples.prefetch1?.push(await walkMs(1));
}
const prefetch0 = median(samples.prefetch0 ?? []);
const prefetch1 = median(samples.prefetch1 ?? []);
report({
  prefetch0,
  prefetch1,
  samples,
  ideal0: PAGES * (LATENCY_MS + WORK_MS),
  ideal1: LATENCY_MS + PAGES * Math.max(LATENCY_MS, WORK_MS),
});
