/**
 * Lab 05 — Linear & logistic regression: your exercises.
 *
 * Work through `notebooks/05-linear-logistic-regression.ipynb`; it tells you when to fill in
 * each function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 05`.
 *
 * Conventions:
 *   - Regression (exercises 1–3) uses ml-matrix: X is an n×d design matrix whose FIRST column
 *     is all ones (the bias), y is n×1, w is d×1. The bias w₀ is never penalised.
 *   - Classifiers (exercises 6–10) follow the course's estimator interface: x is number[][]
 *     (rows = samples), y is number[]; `fit` returns the model; `predict` returns one label per
 *     row; `predictProba` returns one row of class probabilities per sample (rows sum to 1).
 */
import { Matrix, solve } from "ml-matrix";
import { StandardScaler } from "../src/data/preprocess";
import { type Classifier, Estimator, type Predictor } from "../src/ml/estimator";
// stub: import { todo } from "../src/grading/todo";

// ─────────────────────────────── Linear regression, regularised ───────────────────────────────

/**
 * Exercise 1 — ridge regression in closed form.
 *
 * Ridge minimises the mean squared error plus a penalty on the size of the weights:
 *   J(w) = (1/n)·‖Xw − y‖² + alpha·(w₁² + … + w_{d−1}²)        (the bias w₀ is NOT penalised)
 * Setting its gradient to zero gives  (XᵀX + n·alpha·D)·w = Xᵀy,  where D is the identity
 * matrix with D[0][0] = 0 (so the bias is free).
 *
 * TODO: build A = XᵀX, add n·alpha to its diagonal except A[0][0], and solve A·w = Xᵀy
 * (ml-matrix's `solve(A, b)`, already imported). Return w as a d×1 Matrix.
 *   e.g. X = [[1, -1], [1, 0], [1, 1]], y = [[0], [1], [2]], alpha = 1/3 (so n·alpha = 1)
 *        XᵀX = [[3, 0], [0, 2]], Xᵀy = [[3], [2]]  →  w = [[3/3], [2/(2+1)]] = [[1], [0.6667]]
 */
export function ridgeClosedForm(X: Matrix, y: Matrix, alpha: number): Matrix {
  // BEGIN SOLUTION
  const n = X.rows;
  const Xt = X.transpose();
  const A = Xt.mmul(X);
  // Start at j = 1: the bias column is not penalised.
  for (let j = 1; j < X.columns; j++) A.set(j, j, A.get(j, j) + n * alpha);
  return solve(A, Xt.mmul(y));
  // END SOLUTION
}

/**
 * Exercise 2 — the gradient of the ridge loss J(w) from exercise 1:
 *   ∇J(w) = (2/n)·Xᵀ(Xw − y) + 2·alpha·D·w        (D·w is w with its bias entry set to 0)
 *
 * TODO: return a d×1 Matrix. Do not change X, y or w.
 *   e.g. X = [[1, 1], [1, 2]], y = [[1], [3]], w = [[0], [1]], alpha = 0.5
 *        MSE part: (2/2)·Xᵀ·[[0], [-1]] = [[-1], [-2]];  penalty part: 2·0.5·[[0], [1]] = [[0], [1]]
 *        →  [[-1], [-1]]
 */
export function ridgeGradient(X: Matrix, y: Matrix, w: Matrix, alpha: number): Matrix {
  // BEGIN SOLUTION
  const residuals = X.mmul(w).sub(y);
  const gradient = X.transpose()
    .mmul(residuals)
    .mul(2 / X.rows);
  for (let j = 1; j < w.rows; j++) gradient.set(j, 0, gradient.get(j, 0) + 2 * alpha * w.get(j, 0));
  return gradient;
  // END SOLUTION
}

