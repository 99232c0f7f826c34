// The fake list endpoints the peer benchmark walks: one per pagination protocol, all serving the
// same items (339 bytes of JSON each) in the same order, from bodies serialized before timing.
// `answer` is the whole server: the in-process stub fetch and the loopback HTTP server both call
// it, so both modes serve byte-identical pages.

/** Items per walk, and per page. */
export const WALK_ITEMS = 5_000;
export const PAGE_SIZE = 100;

/** The id of item `i`: a UUID whose last group is the index. */
export const itemId = (i: number) => `0b6f1f6e-0000-4000-8000-${String(i).padStart(12, "0")}`;
const indexOf = (id: string | null) => (id ? Number(id.slice(-12)) : -1);

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Item `i`: a workload-like record, fixed-width fields so that every item is 339 bytes. */
export function makeItem(i: number): Record<string, unknown> {
  return {
    id: itemId(i),
    kind: "Deployment",
    metadata: {
      name: `api-server-${pad(i, 10)}`,
      namespace: `team-${pad(i % 17, 2)}`,
      cluster_id: "5d1e4c2a-0000-4000-8000-000000000001",
      labels: { app: `api-${pad(i % 31, 2)}`, tier: "backend" },
    },
    replicas: 1 + (i % 5),
    cost: { hourly: "0.1234", monthly: "90.0820", currency: "USD" },
    created_at: "2026-01-15T08:30:00Z",
  };
}

/** The same item as DynamoDB's wire format writes it (attribute values). */
function marshall(value: unknown): Record<string, unknown> {
  if (typeof value === "string") return { S: value };
  if (typeof value === "number") return { N: String(value) };
  return {
    M: Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, marshall(v)])),
  };
}

/** A response of the fakes. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const pages = Math.ceil(WALK_ITEMS / PAGE_SIZE);
const items = Array.from({ length: pages }, (_, p) =>
  Array.from({ length: Math.min(PAGE_SIZE, WALK_ITEMS - p * PAGE_SIZE) }, (_, k) =>
    makeItem(p * PAGE_SIZE + k),
  ),
);
const lastId = (p: number) => itemId(Math.min((p + 1) * PAGE_SIZE, WALK_ITEMS) - 1);
const more = (p: number) => p < pages - 1;
const serialize = (page: (p: number) => unknown) =>
  Array.from({ length: pages }, (_, p) => JSON.stringify(page(p)));

const bodies = {
  kubeadapt: serialize((p) => ({
    data: items[p],
    meta: {
      request_id: `req_${p}`,
      pagination: { has_more: more(p), next_cursor: more(p) ? `p${p + 1}` : "", limit: PAGE_SIZE },
    },
  })),
  openai: serialize((p) => ({
    object: "list",
    data: items[p],
    first_id: itemId(p * PAGE_SIZE),
    last_id: lastId(p),
    has_more: more(p),
  })),
  stripe: serialize((p) => ({
    object: "list",
    data: items[p],
    has_more: more(p),
    url: "/v1/customers",
  })),
  anthropic: serialize((p) => ({
    data: items[p],
    has_more: more(p),
    first_id: itemId(p * PAGE_SIZE),
    last_id: lastId(p),
  })),
  github: serialize((p) => items[p]),
  dynamodb: serialize((p) => ({
    Items: items[p]?.map((item) => marshall(item).M),
    Count: items[p]?.length,
    ScannedCount: items[p]?.length,
    ...(more(p) ? { LastEvaluatedKey: { id: { S: lastId(p) } } } : {}),
  })),
};

const JSON_TYPE = { "content-type": "application/json" };
const ok = (body: string | undefined, headers: Record<string, string> = JSON_TYPE): Answer =>
  body === undefined
    ? { status: 400, headers: JSON_TYPE, body: '{"error":"no such page"}' }
    : { status: 200, headers, body };
// The page after the item with this id.
const after = (id: string | null) => (id === null ? 0 : (indexOf(id) + 1) / PAGE_SIZE);

/**
 * The fakes' answer to one request: `origin` is the server's own (GitHub's Link header holds
 * absolute URLs), `body` the request's (DynamoDB sends its query as JSON).
 */
export function answer(method: string, url: URL, body: string, origin: string): Answer {
  const q = url.searchParams;
  switch (`${method} ${url.pathname}`) {
    case "GET /v1/workloads":
      return ok(bodies.kubeadapt[Number(q.get("cursor")?.slice(1) ?? 0)]);
    case "GET /v1/batches":
      return ok(bodies.openai[after(q.get("after"))]);
    case "GET /v1/customers":
      return ok(bodies.stripe[after(q.get("starting_after"))]);
    case "GET /v1/models":
      return ok(bodies.anthropic[after(q.get("after_id"))]);
    case "GET /orgs/kubeadapt/repos": {
      const page = Number(q.get("page") ?? 1);
      const link = (n: number, rel: string) =>
        `<${origin}/orgs/kubeadapt/repos?per_page=${PAGE_SIZE}&page=${n}>; rel="${rel}"`;
      const links = page < pages ? [link(page + 1, "next"), link(pages, "last")] : [];
      return ok(bodies.github[page - 1], {
        ...JSON_TYPE,
        ...(links.length ? { link: links.join(", ") } : {}),
      });
    }
    case "POST /": {
      const start = (JSON.parse(body) as { ExclusiveStartKey?: { id: { S: string } } })
        .ExclusiveStartKey?.id.S;
      return ok(bodies.dynamodb[after(start ?? null)], {
        "content-type": "application/x-amz-json-1.0",
      });
    }
    default:
      return { status: 404, headers: JSON_TYPE, body: '{"error":"not found"}' };
  }
}
