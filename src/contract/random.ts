/** A seeded pseudo-random source: every call returns a float in [0, 1). */
export type Random = () => number;

/**
 * xorshift32 seeded through one SplitMix-style scramble, so that nearby seeds (1, 2, 3) start
 * far apart. Not cryptographic: it only makes the suite's choices repeatable from `seed`.
 */
export function seededRandom(seed: number): Random {
  let x = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** One element of a non-empty array. */
export function pickOne<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}
