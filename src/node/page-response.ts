import type { IncomingHttpHeaders } from "node:http";
import type { PageResponse } from "../internal/exchange.js";
import type { Received } from "./send.js";
import { utf8Text } from "./utf8-text.js";

/** A field's value as `Headers.get` gives it: repeated values joined by ", ", or null. */
export const fieldValue = (value: IncomingHttpHeaders[string]): string | null =>
  value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;

/**
 * What the client reads of a response (see {@link PageResponse}), made from what a hop
 * received and its body as fetch would hand it over; `headers.get` answers as `Headers.get`
 * does, in any case.
 */
export function pageResponse(received: Received, body: Buffer | null): PageResponse {
  const { status, headers } = received;
  const text = body === null ? "" : utf8Text(body);
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      // An own field only: "constructor" is not a header every response has.
      get: (name) => {
        const key = name.toLowerCase();
        return Object.hasOwn(headers, key) ? fieldValue(headers[key]) : null;
      },
    },
    text: () => Promise.resolve(text),
  };
}

/**
 * The {@link PageResponse} of a response handed over at its headers, its body still to come:
 * `text` reads it; the retry layer cancels `body` when it retries the status instead, which
 * aborts the request (the stream is there for that alone: it never yields).
 */
export function deferredPage(
  received: Received,
  text: () => Promise<string>,
  cancel: () => void,
): PageResponse {
  return { ...pageResponse(received, null), text, body: new ReadableStream({ cancel }) };
}
