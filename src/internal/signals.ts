/**
 * Calls `listener` once when `signal` aborts (never if it already has); returns a function that
 * removes the listener.
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  signal.addEventListener("abort", listener, { once: true });
  return () => signal.removeEventListener("abort", listener);
}

/**
 * A signal of its own for one request, aborted (with the same reason) when `signal` is, and the
 * function that detaches it. A `Request` adds a listener to its init's signal that only garbage
 * collection removes: a walk-long signal handed to every page's `Request` would collect one per
 * page (and warn past ten) in a walk that never yields to the event loop.
 */
export function requestSignal(signal: AbortSignal): [AbortSignal, () => void] {
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  return [controller.signal, onAbort(signal, () => controller.abort(signal.reason))];
}
