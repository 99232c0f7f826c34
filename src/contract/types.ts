/**
 * How the target behaves. `"mock"`: a Prism mock, which answers from the spec's examples;
 * errors are forced with `Prefer: code=…, example=…` and list walks cannot be checked beyond
 * page 1. `"live"`: a stateful server (the fake, a deployment); errors are provoked for real and
 * lists are walked to the end.
 */
export type ContractMode = "mock" | "live";

/**
 * Ways a live target can be made to show behaviour the suite cannot provoke by itself. Checks
 * that need a missing hook are skipped, with the reason in the report.
 */
export interface ContractHooks {
  /** Makes every cursor the target has issued so far older than its 24-hour lifetime. */
  expireCursors?: (() => void | Promise<void>) | undefined;
  /** Runs `fn` while the target answers every request with 429 `RATE_LIMITED`. */
  rateLimited?: (<T>(fn: () => Promise<T>) => Promise<T>) | undefined;
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
  /** @default {} (no expired cursors, no rate limiting) */
  hooks?: ContractHooks | undefined;
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
}

/** The outcome of one check. */
export type CheckStatus = "passed" | "failed" | "skipped";

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
  /** What a passed check did not cover, and why (e.g. a list too short for a cursor). */
  notes?: string[];
  /** Requests the check sent. */
  requests: number;
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
}
