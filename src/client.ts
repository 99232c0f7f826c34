import createClient, { type Client, type MaybeOptionalInit } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { KubeadaptError } from "./errors.js";
import { createAuthFetch } from "./internal/auth-fetch.js";
import { checkBaseUrl } from "./internal/base-url.js";
import { kindOption } from "./internal/check-option.js";
import { readEnv } from "./internal/env.js";
import { parseSuccessBody } from "./internal/error-from-response.js";
import { createFetchPage } from "./internal/fetch-page.js";
import { invalidParameter } from "./internal/invalid-parameter.js";
import { type Logger, type LogLevel, logLevel } from "./internal/log.js";
import { checkPageSize } from "./internal/page-size.js";
import { redact } from "./internal/redact.js";
import { safePathSerializer } from "./internal/safe-path-serializer.js";
import { userAgent } from "./internal/user-agent.js";
import type { InitArg, OffsetPaginateInit, PaginateInit, Paginator } from "./paginate.js";
import { createRetryingFetch, type FetchLike } from "./retry.js";
import type {
  CursorPaginatedPath,
  GetData,
  GetOperation,
  GetPath,
  ItemOf,
  OffsetPaginatedPath,
  OrUndefined,
  ParamsInit,
} from "./types.js";
import { createWalk } from "./walk/create-walk.js";
import { integerOption } from "./walk/options.js";

/** The production API. */
export const DEFAULT_BASE_URL = "https://public-api.kubeadapt.io";

/** Options of {@link createKubeadapt}. */
export interface KubeadaptOptions {
  /**
   * The API token, sent as `Authorization: Bearer …` to `baseUrl`'s origin only.
   * @default process.env.KUBEADAPT_API_TOKEN, where `process` exists
   */
  token?: string | undefined;
  /**
   * The API's root URL, the part before `/v1` (a path prefix is kept). One that ends in `/v1`
   * means the same root: its `/v1` is dropped once, as every path starts with it. Plain
   * `http://` is refused except to loopback hosts.
   * @default process.env.KUBEADAPT_BASE_URL, else "https://public-api.kubeadapt.io"
   */
  baseUrl?: string | undefined;
  /**
   * The fetch that sends each attempt (tests, proxies, `nodeTransport()` from
   * `kubeadapt/node`), called as the global fetch is: `fetch(url, init)` for walk pages and a
   * `get` with only `params`, `fetch(request, init)` for `ka.client` calls, a `get` with other
   * options, and once a middleware is registered (it may need the `Request`). `init` carries the
   * attempt's `signal` and the headers to send (the token included, for `baseUrl`'s origin);
   * it wins over the request's own. No `Request` is built for it. A fetch that offers a direct
   * exchange (`nodeTransport()` does) gets the pages through that instead, with no `Response`.
   * Anything but a function (or undefined) throws a `BadRequestError`.
   * @default globalThis.fetch, read at call time
   */
  fetch?: FetchLike | undefined;
  /**
   * Retries of a GET after a retryable status (408, 429, 500, 502, 503, 504), a network failure
   * (before or during the body) or a timeout.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Time limit of each attempt, in whole milliseconds: from sending the request until its whole
   * body has arrived (a body that stalls counts). A timed-out attempt is retried, and the last
   * one throws `TimeoutError`. 2^31 - 1 (about 24.8 days, the most a timer holds) or more, or
   * `Infinity`, sets no limit. It bounds the body's time, not its size: the global fetch holds
   * a body of any size until the deadline (an endless one can fill the memory first), while
   * `nodeTransport()` refuses one past its `maxBodyBytes`.
   * @default 60_000
   */
  timeoutMs?: number | undefined;
  /**
   * The longest `Retry-After` that is waited out, in whole milliseconds (or `Infinity`); a
   * longer one is not waited: the `RateLimitError` (with `retryAfterMs`) is thrown at once. A
   * wait lasts at most 2^31 - 1 ms (about 24.8 days).
   * @default 60_000
   */
  maxRetryDelayMs?: number | undefined;
  /**
   * How much goes to `logger`: `"off"`; `"error"`, a request that got no response after its
   * last attempt; `"warn"`, also each retry (cause and delay) and each `Retry-After` too long to
   * wait; `"info"`, also one line per request; `"debug"`, also one line per attempt (method,
   * path and query, status, attempt n of m, duration, request id). The token is never logged.
   * @default process.env.KUBEADAPT_LOG where `process` exists, else "warn"
   */
  logLevel?: LogLevel | undefined;
  /**
   * Where log lines go: any object with `debug`, `info`, `warn` and `error` methods.
   * @default console
   */
  logger?: Logger | undefined;
  /**
   * Allow a plain `http://` baseUrl to a non-loopback host (the token then travels unencrypted).
   * Only `true` allows it: any other value, such as the text `"false"` read from a config, keeps
   * the check.
   * @default false
   */
  allowInsecureHttp?: boolean | undefined;
  // What `new Headers()` takes, not DOM's `HeadersInit`, which @types/node lacks: a Node-only
  // tsconfig (no DOM lib, skipLibCheck off) then compiles this package's types.
  /**
   * Extra headers sent with every request. A `User-Agent` here replaces the client's own,
   * `kubeadapt-js/<version> <runtime>/<version>` (sent in Node, Bun and Deno; browsers do not
   * allow it).
   * @default undefined
   */
  headers?: ConstructorParameters<typeof Headers>[0] | undefined;
}

