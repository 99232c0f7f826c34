/**
 * How the target behaves. `"mock"`: a Prism mock, which answers from the spec's examples;
 * errors are forced with `Prefer: code=…, example=…` and list walks cannot be checked beyond
 * page 1. `"live"`: a stateful server (the fake, a deployment); errors are provoked for real and
 * lists are walked to the end.
 */
export type ContractMode = "mock" | "live";

/**
 * Ways a live target can be made to show behaviour the suite cannot provoke by itself. Checks
 * that need a missing hook are skipped, with the reason in the report. `kubeadapt/testing`'s
 * `fakeContractHooks(fake)` gives all of them for the fake.
 */
export interface ContractHooks {
  /** Makes every cursor the target has issued so far older than its 24-hour lifetime. */
  expireCursors?: (() => void | Promise<void>) | undefined;
  /** Runs `fn` while the target answers every request with 429 `RATE_LIMITED`. */
  rateLimited?: (<T>(fn: () => Promise<T>) => Promise<T>) | undefined;
  /**
   * Runs `fn` while the target answers `Prefer: code=<status>, example=<name>` as a Prism mock
   * does, with that documented status and the spec's named example (the fake's `honorPrefer`).
   * Without it, `named-examples` is skipped in live mode: a real server ignores `Prefer`.
   */
  servingNamedExamples?: (<T>(fn: () => Promise<T>) => Promise<T>) | undefined;
  /**
   * How the suite waits (pacing, `Retry-After`, retry backoff). A test against the fake can
   * advance the fake's clock instead of waiting in real time.
   * @default a timer
   */
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** A cursor a run saw, kept to check a day later that it has expired (`--save-cursors`). */
export interface SavedCursor {
  /**
   * The base URL of the deployment that issued it, without user info, query or trailing slash:
   * `runContract` refuses cursors saved against another one. Absent from cursors saved before
   * it was recorded (the version 1 file of `--save-cursors`); they are taken to be the target's.
   */
  baseUrl?: string;
  /** The request path, relative to the base URL, e.g. `/v1/workloads`. */
  path: string;
  /** The query the cursor belongs to, without `cursor` (it must be replayed unchanged). */
  query: Record<string, string>;
  /** The `next_cursor` the target issued. */
  cursor: string;
  /** When the target issued it (RFC 3339). */
  savedAt: string;
}

/** Options of `runContract`. */
export interface ContractOptions {
  /** Root URL of the API under test (the spec's paths are appended to it). */
  baseUrl: string;
  /** A token the target accepts; for Prism any non-empty printable string (the SDK refuses an empty one). */
  token: string;
  /**
   * The fetch that sends every request (e.g. a fake's in-process `fake.fetch`), one complete
   * `Request` at a time.
   * @default globalThis.fetch
   */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** @default "live" */
  mode?: ContractMode | undefined;
  /**
   * Run only the checks with these ids (see `contractChecks`).
   * @default every check
   */
  only?: readonly string[] | undefined;
  /** @default {} (no expired cursors, no rate limiting, real-time waits) */
  hooks?: ContractHooks | undefined;
  /**
   * Requests per second at most, retries included; `0` for no pacing (a local fake). The
   * default suits a shared staging server.
   * @default 10
   */
  rate?: number | undefined;
  /**
   * The most requests the run sends, retries and the preflight included; it never sends more.
   * When the budget runs out, the check under way and every later one is skipped with that
   * reason (never passed), marked `cutShortBy: "request-budget"`, and counted in
   * `report.incomplete`.
   * @default no limit
   */
  maxRequests?: number | undefined;
  /**
   * The run's time limit, in seconds: no request is sent, and no wait begun, that would start
   * or end past it, so a slow target cannot outlast a CI job's own limit (which would kill the
   * run before it writes a report). The check under way and every later one are then skipped
   * with that reason (`cutShortBy: "time-limit"`), as when `maxRequests` runs out. A request already sent may still take its
   * `timeoutSeconds`.
   * @default no limit
   */
  maxDurationSeconds?: number | undefined;
  /**
   * How many times one request is retried after a 429 (honouring `Retry-After`), a 502, a 503,
   * a 504 or a reset connection. A check whose request never got through is reported as `error`.
   * @default 3
   */
  maxRetries?: number | undefined;
  /**
   * The longest `Retry-After` the suite waits, in seconds; a longer one ends the check as
   * `error` (the target could not be tested in time). A wait lasts at most 2^31 - 1 ms (about
   * 24.8 days, the most a timer holds).
   * @default 60
   */
  maxRetryAfterSeconds?: number | undefined;
  /**
   * How long one request may take, in seconds, from sending it to the end of its body; a
   * target that takes longer ends the check as `error` (the target could not be tested), so a
   * server that stops answering never holds a CI job. A limit past 2^31 - 1 ms (about 24.8
   * days, the most a timer holds) is that long.
   * @default 30
   */
  timeoutSeconds?: number | undefined;
  /**
   * Stops the run (Ctrl-C): the request in flight and any wait end at once, and the check under
   * way and every later one are skipped with that reason (`cutShortBy: "interrupted"`), as when
   * `maxRequests` runs out; the report covers what ran.
   * @default undefined
   */
  signal?: AbortSignal | undefined;
  /**
   * Cursors saved by an earlier run (`report.cursors`): `cursor-expired` checks that those
   * issued at least 24 hours and 15 minutes ago (a margin for the server's leeway and for clock
   * skew between runner and server) are now 410 `expired`. Those saved less than 48 hours ago
   * are handed on in `report.cursors`, to be checked again (or for the first time) next run.
   * Cursors whose `baseUrl` is another deployment are refused (`runContract` rejects, before
   * any request). A 400 `INVALID_CURSOR` answer to one is not judged: the target may have
   * rotated the key that signs its cursors since they were saved; nor is a 404 `NOT_FOUND` to a
   * nested list whose parent is 404 too (deleted since). A note says so; when no cursor could
   * be judged, the check is skipped.
   */
  expiredCursors?: readonly SavedCursor[] | undefined;
  /**
   * Where `expiredCursors` were read from (a file name), for the reason `cursor-expired` gives
   * when they are an empty list.
   * @default "expiredCursors"
   */
  expiredCursorsFrom?: string | undefined;
  /**
   * Called with each check's result as soon as it finishes (to stream a report); not called
   * when the preflight found the target untestable (`report.untestable` says why).
   */
  onResult?: ((result: CheckResult) => void) | undefined;
  /**
   * Page size of the full walks (live mode). Small, so that walks cross many pages.
   * @default 20
   */
  walkLimit?: number | undefined;
  /**
   * The most pages one full walk fetches; a longer list is checked up to there (and says so).
   * @default 500
   */
  maxWalkPages?: number | undefined;
  /**
   * Allow a plain `http://` baseUrl to a non-loopback host (the token then travels unencrypted).
   * @default false
   */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Seed of every choice the suite makes at random (generated parameter values, sampled ids,
   * filter values): the same seed against the same data sends the same requests.
   * @default 1
   */
  seed?: number | undefined;
}

/**
 * Which of the run's own limits left a check unrun (or stopped it before its end with nothing
 * found): `request-budget` (`maxRequests` spent), `time-limit` (`maxDurationSeconds` spent) or
 * `interrupted` (`signal` aborted). It says nothing of the target: with more budget or time the
 * check would have run.
 */
export type CutShort = "request-budget" | "time-limit" | "interrupted";

/**
 * The outcome of one check: `passed`, `failed` (violations found), `skipped` (with the reason:
 * not applicable to the target, a missing hook, the request budget spent) or `error` (the
 * target could not be tested: unreachable, or still 429/503 after every retry).
 */
export type CheckStatus = "passed" | "failed" | "skipped" | "error";

/** One check's entry in the report. */
export interface CheckResult {
  /** Stable id, e.g. `limit-bounds`. */
  id: string;
  /** What the check asserts, in one line. */
  title: string;
  status: CheckStatus;
  /** What the target got wrong: one line each, naming the request. Empty unless failed. */
  violations: string[];
  /** Why the check did not run (set when skipped). */
  skippedBecause?: string;
  /**
   * Set on a skipped check that the run's own limits left unrun, not the target or the mode:
   * the run is incomplete (see {@link ContractReport.incomplete}).
   */
  cutShortBy?: CutShort;
  /** Why the target could not be tested (set when `error`). */
  error?: string;
  /** What a passed check did not cover, and why (e.g. a list too short for a cursor). */
  notes?: string[];
  /** Requests the check sent, retries included. */
  requests: number;
  /** Requests sent again after a 429, 502, 503, 504 or a reset connection. */
  retries: number;
  /** Wall time of the check, in milliseconds. */
  durationMs: number;
}

/** The result of a contract run. */
export interface ContractReport {
  mode: ContractMode;
  baseUrl: string;
  checks: CheckResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** Checks that could not be carried out (see {@link CheckStatus}). */
  errors: number;
  /**
   * Skipped checks that the run's own limits left unrun (each has `cutShortBy`): the request
   * budget, the time limit or an interruption. Above 0, the run verified less than it was asked
   * to; `kubeadapt contract` then exits 4 unless given `--allow-incomplete`.
   */
  incomplete: number;
  /**
   * Why the target could not be tested at all, from the preflight request (DNS, refused
   * connection, TLS certificate, rejected token, no API at the base URL: a 404 or an answer
   * that is not JSON); every check then has status `error`.
   */
  untestable?: string;
  /** Requests sent, the preflight and retries included. */
  requests: number;
  /** Requests sent again after a 429, 502, 503, 504 or a reset connection. */
  retries: number;
  /** Wall time of the run, in milliseconds. */
  durationMs: number;
  /**
   * Cursors to check a day later with `expiredCursors`: the ones the run saw (a few per list
   * path), then the given `expiredCursors` saved less than 48 hours ago, so that the next run
   * also has cursors about two days old when the last run's are not yet 24 h 15 min old (as a
   * nightly job's often are not).
   */
  cursors: SavedCursor[];
}
