import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import { createKubeadapt, type GetInit, type GetPath, type Kubeadapt } from "../index.js";
import { redact } from "../internal/redact.js";
import { templateFor } from "../spec/document.js";
import { appliedAtViolation } from "./applied-at.js";
import { missingScope, OutOfScopeError } from "./forbidden.js";
import { projectedViolation } from "./projected.js";
import { RequestIds } from "./request-ids.js";
import { headerViolations } from "./response-headers.js";
import { InterruptedError, type Interruption, type RequestSink, Session } from "./session.js";
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
  /** Where the response came from, when a redirect led there (`response.url`). */
  redirectedTo?: URL | undefined;
}

/**
 * A check's window on the target: clients whose every response is recorded and validated
 * against the spec (each mismatch becomes a violation), and the violations and notes so far.
 * Requests go through the run's {@link Session} (pacing, budget, retries).
 */
export class Probe implements RequestSink {
  readonly violations: string[] = [];
  readonly notes: string[] = [];
  readonly exchanges: Exchange[] = [];
  /** Requests sent for this check, retries included. */
  sent = 0;
  /** Requests sent again after a transient failure. */
  retries = 0;
  /** Why the check could not go on, if it could not. */
  interruption: Interruption | undefined;
  /** The typed openapi-fetch client, with the token, without retries. */
  readonly client: Client<paths>;
  /** The same client without an `Authorization` header. */
  readonly anonymous: Client<paths>;
  /** The public SDK over the same recording fetch, without retries. */
  readonly ka: Kubeadapt;
  private readonly byResponse = new WeakMap<Response, Exchange>();
  /** Calls of {@link fail}, repeats included: whether a response added a finding. */
  private findings = 0;
  private readonly requestIds = new RequestIds();
  /** What this check has reported once (a kind of amount and a path template, `applied_at`). */
  private readonly amountsReported = new Set<string>();
  private readonly basePath: string;
  private readonly live: boolean;
  private readonly token: string;
  /** Reads under way through {@link optional}: a missing scope ends those, not the check. */
  private optionalReads = 0;

