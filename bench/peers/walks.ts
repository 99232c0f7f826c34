// Each SDK walks its fake list the way its docs show, and every item is checked to arrive in
// order. `origin` is the fakes' (loopback HTTP, or the stub fetch's made-up host); `stub` is
// set in process, where each SDK gets the stub through the seam it offers for a custom fetch.
import { Agent, get } from "node:http";
import Anthropic from "@anthropic-ai/sdk";
import { DynamoDBClient, paginateScan } from "@aws-sdk/client-dynamodb";
import { Octokit } from "@octokit/rest";
import { FetchHttpHandler } from "@smithy/fetch-http-handler";
import OpenAI from "openai";
import Stripe from "stripe";
import { Agent as UndiciAgent } from "undici";
import { EXCHANGE, type MaybeExchanging } from "../../src/internal/exchange.js";
import { plainSignal } from "../../src/internal/signals.js";
import { itemId, PAGE_SIZE, WALK_ITEMS } from "./fakes.js";

/** The kubeadapt entries under test (bundled from src/ as the package ships them). */
export interface Kubeadapt {
  createKubeadapt: typeof import("../../src/index.js").createKubeadapt;
  nodeTransport: typeof import("../../src/node/index.js").nodeTransport;
}

const ids = Array.from({ length: WALK_ITEMS }, (_, i) => itemId(i));

let sampler: (() => void) | undefined;
const SAMPLE_EVERY = 250;

/** Calls `sample` every 250 items of every walk (the heap pass), or stops (undefined). */
export function setSampler(sample: (() => void) | undefined): void {
  sampler = sample;
}

/** Counts items, throwing at the first one out of order (or at a short walk, in `done`). */
class Checker {
  n = 0;
  see(id: string | undefined): void {
    if (id !== ids[this.n]) throw new Error(`item ${this.n}: got ${id}, expected ${ids[this.n]}`);
    this.n++;
    if (sampler && this.n % SAMPLE_EVERY === 0) sampler();
  }
  done(): number {
    if (this.n !== WALK_ITEMS) throw new Error(`walked ${this.n} items, expected ${WALK_ITEMS}`);
    return this.n;
  }
}

// Each walk has its own `for await` loop, as an app has for its one SDK, and none calls a shared
// one: a loop shared by every SDK's iterator was deoptimized and recompiled as each iterator
// passed through it (V8 took 20-46 ms for each, on its background thread), and that CPU was
// charged to whichever walk ran meanwhile, kubeadapt's included.

/** A kubeadapt list page, as the hand-written loops read it. */
interface ListBody {
  data: { id: string }[];
  meta: { pagination: { has_more: boolean; next_cursor: string } };
}

/** A walk: resolves with the number of items it delivered, all checked. */
export type Walk = () => Promise<number>;

/** kubeadapt's list request: 100 items a page, as every walk here. */
const LIST = { params: { query: { limit: PAGE_SIZE } } };

/**
 * The walks of every SDK on the fakes at `origin`. With `layers` (over HTTP), kubeadapt's
 * layers are walked one at a time too: its Node transport's page exchange in the baseline's
 * loop (by pages, and by items through the minimal iterator), and its walk read by pages.
 */
