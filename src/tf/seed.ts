/**
 * Repeatable TF.js training. tfjs draws every unseeded random number (weight initialisers,
 * `fit`'s shuffle, dropout masks, `tf.randomUniform` without a seed) from `Math.random`, so
 * swapping `Math.random` for a seeded generator while a function runs makes its training
 * repeat exactly on one backend. Checks use it to train the learner's model with a fixed seed.
 */
import { seededRandom } from "../data/random";

let depth = 0;

/**
 * Runs `fn` (sync or async) with `Math.random` replaced by a seeded generator, and restores
 * it afterwards, also when `fn` throws. Nested calls reseed; the outermost restores.
 *
 * @example const model = await withSeed(42, () => train(data)); // same weights every run
 */
export async function withSeed<T>(seed: number, fn: () => T | Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = seededRandom(seed);
  depth++;
  try {
    return await fn();
  } finally {
    depth--;
    Math.random = original;
  }
}

/** True while a `withSeed` call is running (for code that must not reseed inside one). */
export function seeded(): boolean {
  return depth > 0;
}
