import { causeChain } from "../internal/cause-chain.js";
import { networkCause } from "../internal/network-cause.js";

/**
 * One line saying why a request could not be sent: the deepest cause's message (Node's fetch
 * wraps it as `TypeError: fetch failed`), with its code (`ENOTFOUND`, `ECONNREFUSED`,
 * `DEPTH_ZERO_SELF_SIGNED_CERT`, …) when the message does not already name it.
 */
export function describeNetworkError(error: unknown): string {
  const { code, message } = networkCause(error);
  const text = message || String(error);
  return code && !text.includes(code) ? `${text} (${code})` : text;
}

/** Codes of a connection the peer dropped: worth one more try, unlike a refused one. */
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

/** True when `error` is a connection that was reset or closed mid-request. */
export function isConnectionReset(error: unknown): boolean {
  return causeChain(error).some((node) =>
    RESET_CODES.has(String((node as { code?: unknown }).code)),
  );
}
