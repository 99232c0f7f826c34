/** The fake's clock: it decides `applied_at`, cursor ages and Cost Explorer's default window. */
export interface FakeClock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Moves the clock forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void;
  /** Sets the clock so that `now()` returns `epochMs`. */
  set(epochMs: number): void;
}

/** The default start time of a fake's clock: fixed, so data and responses are reproducible. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 4, 21, 10, 30, 0);

/**
 * A clock that reads `source` (a frozen instant by default) plus an adjustable offset.
 * @param source - where time comes from, e.g. `Date.now`
 */
export function createClock(source: () => number = () => DEFAULT_EPOCH_MS): FakeClock {
  let offset = 0;
  return {
    now: () => source() + offset,
    advance(ms) {
      offset += ms;
    },
    set(epochMs) {
      offset = epochMs - source();
    },
  };
}