/**
 * Exercise 3a — the soft-thresholding operator, the heart of the lasso:
 *   S(rho, lambda) = rho − lambda  if rho > lambda;   rho + lambda  if rho < −lambda;   0 otherwise.
 *
 * TODO: shrink rho towards 0 by lambda, and snap it to exactly 0 when |rho| ≤ lambda.
 *   e.g. S(3, 1) = 2;  S(-3, 1) = -2;  S(0.5, 1) = 0
 */
export function softThreshold(rho: number, lambda: number): number {
  // BEGIN SOLUTION
  if (rho > lambda) return rho - lambda;
  if (rho < -lambda) return rho + lambda;
  return 0;
  // END SOLUTION
}

/**
 * Exercise 3b — the lasso by cyclic coordinate descent. The lasso minimises
 *   J(w) = (1/(2n))·‖Xw − y‖² + alpha·(|w₁| + … + |w_{d−1}|)        (bias w₀ not penalised)
 * (the ½ is scikit-learn's convention: it makes the threshold below exactly alpha).
 *
 * TODO: start from w = 0 (d×1). Repeat `iterations` sweeps; in each sweep, for j = 0, 1, …, d−1
 * in order, set w_j to the value that minimises J with all other weights fixed:
 *   rⁱ  = yᵢ − Σ_{k≠j} X[i][k]·w_k           (the residual without feature j)
 *   rho = (1/n)·Σᵢ X[i][j]·rⁱ,   z = (1/n)·Σᵢ X[i][j]²
 *   w_j = rho / z                   for j = 0 (the bias)
 *   w_j = softThreshold(rho, alpha) / z   for j ≥ 1
 * Use the NEW w_j immediately for the next coordinate (that is what "coordinate descent" means).
 *   e.g. X = [[1, -1], [1, 0], [1, 1]], y = [[0], [1], [2]], alpha = 0.2, iterations = 1:
 *        w₀ = 1 (the mean of y), then rho = 2/3, z = 2/3, w₁ = (2/3 − 0.2)/(2/3) = 0.7  →  [[1], [0.7]]
 */
export function lassoCoordinateDescent(
  X: Matrix,
  y: Matrix,
  options: { alpha: number; iterations: number },
): Matrix {
  // BEGIN SOLUTION
  const n = X.rows;
  const d = X.columns;
  const columns = Array.from({ length: d }, (_, j) => X.getColumn(j));
  const target = y.getColumn(0);
  const w = new Array<number>(d).fill(0);
  // Keep the predictions X·w up to date, so each coordinate update costs O(n), not O(n·d).
  const prediction = new Array<number>(n).fill(0);
  for (let sweep = 0; sweep < options.iterations; sweep++) {
    for (let j = 0; j < d; j++) {
      const xj = columns[j];
      let rho = 0;
      let z = 0;
      for (let i = 0; i < n; i++) {
        rho += xj[i] * (target[i] - prediction[i] + xj[i] * w[j]);
        z += xj[i] * xj[i];
      }
      rho /= n;
      z /= n;
      const updated = z === 0 ? 0 : (j === 0 ? rho : softThreshold(rho, options.alpha)) / z;
      for (let i = 0; i < n; i++) prediction[i] += xj[i] * (updated - w[j]);
      w[j] = updated;
    }
  }
  return Matrix.columnVector(w);
  // END SOLUTION
}

// ─────────────────────────────── Logistic regression ───────────────────────────────

/**
 * Exercise 4 — the logistic sigmoid σ(z) = 1 / (1 + e^(−z)), computed without overflow.
 *
 * TODO: for z ≥ 0 use 1 / (1 + e^(−z)); for z < 0 use the equivalent e^z / (1 + e^z), so that
 * Math.exp is only ever called on a number ≤ 0 (e^800 is Infinity, and Infinity/Infinity is NaN).
 *   e.g. σ(0) = 0.5;  σ(2) ≈ 0.8808;  σ(−2) ≈ 0.1192;  σ(800) = 1;  σ(−800) = 0
 */
export function sigmoid(z: number): number {
  // BEGIN SOLUTION
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
  // END SOLUTION
}

