/**
 * Calls `listener` once when `signal` aborts (never if it already has); returns a function that
 * removes the listener.
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  signal.addEventListener("abort", listener, { once: true });
  return () => signal.removeEventListener("abort", listener);
}

let ownSignals: boolean | undefined;

/**
 * The signal of one attempt: it aborts with `controller`, and with `source` (the caller's) for
 * the life of the request, so a response body still being read is aborted too; the source's
 * abort also calls `stop` with its reason.
 *
 * A short-lived source (a walk's page signal, or a `Request`'s own signal, which follows the
 * one it was given on Node, Deno and in browsers) gets one listener that does all this and dies
 * with it. Bun's `Request` keeps the caller's own, possibly long-lived, signal: there
 * `AbortSignal.any` links the two and the listener goes on the signal it returns, so none is
 * left on the caller's.
 */
export function attemptSignal(
  source: AbortSignal,
  shortLived: boolean,
  controller: AbortController,
  stop: (reason: unknown) => void,
): AbortSignal {
  if (ownSignals === undefined) {
    const probe = new AbortController().signal;
    ownSignals = new Request("http://localhost/", { signal: probe }).signal !== probe;
  }
  const linked = shortLived || ownSignals;
  const signal = linked ? controller.signal : AbortSignal.any([source, controller.signal]);
  onAbort(linked ? source : signal, () => stop(source.reason));
  return signal;
}
