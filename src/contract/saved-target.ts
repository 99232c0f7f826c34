import { KubeadaptError } from "../index.js";
import type { ContractOptions } from "./types.js";

/**
 * The deployment a base URL names, as a saved cursor records it: origin and path, without user
 * info (a credential must never reach a file CI keeps), query, fragment or trailing slash. A
 * value that is no URL is returned as is, its user info cut off.
 */
export function cursorTarget(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return baseUrl.replace(/^([a-z][\w+.-]*:\/\/)[^/@]*@/i, "$1");
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * Refuses `expiredCursors` saved against another deployment than `baseUrl`: a cursor means
 * something only to the server that issued it (another one, or one whose signing key differs,
 * answers 400 `INVALID_CURSOR`, not 410), so checking it here would fail a correct server.
 * Cursors saved without a base URL (the version 1 file format) are let through; the
 * `cursor-expired` check notes the assumption.
 */
export function checkSavedTarget(options: ContractOptions): void {
  const target = cursorTarget(options.baseUrl);
  const other = options.expiredCursors?.find(
    (c) => c.baseUrl !== undefined && cursorTarget(c.baseUrl) !== target,
  );
  if (!other?.baseUrl) return;
  const saved = cursorTarget(other.baseUrl);
  throw new KubeadaptError(
    `the saved cursors come from ${saved}, not ${target}: a cursor can be checked only against the deployment that issued it (check them against ${saved}, or save cursors from ${target})`,
  );
}
