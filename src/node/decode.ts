import { promisify } from "node:util";
import { brotliDecompress, constants, gunzip, inflate, inflateRaw } from "node:zlib";

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);
const brotliAsync = promisify(brotliDecompress);

// Lenient about a missing end of stream, as Node's fetch is (it flushes with Z_SYNC_FLUSH too).
const ZLIB = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const BROTLI = {
  flush: constants.BROTLI_OPERATION_FLUSH,
  finishFlush: constants.BROTLI_OPERATION_FLUSH,
};

/** The encodings {@link decodeBody} undoes, as sent in `Accept-Encoding`. */
export const ACCEPT_ENCODING = "gzip, deflate, br";

/**
 * `body` with its `Content-Encoding` undone (the last coding applied is undone first), as
 * Node's fetch does: gzip (also `x-gzip`), deflate (zlib-wrapped, or raw as some servers send
 * it) and br. An unknown coding leaves the body as it is, also as fetch does.
 */
export async function decodeBody(body: Buffer, contentEncoding: string | undefined) {
  if (!contentEncoding || body.length === 0) return body;
  const codings = contentEncoding.toLowerCase().split(",");
  let decoded = body;
  for (let i = codings.length - 1; i >= 0; i--) {
    const coding = codings[i]?.trim();
    if (coding === "gzip" || coding === "x-gzip") decoded = await gunzipAsync(decoded, ZLIB);
    else if (coding === "deflate") decoded = await inflateAny(decoded);
    else if (coding === "br") decoded = await brotliAsync(decoded, BROTLI);
    else if (coding !== "identity" && coding !== "") return body;
  }
  return decoded;
}

// A zlib header is 0x?8 then a byte that makes the pair a multiple of 31 (RFC 1950).
const inflateAny = (body: Buffer) =>
  ((body[0] ?? 0) & 0x0f) === 8 && ((body[0] ?? 0) * 256 + (body[1] ?? 0)) % 31 === 0
    ? inflateAsync(body, ZLIB)
    : inflateRawAsync(body, ZLIB);