  /**
   * @param session - the run's shared transport; a probe made alone gets its own
   */
  constructor(
    options: ContractOptions,
    private readonly session: Session = new Session(options),
  ) {
    this.live = (options.mode ?? "live") === "live";
    this.token = options.token;
    // The SDK calls it as (url or request, init), openapi-fetch as (request): the exchange is
    // recorded as one Request either way.
    const record = async (input: string | Request, init?: RequestInit): Promise<Response> => {
      // A check cut short sends nothing more (a check that catches the error and goes on, as a
      // walk does, would ask a target that is down again): nothing found after would count.
      if (this.interruption) throw new InterruptedError(this.interruption.reason);
      const request = init ? new Request(input, init) : (input as Request);
      const response = await this.session.send(request, this);
      this.byResponse.set(response, await this.record(request, response));
      return response;
    };
    // The SDK checks the base URL (https, or http to loopback) before anything is sent.
    this.ka = createKubeadapt({
      token: options.token,
      baseUrl: options.baseUrl,
      fetch: record,
      maxRetries: 0,
      // The suite reports what went wrong itself; the SDK's own lines (to the console, by
      // default) would repeat it outside any report, or flood CI under KUBEADAPT_LOG=debug.
      logLevel: "off",
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

  /**
   * Records a violation, the token removed: messages quote what the server sent, and a server
   * may echo the request's `Authorization` into a report that CI keeps and shows. A message
   * already recorded is not repeated: a retried request meets the same wrong answer each time.
   */
  fail(message: string): void {
    this.findings++;
    const violation = redact(message, this.token);
    if (!this.violations.includes(violation)) this.violations.push(violation);
  }

  /** The request as messages name it: method, path and query, long values shortened. */
  label(request: Request): string {
    const url = new URL(request.url);
    const pathname = url.pathname.slice(this.basePath.length) || "/";
    return `${request.method} ${pathname}${shorten(url.search)}`;
  }

  /** Validates a response the check never sees (a retried 429 or 503) against the spec. */
  async inspect(request: Request, response: Response): Promise<void> {
    await this.exchangeOf(request, response);
  }

  /** Stops the check: only the violations found so far count. */
  interrupt(kind: Interruption["kind"], reason: string): void {
    const violationsBefore = this.violations.length;
    this.interruption ??= { kind, reason: redact(reason, this.token), violationsBefore };
  }

  /**
   * Runs `read`, a part of the check it can do without: a family out of the token's scope (the
   * spec's 403 FORBIDDEN) ends only `read`, noted with what it was for, instead of skipping the
   * whole check. Undefined when it ended so.
   */
  async optional<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
    this.optionalReads++;
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof OutOfScopeError)) throw error;
      this.note(`${what} not compared: ${error.message}`);
      return undefined;
    } finally {
      this.optionalReads--;
    }
  }

  /** Records what this check could not cover (the token removed, as in {@link fail}). */
  note(message: string): void {
    const text = redact(message, this.token);
    if (!this.notes.includes(text)) this.notes.push(text);
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
      ...(init as object | undefined),
      headers: { ...(init as { headers?: object } | undefined)?.headers, ...options.headers },
      parseAs: "text",
    });
    const exchange = this.byResponse.get(response);
    if (!exchange) throw new Error(`no recorded exchange for GET ${path}`);
    return exchange;
  }

  private async record(request: Request, response: Response): Promise<Exchange> {
    const before = this.findings;
    const exchange = await this.exchangeOf(request, response);
    this.exchanges.push(exchange);
    // The spec's 403 FORBIDDEN to the suite's own token on a family it does not read: out of
    // the token's scope, so the check stops, skipped, with nothing judged from here on.
    this.session.familiesRead.saw(request, exchange, this.token);
    const valid = this.findings === before;
    const lacking = missingScope(request, exchange, this.token, valid);
    if (lacking && !(await this.readsFamily(request, exchange.template as string))) {
      if (this.optionalReads > 0) throw new OutOfScopeError(lacking);
      this.interrupt("forbidden", lacking);
      throw new InterruptedError(lacking);
    }
    // A served example (`Prefer`, and everything Prism sends) carries the example's fixed id.
    if (this.live && !request.headers.has("prefer")) {
      const id = exchange.body?.meta?.request_id;
      const repeated = this.requestIds.repeated(id, exchange.url, exchange.label);
      if (repeated) this.fail(repeated);
      // Reported once a check: a server that never sets it would repeat it on every response.
      this.once("applied_at", () =>
        appliedAtViolation(exchange.label, exchange.body, exchange.headers, Date.now()),
      );
      if (exchange.status >= 200 && exchange.status < 300) {
        this.checkAmounts(exchange);
        await this.checkClusterNames(exchange);
      }
    }
    const cursor = exchange.body?.meta?.pagination?.next_cursor;
    if (this.live && exchange.status === 200 && typeof cursor === "string" && cursor !== "") {
      const path = exchange.url.pathname.slice(this.basePath.length);
      this.session.keepCursor(path, exchange.url.searchParams, cursor);
    }
    return exchange;
  }

  /**
   * What the spec fixes in a response's amounts, whatever the data: every one in the
   * organization's currency (run-wide), every `projected_monthly` its run rate × 730. Each is
   * reported once per path template and check: a family that breaks it would repeat it on
   * every page.
   */
  private checkAmounts(exchange: Exchange): void {
    const template = exchange.template ?? exchange.label;
    const data = exchange.body?.data;
    this.once(`currency ${template}`, () => this.session.currencies.check(data, exchange.label));
    this.once(`projected ${template}`, () => projectedViolation(data, exchange.label));
  }

  /**
   * What the spec fixes in a response's references to a cluster: the name of that cluster
   * (run-wide, see `ClusterNames`; a cluster named otherwise is read again by id once).
   * Reported once per path template and check, as amounts are.
   */
  private async checkClusterNames(exchange: Exchange): Promise<void> {
    const names = this.session.clusterNames;
    const data = exchange.body?.data;
    if (exchange.template === "/v1/clusters") names.learn(data);
    const reader = {
      read: (id: string) => this.clusterName(exchange.url, id),
      note: (message: string) => this.note(message),
    };
    const violation = await names.check(data, exchange.label, reader);
    this.once(`cluster names ${exchange.template ?? exchange.label}`, () => violation);
  }

  /**
   * The name of cluster `id` now (one GET, validated but not handed to the check), or
   * undefined when it is not a 200 for that cluster.
   */
  private async clusterName(from: URL, id: string): Promise<string | undefined> {
    const url = new URL(`${this.basePath}/v1/clusters/${encodeURIComponent(id)}`, from);
    const again = new Request(url, { headers: { authorization: `Bearer ${this.token}` } });
    const exchange = await this.exchangeOf(again, await this.session.send(again, this));
    const data = exchange.status === 200 ? exchange.body?.data : undefined;
    const name = data?.metadata?.name;
    return data?.id === id && typeof name === "string" ? name : undefined;
  }

  /** Fails `find()`'s violation, unless one of `kind` was already failed by this check. */
  private once(kind: string, find: () => string | undefined): void {
    if (this.amountsReported.has(kind)) return;
    const violation = find();
    if (violation === undefined) return;
    this.amountsReported.add(kind);
    this.fail(violation);
  }

  /**
   * Whether the token reads the family a 403 FORBIDDEN to `request` came from: it did earlier
   * in the run, or the same path without its query answers 2xx now (one request, validated but
   * not handed to the check). A path asked for without a query is its own answer.
   */
  private async readsFamily(request: Request, template: string): Promise<boolean> {
    const read = this.session.familiesRead;
    const known = read.knows(template);
    if (known !== undefined) return known;
    const plain = new URL(request.url);
    if (plain.search !== "") {
      plain.search = "";
      const again = new Request(plain, { headers: request.headers });
      const response = await this.session.send(again, this);
      read.saw(again, await this.exchangeOf(again, response), this.token);
    }
    if (read.knows(template)) return true;
    read.refuse(template);
    return false;
  }

  // The exchange of one response, validated against the spec (mismatches become violations).
  private async exchangeOf(request: Request, response: Response): Promise<Exchange> {
    const url = new URL(request.url);
    const pathname = url.pathname.slice(this.basePath.length) || "/";
    const label = this.label(request);
    const template = templateFor(pathname);
    // In memory: the session read the whole body within its time limit.
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
      redirectedTo: response.redirected && response.url ? new URL(response.url) : undefined,
    };
    for (const problem of headerViolations(exchange, !this.live)) this.fail(problem);
    if (!template) {
      this.fail(`${label} → ${response.status}: the suite requested a path the spec lacks`);
    } else if (body === undefined) {
      // Redacted before it is cut: a token cut in two would no longer be found whole.
      const quoted = snippet(redact(text, this.token));
      this.fail(`${label} → ${response.status}: body is not JSON (${quoted})`);
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
