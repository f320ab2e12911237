import { DataError } from "./errors";

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same
 * sequence on every machine, so shuffles, splits and initialisations can be repeated.
 * Used project-wide instead of Math.random().
 *
 * @param seed an integer (e.g. 42)
 * @returns a function giving floats in [0, 1)
 * @example const random = seededRandom(42); random(); // 0.6011037519201636
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isInteger(seed))
    throw new DataError(`seededRandom: seed must be an integer, got ${seed}`);
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher–Yates) using `random` (e.g. `seededRandom(42)`). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}

/** The numbers 0..n-1 in a seeded random order. */
export function permutation(n: number, seed: number): number[] {
  return shuffled(
    Array.from({ length: n }, (_, i) => i),
    seededRandom(seed),
  );
}
