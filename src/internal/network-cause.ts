import { causeChain } from "./cause-chain.js";

/**
 * The code (`ENOTFOUND`, `ECONNREFUSED`, a certificate error, …) and the message of the deepest
 * cause of a failed request: Node's fetch wraps the socket's error as `TypeError: fetch failed`.
 * The code is the deepest one found, the message the deepest non-empty one.
 */
export function networkCause(error: unknown): { code?: string; message: string } {
  let code: string | undefined;
  let message = "";
  for (const node of causeChain(error)) {
    const own = (node as { code?: unknown }).code;
    if (typeof own === "string") code = own;
    // OpenSSL's messages end in a newline, which would break the line that quotes them.
    if (node.message.trim()) message = node.message.trim();
  }
  return code === undefined ? { message } : { code, message };
}
