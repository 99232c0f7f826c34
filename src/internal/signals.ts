/**
 * Calls `listener` once when `signal` aborts (never if it already has); returns a function that
 * removes the listener.
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  signal.addEventListener("abort", listener, { once: true });
  return () => signal.removeEventListener("abort", listener);
}
