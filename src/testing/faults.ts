import { mulberry32, type Random } from "./prng.js";

/**
 * Failures the fake injects into requests (never into data). Deterministic: rate limiting
 * counts requests, and the random faults draw from a PRNG seeded by the fake's seed, reset
 * whenever the faults are set.
 */
export interface FakeFaults {
  /** Every `every`-th request (the N-th, 2N-th, …) gets 429 RATE_LIMITED with `Retry-After`. */
  rateLimit?:
    | {
        every: number;
        /** @default 1 */
        retryAfterSeconds?: number | undefined;
      }
    | undefined;
  /**
   * A share of requests (`rate`), or every `every`-th request, fails with a server error: 500
   * INTERNAL_ERROR, 503 SERVICE_UNAVAILABLE (both the spec's envelope) or 502, an HTML page from
   * a "gateway", as no API would send it.
   */
  serverErrors?:
    | {
        /** 0..1, drawn from the seeded PRNG. @default 0 */
        rate?: number | undefined;
        /** Every `every`-th request (the N-th, 2N-th, …) fails, deterministically. */
        every?: number | undefined;
        /** @default 500 */
        status?: 500 | 502 | 503 | undefined;
        /** Sent as `Retry-After` on 503, which the spec requires it on. @default 0 */
        retryAfterSeconds?: number | undefined;
      }
    | undefined;
  /**
   * A share of requests (`rate`, 0..1), or every `every`-th request, loses its connection: the
   * fetch rejects, the socket is destroyed.
   */
  dropConnections?: { rate?: number | undefined; every?: number | undefined } | undefined;
  /** Delay before every response (ms), or a uniform range; it honours the request's abort signal. */
  latencyMs?: number | { min: number; max: number } | undefined;
}

/** What the fault layer decided for one request. */
export type FaultDecision =
  | { kind: "none" }
  | { kind: "drop" }
  | { kind: "rate_limit"; retryAfterSeconds: number }
  | { kind: "server_error"; status: 500 | 502 | 503; retryAfterSeconds?: number };

function checkShare(
  name: string,
  share: { rate?: number | undefined; every?: number | undefined },
): void {
  const { rate = 0, every } = share;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`faults.${name}.rate must be within 0..1`);
  if (every !== undefined && !(Number.isInteger(every) && every >= 1)) {
    throw new RangeError(`faults.${name}.every must be a positive integer`);
  }
}

function checkRetryAfter(name: string, seconds: number | undefined): void {
  if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= 0)) {
    throw new RangeError(`faults.${name}.retryAfterSeconds must be a whole number of seconds >= 0`);
  }
}

function checkLatency(latency: FakeFaults["latencyMs"]): void {
  const { min, max } = typeof latency === "object" ? latency : { min: latency, max: latency };
  const ms = (value: number | undefined) => typeof value === "number" && value >= 0;
  if (latency !== undefined && !(ms(min) && ms(max) && (min as number) <= (max as number))) {
    throw new RangeError(
      "faults.latencyMs must be milliseconds >= 0, or { min, max } of them with min <= max",
    );
  }
}

// Whether the `count`-th request falls in a share: every N-th, or a PRNG draw under the rate.
function hits(
  share: { rate?: number | undefined; every?: number | undefined } | undefined,
  count: number,
  draw: number,
) {
  if (!share) return false;
  return (share.every !== undefined && count % share.every === 0) || draw < (share.rate ?? 0);
}

/** Decides, request by request, which fault (if any) applies. */
export class FaultInjector {
  private faults: FakeFaults = {};
  private count = 0;
  private rand: Random;

  constructor(private readonly seed: number) {
    this.rand = mulberry32(seed);
  }

  /** Replaces the active faults and restarts the request count and the PRNG. */
  set(faults: FakeFaults | undefined): void {
    const f = faults ?? {};
    if (f.rateLimit && !(Number.isInteger(f.rateLimit.every) && f.rateLimit.every >= 1)) {
      throw new RangeError("faults.rateLimit.every must be a positive integer");
    }
    if (f.serverErrors) checkShare("serverErrors", f.serverErrors);
    if (f.dropConnections) checkShare("dropConnections", f.dropConnections);
    // What the fake sends must stay what the spec allows: Retry-After is delta-seconds, a
    // non-negative integer ("Retry-After: NaN" or "-5" would test a server no client meets).
    checkRetryAfter("rateLimit", f.rateLimit?.retryAfterSeconds);
    checkRetryAfter("serverErrors", f.serverErrors?.retryAfterSeconds);
    checkLatency(f.latencyMs);
    this.faults = structuredClone(f);
    this.count = 0;
    this.rand = mulberry32(this.seed);
  }

  /** The active faults (a copy). */
  get(): FakeFaults {
    return structuredClone(this.faults);
  }

  /** Milliseconds to wait before answering this request. */
  latency(): number {
    const l = this.faults.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === "number") return Math.max(0, l);
    return Math.max(0, l.min + this.rand() * (l.max - l.min));
  }

  /** The fault for the next request. */
  decide(): FaultDecision {
    const { rateLimit, serverErrors, dropConnections } = this.faults;
    this.count++;
    // Draw both numbers every time so one fault's rate does not shift the other's sequence.
    const dropDraw = this.rand();
    const errorDraw = this.rand();
    if (hits(dropConnections, this.count, dropDraw)) return { kind: "drop" };
    if (rateLimit && this.count % rateLimit.every === 0) {
      return { kind: "rate_limit", retryAfterSeconds: rateLimit.retryAfterSeconds ?? 1 };
    }
    if (serverErrors && hits(serverErrors, this.count, errorDraw)) {
      const status = serverErrors.status ?? 500;
      return status === 503
        ? { kind: "server_error", status, retryAfterSeconds: serverErrors.retryAfterSeconds ?? 0 }
        : { kind: "server_error", status };
    }
    return { kind: "none" };
  }
}
