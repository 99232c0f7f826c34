// (3) Heap while streaming 1 000 000 items through ka.paginate (pages made on request, nothing
// holds the data set), against the heap one parsed page takes; and, with `--to-array`, the
// heap that toArray({ max: 100 000 }) holds, for contrast; with `--hand`, the same stream
// through a hand-written fetch + json() loop (the fixed overhead of a walk). Run with --expose-gc.
import { createKubeadapt } from "../../src/index.js";
import {
  BASE_URL,
  collectGarbage,
  createStubFetch,
  LIST_PATH,
  pageBody,
  report,
  TOKEN,
} from "./stub-api.js";

const LIMIT = 500;
const STREAM_ITEMS = 1_000_000;
const COLLECT_ITEMS = 100_000;
// A full GC before every sample would dominate the run: collect on every GC_EVERY-th page.
const GC_EVERY = 20;
// Live heap at this page vs at the last page: what the walk keeps per page walked.
const EARLY_PAGE = 200;
const WARMUP_PAGES = 20;

const heap = () => process.memoryUsage().heapUsed;

/** Heap taken by one parsed page of LIMIT items: hold 20 pages, divide. */
function parsedPageBytes(): number {
  collectGarbage();
  const before = heap();
  const held = Array.from({ length: 20 }, (_, i) => JSON.parse(pageBody(i, 20 * LIMIT, LIMIT)));
  collectGarbage();
  const bytes = (heap() - before) / held.length;
  return held.length > 0 ? bytes : 0;
}

/** Pages of a `total`-item list: through ka.paginate, or (`hand`) a fetch + json() loop. */
function pagesOf(total: number, hand: boolean): AsyncIterable<{ items: unknown[] }> {
  const stubFetch = createStubFetch({ total, limit: LIMIT, preserialize: false });
  if (!hand) {
    const ka = createKubeadapt({ token: TOKEN, baseUrl: BASE_URL, fetch: stubFetch });
    return ka.paginate(LIST_PATH, { params: { query: { limit: LIMIT } } }).pages();
  }
  return (async function* handPages() {
    let cursor = "";
    for (;;) {
      const query = `limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ""}`;
      const body = (await (await stubFetch(`${BASE_URL}${LIST_PATH}?${query}`)).json()) as {
        data: unknown[];
        meta: { pagination: { has_more: boolean; next_cursor: string } };
      };
      yield { items: body.data };
      if (!body.meta.pagination.has_more) return;
      cursor = body.meta.pagination.next_cursor;
    }
  })();
}

/** Streams STREAM_ITEMS items page by page, sampling the heap; after a short warm-up walk. */
async function stream(hand: boolean): Promise<Record<string, number>> {
  // A first walk compiles the code on the path (bytecode lives on the heap too): not data.
  for await (const _page of pagesOf(WARMUP_PAGES * LIMIT, hand));
  const walk = pagesOf(STREAM_ITEMS, hand);
  collectGarbage();
  const baseline = heap();
  let rawPeak = 0;
  let livePeak = 0;
  let early = Number.NaN;
  let last = 0;
  let seen = 0;
  let pages = 0;
  for await (const page of walk) {
    seen += page.items.length;
    pages += 1;
    rawPeak = Math.max(rawPeak, heap() - baseline);
    if (pages % GC_EVERY === 0) {
      collectGarbage();
      last = heap() - baseline;
      livePeak = Math.max(livePeak, last);
      // Growth from here to the end of the walk would be growth with N.
      if (pages === EARLY_PAGE) early = last;
    }
  }
  if (seen !== STREAM_ITEMS) throw new Error(`streamed ${seen} items, expected ${STREAM_ITEMS}`);
  return { rawPeak, livePeak, drift: last - early, pages };
}

async function collect(): Promise<Record<string, number>> {
  const stubFetch = createStubFetch({ total: COLLECT_ITEMS, limit: LIMIT, preserialize: false });
  const ka = createKubeadapt({ token: TOKEN, baseUrl: BASE_URL, fetch: stubFetch });
  collectGarbage();
  const baseline = heap();
  const items = await ka
    .paginate(LIST_PATH, { params: { query: { limit: LIMIT } } })
    .toArray({ max: COLLECT_ITEMS });
  collectGarbage();
  const held = heap() - baseline;
  if (items.length !== COLLECT_ITEMS) throw new Error(`collected ${items.length} items`);
  return { held, pages: COLLECT_ITEMS / LIMIT };
}

const pageBytes = parsedPageBytes();
if (process.argv.includes("--to-array")) {
  report({ pageBytes, ...(await collect()) });
} else {
  report({ pageBytes, ...(await stream(process.argv.includes("--hand"))) });
}
