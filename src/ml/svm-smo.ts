/**
 * A reference solver for the soft-margin SVM dual, used to grade and compare the learners'
 * SVMs (lab 08): LIBSVM's SMO with "maximal violating pair" working-set selection
 * (Fan, Chen & Lin 2005, first-order rule). Deterministic and exact to `eps`.
 *
 *   maximise  Σαᵢ − ½ ΣᵢΣⱼ αᵢαⱼyᵢyⱼKᵢⱼ   subject to  0 ≤ αᵢ ≤ C,  Σαᵢyᵢ = 0
 *
 * The decision function is f(x) = Σᵢ αᵢyᵢK(xᵢ, x) + b.
 */

export interface SvmDualSolution {
  /** One multiplier per training row, in [0, C]. */
  alphas: number[];
  /** The intercept of f. */
  b: number;
  /** Value of the dual objective at `alphas` (equals the primal optimum at convergence). */
  dualObjective: number;
  /** Pair updates performed. */
  iterations: number;
  /** Whether the optimality gap fell below eps before maxIter. */
  converged: boolean;
}

/** The dual objective Σαᵢ − ½ΣᵢΣⱼ αᵢαⱼyᵢyⱼKᵢⱼ for any α (y ∈ {−1, +1}, K: n×n). */
export function svmDualObjective(
  alphas: readonly number[],
  y: readonly number[],
  K: readonly number[][],
): number {
  let linear = 0;
  let quadratic = 0;
  for (let i = 0; i < alphas.length; i++) {
    if (alphas[i] === 0) continue;
    linear += alphas[i];
    let inner = 0;
    for (let j = 0; j < alphas.length; j++) inner += alphas[j] * y[j] * K[i][j];
    quadratic += alphas[i] * y[i] * inner;
  }
  return linear - 0.5 * quadratic;
}

/**
 * Solves the SVM dual for a precomputed kernel matrix K (n×n, symmetric) and labels
 * y ∈ {−1, +1}. Stops when the maximal KKT violation is below `eps` (default 1e-6).
 */
export function solveSvmDual(
  K: readonly number[][],
  y: readonly number[],
  C: number,
  options: { eps?: number; maxIter?: number } = {},
): SvmDualSolution {
  const n = y.length;
  if (K.length !== n || K.some((row) => row.length !== n)) {
    throw new Error(`solveSvmDual: K must be ${n}×${n} for ${n} labels.`);
  }
  if (y.some((v) => v !== 1 && v !== -1)) throw new Error("solveSvmDual: labels must be −1 or +1.");
  if (!(C > 0)) throw new Error(`solveSvmDual: C must be positive, got ${C}.`);
  const eps = options.eps ?? 1e-6;
  const maxIter = options.maxIter ?? Math.max(10_000_000 / n, 100 * n);
  const a = new Array<number>(n).fill(0);
  // G = gradient of the MINIMISED form ½αᵀQα − Σα, with Qᵢⱼ = yᵢyⱼKᵢⱼ; starts at −1.
  const G = new Array<number>(n).fill(-1);
  const inUp = (t: number) => (y[t] === 1 ? a[t] < C : a[t] > 0);
  const inLow = (t: number) => (y[t] === 1 ? a[t] > 0 : a[t] < C);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    let i = -1;
    let j = -1;
    let gMax = Number.NEGATIVE_INFINITY;
    let gMin = Number.POSITIVE_INFINITY;
    for (let t = 0; t < n; t++) {
      const v = -y[t] * G[t];
      if (inUp(t) && v > gMax) {
        gMax = v;
        i = t;
      }
      if (inLow(t) && v < gMin) {
        gMin = v;
        j = t;
      }
    }
    if (i < 0 || j < 0 || gMax - gMin < eps) {
      converged = true;
      break;
    }
    iterations++;
    const oldI = a[i];
    const oldJ = a[j];
    const Qij = y[i] * y[j] * K[i][j];
    // The two-variable subproblem, solved exactly and clipped to the box (LIBSVM's Solver::Solve).
    if (y[i] !== y[j]) {
      const quad = Math.max(K[i][i] + K[j][j] + 2 * Qij, 1e-12);
      const delta = (-G[i] - G[j]) / quad;
      const diff = a[i] - a[j];
      a[i] += delta;
      a[j] += delta;
      if (diff > 0) {
        if (a[j] < 0) [a[j], a[i]] = [0, diff];
      } else if (a[i] < 0) [a[i], a[j]] = [0, -diff];
      if (diff > 0) {
        if (a[i] > C) [a[i], a[j]] = [C, C - diff];
      } else if (a[j] > C) [a[j], a[i]] = [C, C + diff];
    } else {
      const quad = Math.max(K[i][i] + K[j][j] - 2 * Qij, 1e-12);
      const delta = (G[i] - G[j]) / quad;
      const sum = a[i] + a[j];
      a[i] -= delta;
      a[j] += delta;
      if (sum > C) {
        if (a[i] > C) [a[i], a[j]] = [C, sum - C];
      } else if (a[j] < 0) [a[j], a[i]] = [0, sum];
      if (sum > C) {
        if (a[j] > C) [a[j], a[i]] = [C, sum - C];
      } else if (a[i] < 0) [a[i], a[j]] = [0, sum];
    }
    const dI = a[i] - oldI;
    const dJ = a[j] - oldJ;
    for (let t = 0; t < n; t++) G[t] += y[t] * (y[i] * K[i][t] * dI + y[j] * K[j][t] * dJ);
  }
  return {
    alphas: a,
    b: intercept(a, G, y, C),
    dualObjective: svmDualObjective(a, y, K),
    iterations,
    converged,
  };
}

/**
 * b from the KKT conditions: exact on free support vectors (0 < α < C), otherwise the middle
 * of the interval that the bounded multipliers allow.
 */
function intercept(a: number[], G: number[], y: readonly number[], C: number): number {
  let sumFree = 0;
  let nFree = 0;
  let lower = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY;
  for (let t = 0; t < a.length; t++) {
    const v = -y[t] * G[t]; // the b that would put row t exactly on its margin
    if (a[t] > 0 && a[t] < C) {
      sumFree += v;
      nFree++;
    } else if ((a[t] === 0) === (y[t] === 1)) {
      lower = Math.max(lower, v);
    } else {
      upper = Math.min(upper, v);
    }
  }
  if (nFree > 0) return sumFree / nFree;
  if (Number.isFinite(lower) && Number.isFinite(upper)) return (lower + upper) / 2;
  return Number.isFinite(lower) ? lower : Number.isFinite(upper) ? upper : 0;
}
