import { Matrix, solve } from "ml-matrix";
import { loadFixedSplit, StandardScaler, seededRandom } from "../../data";
import { fail } from "../../grading/check-failure";
import {
  diagnose,
  diagnoseGrid,
  expectClose,
  expectGridClose,
  expectGridShape,
  expectMessageNames,
  expectThat,
  gridsClose,
  describe as show,
  tryToGrid,
} from "../../grading/expect";
import {
  expectEstimatorGuards,
  expectReturnsModel,
  expectThrows,
} from "../../grading/expect-estimator";
import { defineLab } from "../../grading/types";
import { columnVector } from "../../math/design-matrix";
import type { Classifier } from "../../ml/estimator";

type Lab = typeof import("../../../solutions/05-linear-logistic-regression");

/*
 * Expected values come from plain loops (or, for ridge, a different method: least squares on
 * an augmented system), written independently of the reference solution. Where a learner's
 * answer is wrong, the check recomputes a few known mistakes to name the likely one.
 */

// ───────────────────────── small numeric helpers ─────────────────────────

const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);
const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i], 0);
const plainSigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Rows [1, features…] with column j scaled by scales[j]; y = X·trueW + noise. */
function regressionProblem(n: number, d: number, seed: number, scales: number[] = []) {
  const random = seededRandom(seed);
  const trueW = Array.from({ length: d + 1 }, (_, j) => (j === 0 ? 4 : 3 * (random() - 0.5)));
  const X = Array.from({ length: n }, () => [
    1,
    ...Array.from({ length: d }, (_, j) => (2 * random() - 1) * (scales[j] ?? 1)),
  ]);
  const y = X.map((row) => dot(row, trueW) + 0.3 * gaussian(random));
  return { X, y, Xm: new Matrix(X), ym: columnVector(y) };
}

/** Binary labels from a noisy linear rule with an offset (so the intercept matters). */
function binaryProblem(n: number, d: number, seed: number) {
  const random = seededRandom(seed);
  const trueW = Array.from({ length: d }, () => 4 * (random() - 0.5));
  const x = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * random() - 1));
  const y = x.map((row) => (dot(row, trueW) + 0.7 + 0.5 * gaussian(random) > 0 ? 1 : 0));
  return { x, y };
}

/** K Gaussian blobs in d dimensions, labels 0..K-1 (every class present). */
function multiclassProblem(n: number, d: number, K: number, seed: number, scale = 1) {
  const random = seededRandom(seed);
  const centres = Array.from({ length: K }, () =>
    Array.from({ length: d }, () => 3 * (random() - 0.5)),
  );
  const y = Array.from({ length: n }, (_, i) => i % K);
  const x = y.map((k) => centres[k].map((c) => scale * (c + 0.8 * gaussian(random))));
  return { x, y };
}

/** Standardised train/test features (scaler fitted on train) of a fixed split. */
function scaledSplit(name: string) {
  const { train, test } = loadFixedSplit(name);
  const scaler = new StandardScaler().fit(train.x);
  return {
    xTrain: scaler.transform(train.x),
    yTrain: train.y,
    xTest: scaler.transform(test.x),
    yTest: test.y,
  };
}

function accuracyOf(yTrue: number[], yPred: unknown, what: string): number {
  if (!Array.isArray(yPred) || yPred.length !== yTrue.length) {
    fail({
      message: `${what} should return one label per row (${yTrue.length}).`,
      got: show(yPred),
    });
  }
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yPred[i] === yTrue[i]) correct++;
  return correct / yTrue.length;
}

// ───────────────────────── reference computations ─────────────────────────

/** Ridge by least squares on [X; √(n·α)·D] w ≈ [y; 0]: a different method from the normal equations. */
function augmentedRidge(
  X: number[][],
  y: number[],
  alpha: number,
  options: { penaliseBias?: boolean; scaleByN?: boolean } = {},
) {
  const n = X.length;
  const d = X[0].length;
  const strength = Math.sqrt((options.scaleByN === false ? 1 : n) * alpha);
  const extraRows = Array.from({ length: d }, (_, j) =>
    Array.from({ length: d }, (_, k) =>
      k === j && (j > 0 || options.penaliseBias) ? strength : 0,
    ),
  );
  return solve(
    new Matrix([...X, ...extraRows]),
    columnVector([...y, ...new Array<number>(d).fill(0)]),
  ).to2DArray();
}

function ridgeGradientLoop(
  X: number[][],
  y: number[],
  w: number[],
  alpha: number,
  penaliseBias = false,
  penaltyFactor = 2,
) {
  const n = X.length;
  const r = X.map((row, i) => dot(row, w) - y[i]);
  return w.map(
    (wj, j) =>
      (2 / n) * sum(X.map((row, i) => row[j] * r[i])) +
      (j > 0 || penaliseBias ? penaltyFactor * alpha * wj : 0),
  );
}

interface LassoVariant {
  penaliseBias?: boolean;
  skipZ?: boolean;
  jacobi?: boolean;
  thresholdScale?: number;
}

/** Cyclic coordinate descent for the lasso, recomputing residuals from scratch (slow but plain). */
function lassoLoop(
  X: number[][],
  y: number[],
  alpha: number,
  sweeps: number,
  v: LassoVariant = {},
): number[] {
  const n = X.length;
  const d = X[0].length;
  const w = new Array<number>(d).fill(0);
  const threshold = (rho: number, lambda: number) =>
    Math.sign(rho) * Math.max(Math.abs(rho) - lambda, 0);
  for (let s = 0; s < sweeps; s++) {
    const old = [...w];
    for (let j = 0; j < d; j++) {
      const current = v.jacobi ? old : w;
      let rho = 0;
      let z = 0;
      for (let i = 0; i < n; i++) {
        let partial = y[i];
        for (let k = 0; k < d; k++) if (k !== j) partial -= X[i][k] * current[k];
        rho += X[i][j] * partial;
        z += X[i][j] * X[i][j];
      }
      rho /= n;
      z /= n;
      const shrunk =
        j > 0 || v.penaliseBias ? threshold(rho, alpha * (v.thresholdScale ?? 1)) : rho;
      w[j] = v.skipZ ? shrunk : shrunk / z;
    }
  }
  return w;
}

interface LogisticVariant {
  penaliseBias?: boolean;
  ascent?: boolean;
  noMean?: boolean;
  /** The intercept's gradient from p recomputed after the coef step (not the same p). */
  interceptAfterCoef?: boolean;
}

/** Batch GD for L2-penalised logistic regression, as loops. */
function logisticLoop(
  x: number[][],
  y: number[],
  p: { learningRate: number; epochs: number; alpha: number },
  v: LogisticVariant = {},
) {
  const n = x.length;
  let coef = new Array<number>(x[0].length).fill(0);
  let b = 0;
  const probs = () => x.map((row) => plainSigmoid(dot(row, coef) + b));
  const loss = (pr: number[]) => {
    let ce = 0;
    pr.forEach((pi, i) => {
      const q = Math.min(Math.max(pi, 1e-15), 1 - 1e-15);
      ce -= y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q);
    });
    return ce / n + p.alpha * (dot(coef, coef) + (v.penaliseBias ? b * b : 0));
  };
  let pr = probs();
  const lossHistory = [loss(pr)];
  const sign = v.ascent ? -1 : 1;
  const scale = v.noMean ? 1 : 1 / n;
  for (let e = 0; e < p.epochs; e++) {
    const err = pr.map((pi, i) => pi - y[i]);
    const gCoef = coef.map(
      (cj, j) => scale * sum(x.map((row, i) => row[j] * err[i])) + 2 * p.alpha * cj,
    );
    coef = coef.map((cj, j) => cj - sign * p.learningRate * gCoef[j]);
    const errB = v.interceptAfterCoef ? probs().map((pi, i) => pi - y[i]) : err;
    const gB = scale * sum(errB) + (v.penaliseBias ? 2 * p.alpha * b : 0);
    b -= sign * p.learningRate * gB;
    pr = probs();
    lossHistory.push(loss(pr));
  }
  return { coef, intercept: b, lossHistory };
}

interface SoftmaxVariant {
  penaliseBias?: boolean;
  /** Subtract the label value from every column instead of a one-hot row. */
  notOneHot?: boolean;
  ascent?: boolean;
}

function plainSoftmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = sum(e);
  return e.map((v) => v / s);
}

