import { onAbort } from "./signals.js";

/**
 * Waits `ms` milliseconds, or rejects with the signal's reason as soon as `signal` aborts.
 * Either way no timer and no listener is left behind.
 */
export function abortableSleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise<void>((resolve, reject) => {
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
    const timer = setTimeout(() => {
      off?.();
      resolve();
    }, ms);
  });
}

/** A sleep function: waits `ms`, or rejects when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal | null) => Promise<void>;