/**
 * Exercise 5 — binary cross-entropy (log loss), averaged over samples, in nats (natural log):
 *   L = −(1/n)·Σᵢ [ yᵢ·ln(pᵢ) + (1 − yᵢ)·ln(1 − pᵢ) ]
 * where yᵢ ∈ {0, 1} is the true label and pᵢ the predicted probability of class 1.
 *
 * TODO: clip each pᵢ into [eps, 1 − eps] first, so a confident wrong prediction (p = 0 for a
 * positive) costs a large but finite −ln(eps) instead of Infinity.
 *   e.g. yTrue = [1, 0], probs = [0.8, 0.2]  →  −(ln 0.8 + ln 0.8)/2 ≈ 0.2231
 *        yTrue = [1], probs = [0]            →  −ln(1e-15) ≈ 34.54
 */
export function binaryCrossEntropy(yTrue: number[], probs: number[], eps = 1e-15): number {
  // BEGIN SOLUTION
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(probs[i], eps), 1 - eps);
    total += yTrue[i] * Math.log(p) + (1 - yTrue[i]) * Math.log(1 - p);
  }
  return -total / yTrue.length;
  // END SOLUTION
}

/** Hyperparameters of LogisticRegression and SoftmaxRegression. */
export interface LinearClassifierParams {
  /** Gradient-descent step size. */
  learningRate: number;
  /** Number of full-batch gradient steps. */
  epochs: number;
  /** L2 penalty strength on the weights (never on the bias). 0 = no regularisation. */
  alpha: number;
}

/**
 * Exercise 6 — binary logistic regression trained by batch gradient descent.
 *
 * Model: p(y = 1 | x) = σ(x·coef + intercept). Loss (what `lossHistory` records):
 *   J = binaryCrossEntropy(y, p) + alpha·Σⱼ coefⱼ²        (the intercept is not penalised)
 * Its gradient: ∂J/∂coef = (1/n)·Xᵀ(p − y) + 2·alpha·coef,   ∂J/∂intercept = (1/n)·Σᵢ (pᵢ − yᵢ).
 *
 * TODO (fit): call this.validateFit(x, y); throw an Error if a label is not 0 or 1. Start with
 * coef = zeros and intercept = 0, then take `epochs` gradient steps (coef −= learningRate·∂J/∂coef,
 * intercept −= learningRate·∂J/∂intercept, both computed from the SAME p). Record J before
 * training and after every step (lossHistory.length = epochs + 1). Return `this`.
 * TODO (decisionFunction): call this.validatePredict(x, "decisionFunction"); return the logits
 * x·coef + intercept, one per row. predictProba: rows [1 − p, p]. predict: 1 when p ≥ 0.5, else 0.
 *   e.g. after fit, coef = [2], intercept = −1: decisionFunction([[1]]) = [1],
 *        predictProba([[1]]) = [[0.2689, 0.7311]], predict([[1]]) = [1]
 */
export class LogisticRegression extends Estimator<LinearClassifierParams> implements Classifier {
  /** Learned weights, one per feature. */
  coef: number[] = [];
  /** Learned bias. */
  intercept = 0;
  /** J before training, then after each epoch. */
  lossHistory: number[] = [];

  constructor(params: Partial<LinearClassifierParams> = {}) {
    super({ learningRate: 0.1, epochs: 1000, alpha: 0 }, params);
  }

