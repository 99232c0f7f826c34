import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { createKubeadapt, type GetInit, type GetPath, type Kubeadapt } from "../index.js";
import { templateFor } from "./spec.js";
import { validateAgainstSpec } from "./spec-validator.js";
import type { ContractOptions } from "./types.js";

/** One request the suite sent and the response it got, body parsed and already validated. */
export interface Exchange {
  /** Path and query relative to the base URL, long values shortened: for messages. */
  label: string;
  /** The request URL. */
  url: URL;
  /** The spec path template it matched, if any. */
  template: string | undefined;
  status: number;
  headers: Headers;
  /** The parsed JSON body (`undefined` when it was not JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: bodies are validated against the spec before they are read
  body: any;
}

/**
 * A check's window on the target: clients whose every response is recorded and validated
 * against the spec (each mismatch becomes a violation), and the violations and notes so far.
 */
export class Probe {
  readonly violations: string[] = [];
  readonly notes: string[] = [];
  readonly exchanges: Exchange[] = [];
  /** The typed openapi-fetch client, with the token, without retries. */
  readonly client: Client<paths>;
  /** The same client without an `Authorization` header. */
  readonly anonymous: Client<paths>;
  /** The public SDK over the same recording fetch, without retries. */
  readonly ka: Kubeadapt;
  private readonly byResponse = new WeakMap<Response, Exchange>();
  private readonly basePath: string;

  constructor(options: ContractOptions) {
    const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
    // The SDK calls it as (url or request, init), openapi-fetch as (request): the exchange is
    // recorded as one Request either way.
    const record = async (input: string | Request, init?: RequestInit): Promise<Response> => {
      const request = init ? new Request(input, init) : (input as Request);
      const response = await send(request);
      this.byResponse.set(response, await this.record(request, response));
      return response;
    };
    // The SDK checks the base URL (https, or http to loopback) before anything is sent.
    this.ka = createKubeadapt({
      token: options.token,
      baseUrl: options.baseUrl,
      fetch: record,
      maxRetries: 0,
      allowInsecureHttp: options.allowInsecureHttp,
    });
    const baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
    this.client = createClient<paths>({
      baseUrl,
      fetch: record,
      headers: { Authorization: `Bearer ${options.token}` },
    });
    this.anonymous = createClient<paths>({ baseUrl, fetch: record });
  }

  /** Records a violation. */
  fail(message: string): void {
    this.violations.push(message);
  }

  /** Records what this check could not cover. */
  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  /**
   * GETs `path` with the typed client (or without a token when `anonymous`) and returns the
   * recorded exchange. Non-JSON and non-2xx responses resolve too.
   */
  async get<P extends GetPath>(
    path: P,
    init?: GetInit<P>,
    options: { anonymous?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Exchange> {
    const client = options.anonymous ? this.anonymous : this.client;
    const send = client.GET as unknown as (
      path: string,
      init: object,
    ) => Promise<{ response: Response }>;
    const { response } = await send(path, {
      ...init,
      headers: { ...(init as { headers?: object } | undefined)?.headers, ...options.headers },
      parseAs: "text",
    });
    const exchange = this.byResponse.get(response);
    if (!exchange) throw new Error(`no recorded exchange for GET ${path}`);
    return exchange;
  }

  private async record(request: Request, response: Response): Promise<Exchange> {
    const url = new URL(request.url);
    const pathname = url.pathname.slice(this.basePath.length) || "/";
    const label = `${request.method} ${pathname}${shorten(url.search)}`;
    const template = templateFor(pathname);
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const exchange: Exchange = {
      label,
      url,
      template,
      status: response.status,
      headers: response.headers,
      body,
    };
    this.exchanges.push(exchange);
    if (!template) {
      this.fail(`${label} → ${response.status}: the suite requested a path the spec lacks`);
    } else if (body === undefined) {
      this.fail(`${label} → ${response.status}: body is not JSON (${snippet(text)})`);
    } else {
      const check = validateAgainstSpec(template, response.status, body, response.headers);
      for (const error of check.errors.slice(0, 8)) {
        this.fail(`${label} → ${response.status}: does not match the spec: ${error}`);
      }
      if (check.errors.length > 8) {
        this.fail(`${label} → ${response.status}: …and ${check.errors.length - 8} more`);
      }
    }
    return exchange;
  }
}

/** The query string with long values (cursors) cut to their first characters. */
function shorten(search: string): string {
  let text = search;
  try {
    text = decodeURIComponent(search);
  } catch {
    // A deliberately malformed value: show it encoded.
  }
  return text.replace(/=([^&]{24})[^&]+/g, "=$1…");
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${JSON.stringify(flat.slice(0, 80))}…` : JSON.stringify(flat);
}