/** Batch GD for softmax regression, as loops. */
function softmaxLoop(
  x: number[][],
  y: number[],
  p: { learningRate: number; epochs: number; alpha: number },
  v: SoftmaxVariant = {},
) {
  const n = x.length;
  const d = x[0].length;
  const K = Math.max(...y) + 1;
  let W = Array.from({ length: d }, () => new Array<number>(K).fill(0));
  let b = new Array<number>(K).fill(0);
  const probs = () =>
    x.map((row) =>
      plainSoftmax(b.map((bk, k) => bk + row.reduce((s, xv, j) => s + xv * W[j][k], 0))),
    );
  const loss = (P: number[][]) =>
    -sum(P.map((row, i) => Math.log(Math.max(row[y[i]], 1e-15)))) / n +
    p.alpha * sum(W.map((r) => dot(r, r)));
  let P = probs();
  const lossHistory = [loss(P)];
  const sign = v.ascent ? -1 : 1;
  for (let e = 0; e < p.epochs; e++) {
    const err = P.map((row, i) =>
      row.map((pk, k) => pk - (v.notOneHot ? y[i] : k === y[i] ? 1 : 0)),
    );
    const gW = W.map((row, j) =>
      row.map((wjk, k) => sum(x.map((r, i) => r[j] * err[i][k])) / n + 2 * p.alpha * wjk),
    );
    const gB = b.map(
      (bk, k) => sum(err.map((r) => r[k])) / n + (v.penaliseBias ? 2 * p.alpha * bk : 0),
    );
    W = W.map((row, j) => row.map((wjk, k) => wjk - sign * p.learningRate * gW[j][k]));
    b = b.map((bk, k) => bk - sign * p.learningRate * gB[k]);
    P = probs();
    lossHistory.push(loss(P));
  }
  return { coef: W, intercept: b, lossHistory };
}

// ───────────────────────── shared check pieces ─────────────────────────

function expectHistoryLength(history: unknown, epochs: number, what: string): number[] {
  if (!Array.isArray(history))
    fail({ message: `${what}.lossHistory should be an array of numbers.`, got: show(history) });
  if (history.length !== epochs + 1) {
    fail({
      message: `${what}.lossHistory has ${history.length} entries for ${epochs} epochs.`,
      expected: `${epochs + 1} entries (the loss before training, then one per epoch)`,
      got: `${history.length} entries`,
      likelyCause:
        history.length === epochs
          ? "Off by one: record the loss once before the loop as well as after each epoch."
          : undefined,
    });
  }
  return history as number[];
}

/** Fails unless each row of `proba` is a probability distribution; returns it. */
function expectProbabilityRows(
  proba: unknown,
  rows: number,
  cols: number,
  what: string,
): number[][] {
  const grid = expectGridShape(proba, rows, cols, { what });
  grid.forEach((row, i) => {
    expectThat(
      row.every((p) => Number.isFinite(p) && p >= -1e-12 && p <= 1 + 1e-12) &&
        Math.abs(sum(row) - 1) < 1e-6,
      {
        message: `${what}: row ${i} is not a probability distribution (values in [0, 1] that sum to 1).`,
        got: `[${row.map((p) => p.toPrecision(4)).join(", ")}]`,
        likelyCause:
          "Each row must sum to 1: normalise the scores (softmax, or divide by the row sum).",
      },
    );
  });
  return grid;
}

/** fit must reject x and y of different lengths with a ShapeError (this.validateFit does it). */
function expectFitShapeGuard(
  name: string,
  model: { fit(x: number[][], y: number[]): unknown },
): void {
  expectThrows(() => model.fit([[0], [1], [1]], [0, 1]), {
    what: `${name}.fit with 3 rows of x but 2 labels`,
    errorName: "ShapeError",
    likelyCause: "Call this.validateFit(x, y) first thing in fit.",
  });
}

/** A spy model for the pipeline check: remembers what it was given. */
class SpyModel {
  fitX: number[][] | undefined;
  fitY: number[] | undefined;
  predictX: number[][] | undefined;
  fit(x: number[][], y: number[]): this {
    this.fitX = x.map((r) => [...r]);
    this.fitY = [...y];
    return this;
  }
  predict(x: number[][]): number[] {
    this.predictX = x.map((r) => [...r]);
    return x.map((r) => (r[0] > 0 ? 1 : 0));
  }
}

function standardiseWith(x: number[][], stats: number[][]): number[][] {
  const d = stats[0].length;
  const mean = Array.from({ length: d }, (_, j) => sum(stats.map((r) => r[j])) / stats.length);
  const std = mean.map(
    (m, j) => Math.sqrt(sum(stats.map((r) => (r[j] - m) ** 2)) / stats.length) || 1,
  );
  return x.map((r) => r.map((v, j) => (v - mean[j]) / std[j]));
}

/** A binary classifier with predictable outputs, for the one-vs-rest mechanics. */
class FakeBinary implements Classifier {
  centre = Number.NaN;
  labels: number[] = [];
  fit(x: number[][], y: number[]): this {
    if (y.some((v) => v !== 0 && v !== 1)) {
      throw new Error(
        `FakeBinary.fit was given labels other than 0/1: [${[...new Set(y)].join(", ")}]`,
      );
    }
    this.labels = [...y];
    const pos = x.filter((_, i) => y[i] === 1).map((r) => r[0]);
    this.centre = sum(pos) / pos.length;
    return this;
  }
  predictProba(x: number[][]): number[][] {
    return x.map((r) => {
      const s = 0.9 / (1 + (r[0] - this.centre) ** 2);
      return [1 - s, s];
    });
  }
  predict(x: number[][]): number[] {
    return this.predictProba(x).map((r) => (r[1] >= 0.5 ? 1 : 0));
  }
}

/** A binary classifier that gives every row p(class 1) = 0: one-vs-rest must fall back to uniform. */
class ZeroBinary implements Classifier {
  fit(): this {
    return this;
  }
  predictProba(x: number[][]): number[][] {
    return x.map(() => [1, 0]);
  }
  predict(x: number[][]): number[] {
    return x.map(() => 0);
  }
}

/** A small, independent logistic regression (loops) for one-vs-rest on real data. */
class LoopLogistic implements Classifier {
  coef: number[] = [];
  intercept = 0;
  fit(x: number[][], y: number[]): this {
    const r = logisticLoop(x, y, { learningRate: 0.5, epochs: 500, alpha: 0 });
    this.coef = r.coef;
    this.intercept = r.intercept;
    return this;
  }
  predictProba(x: number[][]): number[][] {
    return x.map((row) => {
      const p = plainSigmoid(dot(row, this.coef) + this.intercept);
      return [1 - p, p];
    });
  }
  predict(x: number[][]): number[] {
    return this.predictProba(x).map((r) => (r[1] >= 0.5 ? 1 : 0));
  }
}

const MUTATION_CAUSE =
  "ml-matrix's add/sub/mul change the matrix they are called on: call .clone() first.";

