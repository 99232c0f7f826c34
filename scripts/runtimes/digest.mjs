/**
 * FNV-1a (32-bit, hex) of the sorted ids joined by newlines: lets a probe prove it saw exactly
 * the expected set of ids without printing thousands of them. Shared by the probe and the parent.
 * @param {Iterable<string>} ids
 * @returns {string}
 */
export function digestIds(ids) {
  let hash = 0x811c9dc5;
  for (const char of [...ids].sort().join("\n")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