  fit(x: number[][], y: number[]): this {
    // BEGIN SOLUTION
    this.validateFit(x, y);
    const bad = y.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0)
      throw new Error(`LogisticRegression.fit: y[${bad}] is ${y[bad]}; labels must be 0 or 1.`);
    const { learningRate, epochs, alpha } = this.params;
    const X = new Matrix(x);
    const Xt = X.transpose();
    const n = X.rows;
    let coef = new Matrix(X.columns, 1);
    let intercept = 0;
    const probabilities = (): number[] =>
      X.mmul(coef)
        .to1DArray()
        .map((z) => sigmoid(z + intercept));
    const loss = (p: number[]): number =>
      binaryCrossEntropy(y, p) + alpha * coef.clone().mul(coef).sum();
    let p = probabilities();
    this.lossHistory = [loss(p)];
    for (let epoch = 0; epoch < epochs; epoch++) {
      const error = Matrix.columnVector(p.map((pi, i) => pi - y[i]));
      const gradCoef = Xt.mmul(error)
        .div(n)
        .add(coef.clone().mul(2 * alpha));
      const gradIntercept = error.sum() / n;
      coef = coef.clone().sub(gradCoef.mul(learningRate));
      intercept -= learningRate * gradIntercept;
      p = probabilities();
      this.lossHistory.push(loss(p));
    }
    this.coef = coef.to1DArray();
    this.intercept = intercept;
    return this;
    // END SOLUTION
  }

  /** The logit x·coef + intercept for each row. */
  decisionFunction(x: number[][]): number[] {
    // BEGIN SOLUTION
    this.validatePredict(x, "decisionFunction");
    return x.map((row) => row.reduce((s, v, j) => s + v * this.coef[j], this.intercept));
    // END SOLUTION
  }

  /** Rows [p(class 0), p(class 1)]. */
  predictProba(x: number[][]): number[][] {
    // BEGIN SOLUTION
    return this.decisionFunction(x).map((z) => {
      const p = sigmoid(z);
      return [1 - p, p];
    });
    // END SOLUTION
  }

  /** 1 where p(class 1) ≥ 0.5, else 0. */
  predict(x: number[][]): number[] {
    // BEGIN SOLUTION
    return this.predictProba(x).map(([, p]) => (p >= 0.5 ? 1 : 0));
    // END SOLUTION
  }
}

/**
 * Exercise 7 — a leak-free scaling pipeline.
 *
 * Gradient descent needs features on similar scales, and the scaling statistics (mean, std)
 * must come from the TRAINING rows only: the test set stands in for data you have not seen yet.
 *
 * TODO: fit a StandardScaler (already imported) on xTrain, fit `model` on the scaled training
 * rows, and return model.predict on xTest scaled with the SAME scaler.
 *   e.g. fitPredictScaled(new LogisticRegression(), split.train.x, split.train.y, split.test.x)
 *        → one predicted label per test row
 */
export function fitPredictScaled(
  model: Predictor,
  xTrain: number[][],
  yTrain: number[],
  xTest: number[][],
): number[] {
  // BEGIN SOLUTION
  const scaler = new StandardScaler().fit(xTrain);
  model.fit(scaler.transform(xTrain), yTrain);
  return model.predict(scaler.transform(xTest));
  // END SOLUTION
}

// ─────────────────────────────── More than two classes ───────────────────────────────

/**
 * Exercise 8a — log-sum-exp: ln(Σⱼ e^(vⱼ)), computed without overflow.
 *
 * TODO: with m = max(v), use  m + ln(Σⱼ e^(vⱼ − m)). Every exponent is then ≤ 0, so nothing
 * overflows, and the largest term is exactly e⁰ = 1, so the log never sees 0.
 *   e.g. logSumExp([0, 0]) = ln 2 ≈ 0.6931;  logSumExp([1000, 1000]) = 1000 + ln 2
 */
export function logSumExp(values: number[]): number {
  // BEGIN SOLUTION
  const m = Math.max(...values);
  let sum = 0;
  for (const v of values) sum += Math.exp(v - m);
  return m + Math.log(sum);
  // END SOLUTION
}

/**
 * Exercise 8b — softmax: turns K scores (logits) into K probabilities that sum to 1:
 *   softmax(z)ⱼ = e^(zⱼ) / Σₖ e^(zₖ) = e^(zⱼ − logSumExp(z))
 *
 * TODO: use your logSumExp (or subtract the max) so large logits do not overflow.
 *   e.g. softmax([1, 2, 3]) ≈ [0.0900, 0.2447, 0.6652];  softmax([1000, 1001, 1002]) gives the same
 */