/**
 * The init of `get(path, init)`: `client.GET`'s for that path, less `fetch` (a per-call fetch
 * would replace the client's, and with it the token, retries and timeout: set
 * `KubeadaptOptions.fetch` instead), with `params` as {@link ParamsInit} types them. An optional
 * option may also be `undefined`, which leaves it out (see {@link OrUndefined}).
 */
export type GetInit<P extends GetPath> =
  // Distributive over P: for the union of all paths (what a call with a path that is none of
  // them infers), `init` is optional, so that call reports the path, not a missing `init`.
  P extends GetPath
    ? MaybeOptionalInit<paths[P], "get"> extends infer Init
      ? Init extends object
        ? OrUndefined<Omit<Init, "fetch" | "params">> & ParamsInit<GetOperation<P>>
        : Init
      : never
    : never;

/** `get`'s arguments: `init` is required exactly when the path has required parameters. */
export type GetArgs<P extends GetPath> =
  undefined extends GetInit<P> ? [path: P, init?: GetInit<P>] : [path: P, init: GetInit<P>];

/** A Kubeadapt client: see {@link createKubeadapt}. */
export interface Kubeadapt {
  /**
   * The raw openapi-fetch client, typed from the spec: resolves `{ data, error, response }` and
   * never throws on HTTP errors, but has the same auth, retries and timeouts as `get`. A 2xx body
   * it would parse as JSON and cannot throws `get`'s `ProtocolError`.
   *
   * `error` is typed as the API's error envelope, but a proxy's or gateway's error page (an HTML
   * 502, a plain-text 429) that is not JSON arrives as its text, a string, and a JSON one in
   * another shape as that object: check `typeof error === "object" && error?.error` before
   * reading `error.error.code`, or use `get`, which throws a typed error for both.
   *
   * A per-call `fetch` in the init (which openapi-fetch's types accept) replaces the client's
   * own, and so bypasses the SDK: no token, retries or timeout. Set `KubeadaptOptions.fetch`.
   */
  readonly client: Client<paths>;
  /**
   * GETs `path` and returns the response's `data`, or throws the typed `KubeadaptError`.
   * `limit`/`per_page` outside 1..500 and unsafe path parameters fail before any request.
   */
  readonly get: <P extends GetPath>(...args: GetArgs<P>) => Promise<GetData<P>>;
  /**
   * Walks a cursor-paginated list lazily: `for await` over items, `.pages()`, or
   * `.toArray({ max })`. Each page is a `get` with the same auth, retries and errors.
   * @example
   * for await (const workload of ka.paginate("/v1/workloads", { params: { query: { limit: 500 } } })) {
   *   console.log(workload.metadata.name);
   * }
   */
  readonly paginate: <P extends CursorPaginatedPath>(
    path: P,
    ...init: InitArg<PaginateInit<P>>
  ) => Paginator<ItemOf<P>>;
  /** Walks Cost Explorer's offset pages (`page`/`per_page`), with the same API as `paginate`. */
  readonly paginateOffset: <P extends OffsetPaginatedPath>(
    path: P,
    ...init: InitArg<OffsetPaginateInit<P>>
  ) => Paginator<ItemOf<P>>;
}

