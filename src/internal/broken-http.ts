import { causeChain } from "./cause-chain.js";

/** How a server that answered broke HTTP, as the hint words it. */
export type BrokenHttp = "malformed" | "headers" | "redirects" | "too long" | "undecodable";

// What each failure looks like in a node of the cause chain ("name code: message"), for Node's
// global fetch and kubeadapt/node's transport alike. The name is matched in text too: when a
// cause would carry a secret, the SDK keeps only its text ("HTTPParserError: …").
const SIGNS: [BrokenHttp, RegExp][] = [
  // undici's HTTP/1.1 parser: a bad status line, header or chunk size (its code, when set, HPE_…).
  ["malformed", /\bHTTPParserError\b|\bHPE_[A-Z_]+\b|UND_ERR_RES_CONTENT_LENGTH_MISMATCH/],
  ["headers", /\bHeadersOverflowError\b|\bUND_ERR_HEADERS_OVERFLOW\b/],
  ["redirects", /redirect count exceeded/],
  ["too long", /body is longer than \d+ bytes/],
  // kubeadapt/node says so; Node's fetch leaves zlib's error (Z_DATA_ERROR, a Brotli code).
  ["undecodable", /could not be decoded|\bZ_[A-Z_]+_ERROR\b|\bERR__?BROTLI|\bERR_ZLIB/],
];

/**
 * How the server broke HTTP, when a failed request's cause chain shows that it answered but
 * not in HTTP a client can read: a malformed response, a header block past Node's limit, a
 * redirect loop, a body past the transport's limit, a body that does not decode. Undefined for
 * a failure to connect (DNS, refused, TLS, reset), which the chain names otherwise.
 */
export function brokenHttp(error: unknown): BrokenHttp | undefined {
  const text = causeChain(error)
    .map((node) => {
      const code = (node as { code?: unknown }).code;
      return `${node.name} ${typeof code === "string" ? code : ""}: ${node.message}`;
    })
    .join("\n");
  return SIGNS.find(([, sign]) => sign.test(text))?.[0];
}
