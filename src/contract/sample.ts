import type { Random } from "../internal/prng.js";

/**
 * Up to `n` distinct elements of `items`: the first (the most likely to be special-cased by
 * a server) and the rest chosen with `rand`, so a seed picks the same sample every run.
 */
export function sample<T>(rand: Random, items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const rest = items.slice(1);
  const out: T[] = [items[0] as T];
  while (out.length < n) {
    const [chosen] = rest.splice(Math.floor(rand() * rest.length), 1);
    out.push(chosen as T);
  }
  return out;
}