/**
 * Creates a client of the Kubeadapt /v1 API.
 * @example
 * const ka = createKubeadapt({ token: process.env.KUBEADAPT_API_TOKEN });
 * const cluster = await ka.get("/v1/clusters/{cluster_id}", {
 *   params: { path: { cluster_id: id } },
 * });
 */
export function createKubeadapt(options: KubeadaptOptions = {}): Kubeadapt {
  const token = options.token ?? readEnv("KUBEADAPT_API_TOKEN");
  // An invalid header value makes `Headers` throw a TypeError that quotes it: refuse it first.
  // No token passes too: `test` reads undefined as the text "undefined". `!` to `~` is
  // printable ASCII but the space.
  if (!/^[!-~]+$/.test(token as string)) {
    throw new KubeadaptError(
      "token must be non-empty printable ASCII without spaces (check for a trailing newline)",
    );
  }
  const baseUrl = checkBaseUrl(
    options.baseUrl ?? readEnv("KUBEADAPT_BASE_URL") ?? DEFAULT_BASE_URL,
    options.allowInsecureHttp,
  );
  kindOption("fetch", options.fetch, "function");
  const logger = options.logger ?? console;
  const retrying = createRetryingFetch({
    fetch: options.fetch,
    maxRetries: checkCount(options, "maxRetries"),
    timeoutMs: checkCount(options, "timeoutMs", 1, true),
    maxRetryDelayMs: checkCount(options, "maxRetryDelayMs", 0, true),
    logLevel: logLevel(options.logLevel, readEnv("KUBEADAPT_LOG"), logger),
    logger,
    redact: (text) => redact(text, token),
  });
  const authFetch = createAuthFetch(retrying, baseUrl.origin, token);
  let headers: Headers;
  try {
    headers = new Headers(options.headers);
  } catch {
    // Not the TypeError itself: it quotes the value, which may hold a credential.
    throw invalidParameter("headers", "headers must be valid HTTP headers");
  }
  const agent = userAgent();
  if (agent && !headers.has("user-agent")) headers.set("user-agent", agent);
  // Paths start with /v1 (they are the spec's): a baseUrl ending in /v1 is the API's root with
  // its version, whose /v1 is dropped once (a gateway mounting the API under /v1 gives /v1/v1).
  const apiRoot = baseUrl.href.replace(/(\/v1)?\/*$/, "");
  const client = createClient<paths>({
    baseUrl: apiRoot,
    // A response with a body has its length (the retry layer sets it), so openapi-fetch parses
    // JSON with `json()`, made here to throw `get`'s ProtocolError for a body that is not JSON
    // rather than a SyntaxError that quotes it; one parse, as before. `get` and walks read text.
    fetch: async (request: Request) => {
      const response = await authFetch(request);
      response.json = async () => parseSuccessBody(response, await response.text(), token);
      return response;
    },
    headers,
    pathSerializer: safePathSerializer,
  });
  // `get` and walks skip openapi-fetch until a middleware is registered (it could look).
  let plain = true;
  const use = client.use;
  client.use = (...middleware) => {
    plain = false;
    use(...middleware);
  };
  // What every `get` and page sends while it skips openapi-fetch: the client's headers (names
  // lowercased) and, to `baseUrl`'s origin (theirs always), the token. Shared: never changed.
  const pageHeaders: Record<string, string> = Object.fromEntries(headers);
  if (token) pageHeaders.authorization = `Bearer ${token}`;
  const fetchPage = createFetchPage(client, retrying, apiRoot, pageHeaders, token, () => plain);

  return Object.freeze({
    client,
    get: (async (path: string, init?: { params?: { query?: unknown } }) => {
      checkPageSize(init?.params?.query);
      return fetchPage(path, init, true);
    }) as Kubeadapt["get"],
    paginate: ((path: string, init?: object) =>
      createWalk(fetchPage, path, init)) as Kubeadapt["paginate"],
    paginateOffset: ((path: string, init?: object) =>
      createWalk(fetchPage, path, init, true)) as Kubeadapt["paginateOffset"],
  });
}

// The option `name` as given (undefined: the retry layer's default), if an integer >= min (or,
// where `endless`, Infinity).
const checkCount = (
  options: KubeadaptOptions,
  name: "maxRetries" | "timeoutMs" | "maxRetryDelayMs",
  min = 0,
  endless?: boolean,
) => {
  const value = options[name];
  return value === undefined || (endless && value === Infinity)
    ? value
    : integerOption(name, value, min);
};
