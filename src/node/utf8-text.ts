/**
 * `bytes` as text the way fetch's `text()` decodes a body: UTF-8, without a leading byte order
 * mark (some servers start JSON with one, which `JSON.parse` refuses).
 */
export const utf8Text = (bytes: Buffer): string =>
  bytes.toString("utf8", bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
