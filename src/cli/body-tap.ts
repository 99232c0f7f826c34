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
    // Bodies of errors are read only for their message, and a body-less status cannot be given
    // one back.
    if (!response.ok || response.status === 204) return response;
    const text = await response.text();
    look(text);
    const { status, statusText, headers } = response;
    return new Response(text, { status, statusText, headers });
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