export function createWalks(origin: string, ka: Kubeadapt, stub?: typeof fetch, layers = false) {
  const url = new URL(origin);
  const kubeadapt = ka.createKubeadapt({ token: "ka_bench_token", baseUrl: origin });
  const kubeadaptNode = ka.createKubeadapt({
    token: "ka_bench_token",
    baseUrl: origin,
    fetch: ka.nodeTransport(),
  });
  const openai = new OpenAI({ apiKey: "sk-bench", baseURL: `${origin}/v1` });
  const stripe = new Stripe("sk_test_bench", {
    host: url.hostname,
    port: url.port || 80,
    protocol: url.protocol === "https:" ? "https" : "http",
    // On Node its default is node:http; in process it takes the stub as its fetch.
    ...(stub ? { httpClient: Stripe.createFetchHttpClient(stub) } : {}),
  });
  const anthropic = new Anthropic({ apiKey: "sk-ant-bench", baseURL: origin });
  const octokit = new Octokit({ auth: "ghp_bench", baseUrl: origin });
  const dynamo = new DynamoDBClient({
    region: "us-east-1",
    endpoint: origin,
    credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench-secret" },
    // On Node its default is node:http; in process, fetch (read at call time: the stub).
    ...(stub ? { requestHandler: new FetchHttpHandler() } : {}),
  });

  const walks: Record<string, Walk> = {
    // What a reasonable user writes without an SDK: follow next_cursor until has_more is false.
    baseline: handWritten,
    control: handWritten,
    kubeadapt: async () => {
      const check = new Checker();
      for await (const workload of kubeadapt.paginate("/v1/workloads", LIST)) {
        check.see(workload.id);
      }
      return check.done();
    },
    openai: async () => {
      const check = new Checker();
      for await (const batch of openai.batches.list({ limit: PAGE_SIZE })) check.see(batch.id);
      return check.done();
    },
    stripe: async () => {
      const check = new Checker();
      for await (const customer of stripe.customers.list({ limit: PAGE_SIZE })) {
        check.see(customer.id);
      }
      return check.done();
    },
    anthropic: async () => {
      const check = new Checker();
      for await (const model of anthropic.models.list({ limit: PAGE_SIZE })) check.see(model.id);
      return check.done();
    },
    octokit: async () => {
      const check = new Checker();
      const pages = octokit.paginate.iterator(octokit.rest.repos.listForOrg, {
        org: "kubeadapt",
        per_page: PAGE_SIZE,
      });
      for await (const { data } of pages) for (const repo of data) check.see(String(repo.id));
      return check.done();
    },
    aws: async () => {
      const check = new Checker();
      const pages = paginateScan(
        { client: dynamo, pageSize: PAGE_SIZE },
        { TableName: "workloads" },
      );
      for await (const page of pages) for (const item of page.Items ?? []) check.see(item.id?.S);
      return check.done();
    },
  };
  // The Node transport replaces fetch over HTTP; in process there is no socket to replace.
  if (!stub) {
    walks.kubeadaptNode = async () => {
      const check = new Checker();
      for await (const workload of kubeadaptNode.paginate("/v1/workloads", LIST)) {
        check.see(workload.id);
      }
      return check.done();
    };
    if (layers) {
      // The exchange the client calls for each page, with the headers a client sends.
      const exchange = (ka.nodeTransport() as MaybeExchanging)[EXCHANGE];
      if (!exchange) throw new Error("nodeTransport() offers no page exchange");
      const headers = {
        authorization: "Bearer ka_bench_token",
        accept: "application/json",
        "user-agent": "kubeadapt-js/0.1.0",
      };
      const getJsonExchange = async (path: string) =>
        JSON.parse(await (await exchange(`${origin}${path}`, headers, plainSignal())).text());
      walks.kubeadaptExchange = () => loopOn(getJsonExchange);
      walks.kubeadaptExchangeItems = async () => {
        const check = new Checker();
        for await (const item of itemsOn(getJsonExchange)) check.see(item.id);
        return check.done();
      };
      walks.kubeadaptNodePages = async () => {
        const check = new Checker();
        for await (const page of kubeadaptNode.paginate("/v1/workloads", LIST).pages()) {
          for (const workload of page.items) check.see(workload.id);
        }
        return check.done();
      };
    }
    walks.nodeHttpLoop = nodeHttpLoop;
    walks.undiciLoop = () => loopOn(getJsonUndici);
    walks.undiciItems = async () => {
      const check = new Checker();
      for await (const item of itemsOn(getJsonUndici)) check.see(item.id);
      return check.done();
    };
  }

  // The floor of a node:http transport: the baseline's loop on a bare keep-alive http.get.
  const agent = new Agent({ keepAlive: true });
  const getJson = (path: string) =>
    new Promise<unknown>((resolve, reject) => {
      get(`${origin}${path}`, { agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
        response.on("error", reject);
      }).on("error", reject);
    });
  // The floor of an undici transport: the same loop on undici's dispatch, as kubeadapt/node sends.
  const dispatcher = new UndiciAgent();
  const getJsonUndici = (path: string) =>
    new Promise<unknown>((resolve, reject) => {
      const chunks: Buffer[] = [];
      dispatcher.dispatch(
        { origin, path, method: "GET", headers: { accept: "*/*" } },
        {
          // Its presence selects undici's current handler API.
          onRequestStart: () => {},
          onResponseData: (_controller, chunk) => chunks.push(chunk),
          onResponseEnd: () => resolve(JSON.parse(Buffer.concat(chunks).toString())),
          onResponseError: (_controller, error) => reject(error),
        },
      );
    });
  function nodeHttpLoop(): Promise<number> {
    return loopOn(getJson);
  }
  async function loopOn(getJson: (path: string) => Promise<unknown>): Promise<number> {
    const check = new Checker();
    let cursor = "";
    for (;;) {
      const query = `limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const body = (await getJson(`/v1/workloads?${query}`)) as ListBody;
      for (const item of body.data) check.see(item.id);
      if (!body.meta.pagination.has_more) return check.done();
      cursor = body.meta.pagination.next_cursor;
    }
  }

  // The same loop handing its items out one by one, as every SDK walk here does, through the
  // least an async iterator can do: an already-settled promise per item. The floor of any walk
  // read with `for await` by items, on this transport.
  function itemsOn(getJson: (path: string) => Promise<unknown>): AsyncIterable<{ id: string }> {
    let items: { id: string }[] = [];
    let index = 0;
    let cursor = "";
    let more = true;
    const nextPage = async (): Promise<IteratorResult<{ id: string }>> => {
      while (index >= items.length) {
        if (!more) return { done: true, value: undefined };
        const query = `limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const body = (await getJson(`/v1/workloads?${query}`)) as ListBody;
        ({ data: items } = body);
        ({ has_more: more, next_cursor: cursor } = body.meta.pagination);
        index = 0;
      }
      return { done: false, value: items[index++] as { id: string } };
    };
    const next = () =>
      index < items.length
        ? Promise.resolve({ done: false as const, value: items[index++] as { id: string } })
        : nextPage();
    return { [Symbol.asyncIterator]: () => ({ next }) };
  }

  async function handWritten(): Promise<number> {
    const check = new Checker();
    let cursor = "";
    for (;;) {
      const query = `limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const response = await fetch(`${origin}/v1/workloads?${query}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as ListBody;
      for (const item of body.data) check.see(item.id);
      if (!body.meta.pagination.has_more) return check.done();
      cursor = body.meta.pagination.next_cursor;
    }
  }

  return walks;
}
