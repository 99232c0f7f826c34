/**
 * One line saying why a request could not be sent: the deepest cause's message (Node's fetch
 * wraps it as `TypeError: fetch failed`), with its code (`ENOTFOUND`, `ECONNREFUSED`,
 * `DEPTH_ZERO_SELF_SIGNED_CERT`, …) when the message does not already name it.
 */
export function describeNetworkError(error: unknown): string {
  let node: unknown = error;
  let code: string | undefined;
  let message = "";
  for (let depth = 0; node instanceof Error && depth < 8; depth++) {
    const own = (node as { code?: unknown }).code;
    if (typeof own === "string") code = own;
    if (node.message) message = node.message;
    node = node.cause;
  }
  if (!message) message = String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** Codes of a connection the peer dropped: worth one more try, unlike a refused one. */
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

/** True when `error` is a connection that was reset or closed mid-request. */
export function isConnectionReset(error: unknown): boolean {
  for (let node = error, depth = 0; node instanceof Error && depth < 8; depth++) {
    if (RESET_CODES.has(String((node as { code?: unknown }).code))) return true;
    node = node.cause;
  }
  return false;
}
