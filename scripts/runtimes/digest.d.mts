/** FNV-1a (32-bit, hex) of the sorted ids joined by newlines; see digest.mjs. */
export function digestIds(ids: Iterable<string>): string;
