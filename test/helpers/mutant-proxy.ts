import type { ContractOptions } from "../../src/contract/index.js";
import {
  createFakeKubeadapt,
  type FakeKubeadapt,
  fakeContractHooks,
} from "../../src/testing/index.js";

/** The token the fake accepts; any other is unknown to it. */
export const TOKEN = "ka_test_contract";

/** The key the fake signs its cursors with, so that a mutant can sign a cursor it changed. */
export const CURSOR_SECRET = "mutant-cursor-secret";

/** Small enough for fast walks, large enough for ties, several pages and every filter value. */
const SIZES = { workloads: 400, recommendations: 150, maxAssignmentsPerTeam: 12 };

/** The fake's answer to a request, as a mutant sees it. */
export type Next = (request: Request) => Promise<Response>;

/** One server bug: a layer between the suite and the (correct) fake. */
export type Layer = (request: Request, next: Next, fake: FakeKubeadapt) => Promise<Response>;

/** A realistic server bug and the checks that must catch it. */
export interface Mutant {
  /** Short kebab-case name. */
  id: string;
  /** What the broken server does. */
  bug: string;
  /** Check ids that must fail against it. */
  catches: readonly string[];
  layer: Layer;
}

// biome-ignore lint/suspicious/noExplicitAny: mutants rewrite response bodies freely
export type Body = any;

/** What a body rewrite sees of the exchange. */
export interface Exchange {
  url: URL;
  request: Request;
  status: number;
  headers: Headers;
  fake: FakeKubeadapt;
}

/** The fake behind `layer` (none: the correct server), as `runContract` options with hooks. */
export function target(layer?: Layer): { fake: FakeKubeadapt; options: ContractOptions } {
  const fake = createFakeKubeadapt({ token: TOKEN, sizes: SIZES, secret: CURSOR_SECRET });
  const next: Next = (request) => fake.fetch(request);
  const fetch = layer ? (request: Request) => layer(request, next, fake) : next;
  const options: ContractOptions = {
    baseUrl: fake.baseUrl,
    token: TOKEN,
    fetch,
    // No pacing in process; the fake's hooks age cursors, rate-limit on demand and wait on its clock.
    rate: 0,
    hooks: fakeContractHooks(fake),
  };
  return { fake, options };
}

/** A layer that rewrites the request (its URL and headers) before the fake sees it. */
export function onRequest(rewrite: (url: URL, headers: Headers) => void): Layer {
  return (request, next) => {
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    rewrite(url, headers);
    return next(new Request(url, { method: request.method, headers, signal: request.signal }));
  };
}

/** A layer that rewrites JSON response bodies (and may replace status and headers). */
export function onBody(
  // biome-ignore lint/suspicious/noConfusingVoidType: most rewrites edit in place and return nothing
  rewrite: (body: Body, ex: Exchange) => void | { status?: number; body?: unknown },
): Layer {
  return async (request, next, fake) => {
    const response = await next(request);
    const text = await response.text();
    const headers = new Headers(response.headers);
    let body: Body;
    try {
      body = JSON.parse(text);
    } catch {
      return new Response(text, { status: response.status, headers });
    }
    const ex = { url: new URL(request.url), request, status: response.status, headers, fake };
    const replaced = rewrite(body, ex);
    const status = replaced?.status ?? response.status;
    const out = replaced && "body" in replaced ? replaced.body : body;
    return new Response(JSON.stringify(out), { status, headers });
  };
}

/** Applies `layer` only to requests whose path matches `pattern`. */
export function on(pattern: RegExp, layer: Layer): Layer {
  return (request, next, fake) =>
    pattern.test(new URL(request.url).pathname) ? layer(request, next, fake) : next(request);
}

/** The spec's error envelope, as a broken server might build it. */
export function errorEnvelope(code: string, message: string, details: unknown[] = []): Body {
  return {
    data: null,
    meta: { request_id: "req_01MUTANT", applied_at: "2026-05-21T10:30:00Z" },
    error: { code, message, details },
  };
}

/** A JSON response, dated (`Date`) by its `meta.applied_at` as a server dates by its clock. */
export function json(body: unknown, status = 200): Response {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const appliedAt = (body as Body)?.meta?.applied_at;
  if (typeof appliedAt === "string") headers.date = new Date(appliedAt).toUTCString();
  return new Response(JSON.stringify(body), { status, headers });
}

/** Whether a response body is a cursor page (`meta.pagination` present). */
export const isPage = (body: Body): boolean => body?.meta?.pagination !== undefined;

/** Empties a cursor page in place: no item, the last page, a `total_count` (if any) of 0. */
export function emptyPage(body: Body): void {
  if (!isPage(body)) return;
  body.data = [];
  body.meta.pagination = { ...body.meta.pagination, has_more: false, next_cursor: "" };
  if ("total_count" in body.meta.pagination) body.meta.pagination.total_count = 0;
}

/** Sorts a page's items in place by `compare`. */
export function sortPage(body: Body, compare: (a: Body, b: Body) => number): void {
  if (Array.isArray(body?.data)) body.data.sort(compare);
}

/** The hourly cost of an item as a number (0 when absent). */
export const hourly = (item: Body): number =>
  Number(item?.cost?.current_run_rate_hourly?.amount ?? 0);
