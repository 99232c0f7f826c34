import { onAbort, type SignalLike } from "./signals.js";

/**
 * The longest delay a timer can hold (2^31 - 1 ms, about 24.8 days): a longer one fires after
 * 1 ms in every runtime, so delays are clamped to it before they reach `setTimeout`.
 */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * Waits `ms` milliseconds (at most {@link MAX_TIMER_DELAY}), or rejects with the signal's reason
 * as soon as `signal` aborts. Either way no timer and no listener is left behind.
 */
export const abortableSleep = (ms: number, signal?: SignalLike | null): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const off = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : undefined;
    const timer = setTimeout(
      () => {
        off?.();
        resolve();
      },
      Math.min(ms, MAX_TIMER_DELAY),
    );
  });

/** A sleep function: waits `ms`, or rejects when `signal` aborts. */
export type Sleep = (ms: number, signal?: SignalLike | null) => Promise<void>;
