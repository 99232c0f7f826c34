// An in-process stand-in for a /v1 list endpoint, shared by the benchmarks: a `fetch` that
// answers `new Response(body)` from page bodies serialized before timing starts (or made on
// demand, for the memory run), so the SDK and the hand-written baseline pay the same serving cost.

/** The base URL and token every benchmark client uses. */
export const BASE_URL = "https://bench.kubeadapt.test";
export const TOKEN = "ka_bench_token";
export const LIST_PATH = "/v1/workloads";

const JSON_HEADERS = { "content-type": "application/json" };

/** A workload-sized item (~330 bytes of JSON), like one row of `/v1/workloads`. */
export function makeItem(i: number): Record<string, unknown> {
  const n = String(i).padStart(8, "0");
  return {
    id: `0b6f1f6e-0000-4000-8000-0000${n}`,
    kind: "Deployment",
    metadata: {
      name: `api-server-${i}`,
      namespace: `team-${i % 17}`,
      cluster_id: "5d1e4c2a-0000-4000-8000-000000000001",
      labels: { app: `api-${i % 31}`, tier: "backend" },
    },
    replicas: 1 + (i % 5),
    cost: { hourly: "0.1234", monthly: "90.0820", currency: "USD" },
    created_at: "2026-01-15T08:30:00Z",
  };
}

/** The JSON body of page `index` (0-based) of a `total`-item list in pages of `limit`. */
export function pageBody(index: number, total: number, limit: number): string {
  const start = index * limit;
  const end = Math.min(start + limit, total);
  const data = [];
  for (let i = start; i < end; i++) data.push(makeItem(i));
  const more = end < total;
  return JSON.stringify({
    data,
    meta: {
      request_id: `req_${index}`,
      pagination: { has_more: more, next_cursor: more ? `p${index + 1}` : "", limit },
    },
  });
}

/** Options of {@link createStubFetch}. */
export interface StubOptions {
  total: number;
  limit: number;
  /** Serialize every page up front (timed runs) or each page on request (memory runs). */
  preserialize: boolean;
  /** Server latency per request, in milliseconds. @default 0 */
  latencyMs?: number;
}

/** A `fetch` serving the list's pages; cursors are `p1`, `p2`, ... */
export function createStubFetch(options: StubOptions) {
  const pages = Math.ceil(options.total / options.limit);
  const bodies = options.preserialize
    ? Array.from({ length: pages }, (_, i) => pageBody(i, options.total, options.limit))
    : undefined;
  const latency = options.latencyMs ?? 0;
  return async function stubFetch(input: Request | string | URL): Promise<Response> {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const match = /[?&]cursor=p(\d+)/.exec(url);
    const index = match ? Number(match[1]) : 0;
    // A real response always arrives in a later turn of the event loop, never synchronously:
    // without this, timers and FinalizationRegistry callbacks (which undici relies on to drop
    // the abort listener each Request adds to its signal) would never run during a walk.
    await new Promise((resolve) =>
      latency > 0 ? setTimeout(resolve, latency) : setImmediate(resolve),
    );
    const body = bodies ? bodies[index] : pageBody(index, options.total, options.limit);
    return new Response(body, { headers: JSON_HEADERS });
  };
}

/** Runs `gc()` (the process must run with `--expose-gc`). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc");
  gc();
}

/** The median of `values`. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Prints a benchmark's result for the runner (the last stdout line is JSON). */
export function report(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
