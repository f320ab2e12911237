/**
 * Optimizer update rules as plain typed-array loops (no tfjs). Every intermediate is rounded
 * to float32 (Math.fround) exactly where stock tfjs rounds it, i.e. after each of the ops its
 * optimizer chains, so the results are bit-identical to the stock ops on wasm and cpu.
 */

/** The float32 constants of one Adam step, as tfjs's scalar ops see them. */
export interface AdamConstants {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  /** beta1^t and beta2^t as held by the optimizer's accBeta variables (float32). */
  accBeta1: number;
  accBeta2: number;
}

/**
 * One Adam step of tfjs 4.22's AdamOptimizer.applyGradients, element by element:
 *   m' = m*b1 + g*(1-b1)            v' = v*b2 + g²*(1-b2)
 *   x' = (m'/(1-b1^t)) / (sqrt(v'/(1-b2^t)) + eps) * (-lr) + x
 * with the scalars as float32 tensors (`1 - beta1` is computed in double first, like the
 * `mul(gradient, 1 - this.beta1)` of the stock code). Elements before `from` are left alone
 * (the SIMD version did them).
 */
export function adamUpdateLoop(
  k: AdamConstants,
  value: Float32Array,
  m: Float32Array,
  v: Float32Array,
  grad: Float32Array,
  outValue: Float32Array,
  outM: Float32Array,
  outV: Float32Array,
  from = 0,
): void {
  const f = Math.fround;
  const [b1, b2, oneMinusB1, oneMinusB2, corr1, corr2, eps, negLr] = adamScalars(k);
  const n = value.length;
  for (let i = from; i < n; i++) {
    const g = grad[i]!;
    const m1 = f(f(m[i]! * b1!) + f(g * oneMinusB1!));
    const v1 = f(f(v[i]! * b2!) + f(f(g * g) * oneMinusB2!));
    const mHat = f(m1 / corr1!);
    const vHat = f(v1 / corr2!);
    const step = f(f(mHat / f(f(Math.sqrt(vHat)) + eps!)) * negLr!);
    outM[i] = m1;
    outV[i] = v1;
    outValue[i] = step + value[i]!; // rounded by the Float32Array store
  }
}

/**
 * The float32 scalars of one step, as tfjs's scalar tensors hold them: beta1, beta2, 1-beta1,
 * 1-beta2, 1-accBeta1 (`sub(1, accBeta1)`), 1-accBeta2, epsilon, -learningRate.
 */
export function adamScalars(k: AdamConstants): number[] {
  const f = Math.fround;
  return [
    f(k.beta1),
    f(k.beta2),
    f(1 - k.beta1),
    f(1 - k.beta2),
    f(1 - f(k.accBeta1)),
    f(1 - f(k.accBeta2)),
    f(k.epsilon),
    f(-k.learningRate),
  ];
}