export function softmax(logits: number[]): number[] {
  // BEGIN SOLUTION
  const lse = logSumExp(logits);
  return logits.map((z) => Math.exp(z - lse));
  // END SOLUTION
}

/** Hyperparameters of OneVsRestClassifier. */
export interface OneVsRestParams {
  /** Creates a fresh, unfitted binary classifier (labels 0/1) for each class. */
  makeBinary: () => Classifier;
}

/**
 * Exercise 9 — one-vs-rest: K binary classifiers, one per class ("this class" vs "any other").
 *
 * TODO (fit): validateFit; `classes` = the distinct labels of y, sorted ascending. For each
 * class c (in that order) create a model with this.params.makeBinary() and fit it on labels
 * yᵢ === c ? 1 : 0. Store the fitted models in `models` (models[k] is for classes[k]).
 * TODO (predictProba): validatePredict; for each row, take each model's p(class 1) as the score
 * of its class, then divide by the row's sum so the row sums to 1 (all scores 0 → uniform).
 * TODO (predict): the LABEL (from `classes`, not the column index) with the highest probability.
 *   e.g. y = [3, 5, 5, 9] → classes = [3, 5, 9] and three binary models; a row with scores
 *        [0.2, 0.6, 0.2] → probabilities [0.2, 0.6, 0.2] → prediction 5
 */
export class OneVsRestClassifier extends Estimator<OneVsRestParams> implements Classifier {
  /** Sorted distinct training labels. */
  classes: number[] = [];
  /** models[k] separates classes[k] (label 1) from all other classes (label 0). */
  models: Classifier[] = [];

  constructor(params: Partial<OneVsRestParams> = {}) {
    super({ makeBinary: () => new LogisticRegression() }, params);
  }

  fit(x: number[][], y: number[]): this {
    // BEGIN SOLUTION
    this.validateFit(x, y);
    this.classes = [...new Set(y)].sort((a, b) => a - b);
    this.models = this.classes.map((c) =>
      this.params.makeBinary().fit(
        x,
        y.map((v) => (v === c ? 1 : 0)),
      ),
    );
    return this;
    // END SOLUTION
  }

  predictProba(x: number[][]): number[][] {
    // BEGIN SOLUTION
    this.validatePredict(x, "predictProba");
    const scores = this.models.map((m) => m.predictProba(x).map((row) => row[1]));
    return x.map((_, i) => {
      const row = scores.map((s) => s[i]);
      const total = row.reduce((a, b) => a + b, 0);
      return total > 0 ? row.map((s) => s / total) : row.map(() => 1 / row.length);
    });
    // END SOLUTION
  }

  predict(x: number[][]): number[] {
    // BEGIN SOLUTION
    return this.predictProba(x).map((row) => {
      let best = 0;
      for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
      return this.classes[best];
    });
    // END SOLUTION
  }
}

/**
 * Exercise 10 — softmax (multinomial logistic) regression by batch gradient descent.
 *
 * Labels are integers 0 … K−1 (K = max(y) + 1). Model: p(class k | x) = softmax(x·W + b)ₖ,
 * with W of shape d×K (coef[j][k]) and b of length K (intercept[k]). Loss (`lossHistory`):
 *   J = −(1/n)·Σᵢ ln(max(pᵢ,yᵢ, 1e-15)) + alpha·Σⱼₖ W[j][k]²        (b not penalised)
 * With Y the n×K ONE-HOT matrix of the labels (Y[i][yᵢ] = 1, all else 0) and P the n×K matrix
 * of probabilities:  ∂J/∂W = (1/n)·Xᵀ(P − Y) + 2·alpha·W,   ∂J/∂b = column means of (P − Y).
 *
 * TODO (fit): validateFit; throw an Error unless every label is an integer ≥ 0. Start from
 * W = zeros, b = zeros; take `epochs` gradient steps, both updates from the SAME P; record J
 * before training and after each step (epochs + 1 values). Use your softmax on each row.
 * TODO (decisionFunction): validatePredict; logits x·W + b (n×K). predictProba: softmax of each
 * row. predict: the class with the highest probability (ties → the smaller class).
 *   e.g. with W = [[1, -1]], b = [0, 0]: decisionFunction([[2]]) = [[2, -2]],
 *        predictProba([[2]]) ≈ [[0.982, 0.018]], predict([[2]]) = [0]
 */
