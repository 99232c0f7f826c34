import type { FetchLike } from "../../src/index.js";

/**
 * A stub `fetch` option: answers each call with `handler` (given the call's number, from 1) and
 * records what it was called with: `calls` as given (`input`, `init`), `requests` as the
 * `Request` the global fetch would have built from them.
 */
export function stubFetch(
  handler: (request: Request, call: number) => Response | Promise<Response>,
) {
  const requests: Request[] = [];
  const calls: { input: string | Request; init: RequestInit | undefined }[] = [];
  const fetch: FetchLike = async (input, init) => {
    calls.push({ input, init });
    const request = new Request(input, init);
    requests.push(request);
    return handler(request, requests.length);
  };
  return { fetch, requests, calls };
}
