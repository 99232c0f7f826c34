import type { Random } from "../internal/prng.js";

export { mulberry32, pick, type Random } from "../internal/prng.js";

/** An integer in [min, max] (both inclusive). */
export function int(rand: Random, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

/** One element of a non-empty array, chosen with the given relative weights. */
export function weighted<T>(rand: Random, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rand() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

function hex8(rand: Random): string {
  return Math.floor(rand() * 4294967296)
    .toString(16)
    .padStart(8, "0");
}

/** A version-4-shaped UUID whose bits all come from `rand`. */
export function uuid(rand: Random): string {
  const a = hex8(rand);
  const b = hex8(rand);
  const c = hex8(rand);
  const d = hex8(rand);
  const variant = "89ab"[Math.floor(rand() * 4)] as string;
  // One template literal, so the result is a single flat string rather than a long rope.
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** FNV-1a 32-bit hash of a string: a cheap, stable way to derive per-item values from ids. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