export const linearLogisticRegressionLab = defineLab<Lab>({
  id: "05-linear-logistic-regression",
  title: "Linear & logistic regression",
  summary:
    "Regularise linear regression (ridge, lasso), then build logistic, one-vs-rest and softmax classifiers from scratch and train them safely.",
  exercises: [
    {
      id: "ridge-closed-form",
      title: "Ridge regression in closed form",
      points: 2,
      exports: ["ridgeClosedForm"],
      hints: [
        "Start from the normal equation XᵀX·w = Xᵀy of lab 01. What does the penalty α·Σw_j² add to the gradient, and so to XᵀX?",
        "The penalty's gradient is 2α·w (bias entry 0); the MSE's is (2/n)Xᵀ(Xw − y). Setting their sum to 0 and multiplying by n/2 gives (XᵀX + n·α·D)w = Xᵀy, with D = identity except D[0][0] = 0.",
        "Build A = XᵀX, then add n·α to its diagonal entries A[j][j] for j ≥ 1 only (A.get / A.set), so the bias is not penalised. Then solve(A, Xᵀy) from ml-matrix: it is more accurate than multiplying by inverse(A).",
      ],
      check: (lab) => {
        const X3 = new Matrix([
          [1, -1],
          [1, 0],
          [1, 1],
        ]);
        const y3 = columnVector([0, 1, 2]);
        const tiny = lab.ridgeClosedForm(X3, y3, 1 / 3);
        expectGridClose(tiny, [[1], [2 / 3]], {
          what: "ridgeClosedForm on the docstring example (n·alpha = 1)",
          tolerance: 1e-6,
          likelyCause: diagnoseGrid(tiny, [
            {
              value: [[0.75], [2 / 3]],
              cause:
                "The bias was penalised too: leave A[0][0] alone (start the diagonal loop at j = 1).",
            },
            {
              value: [[1], [6 / 7]],
              cause:
                "You added alpha, not n·alpha: the loss uses the MEAN squared error, so the penalty is scaled by n.",
            },
            {
              value: [[1], [1]],
              cause: "That is plain least squares: the penalty n·alpha was not added.",
            },
          ]),
        });
        expectThat(X3.get(0, 0) === 1 && X3.get(2, 1) === 1, {
          message: "ridgeClosedForm changed X.",
          likelyCause: MUTATION_CAUSE,
        });

        const { X, y, Xm, ym } = regressionProblem(40, 4, 17, [1, 5, 0.2, 2]);
        for (const alpha of [0, 0.05, 2]) {
          const got = lab.ridgeClosedForm(Xm, ym, alpha);
          expectGridClose(got, augmentedRidge(X, y, alpha), {
            what: `ridgeClosedForm on a 40-sample problem with alpha = ${alpha}`,
            tolerance: 1e-6,
            shapeCause: "Return w as a d×1 Matrix (one weight per column of X).",
            likelyCause: diagnoseGrid(got, [
              {
                value: augmentedRidge(X, y, alpha, { penaliseBias: true }),
                cause: "The bias was penalised too: leave A[0][0] alone.",
              },
              {
                value: augmentedRidge(X, y, alpha, { scaleByN: false }),
                cause: "You added alpha, not n·alpha, to the diagonal.",
              },
            ]),
          });
        }
      },
    },
    {
      id: "ridge-gradient",
      title: "The ridge gradient",
      points: 1,
      exports: ["ridgeGradient"],
      hints: [
        "The loss has two parts; its gradient is the sum of their gradients. You wrote the first one in lab 01.",
        "∇ of α·Σ_{j≥1} w_j² is 2α·w_j for j ≥ 1 and 0 for the bias. Add that to (2/n)·Xᵀ(Xw − y).",
        "Start from lab 01's MSE gradient (a new d×1 matrix), then add 2α·w_j to entries j = 1 … d − 1 with get/set. Row 0 is the bias: leave it alone. Do not change w itself.",
      ],
      check: (lab) => {
        const cases = [
          {
            what: "ridgeGradient on the docstring example",
            X: [
              [1, 1],
              [1, 2],
            ],
            y: [1, 3],
            w: [0, 1],
            alpha: 0.5,
          },
          {
            what: "ridgeGradient on a 25-sample problem (alpha = 0.3)",
            ...regressionProblem(25, 3, 4),
            w: [1.5, -2, 0.5, 3],
            alpha: 0.3,
          },
        ];
        for (const { what, X, y, w, alpha } of cases) {
          const wm = columnVector(w);
          const got = lab.ridgeGradient(new Matrix(X), columnVector(y), wm, alpha);
          const variant = (a: number, penaliseBias = false, factor = 2) =>
            ridgeGradientLoop(X, y, w, a, penaliseBias, factor).map((v) => [v]);
          expectGridClose(got, variant(alpha), {
            what,
            shapeCause: "The gradient has the shape of w: d×1.",
            likelyCause: diagnoseGrid(got, [
              {
                value: variant(alpha, true),
                cause: "The bias was penalised: its entry gets no 2α·w₀ term.",
              },
              {
                value: variant(alpha, false, 1),
                cause: "The penalty's gradient is 2·alpha·w (you used alpha·w).",
              },
              {
                value: variant(0),
                cause: "The penalty term is missing: add 2·alpha·w_j for j ≥ 1.",
              },
              {
                value: variant(-alpha),
                cause: "Sign error: the penalty's gradient is +2·alpha·w.",
              },
            ]),
          });
          expectThat(
            w.every((v, j) => wm.get(j, 0) === v),
            { message: "ridgeGradient changed w.", likelyCause: MUTATION_CAUSE },
          );
        }
      },
    },
    {
      id: "lasso",
      title: "The lasso by coordinate descent",
      points: 3,
      exports: ["softThreshold", "lassoCoordinateDescent"],
      hints: [
        "Minimising J over ONE weight w_j is a 1-D problem: a parabola plus alpha·|w_j|. Where is its minimum when the parabola's own minimum is close to 0?",
        "softThreshold(rho, λ) = sign(rho)·max(|rho| − λ, 0). For each j: rho = (1/n)·Σᵢ X[i][j]·(yᵢ − Σ_{k≠j} X[i][k]·w_k), z = (1/n)·Σᵢ X[i][j]²; w_j = rho/z for the bias, softThreshold(rho, alpha)/z otherwise.",
        "Keep pred = X·w in an array; for each j: rho = Σᵢ X[i][j]·(y[i] − pred[i] + X[i][j]·w[j]) / n; new w_j as above; then pred[i] += X[i][j]·(newW − w[j]) and w[j] = newW.",
      ],
      check: (lab) => {
        const table: [number, number, number][] = [
          [3, 1, 2],
          [-3, 1, -2],
          [0.5, 1, 0],
          [-0.5, 1, 0],
          [1, 1, 0],
          [2.5, 0, 2.5],
        ];
        for (const [rho, lambda, want] of table) {
          const got = lab.softThreshold(rho, lambda);
          expectClose(got, want, {
            what: `softThreshold(${rho}, ${lambda})`,
            likelyCause: diagnose(got, [
              {
                value: rho - lambda,
                cause:
                  "Values with |rho| ≤ lambda must become exactly 0, and negative rho moves UP by lambda.",
              },
              {
                value: Math.max(Math.abs(rho) - lambda, 0),
                cause: "Keep the sign of rho: S(−3, 1) = −2.",
              },
              { value: rho, cause: "Nothing was shrunk: subtract lambda from |rho|." },
            ]),
          });
        }
        // The docstring example, then unscaled columns (so dividing by z matters) and 3 sweeps
        // (so the update order matters).
        const big = regressionProblem(30, 4, 9, [3, 0.5, 1, 2]);
        const lassoCases = [
          {
            what: "lassoCoordinateDescent on the docstring example (alpha 0.2, 1 sweep)",
            X: [
              [1, -1],
              [1, 0],
              [1, 1],
            ],
            y: [0, 1, 2],
            alpha: 0.2,
            sweeps: 1,
          },
          {
            what: "lassoCoordinateDescent after 3 sweeps (alpha = 0.05, unscaled features)",
            X: big.X,
            y: big.y,
            alpha: 0.05,
            sweeps: 3,
          },
          {
            what: "lassoCoordinateDescent after 3 sweeps (alpha = 0.6, unscaled features)",
            X: big.X,
            y: big.y,
            alpha: 0.6,
            sweeps: 3,
          },
        ];
        for (const { what, X, y, alpha, sweeps } of lassoCases) {
          const got = lab.lassoCoordinateDescent(new Matrix(X), columnVector(y), {
            alpha,
            iterations: sweeps,
          });
          const variant = (a: number, v: LassoVariant = {}) =>
            lassoLoop(X, y, a, sweeps, v).map((w) => [w]);
          expectGridClose(got, variant(alpha), {
            what,
            tolerance: 1e-6,
            shapeCause: "Return w as a d×1 Matrix.",
            likelyCause: diagnoseGrid(got, [
              {
                value: variant(alpha, { penaliseBias: true }),
                cause: "The bias was soft-thresholded: w₀ = rho/z, no penalty.",
              },
              {
                value: variant(alpha, { skipZ: true }),
                cause: "Divide by z = (1/n)·Σᵢ X[i][j]²: features are not always standardised.",
              },
              {
                value: variant(alpha, { jacobi: true }),
                cause:
                  "Use each new w_j immediately when computing the next coordinate's residual.",
              },
              {
                value: variant(alpha, { thresholdScale: X.length }),
                cause: "The threshold is alpha itself (rho and z are already divided by n).",
              },
              {
                value: variant(alpha, { thresholdScale: 0.5 }),
                cause:
                  "The threshold is alpha, not alpha/2 (the loss has the ½ in front of the MSE).",
              },
              {
                value: variant(0),
                cause: "No shrinkage happened: apply softThreshold(rho, alpha) for j ≥ 1.",
              },
            ]),
          });
        }
        // A feature that is 0 in every row (z = 0): J does not depend on its weight, and the
        // penalty makes 0 the minimiser (rho/z would be 0/0 = NaN).
        const withZero = big.X.map((r) => [...r.slice(0, 2), 0, ...r.slice(2)]);
        const wantZero = lassoLoop(big.X, big.y, 0.05, 3);
        wantZero.splice(2, 0, 0);
        expectGridClose(
          lab.lassoCoordinateDescent(new Matrix(withZero), columnVector(big.y), {
            alpha: 0.05,
            iterations: 3,
          }),
          wantZero.map((w) => [w]),
          {
            what: "lassoCoordinateDescent with an all-zero feature column (alpha 0.05, 3 sweeps)",
            tolerance: 1e-6,
            shapeCause: "Return w as a d×1 Matrix.",
            likelyCause:
              "When z = 0 (the feature is 0 in every row) set w_j = 0: rho/z is 0/0 = NaN.",
          },
        );

        // A strong penalty on standardised features: the optimum has exact zeros (checked by
        // the optimality conditions, not by re-running the algorithm).
        const { xTrain, yTrain } = scaledSplit("diabetes");
        const Xd = xTrain.map((r) => [1, ...r]);
        const w = expectGridShape(
          lab.lassoCoordinateDescent(new Matrix(Xd), columnVector(yTrain), {
            alpha: 5,
            iterations: 300,
          }),
          11,
          1,
          {
            what: "lassoCoordinateDescent on diabetes",
          },
        ).map((r) => r[0]);
        const n = Xd.length;
        const residual = Xd.map((row, i) => yTrain[i] - dot(row, w));
        const meanY = sum(yTrain) / n;
        expectClose(w[0], meanY, {
          what: "The bias after lasso on standardised diabetes features",
          tolerance: 1e-4,
          likelyCause:
            "With centred features the unpenalised bias is the mean of y; was the bias penalised?",
        });
        const zeros = w.slice(1).filter((v) => v === 0).length;
        expectThat(zeros >= 3, {
          message: "With alpha = 5 on diabetes, the lasso should set several weights to EXACTLY 0.",
          expected: "at least 3 zero weights",
          got: `${zeros} (weights: ${w
            .slice(1)
            .map((v) => v.toFixed(3))
            .join(", ")})`,
          likelyCause: "softThreshold must return exactly 0 when |rho| ≤ alpha.",
        });
        for (let j = 1; j < 11; j++) {
          const c = sum(Xd.map((row, i) => row[j] * residual[i])) / n;
          const ok =
            w[j] === 0 ? Math.abs(c) <= 5 + 1e-3 : Math.abs(c - 5 * Math.sign(w[j])) <= 1e-3;
          expectThat(ok, {
            message: `Weight ${j} does not satisfy the lasso's optimality condition on diabetes (alpha 5, 300 sweeps).`,
            expected:
              w[j] === 0
                ? "|(1/n)·X_jᵀ(y − Xw)| ≤ alpha for a zero weight"
                : "(1/n)·X_jᵀ(y − Xw) = alpha·sign(w_j) for a non-zero weight",
            got: `w_j = ${w[j].toFixed(4)}, (1/n)·X_jᵀ(y − Xw) = ${c.toFixed(4)}`,
            likelyCause:
              "Check the threshold (alpha) and that each sweep visits every coordinate with the latest weights.",
          });
        }
      },
    },
    {
      id: "sigmoid",
      title: "A numerically stable sigmoid",
      points: 1,
      exports: ["sigmoid"],
      hints: [
        "σ(z) = 1/(1 + e^(−z)). What does Math.exp return for 800? And what is Infinity/Infinity?",
        "Two algebraically equal forms: 1/(1 + e^(−z)) and e^z/(1 + e^z). Pick the one whose exponent is ≤ 0.",
        "Branch on the sign of z: for z ≥ 0 the first form only ever computes e^(−z) ≤ 1; for z < 0 use the second form, computing Math.exp(z) once. Try your function on ±800: it must give 1 and 0, not NaN.",
      ],
      check: (lab) => {
        const cases: [number, number][] = [
          [0, 0.5],
          [2, 0.8807970779778823],
          [-2, 0.11920292202211755],
          [10, 0.9999546021312976],
          [-40, 4.248354255291589e-18],
          [800, 1],
          [-800, 0],
        ];
        for (const [z, want] of cases) {
          const got = lab.sigmoid(z);
          const cause = !Number.isFinite(got)
            ? "Overflow: e^z is Infinity for large z, and Infinity/Infinity is NaN. Only call Math.exp on values ≤ 0."
            : diagnose(got, [
                { value: 1 - want, cause: "Sign error: σ(z) = 1/(1 + e^(−z)); σ(2) is above 0.5." },
                { value: Math.tanh(z), cause: "That is tanh, not the logistic sigmoid." },
              ]);
          const relative =
            Math.abs(got - want) <= 1e-9 * Math.abs(want) + (want === 0 ? 1e-300 : 0);
          expectThat(Number.isFinite(got) && relative, {
            message: `sigmoid(${z}) is wrong.`,
            expected: String(want),
            got: String(got),
            likelyCause: cause,
          });
        }
      },
    },
    {
      id: "binary-cross-entropy",
      title: "Binary cross-entropy",
      points: 1,
      exports: ["binaryCrossEntropy"],
      hints: [
        "For one sample only one of the two terms is non-zero: −ln(p) when y = 1, −ln(1 − p) when y = 0. What happens at p = 0?",
        "Clip first: p = Math.min(Math.max(p, eps), 1 − eps). Then average −[y·ln p + (1 − y)·ln(1 − p)] over the samples (Math.log is the natural log).",
        "Clip each probability into [eps, 1 − eps] BEFORE taking logs, so a confident wrong answer gives a large finite loss, not Infinity or NaN. Sum y·ln p + (1 − y)·ln(1 − p) over the samples, then negate and divide by n.",
      ],
      check: (lab) => {
        const bceCause = (got: number, y: number[], p: number[], want: number) =>
          diagnose(got, [
            {
              value: want / Math.LN2,
              cause: "Use the natural log (Math.log), not log2: cross-entropy here is in nats.",
            },
            {
              value: want * y.length,
              cause: "Divide by the number of samples: the loss is a mean.",
            },
            {
              value: -want,
              cause: "Sign error: the loss is −[y·ln p + (1 − y)·ln(1 − p)], which is ≥ 0.",
            },
            {
              value: -sum(y.map((yi, i) => yi * Math.log(p[i]))) / y.length,
              cause: "The (1 − y)·ln(1 − p) term is missing: negatives count too.",
            },
          ]);
        const first = lab.binaryCrossEntropy([1, 0], [0.8, 0.2]);
        expectClose(first, -Math.log(0.8), {
          what: "binaryCrossEntropy([1, 0], [0.8, 0.2])",
          likelyCause: bceCause(first, [1, 0], [0.8, 0.2], -Math.log(0.8)),
        });
        const clipped = lab.binaryCrossEntropy([1], [0]);
        expectClose(clipped, -Math.log(1e-15), {
          what: "binaryCrossEntropy([1], [0]) (a confident wrong answer)",
          tolerance: 1e-9,
          likelyCause: !Number.isFinite(clipped)
            ? "ln(0) = −Infinity: clip p into [eps, 1 − eps] before taking logs."
            : "Clip p into [eps, 1 − eps] with the eps argument (default 1e-15).",
        });
        // 1 − (1 − 1e-15) is not exactly 1e-15 in floating point: compute it the same way.
        expectClose(lab.binaryCrossEntropy([0], [1]), -Math.log(1 - (1 - 1e-15)), {
          what: "binaryCrossEntropy([0], [1])",
          tolerance: 1e-6,
          likelyCause: "Clip at BOTH ends: p = 1 makes ln(1 − p) = −Infinity.",
        });
        // The eps argument: a larger eps must clip harder (at both ends).
        const eps = 1e-3;
        const loose = lab.binaryCrossEntropy([1, 0], [0, 1], eps);
        expectClose(loose, -(Math.log(eps) + Math.log(1 - (1 - eps))) / 2, {
          what: "binaryCrossEntropy([1, 0], [0, 1], 1e-3)",
          tolerance: 1e-9,
          likelyCause:
            diagnose(loose, [
              {
                value: -Math.log(1e-15),
                cause: "Use the eps argument for clipping, not a fixed 1e-15.",
              },
              {
                value: -(Math.log(1e-15) + Math.log(1 - (1 - 1e-15))) / 2,
                cause: "Use the eps argument for clipping, not a fixed 1e-15.",
              },
            ]) ?? "Clip p into [eps, 1 − eps] with the eps argument, at both ends.",
        });
        const inside = lab.binaryCrossEntropy([1, 0], [0.3, 0.4], 0.35);
        expectClose(inside, -(Math.log(0.35) + Math.log(1 - 0.4)) / 2, {
          what: "binaryCrossEntropy([1, 0], [0.3, 0.4], 0.35) (0.3 is clipped up to 0.35; 0.4 is inside [0.35, 0.65])",
          tolerance: 1e-9,
          likelyCause: "Clip each p into [eps, 1 − eps]: p = Math.min(Math.max(p, eps), 1 − eps).",
        });
        const random = seededRandom(3);
        const y = Array.from({ length: 20 }, (_, i) => i % 2);
        const p = y.map(() => 0.05 + 0.9 * random());
        const want =
          -sum(y.map((yi, i) => yi * Math.log(p[i]) + (1 - yi) * Math.log(1 - p[i]))) / y.length;
        const got = lab.binaryCrossEntropy(y, p);
        expectClose(got, want, {
          what: "binaryCrossEntropy on 20 samples",
          likelyCause: bceCause(got, y, p, want),
        });
      },
    },
    {
      id: "logistic-regression",
      title: "Logistic regression",
      points: 3,
      exports: ["LogisticRegression", "LinearClassifierParams"],
      hints: [
        "It is lab 01's gradient descent with two changes: predictions go through the sigmoid, and the loss is cross-entropy. Keep the intercept separate from coef so it is easy to leave unpenalised.",
        "Each epoch: p = σ(X·coef + b); error = p − y; coef −= lr·((1/n)·Xᵀ·error + 2·alpha·coef); b −= lr·mean(error). Record binaryCrossEntropy(y, p) + alpha·Σcoef² before training and after every step.",
        "Usual mistakes: penalising the intercept (alpha applies to coef only), dividing Xᵀ·error by d instead of n, and recording the loss before the step instead of after it. Reject labels other than 0/1 with a clear error; at the end store coef as a plain array (to1DArray) and return this. decisionFunction is row·coef + intercept for each row, after validatePredict.",
      ],
      check: (lab) => {
        const { x, y } = binaryProblem(40, 3, 12);
        const params = { learningRate: 0.5, epochs: 30, alpha: 0.05 };
        const model = new lab.LogisticRegression(params);
        expectReturnsModel(model.fit(x, y), model, "LogisticRegression.fit");
        const want = logisticLoop(x, y, params);
        const history = expectHistoryLength(model.lossHistory, params.epochs, "LogisticRegression");
        const variants: { v: LogisticVariant; cause: string }[] = [
          {
            v: { penaliseBias: true },
            cause: "The intercept was penalised: the L2 term applies to coef only.",
          },
          {
            v: { ascent: true },
            cause:
              "Sign error: step AGAINST the gradient (coef −= lr·gradient), with error = p − y.",
          },
          {
            v: { noMean: true },
            cause: "Divide the data gradient by n: the loss is a mean over samples.",
          },
          {
            v: { interceptAfterCoef: true },
            cause:
              "Compute both gradients from the SAME p: the intercept's uses p from before the coef step.",
          },
        ];
        const cause = (got: number[]) =>
          variants.find(({ v }) =>
            gridsClose(
              got,
              logisticLoop(x, y, params, v).coef.map((c) => [c]),
              1e-6,
            ),
          )?.cause;
        expectGridClose(model.coef, want.coef, {
          what: "LogisticRegression.coef after 30 epochs (lr 0.5, alpha 0.05)",
          shapeCause: "coef holds one weight per feature (no bias): number[] of length d.",
          likelyCause: cause(model.coef),
        });
        expectClose(model.intercept, want.intercept, {
          what: "LogisticRegression.intercept after 30 epochs",
          likelyCause:
            diagnose(model.intercept, [
              {
                value: logisticLoop(x, y, params, { interceptAfterCoef: true }).intercept,
                cause:
                  "Compute both gradients from the SAME p: the intercept's uses p from before the coef step.",
              },
            ]) ?? "The intercept's gradient is mean(p − y), with no penalty.",
        });
        expectGridClose(history, want.lossHistory, {
          what: "LogisticRegression.lossHistory",
          likelyCause:
            "Record binaryCrossEntropy(y, p) + alpha·Σ coef² (the intercept is not in the penalty).",
        });

        const logits = model.decisionFunction(x.slice(0, 5));
        const wantLogits = x.slice(0, 5).map((r) => dot(r, want.coef) + want.intercept);
        expectGridClose(logits, wantLogits, { what: "decisionFunction (x·coef + intercept)" });
        const proba = expectProbabilityRows(
          model.predictProba(x.slice(0, 5)),
          5,
          2,
          "predictProba",
        );
        expectGridClose(
          proba.map((r) => r[1]),
          wantLogits.map(plainSigmoid),
          {
            what: "predictProba's second column (p of class 1)",
            likelyCause: "Rows are [1 − p, p]: class 0 first.",
          },
        );
        const predicted = model.predict(x);
        const wantPred = x.map((r) =>
          plainSigmoid(dot(r, want.coef) + want.intercept) >= 0.5 ? 1 : 0,
        );
        expectThat(Array.isArray(predicted) && predicted.every((v, i) => v === wantPred[i]), {
          message: "predict should return 1 where p(class 1) ≥ 0.5 and 0 elsewhere.",
          got: show(predicted),
        });

        expectEstimatorGuards({
          name: "LogisticRegression",
          unfitted: new lab.LogisticRegression(),
          fitted: model,
          width: 3,
        });
        expectFitShapeGuard("LogisticRegression", new lab.LogisticRegression({ epochs: 1 }));
        for (const method of ["decisionFunction", "predictProba"] as const) {
          expectThrows(() => new lab.LogisticRegression()[method]([[0.5, 0.5, 0.5]]), {
            what: `LogisticRegression.${method} before fit`,
            errorName: "NotFittedError",
            likelyCause:
              'Call this.validatePredict(x, "decisionFunction") first thing in decisionFunction (predictProba and predict go through it).',
          });
        }
        expectMessageNames(
          expectThrows(() => new lab.LogisticRegression().decisionFunction([[0.5, 0.5, 0.5]]), {
            what: "LogisticRegression.decisionFunction before fit",
          }),
          /decisionFunction/,
          "LogisticRegression.decisionFunction before fit",
          'Name the method that was called: this.validatePredict(x, "decisionFunction").',
        );
        // Before any step every p is exactly 0.5: predict must say 1 (p ≥ 0.5), and the loss is ln 2.
        const untrained = new lab.LogisticRegression({ epochs: 0 }).fit(x, y);
        expectGridClose(
          expectHistoryLength(untrained.lossHistory, 0, "LogisticRegression with epochs 0"),
          [Math.LN2],
          {
            what: "LogisticRegression({ epochs: 0 }).lossHistory",
            likelyCause:
              "Before training coef = 0 and intercept = 0, so every p = 0.5 and the loss is ln 2.",
          },
        );
        const ties = untrained.predict(x.slice(0, 4));
        expectThat(Array.isArray(ties) && ties.length === 4 && ties.every((v) => v === 1), {
          message:
            "With p exactly 0.5 (an untrained model), predict should return 1: the rule is p ≥ 0.5.",
          expected: "[1, 1, 1, 1]",
          got: show(ties),
          likelyCause: "Use p >= 0.5 (not p > 0.5) for class 1.",
        });
        // The defaults (learningRate 0.1, epochs 1000, alpha 0), exactly.
        const defaults = new lab.LogisticRegression().fit(x, y);
        const wantDefaults = logisticLoop(x, y, { learningRate: 0.1, epochs: 1000, alpha: 0 });
        expectHistoryLength(
          defaults.lossHistory,
          1000,
          "new LogisticRegression() (default epochs 1000)",
        );
        expectGridClose(defaults.coef, wantDefaults.coef, {
          what: "LogisticRegression.coef with the default hyperparameters",
          tolerance: 1e-6,
          likelyCause:
            "The defaults are learningRate 0.1, epochs 1000, alpha 0: read them from this.params.",
        });
        expectThrows(
          () => new lab.LogisticRegression({ epochs: 1 }).fit([[0], [1], [2]], [0, 1, 0.5]),
          {
            what: "LogisticRegression.fit with a label 0.5",
            likelyCause: "Every label must be exactly 0 or 1: throw an Error for anything else.",
          },
        );
        expectThrows(
          () => new lab.LogisticRegression({ epochs: 1 }).fit([[0], [1], [2]], [0, 1, 2]),
          {
            what: "LogisticRegression.fit with labels [0, 1, 2]",
            likelyCause:
              "Binary logistic regression needs labels 0 and 1: throw an Error for anything else (more classes need one-vs-rest or softmax).",
          },
        );
        // The bad label comes first (index 0 is a valid position too).
        const firstBad = expectThrows(
          () => new lab.LogisticRegression({ epochs: 1 }).fit([[0], [1], [2]], [2, 0, 1]),
          {
            what: "LogisticRegression.fit with labels [2, 0, 1]",
            likelyCause:
              "Check every label, the first one included (findIndex returns 0 for it, -1 for none).",
          },
        );
        expectMessageNames(
          firstBad,
          /label|y\[0\]|0 or 1|\b2\b/i,
          "LogisticRegression.fit with labels [2, 0, 1]",
          "Say which label is wrong, e.g. `y[0] is 2; labels must be 0 or 1.`",
        );

        const data = scaledSplit("breast_cancer");
        const real = new lab.LogisticRegression().fit(data.xTrain, data.yTrain);
        const acc = accuracyOf(data.yTest, real.predict(data.xTest), "LogisticRegression.predict");
        expectThat(acc >= 0.95, {
          message:
            "On standardised breast_cancer (default hyperparameters) the test accuracy should be at least 0.95.",
          got: acc.toFixed(4),
          likelyCause: "Are the default hyperparameters learningRate 0.1, epochs 1000, alpha 0?",
        });
      },
    },
    {
      id: "scaled-pipeline",
      title: "A leak-free scaling pipeline",
      points: 1,
      exports: ["fitPredictScaled"],
      hints: [
        "Which rows may the scaler learn its mean and standard deviation from? Which rows must it then be applied to?",
        "Fit ONE StandardScaler on xTrain. Transform xTrain with it before model.fit, and xTest with the same scaler before model.predict.",
        "Common mistake: fitting a second scaler on xTest (or one on all rows): the test rows then leak into the preprocessing. Keep the one scaler fitted on xTrain, call its transform on both sets, and fit the model on the scaled training rows.",
      ],
      check: (lab) => {
        const random = seededRandom(8);
        const xTrain = Array.from({ length: 12 }, () => [
          100 + 20 * random(),
          0.01 * random(),
          5 * random() - 2,
        ]);
        const xTest = Array.from({ length: 5 }, () => [
          140 + 20 * random(),
          0.02 * random(),
          5 * random() + 1,
        ]);
        const yTrain = xTrain.map((_, i) => i % 2);
        const spy = new SpyModel();
        const out = lab.fitPredictScaled(spy, xTrain, yTrain, xTest);
        if (!spy.fitX || !spy.predictX) {
          fail({
            message: "fitPredictScaled must call model.fit and then model.predict.",
            likelyCause:
              "Call model.fit(scaled xTrain, yTrain), then return model.predict(scaled xTest).",
          });
        }
        const fitX = spy.fitX as number[][];
        const predictX = spy.predictX as number[][];
        const rawCause =
          "The features were not scaled: fit a StandardScaler on xTrain and transform before fitting.";
        expectGridClose(fitX, standardiseWith(xTrain, xTrain), {
          what: "The rows passed to model.fit",
          likelyCause: gridsClose(fitX, xTrain)
            ? rawCause
            : gridsClose(fitX, standardiseWith(xTrain, [...xTrain, ...xTest]))
              ? "The scaler saw the test rows (train + test): that leaks test information. Fit it on xTrain only."
              : "Standardise with a StandardScaler fitted on xTrain only.",
        });
        expectThat(spy.fitY?.every((v, i) => v === yTrain[i]) ?? false, {
          message: "model.fit should receive yTrain unchanged.",
        });
        expectGridClose(predictX, standardiseWith(xTest, xTrain), {
          what: "The rows passed to model.predict",
          likelyCause: diagnoseGrid(predictX, [
            {
              value: xTest,
              cause:
                "The test rows were not scaled: transform xTest with the same scaler before predicting.",
            },
            {
              value: standardiseWith(xTest, xTest),
              cause:
                "The scaler was re-fitted on the test rows: use the one fitted on xTrain (test statistics leak and shift the features).",
            },
            {
              value: standardiseWith(xTest, [...xTrain, ...xTest]),
              cause:
                "The scaler saw the test rows (train + test): that leaks test information. Fit it on xTrain only.",
            },
          ]),
        });
        const wantOut = predictX.map((r) => (r[0] > 0 ? 1 : 0));
        expectThat(
          Array.isArray(out) &&
            out.length === xTest.length &&
            out.every((v, i) => v === wantOut[i]),
          {
            message: "fitPredictScaled should return model.predict's output for the test rows.",
            expected: show(wantOut),
            got: show(out),
            likelyCause: "Return model.predict(scaler.transform(xTest)) itself.",
          },
        );
      },
    },
    {
      id: "softmax",
      title: "Stable log-sum-exp and softmax",
      points: 2,
      exports: ["logSumExp", "softmax"],
      hints: [
        "Math.exp(1000) is Infinity. Adding the same constant c to every logit leaves the softmax unchanged: which c keeps every exponent ≤ 0?",
        "logSumExp(v) = m + ln Σ e^(vⱼ − m) with m = max(v). softmax(z)ⱼ = e^(zⱼ − logSumExp(z)).",
        "logSumExp: subtract the largest value m before exponentiating and add it back after the log, so the largest term is e⁰ = 1. softmax then needs no max of its own: exponentiate zⱼ minus logSumExp(z) for every j, and the entries sum to 1 by construction.",
      ],
      check: (lab) => {
        // Far-apart values: shifting by the MIN (or anything but the max) overflows.
        const lseCases: [number[], number][] = [
          [[0, 0], Math.LN2],
          [[1, 2, 3], 3.40760596444438],
          [[1000, 1000], 1000 + Math.LN2],
          [[-1000, -1000], -1000 + Math.LN2],
          [[5], 5],
          [[1000, -1000], 1000],
          [[-800, 0, -5], Math.log(1 + Math.exp(-5))],
        ];
        for (const [v, want] of lseCases) {
          const got = lab.logSumExp([...v]);
          expectClose(got, want, {
            what: `logSumExp([${v.join(", ")}])`,
            tolerance: 1e-9,
            likelyCause: !Number.isFinite(got)
              ? "Overflow/underflow: subtract the maximum before exponentiating, then add it back."
              : diagnose(got, [
                  {
                    value: want - Math.max(...v),
                    cause: "Add the maximum m back: logSumExp = m + ln Σ e^(v − m).",
                  },
                ]),
          });
        }
        const apart = lab.softmax([-1000, 1000, 0]);
        expectGridClose(apart, [0, 1, Math.exp(-1000)], {
          what: "softmax([-1000, 1000, 0]) (logits far apart, the largest not first)",
          tolerance: 1e-12,
          shapeCause: "Return an array with one probability per logit.",
          likelyCause:
            tryToGrid(apart)?.some((r) => !Number.isFinite(r[0])) === true
              ? "Subtract the MAX logit (not the min or the first): then every exponent is ≤ 0 and nothing overflows."
              : undefined,
        });
        const want = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219];
        const cases: [number[], string][] = [
          [[1, 2, 3], ""],
          [[1000, 1001, 1002], " (large logits)"],
          [[-1000, -999, -998], " (very negative logits)"],
        ];
        for (const [z, note] of cases) {
          const got = lab.softmax([...z]);
          const grid = tryToGrid(got);
          const hasNaN = grid?.some((r) => r.some((v) => !Number.isFinite(v))) ?? false;
          const sumsTo = grid ? sum(grid.map((r) => r[0])) : 1;
          expectGridClose(got, want, {
            what: `softmax([${z.join(", ")}])${note}`,
            tolerance: 1e-9,
            shapeCause: "Return an array with one probability per logit.",
            likelyCause: hasNaN
              ? "e^1000 overflows to Infinity (and Infinity/Infinity is NaN): subtract the max logit (or use logSumExp) first."
              : Math.abs(sumsTo - 1) > 1e-6
                ? "The outputs must sum to 1: divide by the sum of the exponentials."
                : undefined,
          });
        }
      },
    },
    {
      id: "one-vs-rest",
      title: "One-vs-rest",
      points: 2,
      exports: ["OneVsRestClassifier", "OneVsRestParams"],
      hints: [
        "K classes → K binary problems. For the problem of class c, which samples are the positives?",
        "fit: classes = sorted distinct labels; models = classes.map(c => makeBinary().fit(x, y.map(v => v === c ? 1 : 0))). predictProba: each model's column 1 is its class's score; divide each row by its sum.",
        "predict: find the column k with the largest probability and return this.classes[k] (a label, not the index k).",
      ],
      check: (lab) => {
        const x = [[0], [0.2], [5], [5.4], [10], [9.6], [4.8]];
        const y = [3, 3, 5, 5, 9, 9, 5];
        const fakes: FakeBinary[] = [];
        const model = new lab.OneVsRestClassifier({
          makeBinary: () => {
            const f = new FakeBinary();
            fakes.push(f);
            return f;
          },
        });
        let returned: unknown;
        try {
          returned = model.fit(x, y);
        } catch (err) {
          if (err instanceof Error && err.message.startsWith("FakeBinary")) {
            fail({
              message: `The binary models must be fitted on 0/1 labels. ${err.message}.`,
              likelyCause:
                "Fit model k on y.map((v) => (v === classes[k] ? 1 : 0)), not on y itself.",
            });
          }
          throw err;
        }
        expectReturnsModel(returned, model, "OneVsRestClassifier.fit");
        expectGridClose(model.classes, [3, 5, 9], {
          what: "OneVsRestClassifier.classes",
          likelyCause: "The distinct labels of y, sorted ascending.",
        });
        expectThat(
          fakes.length === 3 && model.models.length === 3 && new Set(model.models).size === 3,
          {
            message:
              "OneVsRestClassifier should create one fresh binary model per class (3 here) with makeBinary().",
            got: `${fakes.length} created, ${model.models.length} stored`,
            likelyCause:
              "Call this.params.makeBinary() once per class; re-fitting a single model overwrites the previous classes.",
          },
        );
        model.models.forEach((m, k) => {
          const f = m as FakeBinary;
          const c = [3, 5, 9][k];
          expectThat(
            f.labels.length === y.length && f.labels.every((v, i) => v === (y[i] === c ? 1 : 0)),
            {
              message: `models[${k}] should be fitted on labels "is class ${c}" (1) vs the rest (0).`,
              got: `[${f.labels.join(", ")}]`,
              likelyCause:
                "models[k] belongs to classes[k]: build the labels with y.map((v) => (v === classes[k] ? 1 : 0)).",
            },
          );
        });
        const probe = [[0.1], [5.1], [9.9], [7.4]];
        const centres = [0.1, (5 + 5.4 + 4.8) / 3, 9.8];
        const scores = probe.map((r) => centres.map((c) => 0.9 / (1 + (r[0] - c) ** 2)));
        const wantProba = scores.map((s) => s.map((v) => v / sum(s)));
        const proba = model.predictProba(probe);
        expectGridClose(proba, wantProba, {
          what: "OneVsRestClassifier.predictProba",
          likelyCause: gridsClose(proba, scores)
            ? "Normalise each row: divide the K scores by their sum."
            : "Column k is models[k]'s p(class 1) (its predictProba column 1), divided by the row's sum.",
        });
        const predicted = model.predict(probe);
        expectThat(Array.isArray(predicted) && [3, 5, 9, 5].every((v, i) => predicted[i] === v), {
          message:
            "OneVsRestClassifier.predict should return the label with the highest probability.",
          expected: "[3, 5, 9, 5]",
          got: show(predicted),
          likelyCause:
            Array.isArray(predicted) && predicted[0] === 0
              ? "Return this.classes[k], not the column index k."
              : undefined,
        });
        expectEstimatorGuards({
          name: "OneVsRestClassifier",
          unfitted: new lab.OneVsRestClassifier(),
          fitted: model,
          width: 1,
        });
        expectFitShapeGuard("OneVsRestClassifier", new lab.OneVsRestClassifier());
        // Labels whose text order differs from their numeric order ("10" < "2"), and 4 classes.
        const y4 = [10, 2, 2, 33, 10, 4, 33, 4];
        const x4 = y4.map((v, i) => [v + 0.1 * (i % 2)]);
        const four = new lab.OneVsRestClassifier({ makeBinary: () => new FakeBinary() }).fit(
          x4,
          y4,
        );
        expectGridClose(four.classes, [2, 4, 10, 33], {
          what: "OneVsRestClassifier.classes for y = [10, 2, 2, 33, 10, 4, 33, 4]",
          likelyCause: gridsClose(four.classes, [10, 2, 33, 4])
            ? "sort() without a comparator sorts numbers as text: use sort((a, b) => a - b)."
            : "The distinct labels of y, sorted ascending (numerically).",
        });
        const fourPred = four.predict([[2.05], [33.05], [10.05], [4.05]]);
        expectThat(Array.isArray(fourPred) && [2, 33, 10, 4].every((v, i) => fourPred[i] === v), {
          message:
            "OneVsRestClassifier.predict on 4 classes [2, 4, 10, 33] should return the nearest class's label.",
          expected: "[2, 33, 10, 4]",
          got: show(fourPred),
        });
        // Every model scores 0: the row has no information, so it is uniform (not 0/0 = NaN).
        const zero = new lab.OneVsRestClassifier({ makeBinary: () => new ZeroBinary() }).fit(x, y);
        expectGridClose(
          zero.predictProba([[1], [2]]),
          [
            [1 / 3, 1 / 3, 1 / 3],
            [1 / 3, 1 / 3, 1 / 3],
          ],
          {
            what: "OneVsRestClassifier.predictProba when every binary model gives p = 0",
            tolerance: 1e-12,
            likelyCause:
              "When a row's scores sum to 0, return the uniform row 1/K (dividing by 0 gives NaN).",
          },
        );
        const zeroPred = zero.predict([[1], [2]]);
        expectThat(Array.isArray(zeroPred) && zeroPred.every((v) => v === 3), {
          message:
            "When all classes are equally likely, OneVsRestClassifier.predict should return the first class (3 here).",
          expected: "[3, 3]",
          got: show(zeroPred),
          likelyCause:
            "Keep the first maximum: replace the best class only when a probability is strictly larger (>).",
        });
        expectMessageNames(
          expectThrows(() => new lab.OneVsRestClassifier().predictProba([[1]]), {
            what: "OneVsRestClassifier.predictProba before fit",
            errorName: "NotFittedError",
            likelyCause:
              'Call this.validatePredict(x, "predictProba") first thing in predictProba.',
          }),
          /predictProba/,
          "OneVsRestClassifier.predictProba before fit",
          'Name the method that was called: this.validatePredict(x, "predictProba").',
        );

        const data = scaledSplit("iris");
        const real = new lab.OneVsRestClassifier({ makeBinary: () => new LoopLogistic() }).fit(
          data.xTrain,
          data.yTrain,
        );
        const acc = accuracyOf(data.yTest, real.predict(data.xTest), "OneVsRestClassifier.predict");
        expectThat(acc >= 0.85, {
          message:
            "One-vs-rest with logistic models on standardised iris should reach at least 0.85 test accuracy.",
          got: acc.toFixed(4),
        });
      },
    },
    {
      id: "softmax-regression",
      title: "Softmax regression",
      points: 3,
      exports: ["SoftmaxRegression"],
      timeoutMs: 20_000,
      hints: [
        "It is logistic regression with K outputs: a weight column and a bias per class, softmax instead of sigmoid, and a one-hot target row per sample.",
        "Build Y (n×K) with Y[i][y[i]] = 1. Each epoch: P = softmax of each row of X·W + b; E = P − Y; W −= lr·((1/n)·XᵀE + 2·alpha·W); b −= lr·(column means of E).",
        'Shapes: X is n×d, W is d×K, P and Y are n×K, so XᵀE is d×K like W, and E.mean("column") gives the K intercept gradients. Common mistakes: forgetting to clone before sub/mul (ml-matrix works in place), and penalising the intercepts. Record the loss after each step, like LogisticRegression.',
      ],
      check: (lab) => {
        const { x, y } = multiclassProblem(30, 2, 3, 5);
        const params = { learningRate: 0.5, epochs: 25, alpha: 0.02 };
        const model = new lab.SoftmaxRegression(params);
        expectReturnsModel(model.fit(x, y), model, "SoftmaxRegression.fit");
        const want = softmaxLoop(x, y, params);
        const variants: { v: SoftmaxVariant; cause: string }[] = [
          {
            v: { notOneHot: true },
            cause:
              "The targets must be ONE-HOT rows (Y[i][y[i]] = 1, zeros elsewhere), not the label number.",
          },
          {
            v: { penaliseBias: true },
            cause: "The intercepts were penalised: the L2 term applies to W only.",
          },
          { v: { ascent: true }, cause: "Sign error: step against the gradient, with E = P − Y." },
        ];
        const cause = (got: unknown) =>
          variants.find(({ v }) => gridsClose(got, softmaxLoop(x, y, params, v).coef, 1e-6))?.cause;
        expectThat(model.nClasses === 3, {
          message: "SoftmaxRegression.nClasses should be max(y) + 1 = 3.",
          got: String(model.nClasses),
        });
        expectGridClose(model.coef, want.coef, {
          what: "SoftmaxRegression.coef (d×K) after 25 epochs",
          shapeCause: "coef is d×K: coef[j][k] is the weight of feature j for class k.",
          likelyCause: cause(model.coef),
        });
        expectGridClose(model.intercept, want.intercept, {
          what: "SoftmaxRegression.intercept",
          likelyCause: "The intercepts move by the column means of P − Y, with no penalty.",
        });
        expectGridClose(
          expectHistoryLength(model.lossHistory, params.epochs, "SoftmaxRegression"),
          want.lossHistory,
          {
            what: "SoftmaxRegression.lossHistory",
            likelyCause: "Record the mean of −ln p(true class) (clipped at 1e-15) plus alpha·Σ W².",
          },
        );
        const probe = x.slice(0, 6);
        const wantLogits = probe.map((r) =>
          want.intercept.map((bk, k) => bk + r.reduce((s, v, j) => s + v * want.coef[j][k], 0)),
        );
        expectGridClose(model.decisionFunction(probe), wantLogits, {
          what: "SoftmaxRegression.decisionFunction (x·W + b)",
        });
        const proba = expectProbabilityRows(
          model.predictProba(probe),
          6,
          3,
          "SoftmaxRegression.predictProba",
        );
        expectGridClose(proba, wantLogits.map(plainSoftmax), {
          what: "SoftmaxRegression.predictProba",
        });
        const predicted = model.predict(probe);
        const wantPred = wantLogits.map((l) => l.indexOf(Math.max(...l)));
        expectThat(Array.isArray(predicted) && predicted.every((v, i) => v === wantPred[i]), {
          message:
            "SoftmaxRegression.predict should return the class with the highest probability.",
          expected: `[${wantPred.join(", ")}]`,
          got: show(predicted),
        });
        expectEstimatorGuards({
          name: "SoftmaxRegression",
          unfitted: new lab.SoftmaxRegression(),
          fitted: model,
          width: 2,
        });
        expectFitShapeGuard("SoftmaxRegression", new lab.SoftmaxRegression({ epochs: 1 }));
        // Unscaled features in the thousands: logits in the tens of thousands after one step.
        const big = multiclassProblem(12, 2, 3, 2, 1000);
        const bigModel = new lab.SoftmaxRegression({ learningRate: 1, epochs: 3 }).fit(
          big.x,
          big.y,
        );
        const finite =
          bigModel.coef.every((r) => r.every(Number.isFinite)) &&
          bigModel.predictProba(big.x).every((r) => r.every(Number.isFinite));
        expectThat(finite, {
          message:
            "With huge logits (features in the thousands), SoftmaxRegression produced NaN or Infinity.",
          likelyCause:
            "Use a stable softmax (subtract each row's max logit): e^z overflows for z above ~709.",
        });
        const unfittedSoftmax = expectThrows(
          () => new lab.SoftmaxRegression().decisionFunction([[0.5, 0.5]]),
          {
            what: "SoftmaxRegression.decisionFunction before fit",
            errorName: "NotFittedError",
            likelyCause:
              'Call this.validatePredict(x, "decisionFunction") first thing in decisionFunction.',
          },
        );
        expectMessageNames(
          unfittedSoftmax,
          /decisionFunction/,
          "SoftmaxRegression.decisionFunction before fit",
          'Name the method that was called: this.validatePredict(x, "decisionFunction").',
        );
        for (const bad of [
          [0, 1, -1],
          [0, 1, 1.5],
          [-1, 0, 1],
        ]) {
          const badLabels = expectThrows(
            () => new lab.SoftmaxRegression({ epochs: 1 }).fit([[0], [1], [2]], bad),
            {
              what: `SoftmaxRegression.fit with labels [${bad.join(", ")}]`,
              likelyCause:
                "Labels must be integers ≥ 0 (class indices), the first one included: throw an Error otherwise.",
            },
          );
          expectMessageNames(
            badLabels,
            /label|y\[\d\]|integer|class/i,
            `SoftmaxRegression.fit with labels [${bad.join(", ")}]`,
            "Say which label is wrong, e.g. `y[2] is -1; labels must be integers 0…K−1.`",
          );
        }
        // An absent class: labels {0, 2} still mean K = max(y) + 1 = 3 columns; and the defaults.
        const gap = { x: x.filter((_, i) => y[i] !== 1), y: y.filter((v) => v !== 1) };
        const gapModel = new lab.SoftmaxRegression().fit(gap.x, gap.y);
        expectThat(gapModel.nClasses === 3, {
          message:
            "With labels {0, 2}, nClasses should be max(y) + 1 = 3 (class 1 is absent, not dropped).",
          got: String(gapModel.nClasses),
          likelyCause: "K = Math.max(...y) + 1, not the number of distinct labels.",
        });
        const wantGap = softmaxLoop(gap.x, gap.y, { learningRate: 0.1, epochs: 500, alpha: 0 });
        expectHistoryLength(
          gapModel.lossHistory,
          500,
          "new SoftmaxRegression() (default epochs 500)",
        );
        expectGridClose(gapModel.coef, wantGap.coef, {
          what: "SoftmaxRegression.coef with the default hyperparameters and labels {0, 2}",
          tolerance: 1e-6,
          shapeCause: "coef is d×K with K = max(y) + 1 = 3, even though class 1 never occurs.",
          likelyCause:
            "The defaults are learningRate 0.1, epochs 500, alpha 0: read them from this.params.",
        });
        // Untrained (epochs 0): every class is equally likely, and ties go to the smaller class.
        const flat = new lab.SoftmaxRegression({ epochs: 0 }).fit(x, y);
        expectGridClose(
          expectHistoryLength(flat.lossHistory, 0, "SoftmaxRegression with epochs 0"),
          [Math.log(3)],
          {
            what: "SoftmaxRegression({ epochs: 0 }).lossHistory",
            likelyCause: "Before training every class has p = 1/3, so the loss is ln 3.",
          },
        );
        const flatPred = flat.predict(x.slice(0, 3));
        expectThat(Array.isArray(flatPred) && flatPred.every((v) => v === 0), {
          message:
            "When all classes are equally likely, predict should return the smaller class (0).",
          expected: "[0, 0, 0]",
          got: show(flatPred),
          likelyCause:
            "Keep the first maximum: replace the best class only when a probability is strictly larger (>).",
        });

        const data = scaledSplit("digits");
        const digits = new lab.SoftmaxRegression({ learningRate: 0.5, epochs: 100 }).fit(
          data.xTrain,
          data.yTrain,
        );
        const acc = accuracyOf(data.yTest, digits.predict(data.xTest), "SoftmaxRegression.predict");
        expectThat(acc >= 0.93, {
          message:
            "Softmax regression on standardised digits (lr 0.5, 100 epochs) should reach at least 0.93 test accuracy.",
          got: acc.toFixed(4),
        });
      },
    },
  ],
});
