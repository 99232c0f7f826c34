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
 * A signal that aborts with `controller` or with `request`'s signal, for the life of the request
 * (so a response body still being read is aborted too). Where every `Request` owns a signal
 * that follows the one it was given (the Fetch standard: Node, Deno, browsers), one listener on
 * it does this for the cost of a closure and dies with the request; where it is the caller's
 * own, possibly long-lived, signal (Bun), `AbortSignal.any` links the two without leaving a
 * listener behind.
 */
export function followRequest(request: Request, controller: AbortController): AbortSignal {
  const source = request.signal;
  if (ownSignals === undefined) {
    const probe = new AbortController().signal;
    ownSignals = new Request("http://localhost/", { signal: probe }).signal !== probe;
  }
  if (!ownSignals) return AbortSignal.any([source, controller.signal]);
  const follow = () => controller.abort(source.reason);
  if (source.aborted) follow();
  else onAbort(source, follow);
  return controller.signal;
}
