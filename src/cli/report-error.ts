import {
  isAuthenticationError,
  isBadRequestError,
  isConnectionError,
  isCursorExpiredError,
  isInvalidCursorError,
  isKubeadaptError,
  isNotFoundError,
  isPaginationLimitError,
  isPermissionDeniedError,
  isProtocolError,
  isRateLimitError,
  isTimeoutError,
} from "../index.js";

// What to do next, by error class; the first guard that matches wins (subclasses first).
const HINTS: [(e: unknown) => boolean, (e: never) => string][] = [
  [
    isCursorExpiredError,
    () => "the cursor expired or the query changed: restart the walk from page 1",
  ],
  [
    isInvalidCursorError,
    () => "the cursor was modified: restart the walk without --query cursor=...",
  ],
  [
    isBadRequestError,
    (e: { details: { field?: string }[] }) =>
      `check the parameter ${e.details[0]?.field ?? ""} (--limit is 1..500)`.replace("  ", " "),
  ],
  [isAuthenticationError, () => "set KUBEADAPT_API_TOKEN to a valid API token"],
  [isPermissionDeniedError, () => "the token lacks the scope this endpoint needs"],
  [isNotFoundError, () => "check the id in the path"],
  [
    isRateLimitError,
    (e: { retryAfterMs?: number }) =>
      `rate limited: try again in ${Math.ceil((e.retryAfterMs ?? 0) / 1000)} s`,
  ],
  [isConnectionError, () => "could not reach the server: check --base-url and the network"],
  [isTimeoutError, () => "the server did not answer in time: try again later"],
  [isProtocolError, () => "the server's response was not the /v1 envelope"],
  [
    isPaginationLimitError,
    () => "the walk reached its page cap: narrow the query or use --max-items",
  ],
];

/**
 * The lines printed for a failed command: code, status, message, request id, where a walk
 * stopped (to resume), and a hint. Never includes the token: SDK errors are already redacted.
 */
export function describeError(error: unknown): string {
  if (!isKubeadaptError(error)) {
    return `error: ${error instanceof Error ? error.message : String(error)}\n`;
  }
  const status = error.status === undefined ? "" : ` (HTTP ${error.status})`;
  const lines = [`error: ${error.code ?? error.name}${status}: ${error.message}`];
  if (error.requestId) lines.push(`  request id: ${error.requestId}`);
  if (error.page !== undefined) {
    lines.push(`  stopped at page ${error.page} after ${error.itemsYielded ?? 0} items`);
    // A fresh walk, not a resume, is the way out of a bad or expired cursor.
    const stale: unknown = error;
    const resumable = !isCursorExpiredError(stale) && !isInvalidCursorError(stale);
    if (error.cursor && resumable) lines.push(`  resume with: --query cursor=${error.cursor}`);
  }
  const hint = HINTS.find(([matches]) => matches(error));
  if (hint) lines.push(`  hint: ${hint[1](error as never)}`);
  return `${lines.join("\n")}\n`;
}
