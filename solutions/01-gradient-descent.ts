/**
 * Lab 01 — Gradient descent: your exercises.
 *
 * Work through `notebooks/01-gradient-descent.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 01`.
 *
 * Conventions used throughout (linear regression with a bias column):
 *   X: n×d design matrix (first column all ones), y: n×1 targets, w: d×1 weights.
 *   The model predicts ŷ = X·w, and the loss is the mean squared error.
 */
import { inverse, Matrix } from "ml-matrix";
import { seededRandom } from "../src/data/random";
// stub: import { todo } from "../src/grading/todo";

/** The result of a training loop: final weights and the full-data loss after each epoch. */
export interface TrainingResult {
  w: Matrix;
  /** lossHistory[0] is the loss before training; lossHistory[k] after epoch k. */
  lossHistory: number[];
}

/**
 * Exercise 1 — mean squared error: L(w) = (1/n) · Σᵢ (xᵢ·w − yᵢ)².
 *
 * TODO: compute the residuals r = X·w − y (an n×1 matrix), then the mean of their squares.
 *   e.g. X = [[1, 1], [1, 2]], y = [[1], [3]], w = [[0], [1]]  →  r = [[0], [-1]]  →  0.5
 */
export function mseLoss(X: Matrix, y: Matrix, w: Matrix): number {
  // BEGIN SOLUTION
  const r = X.mmul(w).sub(y);
  // r is n×1, so the sum of its squared entries is Σ rᵢ².
  return r.clone().mul(r).sum() / X.rows;
  // END SOLUTION
}

/**
 * Exercise 2 — the gradient of the MSE with respect to w: ∇L(w) = (2/n) · Xᵀ(X·w − y).
 *
 * TODO: return a d×1 matrix (the same shape as w). Vectorise it: no loops needed.
 *   e.g. with the example above: Xᵀr = [[-1], [-2]], so ∇L = (2/2)·[[-1], [-2]] = [[-1], [-2]]
 */
export function mseGradient(X: Matrix, y: Matrix, w: Matrix): Matrix {
  // BEGIN SOLUTION
  const r = X.mmul(w).sub(y);
  // The factor 2 comes from differentiating the square; 1/n from the mean.
  return X.transpose()
    .mmul(r)
    .mul(2 / X.rows);
  // END SOLUTION
}

/**
 * Exercise 3 — one gradient-descent step: w_new = w − learningRate · gradient.
 *
 * TODO: return a NEW matrix; do not change `w` or `gradient` (callers keep using them).
 *   e.g. w = [[1], [1]], gradient = [[2], [-4]], learningRate = 0.5  →  [[0], [3]]
 */
export function gradientStep(w: Matrix, gradient: Matrix, learningRate: number): Matrix {
  // BEGIN SOLUTION
  // Matrix.sub works in place, so start from a copy to leave `w` untouched.
  return w.clone().sub(gradient.clone().mul(learningRate));
  // END SOLUTION
}

/**
 * Exercise 4 — batch gradient descent: one step per epoch using the gradient on ALL rows.
 *
 * TODO: start from `w0` (default: all zeros, d×1), take `epochs` steps with mseGradient and
 * gradientStep, and record the loss before training and after every step.
 *   lossHistory.length must be epochs + 1.
 */
export function batchGradientDescent(
  X: Matrix,
  y: Matrix,
  options: { learningRate: number; epochs: number; w0?: Matrix },
): TrainingResult {
  // BEGIN SOLUTION
  let w = options.w0?.clone() ?? new Matrix(X.columns, 1);
  const lossHistory = [mseLoss(X, y, w)];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    w = gradientStep(w, mseGradient(X, y, w), options.learningRate);
    lossHistory.push(mseLoss(X, y, w));
  }
  return { w, lossHistory };
  // END SOLUTION
}

/**
 * Exercise 5 — spot a diverging run from its loss history.
 *
 * TODO: return true when training blew up: some loss is not finite (NaN or Infinity), or
 * the last loss is larger than the first. Careful: every comparison with NaN is false.
 *   e.g. [10, 5, 2] → false;  [10, 50, 900] → true;  [10, NaN] → true
 */
export function isDiverging(lossHistory: number[]): boolean {
  // BEGIN SOLUTION
  if (lossHistory.some((loss) => !Number.isFinite(loss))) return true;
  return lossHistory[lossHistory.length - 1] > lossHistory[0];
  // END SOLUTION
}

/**
 * Exercise 6 — mini-batch stochastic gradient descent.
 *
 * TODO: for each epoch, shuffle the row indices with `random` (Fisher–Yates), then walk
 * through them in batches of `batchSize` (the last batch may be smaller) and take one
 * gradientStep per batch, using the gradient on that batch only. Record the FULL-data loss
 * before training and after each epoch (lossHistory.length = epochs + 1). Start from zeros.
 * `seed` makes the shuffles reproducible: create the generator once with seededRandom(seed).
 *   Hint for slicing rows: X.selection(rowIndices, columnIndices) or new Matrix(rows).
 */
export function miniBatchSgd(
  X: Matrix,
  y: Matrix,
  options: { learningRate: number; epochs: number; batchSize: number; seed: number },
): TrainingResult {
  // BEGIN SOLUTION
  const random = seededRandom(options.seed);
  const allColumnsX = Array.from({ length: X.columns }, (_, j) => j);
  const order = Array.from({ length: X.rows }, (_, i) => i);
  let w = new Matrix(X.columns, 1);
  const lossHistory = [mseLoss(X, y, w)];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Fisher–Yates: every permutation equally likely.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start < order.length; start += options.batchSize) {
      const rows = order.slice(start, start + options.batchSize);
      const Xb = X.selection(rows, allColumnsX);
      const yb = y.selection(rows, [0]);
      w = gradientStep(w, mseGradient(Xb, yb, w), options.learningRate);
    }
    lossHistory.push(mseLoss(X, y, w));
  }
  return { w, lossHistory };
  // END SOLUTION
}

/**
 * Exercise 7 — gradient descent with momentum (the "heavy ball").
 *
 * TODO: keep a velocity v (d×1, starts at zeros). Each epoch:
 *   v = momentum · v + gradient      then      w = w − learningRate · v
 * With momentum = 0 this is exactly batchGradientDescent. Start from zeros; record losses
 * as in exercise 4.
 */
export function momentumGradientDescent(
  X: Matrix,
  y: Matrix,
  options: { learningRate: number; momentum: number; epochs: number },
): TrainingResult {
  // BEGIN SOLUTION
  let w = new Matrix(X.columns, 1);
  let v = new Matrix(X.columns, 1);
  const lossHistory = [mseLoss(X, y, w)];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Velocity remembers past gradients, so steps grow along directions that agree.
    v = v
      .clone()
      .mul(options.momentum)
      .add(mseGradient(X, y, w));
    w = gradientStep(w, v, options.learningRate);
    lossHistory.push(mseLoss(X, y, w));
  }
  return { w, lossHistory };
  // END SOLUTION
}

/**
 * Exercise 8 — the closed-form least-squares solution (normal equation):
 *   w* = (XᵀX)⁻¹ Xᵀ y
 *
 * TODO: use ml-matrix's `inverse` (already imported) and matrix products. Return d×1.
 *   e.g. X = [[1, 0], [1, 1], [1, 2]], y = [[1], [3], [5]]  →  w* = [[1], [2]]  (y = 1 + 2x)
 */
export function normalEquation(X: Matrix, y: Matrix): Matrix {
  // BEGIN SOLUTION
  const Xt = X.transpose();
  return inverse(Xt.mmul(X)).mmul(Xt).mmul(y);
  // END SOLUTION
}
