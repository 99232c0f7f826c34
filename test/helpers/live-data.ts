// Layers that make the (correct) fake's data move while the suite runs, as a live deployment's
// does: costs re-computed between pages, workloads deployed.
import { multiply } from "../../src/money/index.js";
import type { FakeDataset } from "../../src/testing/index.js";
import { type Body, type Layer, onBody } from "./mutant-proxy.js";

type Workload = FakeDataset["workloads"][number];

/** A deterministic pseudo-random sequence in [0, 1). */
export function sequence(seed = 12_345): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

/**
 * Scales a workload's run rate (fully-loaded data, four decimals) by `factor`, and projects it
 * over 730 hours again, exactly, as the spec's CostSummary (and a correct server) does.
 */
export function recost(workload: Workload, factor: number): void {
  const rate = workload.cost.current_run_rate_hourly;
  rate.amount = (Number(rate.amount) * factor).toFixed(4);
  if (workload.cost.projected_monthly) {
    workload.cost.projected_monthly.amount = multiply(rate, 730).amount;
  }
}

/** Whether the request is a cursor request (page 2 on) to a path matching `pattern`. */
const cursorTo = (request: Request, pattern: RegExp) => {
  const url = new URL(request.url);
  return pattern.test(url.pathname) && url.searchParams.has("cursor");
};

/**
 * Runs `change` on the fake's data before every `every`th cursor request to a path matching
 * `pattern` (a live list changing between a walk's pages), then serves the request.
 */
export function betweenPages(
  pattern: RegExp,
  every: number,
  change: (data: FakeDataset) => void,
): Layer {
  let n = 0;
  return (request, next, fake) => {
    if (cursorTo(request, pattern) && ++n % every === 0) fake.mutate(change);
    return next(request);
  };
}

/** Re-costs one pseudo-random workload by a factor in [low, high) (a cost pipeline's update). */
export function recostOne(random: () => number, low: number, high: number) {
  return (data: FakeDataset) => {
    const workload = data.workloads[Math.floor(random() * data.workloads.length)];
    if (workload) recost(workload, low + random() * (high - low));
  };
}

/** Deploys a copy of one of the 20 first workloads under a new id: it sorts near the top. */
export function deployNearTop(random: () => number) {
  let n = 0;
  return (data: FakeDataset) => {
    const source = data.workloads[Math.floor(random() * Math.min(20, data.workloads.length))];
    if (!source) return;
    const id = `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
    data.workloads.push({ ...structuredClone(source), id });
  };
}

/** Runs the layers in order, each in front of the next. */
export function stack(...layers: Layer[]): Layer {
  return layers.reduceRight<Layer>(
    (inner, outer) => (request, next, fake) => outer(request, (r) => inner(r, next, fake), fake),
    (request, next) => next(request),
  );
}

/**
 * Serves `/v1/workloads` by OFFSET and LIMIT behind an opaque cursor (the whole list is read
 * from the fake and sliced): right while the list stands still, wrong once items come before
 * the walk's position. Errors, `meta` and `total_count` are the fake's page 1's.
 */
export const offsetCursor: Layer = async (request, next) => {
  const url = new URL(request.url);
  if (url.pathname !== "/v1/workloads") return next(request);
  const cursor = url.searchParams.get("cursor");
  url.searchParams.delete("cursor");
  const first = await next(new Request(url, request));
  if (first.status !== 200) return first;
  const offset = cursor
    ? Number(JSON.parse(Buffer.from(cursor, "base64url").toString()).offset)
    : 0;
  const limit = Number(url.searchParams.get("limit") ?? 100);
  const body: Body = await first.json();
  const all: Body[] = [];
  const every = new URL(url);
  every.searchParams.set("limit", "500");
  every.searchParams.delete("include_total");
  for (let more: string | undefined = ""; more !== undefined; ) {
    if (more) every.searchParams.set("cursor", more);
    const page: Body = await (await next(new Request(every, request))).json();
    all.push(...page.data);
    more = page.meta.pagination.has_more ? page.meta.pagination.next_cursor : undefined;
  }
  body.data = all.slice(offset, offset + limit);
  const hasMore = offset + limit < all.length;
  body.meta.pagination.has_more = hasMore;
  body.meta.pagination.next_cursor = hasMore ? offsetToken(offset + limit) : "";
  return new Response(JSON.stringify(body), first);
};

const offsetToken = (offset: number) =>
  Buffer.from(JSON.stringify({ offset })).toString("base64url");

/** Runs `change` the first time only. */
export function once(change: (data: FakeDataset) => void) {
  let done = false;
  return (data: FakeDataset) => {
    if (!done) change(data);
    done = true;
  };
}

/** Scales the costs of the workload with the highest run rate by `factor`. */
export function recostTop(factor: number) {
  return (data: FakeDataset) => {
    const rate = (w: Workload) => Number(w.cost.current_run_rate_hourly.amount);
    const top = data.workloads.reduce((a, b) => (rate(b) > rate(a) ? b : a));
    recost(top, factor);
  };
}

/** The lists whose items a request path names, as the fake's data keys them. */
const DELETABLE =
  /^\/v1\/(workloads|teams|recommendations|namespaces)\/([0-9a-f-]{36})(\/[a-z]+)?$/;

/**
 * Deletes the resource a request names just before the first request that names it, once per
 * kind (a finished Job's workload, a team removed by an admin): it was listed a moment ago.
 */
export function deletedOnFirstUse(): Layer {
  const done = new Set<string>();
  return (request, next, fake) => {
    const [, kind, id] = DELETABLE.exec(new URL(request.url).pathname) ?? [];
    const data = fake.data as unknown as Record<string, Array<{ id: string }>>;
    if (kind && id && !done.has(kind) && data[kind]?.some((item) => item.id === id)) {
      done.add(kind);
      fake.mutate((d) => {
        const lists = d as unknown as Record<string, Array<{ id: string }>>;
        lists[kind] = (lists[kind] ?? []).filter((item) => item.id !== id);
        if (kind === "teams")
          d.assignments = d.assignments.filter((a) => a.metadata.team_id !== id);
      });
    }
    return next(request);
  };
}

/** Deletes one of the 10 workloads with the highest run rate (a Job near the top finishing). */
export function removeNearTop(random: () => number) {
  return (data: FakeDataset) => {
    const rate = (w: Workload) => Number(w.cost.current_run_rate_hourly.amount);
    const victim = [...data.workloads].sort((a, b) => rate(b) - rate(a))[Math.floor(random() * 10)];
    data.workloads = data.workloads.filter((w) => w !== victim);
  };
}

/**
 * A server that never lists one workload though its `total_count` counts it (a keyset tie bug):
 * the third item of the first cursor page of `/v1/workloads` it serves, left out from then on.
 */
export function neverListsOne(): Layer {
  let victim: string | undefined;
  return onBody((body, { url }) => {
    if (url.pathname !== "/v1/workloads" || !Array.isArray(body.data)) return;
    if (!victim && url.searchParams.has("cursor") && body.data.length > 3) victim = body.data[2].id;
    body.data = body.data.filter((w: Body) => w.id !== victim);
  });
}
