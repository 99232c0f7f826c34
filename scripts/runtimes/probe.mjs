/**
 * Runtime probe: exercises the BUILT main entry (dist/index.js) against a Kubeadapt API and
 * reports what it saw. Plain ESM with no runtime-specific imports, so it runs unchanged under
 * Node, Bun, Deno and in a browser page.
 *
 * CLI: `<runtime> scripts/runtimes/probe.mjs <baseUrl>` prints one JSON line (exit 1 on a crash).
 * Browser: `import { probe } from "/scripts/runtimes/probe.mjs"` (nothing runs without arguments).
 */
import { BadRequestError, createKubeadapt, isNotFoundError } from "../../dist/index.js";
import { digestIds } from "./digest.mjs";

/** Which runtime this is, from globals only (Bun and Deno also define `process`). */
export function runtimeInfo() {
  const g = /** @type {any} */ (globalThis);
  if (g.Deno) return { runtime: "deno", version: g.Deno.version.deno };
  if (g.Bun) return { runtime: "bun", version: g.Bun.version };
  if (g.process?.versions?.node) return { runtime: "node", version: g.process.versions.node };
  const chrome = /(?:Headless)?Chrome\/(\S+)/.exec(g.navigator?.userAgent ?? "");
  return {
    runtime: chrome ? "chromium" : "unknown",
    version: chrome?.[1] ?? g.navigator?.userAgent,
  };
}

/** What `promise` rejected with: `{ error }`, or `{ name: "no error" }` if it resolved. */
async function errorOf(promise) {
  try {
    await promise;
    return { name: "no error" };
  } catch (error) {
    return { error };
  }
}

/**
 * Runs the checks against `baseUrl` and returns plain JSON data for the parent to compare.
 * @param {string} baseUrl
 */
export async function probe(baseUrl) {
  let requests = 0;
  // Counts what reaches the network, to prove the invalid limit is refused before any request.
  // It wraps the global fetch rather than passing a `fetch` option, so the path apps use is the
  // one probed: a walk's pages reach it as a URL and an init (the stalled checks below cover a
  // custom fetch).
  // It also keeps the User-Agent the SDK sent (none in browsers).
  const globalFetch = globalThis.fetch;
  let userAgent;
  globalThis.fetch = (input, init) => {
    requests++;
    userAgent = new Headers(init?.headers).get("user-agent");
    return globalFetch(input, init);
  };
  const ka = createKubeadapt({ token: "runtime-probe", baseUrl, maxRetries: 0 });

  const listed = await ka.get("/v1/clusters", { params: { query: { limit: 1 } } });
  const cluster = await ka.get("/v1/clusters/{cluster_id}", {
    params: { path: { cluster_id: listed[0].id } },
  });

  const before = requests;
  const ids = [];
  for await (const workload of ka.paginate("/v1/workloads", { params: { query: { limit: 500 } } }))
    ids.push(workload.id);
  const pages = requests - before;

  const beforeBad = requests;
  const bad = await errorOf(ka.get("/v1/workloads", { params: { query: { limit: 0 } } }));
  const badRequests = requests - beforeBad;
  const missing = await errorOf(
    ka.get("/v1/clusters/{cluster_id}", {
      params: { path: { cluster_id: "00000000-0000-4000-8000-000000000000" } },
    }),
  );

  // A fetch that never answers and ignores its signal: a timeout and aborts must still settle,
  // through each runtime's own way of linking signals (Bun's Request keeps the caller's). The
  // aborts get a long timeout, so only the abort itself can end them.
  const stuck = (timeoutMs, fetch = () => new Promise(() => {})) =>
    createKubeadapt({ token: "runtime-probe", baseUrl, fetch, maxRetries: 0, timeoutMs });
  // Headers, then a body that never ends (and ignores cancel): the deadline covers the body.
  const stalledBody = async () =>
    new Response(
      new ReadableStream({
        start: (stream) => stream.enqueue(new TextEncoder().encode('{"data":')),
      }),
    );
  const abortSoon = () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    return controller.signal;
  };
  const stalled = {
    get: (await errorOf(stuck(100).get("/v1/clusters"))).error?.name,
    body: (await errorOf(stuck(100, stalledBody).get("/v1/clusters"))).error?.name,
    getAborted: (await errorOf(stuck(600_000).get("/v1/clusters", { signal: abortSoon() }))).error
      ?.name,
    walkAborted: (
      await errorOf(
        stuck(600_000).paginate("/v1/workloads", { signal: abortSoon() }).toArray({ max: 10 }),
      )
    ).error?.name,
  };

  globalThis.fetch = globalFetch;
  return {
    ...runtimeInfo(),
    nodeTransport: await probeNodeTransport(baseUrl),
    userAgent,
    stalled,
    listedCluster: listed[0].id,
    gotCluster: cluster.id,
    workloads: ids.length,
    uniqueIds: new Set(ids).size,
    idsDigest: digestIds(ids),
    pages,
    badRequest: {
      name: bad.error?.name ?? bad.name,
      instanceOf: bad.error instanceof BadRequestError,
      requestsSent: badRequests,
    },
    notFound: {
      name: missing.error?.name ?? missing.name,
      guard: isNotFoundError(missing.error),
      status: missing.error?.status,
    },
  };
}

/**
 * On Node only: the same walk and a missing cluster through kubeadapt/node's nodeTransport(),
 * which must give the same ids and the same typed error, and all through its direct exchange:
 * the two bundles must agree on its key, or every page would fall back to the fetch face.
 * @param {string} baseUrl
 */
async function probeNodeTransport(baseUrl) {
  if (runtimeInfo().runtime !== "node") return undefined;
  const { nodeTransport } = await import("../../dist/node/index.js");
  let fetchFaceCalls = 0;
  // Counts calls of the fetch face; property reads (the exchange) pass through untouched.
  const transport = new Proxy(nodeTransport(), {
    apply(target, self, args) {
      fetchFaceCalls++;
      return Reflect.apply(target, self, args);
    },
  });
  const ka = createKubeadapt({ token: "runtime-probe", baseUrl, maxRetries: 0, fetch: transport });
  const ids = [];
  for await (const workload of ka.paginate("/v1/workloads", { params: { query: { limit: 500 } } }))
    ids.push(workload.id);
  const missing = await errorOf(
    ka.get("/v1/clusters/{cluster_id}", {
      params: { path: { cluster_id: "00000000-0000-4000-8000-000000000000" } },
    }),
  );
  return {
    idsDigest: digestIds(ids),
    notFound: missing.error?.name ?? missing.name,
    fetchFaceCalls,
  };
}

const g = /** @type {any} */ (globalThis);
const args = g.Deno?.args ?? (g.window ? undefined : g.process?.argv?.slice(2));
if (args?.length) {
  try {
    console.log(JSON.stringify(await probe(args[0])));
  } catch (error) {
    console.log(JSON.stringify({ ...runtimeInfo(), crash: String(error?.stack ?? error) }));
    if (g.Deno) g.Deno.exit(1);
    else g.process.exitCode = 1;
  }
}
