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

// The codings undone (with the blanks around a list's entries).
const KNOWN = /^\s*(gzip|x-gzip|deflate|br)\s*$/;
// The most codings fetch undoes: more is refused, as curl and urllib3 do (decoding bombs).
const MAX_CODINGS = 5;

/**
 * `body` with its `Content-Encoding` undone (the last coding applied is undone first), as
 * Node's fetch does: gzip (also `x-gzip`), deflate (zlib-wrapped, or raw as some servers send
 * it) and br. Any other entry in the list (`identity` or an empty one included) leaves the whole
 * body as it is, and a list of more than 5 codings rejects, both also as fetch does. A coding
 * that would undo to more than `maxBytes` rejects (a `RangeError` with code
 * `ERR_BUFFER_TOO_LARGE`) once it has made that many: a small body may decode to gigabytes.
 */
export async function decodeBody(
  body: Buffer,
  contentEncoding: string | undefined,
  maxBytes: number,
) {
  if (!contentEncoding) return body;
  const codings = contentEncoding.toLowerCase().split(",");
  if (codings.length > MAX_CODINGS) {
    throw new Error(`too many content-encodings in response: ${codings.length}, at most 5`);
  }
  // Checked before any is undone: an unknown entry anywhere means none is.
  if (body.length === 0 || !codings.every((coding) => KNOWN.test(coding))) return body;
  const zlib = { ...ZLIB, maxOutputLength: maxBytes };
  let decoded = body;
  for (let i = codings.length - 1; i >= 0; i--) {
    const coding = codings[i]?.trim();
    if (coding === "deflate") decoded = await inflateAny(decoded, zlib);
    else if (coding === "br") {
      decoded = await brotliAsync(decoded, { ...BROTLI, maxOutputLength: maxBytes });
    } else decoded = await gunzipAsync(decoded, zlib);
  }
  return decoded;
}

// A zlib header is 0x?8 then a byte that makes the pair a multiple of 31 (RFC 1950).
const inflateAny = (body: Buffer, options: typeof ZLIB) =>
  ((body[0] ?? 0) & 0x0f) === 8 && ((body[0] ?? 0) * 256 + (body[1] ?? 0)) % 31 === 0
    ? inflateAsync(body, options)
    : inflateRawAsync(body, options);
