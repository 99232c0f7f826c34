/** What a cursor carries: where the last page ended and which query issued it. */
export interface CursorPayload {
  /** Format version. */
  v: 1;
  /** `id` of the last item of the page. */
  after_id: string;
  /** Sort value of the last item (an amount string or an RFC 3339 timestamp). */
  after_value: string;
  /** Hash of the canonical query (path and every parameter but `cursor` and `include_total`). */
  query_hash: string;
  /** When the cursor was issued, epoch milliseconds by the fake's clock. */
  issued_at: number;
}

type Signed = CursorPayload & { sig: string };

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function signedBytes(p: CursorPayload): Uint8Array<ArrayBuffer> {
  return encoder.encode(
    JSON.stringify([p.v, p.after_id, p.after_value, p.query_hash, p.issued_at]),
  );
}

function isPayload(value: unknown): value is Signed {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const p = value as Record<string, unknown>;
  return (
    Object.keys(p).length === 6 &&
    p.v === 1 &&
    typeof p.after_id === "string" &&
    typeof p.after_value === "string" &&
    typeof p.query_hash === "string" &&
    typeof p.issued_at === "number" &&
    Number.isSafeInteger(p.issued_at) &&
    typeof p.sig === "string"
  );
}

/**
 * Opaque cursors: base64url of a small JSON payload that carries its own HMAC-SHA256
 * signature (Web Crypto), so any change to the token is detected.
 */
export class CursorCodec {
  private readonly key: Promise<CryptoKey>;

  /** @param secret - HMAC key; a random 32-byte key when absent, so cursors die with the fake */
  constructor(secret?: string | Uint8Array) {
    const raw =
      secret === undefined
        ? crypto.getRandomValues(new Uint8Array(32))
        : typeof secret === "string"
          ? encoder.encode(secret)
          : new Uint8Array(secret);
    this.key = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
  }

  /** Signs and encodes a payload. */
  async encode(payload: Omit<CursorPayload, "v">): Promise<string> {
    const p: CursorPayload = { v: 1, ...payload };
    const sig = new Uint8Array(await crypto.subtle.sign("HMAC", await this.key, signedBytes(p)));
    return toBase64Url(encoder.encode(JSON.stringify({ ...p, sig: toBase64Url(sig) })));
  }

  /** Decodes and verifies a token; `undefined` when it is malformed or its signature is wrong. */
  async decode(token: string): Promise<CursorPayload | undefined> {
    const bytes = fromBase64Url(token);
    if (!bytes || bytes.length === 0) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      return undefined;
    }
    if (!isPayload(parsed)) return undefined;
    const sig = fromBase64Url(parsed.sig);
    if (!sig) return undefined;
    const { sig: _sig, ...payload } = parsed;
    const ok = await crypto.subtle.verify("HMAC", await this.key, sig, signedBytes(payload));
    return ok ? payload : undefined;
  }
}

/** SHA-256 of a canonical query, hex, truncated to 128 bits: enough to tell queries apart. */
export async function hashQuery(canonical: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(canonical)));
  let hex = "";
  for (const b of digest.subarray(0, 16)) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/**
 * The canonical form of a request's query a cursor is bound to: the path, then every
 * parameter except `cursor` and `include_total`, sorted, values byte for byte as sent.
 */
export function canonicalQuery(path: string, params: URLSearchParams): string {
  const pairs: [string, string][] = [];
  for (const [k, v] of params) if (k !== "cursor" && k !== "include_total") pairs.push([k, v]);
  pairs.sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
  );
  return JSON.stringify([path, pairs]);
}
