import type { CostMode, OrganizationDashboard } from "../types.js";
import { createClock, type FakeClock } from "./clock.js";
import { Core, type FakeRequestRecord } from "./core.js";
import { CursorCodec } from "./cursor.js";
import type { FakeDataset, FakeSizes } from "./data/dataset.js";
import { generateDataset, resolveSizes } from "./data/generate.js";
import { Store } from "./data/store.js";
import { type FakeFaults, FaultInjector } from "./faults.js";
import { dashboard } from "./handlers/organization.js";
import { type FakeServer, type ListenOptions, listen } from "./http.js";

/** Options of {@link createFakeKubeadapt}. */
export interface FakeKubeadaptOptions {
  /** Seed of the data set, request ids and random faults. @default 1 */
  seed?: number | undefined;
  /** Data set sizes; missing ones take {@link DEFAULT_SIZES}. */
  sizes?: { [K in keyof FakeSizes]?: FakeSizes[K] | undefined } | undefined;
  /** When set, only `Authorization: Bearer <token>` with exactly this token passes; otherwise any non-empty token. */
  token?: string | undefined;
  /** HMAC-SHA256 key of the cursors. @default 32 random bytes per fake */
  secret?: string | Uint8Array | undefined;
  /** Time source (epoch ms) the fake clock adds its offset to. @default a frozen 2026-05-21T10:30:00Z */
  now?: (() => number) | undefined;
  /** Origin `fake.fetch` resolves relative URLs against. @default "https://fake.kubeadapt.test" */
  baseUrl?: string | undefined;
  /** Faults active from the start; change them with `fake.setFaults()`. */
  faults?: FakeFaults | undefined;
  /**
   * Answer `Prefer: code=<status>[, example=<name>]` as a Prism mock does: with that documented
   * status, the named example's body from the bundled spec (the first example of that status
   * when no name is given) and the documented headers; a status or example the spec does not
   * document gets 500 `INTERNAL_ERROR`. Off by default, because a real server ignores `Prefer`
   * and the fake is a faithful server; the contract suite turns it on only while its
   * `named-examples` check runs (see `fakeContractHooks`). Auth still comes first; injected
   * faults skip such a request (Prism injects none).
   * @default false
   */
  honorPrefer?: boolean | undefined;
}

/** A stateful, in-memory Kubeadapt /v1 API. */
export interface FakeKubeadapt {
  /** Base URL to hand the SDK together with `fake.fetch`. */
  readonly baseUrl: string;
  /** The data set, costs `fully_loaded`: read it to compute expected results. Change it only through `mutate`. */
  readonly data: FakeDataset;
  /** The data set with costs in the given mode, as the API serves it. */
  view(mode: CostMode): FakeDataset;
  /** The dashboard the API would serve now in the given mode. @default "fully_loaded" */
  dashboard(mode?: CostMode): OrganizationDashboard;
  /** The fake's clock: cursor ages, `applied_at` and Cost Explorer's default window follow it. */
  readonly clock: FakeClock;
  /** Every request received, oldest first. */
  readonly requests: readonly FakeRequestRecord[];
  /** Empties `requests`. */
  resetRequests(): void;
  /** In-process transport: a `fetch` that never opens a socket. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Serves the fake over HTTP on loopback. */
  listen(options?: ListenOptions): Promise<FakeServer>;
  /** Replaces the active faults (`undefined` clears them) and restarts their sequence. */
  setFaults(faults: FakeFaults | undefined): void;
  /** The active faults. */
  readonly faults: FakeFaults;
  /** Changes the data set (insert, remove or edit items); later requests see the change. */
  mutate(fn: (data: FakeDataset) => void): void;
  /** Turns Prism-style `Prefer` handling on or off (see {@link FakeKubeadaptOptions.honorPrefer}). */
  setHonorPrefer(on: boolean): void;
  /** Whether the fake answers `Prefer: code=…, example=…` with the spec's examples. */
  readonly honorPrefer: boolean;
}

function fetchFailed(): TypeError {
  const cause = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
  return new TypeError("fetch failed", { cause });
}

/**
 * Creates a fake of the Kubeadapt /v1 API with a deterministic data set.
 * @example
 * const fake = createFakeKubeadapt({ sizes: { workloads: 500 } });
 * const client = createKubeadapt({ token: "t", baseUrl: fake.baseUrl, fetch: fake.fetch });
 */
export function createFakeKubeadapt(options: FakeKubeadaptOptions = {}): FakeKubeadapt {
  const seed = (options.seed ?? 1) >>> 0;
  const sizes = resolveSizes(options.sizes);
  const clock = createClock(options.now);
  const store = new Store(seed, sizes, generateDataset(seed, sizes, clock.now()));
  const faults = new FaultInjector(seed);
  faults.set(options.faults);
  const log: FakeRequestRecord[] = [];
  const prefer = { honor: options.honorPrefer ?? false };
  const baseUrl = (options.baseUrl ?? "https://fake.kubeadapt.test").replace(/\/+$/, "");
  const core = new Core({
    store,
    clock,
    cursors: new CursorCodec(options.secret),
    faults,
    token: options.token,
    seed,
    log,
    prefer,
  });

  return {
    baseUrl,
    get data() {
      return store.data;
    },
    view: (mode) => store.view(mode).data,
    dashboard: (mode = "fully_loaded") => dashboard(store.view(mode), clock.now()),
    clock,
    requests: log,
    resetRequests() {
      log.length = 0;
    },
    async fetch(input, init) {
      const url = typeof input === "string" && input.startsWith("/") ? `${baseUrl}${input}` : input;
      const request = new Request(url, init);
      const outcome = await core.handle(request);
      if ("drop" in outcome) throw fetchFailed();
      if (request.signal.aborted) throw request.signal.reason;
      return new Response(outcome.body, { status: outcome.status, headers: outcome.headers });
    },
    listen: (listenOptions) => listen(core, listenOptions),
    setFaults: (next) => faults.set(next),
    get faults() {
      return faults.get();
    },
    mutate: (fn) => store.mutate(fn),
    setHonorPrefer(on) {
      prefer.honor = on;
    },
    get honorPrefer() {
      return prefer.honor;
    },
  };
}
