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
 * The signal of one attempt at `request`: it aborts with `controller`, and with the request's
 * signal for the life of the request (so a response body still being read is aborted too);
 * the request's abort also calls `stop` with its reason. Returns the signal and a function to
 * call once the attempt has settled.
 *
 * Where every `Request` owns a signal that follows the one it was given (the Fetch standard:
 * Node, Deno, browsers), one listener on it does all this and dies with the request. Where it
 * is the caller's own, possibly long-lived, signal (Bun), `AbortSignal.any` links the two
 * without leaving a listener behind, and the listener that calls `stop` is removed once the
 * attempt has settled.
 */
export function attemptSignal(
  request: Request,
  controller: AbortController,
  stop: (reason: unknown) => void,
): [signal: AbortSignal, settled: () => void] {
  const source = request.signal;
  if (ownSignals === undefined) {
    const probe = new AbortController().signal;
    ownSignals = new Request("http://localhost/", { signal: probe }).signal !== probe;
  }
  const off = onAbort(source, () => stop(source.reason));
  return ownSignals
    ? [controller.signal, () => {}]
    : [AbortSignal.any([source, controller.signal]), off];
}
