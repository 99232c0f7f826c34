import type { FetchLike } from "../index.js";
import { baseBeforeOrganization, ORGANIZATION } from "../internal/organization-path.js";

// The probe's own bound: it only explains an error already printed, so it never holds the
// command for long.
const PROBE_MS = 10_000;

/**
 * Where the API's base URL redirects to, when that is another origin: fetch sends no token
 * there (an `http://` base URL that redirects to `https://` changes the origin), so a 401 or
 * 403 from there says nothing about the token. One GET of `/v1/organization`, with no token,
 * redirects followed, as the command's requests went.
 * @param apiRoot - the base URL the command used
 * @returns the base URL to use instead (the final URL up to `/v1/organization`, else its
 * origin), or undefined when the base URL stays on its origin or cannot be reached
 */
export async function redirectedBase(
  fetch: FetchLike,
  apiRoot: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const root = apiRoot.replace(/(\/v1)?\/*$/, "");
  try {
    const within = AbortSignal.any([signal, AbortSignal.timeout(PROBE_MS)]);
    const response = await fetch(`${root}${ORGANIZATION}`, { signal: within });
    await response.body?.cancel();
    if (!response.redirected || !response.url) return undefined;
    const to = new URL(response.url);
    if (to.origin === new URL(root).origin) return undefined;
    return baseBeforeOrganization(to);
  } catch {
    return undefined;
  }
}