export class SoftmaxRegression extends Estimator<LinearClassifierParams> implements Classifier {
  /** coef[j][k]: weight of feature j for class k (d×K). */
  coef: number[][] = [];
  /** intercept[k]: bias of class k. */
  intercept: number[] = [];
  /** K, the number of classes (max label + 1). */
  nClasses = 0;
  /** J before training, then after each epoch. */
  lossHistory: number[] = [];

  constructor(params: Partial<LinearClassifierParams> = {}) {
    super({ learningRate: 0.1, epochs: 500, alpha: 0 }, params);
  }

  fit(x: number[][], y: number[]): this {
    // BEGIN SOLUTION
    this.validateFit(x, y);
    const bad = y.findIndex((v) => !Number.isInteger(v) || v < 0);
    if (bad >= 0)
      throw new Error(
        `SoftmaxRegression.fit: y[${bad}] is ${y[bad]}; labels must be integers 0…K−1.`,
      );
    const { learningRate, epochs, alpha } = this.params;
    const K = Math.max(...y) + 1;
    const X = new Matrix(x);
    const Xt = X.transpose();
    const n = X.rows;
    // One-hot targets: the gradient compares each probability row with the label's indicator row.
    const Y = new Matrix(n, K);
    y.forEach((label, i) => {
      Y.set(i, label, 1);
    });
    let W = new Matrix(X.columns, K);
    let b = new Array<number>(K).fill(0);
    const probabilities = (): Matrix => {
      const logits = X.mmul(W).to2DArray();
      return new Matrix(logits.map((row) => softmax(row.map((z, k) => z + b[k]))));
    };
    const loss = (P: Matrix): number => {
      let ce = 0;
      for (let i = 0; i < n; i++) ce -= Math.log(Math.max(P.get(i, y[i]), 1e-15));
      return ce / n + alpha * W.clone().mul(W).sum();
    };
    let P = probabilities();
    this.lossHistory = [loss(P)];
    for (let epoch = 0; epoch < epochs; epoch++) {
      const error = P.clone().sub(Y); // n×K
      const gradW = Xt.mmul(error)
        .div(n)
        .add(W.clone().mul(2 * alpha));
      const gradB = error.mean("column");
      W = W.clone().sub(gradW.mul(learningRate));
      b = b.map((bk, k) => bk - learningRate * gradB[k]);
      P = probabilities();
      this.lossHistory.push(loss(P));
    }
    this.coef = W.to2DArray();
    this.intercept = b;
    this.nClasses = K;
    return this;
    // END SOLUTION
  }

  /** Logits x·W + b: one row of K scores per sample. */
  decisionFunction(x: number[][]): number[][] {
    // BEGIN SOLUTION
    this.validatePredict(x, "decisionFunction");
    return x.map((row) =>
      this.intercept.map((bk, k) => row.reduce((s, v, j) => s + v * this.coef[j][k], bk)),
    );
    // END SOLUTION
  }

  predictProba(x: number[][]): number[][] {
    // BEGIN SOLUTION
    return this.decisionFunction(x).map((logits) => softmax(logits));
    // END SOLUTION
  }

  predict(x: number[][]): number[] {
    // BEGIN SOLUTION
    return this.predictProba(x).map((row) => {
      let best = 0;
      for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
      return best;
    });
    // END SOLUTION
  }
}
