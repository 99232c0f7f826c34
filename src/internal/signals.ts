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
    const onAbort = () => controller.abort(source.reason);
    source.addEventListener("abort", onAbort, { once: true });
    cleanups.push(() => source.removeEventListener("abort", onAbort));
  }
  const dispose = () => {
    for (const clean of cleanups) clean();
  };
  return { signal: controller.signal, dispose };
}

/**
 * Settles like `promise`, except that it rejects with the signal's reason as soon as `signal`
 * aborts, even if whatever produced `promise` ignores the signal. A response that arrives after
 * the abort has its body cancelled.
 */
export function raceAbort(promise: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (response) => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) void response.body?.cancel().catch(() => {});
        resolve(response);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
