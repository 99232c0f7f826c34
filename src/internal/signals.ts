/**
 * Calls `listener` once when `signal` aborts (never if it already has); returns a function that
 * removes the listener.
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  signal.addEventListener("abort", listener, { once: true });
  return () => signal.removeEventListener("abort", listener);
}

/** A signal that aborts when any of its sources does, and a way to detach it from them. */
export interface LinkedSignal {
  signal: AbortSignal;
  /** Detaches from the sources (a no-op where `AbortSignal.any` does the linking). */
  dispose(): void;
}

/**
 * Links `sources` into one signal. Uses `AbortSignal.any` where the runtime has it (it keeps
 * following the sources while a response body is read, without leaking listeners); otherwise
 * links them by hand, and `dispose()` removes the listeners.
 */
export function linkSignals(sources: readonly AbortSignal[]): LinkedSignal {
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof any === "function") {
    return { signal: any.call(AbortSignal, [...sources]), dispose: () => {} };
  }
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  for (const source of sources) {
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    cleanups.push(onAbort(source, () => controller.abort(source.reason)));
  }
  const dispose = () => {
    for (const clean of cleanups) clean();
  };
  return { signal: controller.signal, dispose };
}

let ownSignals: boolean | undefined;

/**
 * Whether every `Request` gets a signal of its own that follows the one it was given (the Fetch
 * standard: Node, Deno, browsers), rather than that very signal (Bun). Only then does a
 * listener on `request.signal` live and die with the request.
 */
export function requestsOwnTheirSignal(): boolean {
  if (ownSignals === undefined) {
    const signal = new AbortController().signal;
    ownSignals = new Request("http://localhost/", { signal }).signal !== signal;
  }
  return ownSignals;
}

/**
 * Makes `controller` abort when `request`'s signal does, for the life of the request (so a
 * response body still being read is aborted too), and returns the signal to send with.
 * Where the request owns its signal, one listener on it does this for the cost of a closure
 * (`AbortSignal.any` costs several times a request's own price); elsewhere that signal may be
 * the caller's long-lived one, and {@link linkSignals} links the two without leaving a listener.
 */
export function followRequest(request: Request, controller: AbortController): LinkedSignal {
  const source = request.signal;
  if (!requestsOwnTheirSignal()) return linkSignals([source, controller.signal]);
  if (source.aborted) controller.abort(source.reason);
  else onAbort(source, () => controller.abort(source.reason));
  return { signal: controller.signal, dispose: () => {} };
}

/**
 * Settles like `promise`, except that it rejects with the signal's reason as soon as `signal`
 * aborts, even if whatever produced `promise` ignores the signal. A response that arrives after
 * the abort has its body cancelled.
 */
export function raceAbort(promise: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    const off = onAbort(signal, () => reject(signal.reason));
    promise.then(
      (response) => {
        off();
        if (signal.aborted) void response.body?.cancel().catch(() => {});
        resolve(response);
      },
      (error: unknown) => {
        off();
        reject(error);
      },
    );
  });
}
