import type { SignalLike } from "./signals.js";

/**
 * The key of a transport's direct exchange, beside its `fetch` face: `Symbol.for`, so that the
 * main entry and `kubeadapt/node` (separate bundles) agree on it.
 */
export const EXCHANGE: unique symbol = Symbol.for("kubeadapt.page");

/**
 * What the client reads of a `get`'s or a walk page's response, and all it reads: the retry
 * layer and the error mapping look at `status`, `ok` and `headers.get`, and the body is read
 * once, as text. A `Response` is one; a transport's {@link Exchange} answers with a plain object
 * instead, its body already read, so no `Response` or `Headers` is built per page.
 */
export interface PageResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: Pick<Headers, "get">;
  /** Absent on an exchange's answer: its body is already in `text()`. */
  readonly body?: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}

/**
 * Sends `GET url` with `headers` (lowercase names) the way the transport's `fetch` face does
 * (redirects, decoding, network errors as `TypeError`) and resolves once the whole body has
 * arrived, with the {@link PageResponse} of it; once `signal` aborts, it rejects with its
 * reason. The retry layer gives each attempt a plain signal (no `AbortController`), which its
 * deadline and the caller's abort abort. Only `get` and walk pages use it, and only while no
 * middleware is registered. It must not change `headers`, which the client reuses.
 */
export type Exchange = (
  url: string,
  headers: Readonly<Record<string, string>>,
  signal: SignalLike,
) => Promise<PageResponse>;

/** A `fetch` that may offer an {@link Exchange} under {@link EXCHANGE}. */
export type MaybeExchanging = { [EXCHANGE]?: Exchange | undefined };
