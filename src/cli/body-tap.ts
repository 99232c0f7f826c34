import type { FetchLike } from "../index.js";
import { EXCHANGE, type MaybeExchanging, type PageResponse } from "../internal/exchange.js";

/**
 * `fetch` with the text of every 2xx body it answers with handed to `look` first, before the
 * SDK parses it (the CLI reads there what parsing loses: exact numbers, and the fields of a
 * page the SDK does not hand on). Whatever its content type: the SDK parses every 2xx body as
 * JSON, so a server that sends none, or `text/plain`, must not lose the note on a rounded
 * number. A transport's page exchange (kubeadapt/node's) keeps working, looked at the same way.
 */
export function tapJsonBodies(fetch: FetchLike, look: (text: string) => void): FetchLike {
  const wrapped: FetchLike = async (input, init) => {
    const response = await fetch(input, init);
    // Bodies of errors are read only for their message; a 204 or 205 has none.
    if (!response.ok || response.body === null) return response;
    // Read from a copy: the response goes back as it came (URL, status text), where a new
    // Response would lose them, and refuses what a fetched one may hold (a UTF-8 status text).
    look(await response.clone().text());
    return response;
  };
  const exchange = (fetch as MaybeExchanging)[EXCHANGE];
  if (!exchange) return wrapped;
  return Object.assign(wrapped, {
    [EXCHANGE]: async (...args: Parameters<typeof exchange>): Promise<PageResponse> => {
      const response = await exchange(...args);
      // An exchange's answer holds its text already: reading it again costs nothing.
      if (response.ok) look(await response.text());
      return response;
    },
  });
}
