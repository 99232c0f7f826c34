import type { FakeKubeadapt } from "./fake.js";
import { CURSOR_TTL_MS } from "./handlers/context.js";

/** Hooks for `runContract` (`kubeadapt/contract`) that drive a fake; see {@link fakeContractHooks}. */
export interface FakeContractHooks {
  /** Moves the fake's clock a cursor's lifetime and a second forward: every cursor issued so far expires. */
  expireCursors(): void;
  /** Runs `fn` while the fake answers every request with 429, then restores its faults. */
  rateLimited<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` while the fake honours `Prefer` with the spec's named examples, then restores it. */
  servingNamedExamples<T>(fn: () => Promise<T>): Promise<T>;
  /** Waits by advancing the fake's clock instead of real time (Retry-After, backoff, pacing). */
  sleep(ms: number): Promise<void>;
}

/**
 * What the contract suite needs to run every check against a fake, expiry and 429 included,
 * with no real-time waits.
 * @example
 * import { runContract } from "kubeadapt/contract";
 * import { createFakeKubeadapt, fakeContractHooks } from "kubeadapt/testing";
 *
 * // A fake made with a token refuses others, as auth-tokens checks.
 * const fake = createFakeKubeadapt({ token: "t" });
 * const report = await runContract({
 *   baseUrl: fake.baseUrl, token: "t", fetch: fake.fetch, rate: 0, hooks: fakeContractHooks(fake),
 * });
 * report.failed; // 0
 */
export function fakeContractHooks(fake: FakeKubeadapt): FakeContractHooks {
  return {
    expireCursors: () => fake.clock.advance(CURSOR_TTL_MS + 1_000),
    async rateLimited(fn) {
      const before = fake.faults;
      fake.setFaults({ rateLimit: { every: 1, retryAfterSeconds: 1 } });
      try {
        return await fn();
      } finally {
        fake.setFaults(before);
      }
    },
    async servingNamedExamples(fn) {
      const before = fake.honorPrefer;
      fake.setHonorPrefer(true);
      try {
        return await fn();
      } finally {
        fake.setHonorPrefer(before);
      }
    },
    async sleep(ms) {
      fake.clock.advance(ms);
    },
  };
}
