import { type Classifier, Estimator, ShapeError } from "./estimator";

export interface LogisticRegressionParams {
  /** L2 penalty on the weights (not the intercept): loss + l2/2 · ‖w‖². */
  l2: number;
  /** Newton steps at most. */
  maxIter: number;
  /** Stop when no weight changes by more than this. */
  tol: number;
}

/**
 * Binary logistic regression (labels 0/1) fitted by Newton's method (IRLS) on the mean
 * cross-entropy: deterministic and fast for a few features, so labs that USE a classifier
 * (lab 20's fairness audit) get the same model every run. Lab 05 has you write one by
 * gradient descent. Standardise the features first (`StandardScaledModel`) when their scales
 * differ a lot.
 * @example const model = new StandardScaledModel(new LogisticRegression()).fit(x, y);
 */
export class LogisticRegression extends Estimator<LogisticRegressionParams> implements Classifier {
  /** [nFeatures] weights, after fit. */
  weights: number[] = [];
  intercept = 0;
  /** Newton steps taken by the last fit. */
  iterations = 0;

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    super({ l2: 1e-4, maxIter: 50, tol: 1e-10 }, params);
  }

  fit(x: number[][], y: number[]): this {
    this.validateFit(x, y);
    const bad = y.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0)
      throw new ShapeError(`LogisticRegression.fit: y[${bad}] is ${y[bad]}, not 0 or 1.`);
    const n = x.length;
    const d = x[0].length + 1; // the intercept is parameter 0
    let beta = new Array<number>(d).fill(0);
    const { l2, maxIter, tol } = this.params;
    this.iterations = 0;
    for (let it = 0; it < maxIter; it++) {
      const grad = new Array<number>(d).fill(0);
      const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
      for (let i = 0; i < n; i++) {
        const row = [1, ...x[i]];
        let z = 0;
        for (let j = 0; j < d; j++) z += beta[j] * row[j];
        const p = 1 / (1 + Math.exp(-z));
        const w = p * (1 - p);
        for (let j = 0; j < d; j++) {
          grad[j] += ((p - y[i]) * row[j]) / n;
          for (let k = 0; k <= j; k++) hess[j][k] += (w * row[j] * row[k]) / n;
        }
      }
      for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hess[k][j] = hess[j][k];
      for (let j = 1; j < d; j++) {
        grad[j] += l2 * beta[j];
        hess[j][j] += l2;
      }
      hess[0][0] += 1e-12;
      const step = solve(hess, grad);
      beta = beta.map((b, j) => b - step[j]);
      this.iterations = it + 1;
      if (Math.max(...step.map(Math.abs)) < tol) break;
    }
    this.intercept = beta[0];
    this.weights = beta.slice(1);
    return this;
  }

  /** [n] the probability of class 1 for each row. */
  decisionProba(x: number[][]): number[] {
    this.validatePredict(x, "predictProba");
    return x.map((row) => {
      let z = this.intercept;
      for (let j = 0; j < row.length; j++) z += this.weights[j] * row[j];
      return 1 / (1 + Math.exp(-z));
    });
  }

  /** Rows [p(class 0), p(class 1)]. */
  predictProba(x: number[][]): number[][] {
    return this.decisionProba(x).map((p) => [1 - p, p]);
  }

  /** 1 where p(class 1) ≥ 0.5, else 0. */
  predict(x: number[][]): number[] {
    return this.decisionProba(x).map((p) => (p >= 0.5 ? 1 : 0));
  }
}

/** Solves a·s = b by Gaussian elimination with partial pivoting (a is small and dense). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const s = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let v = m[r][n];
    for (let k = r + 1; k < n; k++) v -= m[r][k] * s[k];
    s[r] = v / m[r][r];
  }
  return s;
}
