import type { PageResponse } from "./exchange.js";
import type { SignalLike } from "./signals.js";

/**
 * A `get` or a walk's page as the client sends it while no middleware is registered: a GET,
 * without openapi-fetch or a `Request` (the global fetch builds its own `Request` from any
 * input, so one built here would only be copied). The retry layer sends it as
 * `fetch(url, { headers, signal })`, or through the transport's exchange where it has one.
 */
export interface PageRequest {
  readonly url: string;
  readonly method: "GET";
  /** Every header to send, the token included (lowercase names); shared, never changed. */
  readonly headers: Readonly<Record<string, string>>;
  /** The caller's signal (a walk page's own, which lives no longer than the request). */
  readonly signal: SignalLike | undefined;
}

/** What the retry layer resolves a {@link PageRequest} with: the last response and its body. */
export interface PageReply {
  readonly response: PageResponse;
  /** The whole body, read within the attempt's time limit ("" when there is none). */
  readonly text: string;
}
