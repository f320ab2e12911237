import { inverse, Matrix, solve } from "ml-matrix";
import * as solution from "../../solutions/05-linear-logistic-regression";
import { StandardScaler } from "../../src/data";
import type { Classifier, Predictor } from "../../src/ml/estimator";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const { LogisticRegression, OneVsRestClassifier, SoftmaxRegression } = solution;

/** Ridge with a configurable diagonal: which entries get the penalty, and how much. */
function ridgeWith(X: Matrix, y: Matrix, amount: number, fromColumn: number): Matrix {
  const Xt = X.transpose();
  const A = Xt.mmul(X);
  for (let j = fromColumn; j < X.columns; j++) A.set(j, j, A.get(j, j) + amount);
  return solve(A, Xt.mmul(y));
}

/** Lasso coordinate descent with a pluggable coordinate update (for the mistakes below). */
function lassoWith(
  X: Matrix,
  y: Matrix,
  options: { alpha: number; iterations: number },
  update: (j: number, rho: number, z: number, alpha: number) => number,
  jacobi = false,
): Matrix {
  const n = X.rows;
  const d = X.columns;
  const w = new Array<number>(d).fill(0);
  for (let s = 0; s < options.iterations; s++) {
    const old = [...w];
    for (let j = 0; j < d; j++) {
      const cur = jacobi ? old : w;
      let rho = 0;
      let z = 0;
      for (let i = 0; i < n; i++) {
        let partial = y.get(i, 0);
        for (let k = 0; k < d; k++) if (k !== j) partial -= X.get(i, k) * cur[k];
        rho += X.get(i, j) * partial;
        z += X.get(i, j) ** 2;
      }
      w[j] = update(j, rho / n, z / n, options.alpha);
    }
  }
  return Matrix.columnVector(w);
}

const soft = (rho: number, l: number) => Math.sign(rho) * Math.max(Math.abs(rho) - l, 0);

/** LogisticRegression with one deliberate mistake in its update. */
function logisticWith(mistake: "penalise-bias" | "ascent") {
  return class extends LogisticRegression {
    override fit(x: number[][], y: number[]): this {
      this.validateFit(x, y);
      const { learningRate, epochs, alpha } = this.params;
      const n = x.length;
      let coef = new Array<number>(x[0].length).fill(0);
      let b = 0;
      const sign = mistake === "ascent" ? -1 : 1;
      const probs = () => x.map((r) => solution.sigmoid(r.reduce((s, v, j) => s + v * coef[j], b)));
      let p = probs();
      this.lossHistory = [solution.binaryCrossEntropy(y, p)];
      for (let e = 0; e < epochs; e++) {
        const err = p.map((pi, i) => pi - y[i]);
        const g = coef.map(
          (c, j) => err.reduce((s, ei, i) => s + ei * x[i][j], 0) / n + 2 * alpha * c,
        );
        const gb =
          err.reduce((s, v) => s + v, 0) / n + (mistake === "penalise-bias" ? 2 * alpha * b : 0);
        coef = coef.map((c, j) => c - sign * learningRate * g[j]);
        b -= sign * learningRate * gb;
        p = probs();
        this.lossHistory.push(
          solution.binaryCrossEntropy(y, p) + alpha * coef.reduce((s, c) => s + c * c, 0),
        );
      }
      this.coef = coef;
      this.intercept = b;
      return this;
    }
  };
}

/** SoftmaxRegression with one deliberate mistake. */
function softmaxWith(mistake: "not-one-hot" | "naive-softmax" | "penalise-bias") {
  const naive = (z: number[]) => {
    const e = z.map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  };
  const soft = mistake === "naive-softmax" ? naive : solution.softmax;
  return class extends SoftmaxRegression {
    override fit(x: number[][], y: number[]): this {
      this.validateFit(x, y);
      const { learningRate, epochs, alpha } = this.params;
      const K = Math.max(...y) + 1;
      const X = new Matrix(x);
      const n = X.rows;
      const Y = new Matrix(n, K);
      y.forEach((label, i) => {
        for (let k = 0; k < K; k++)
          Y.set(i, k, mistake === "not-one-hot" ? label : k === label ? 1 : 0);
      });
      let W = new Matrix(X.columns, K);
      let b = new Array<number>(K).fill(0);
      const probs = () =>
        new Matrix(
          X.mmul(W)
            .to2DArray()
            .map((row) => soft(row.map((z, k) => z + b[k]))),
        );
      const loss = (P: Matrix) =>
        -y.reduce((s, label, i) => s + Math.log(Math.max(P.get(i, label), 1e-15)), 0) / n +
        alpha * W.clone().mul(W).sum();
      let P = probs();
      this.lossHistory = [loss(P)];
      for (let e = 0; e < epochs; e++) {
        const E = P.clone().sub(Y);
        const gW = X.transpose()
          .mmul(E)
          .div(n)
          .add(W.clone().mul(2 * alpha));
        const gB = E.mean("column").map(
          (g, k) => g + (mistake === "penalise-bias" ? 2 * alpha * b[k] : 0),
        );
        W = W.clone().sub(gW.mul(learningRate));
        b = b.map((bk, k) => bk - learningRate * gB[k]);
        P = probs();
        this.lossHistory.push(loss(P));
      }
      this.coef = W.to2DArray();
      this.intercept = b;
      this.nClasses = K;
      return this;
    }
    override predictProba(x: number[][]): number[][] {
      return this.decisionFunction(x).map(soft);
    }
  };
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // ── ridge-closed-form
  {
    exercise: "ridge-closed-form",
    mistake: "regularises the bias",
    impl: { ridgeClosedForm: (X, y, alpha) => ridgeWith(X, y, X.rows * alpha, 0) },
    expectMessage: /bias was penalised/,
  },
  {
    exercise: "ridge-closed-form",
    mistake: "alpha instead of n·alpha",
    impl: { ridgeClosedForm: (X, y, alpha) => ridgeWith(X, y, alpha, 1) },
    expectMessage: /n·alpha/,
  },
  {
    exercise: "ridge-closed-form",
    mistake: "no penalty at all (plain normal equation)",
    impl: {
      ridgeClosedForm: (X, y) => {
        const Xt = X.transpose();
        return inverse(Xt.mmul(X)).mmul(Xt).mmul(y);
      },
    },
    expectMessage: /plain least squares/,
  },
  // ── ridge-gradient
  {
    exercise: "ridge-gradient",
    mistake: "penalises the bias",
    impl: {
      ridgeGradient: (X, y, w, alpha) =>
        X.transpose()
          .mmul(X.mmul(w).sub(y))
          .mul(2 / X.rows)
          .add(w.clone().mul(2 * alpha)),
    },
    expectMessage: /bias was penalised/,
  },
  {
    exercise: "ridge-gradient",
    mistake: "penalty gradient alpha·w instead of 2·alpha·w",
    impl: {
      ridgeGradient: (X, y, w, alpha) => {
        const g = X.transpose()
          .mmul(X.mmul(w).sub(y))
          .mul(2 / X.rows);
        for (let j = 1; j < w.rows; j++) g.set(j, 0, g.get(j, 0) + alpha * w.get(j, 0));
        return g;
      },
    },
    expectMessage: /2·alpha·w/,
  },
  {
    exercise: "ridge-gradient",
    mistake: "sign error on the penalty",
    impl: { ridgeGradient: (X, y, w, alpha) => solution.ridgeGradient(X, y, w, -alpha) },
    expectMessage: /Sign error/,
  },
  {
    exercise: "ridge-gradient",
    mistake: "mutates w while computing",
    impl: {
      ridgeGradient: (X, y, w, alpha) => {
        const g = solution.ridgeGradient(X, y, w, alpha);
        w.mul(1);
        w.set(0, 0, w.get(0, 0) + 1e-3);
        return g;
      },
    },
    expectMessage: /ridgeGradient changed its argument w/,
  },
  // ── lasso
  {
    exercise: "lasso",
    mistake: "softThreshold without the dead zone",
    impl: { softThreshold: (rho, l) => rho - l },
    expectMessage: /exactly 0/,
  },
  {
    exercise: "lasso",
    mistake: "softThreshold drops the sign",
    impl: { softThreshold: (rho, l) => Math.max(Math.abs(rho) - l, 0) },
    expectMessage: /Keep the sign/,
  },
  {
    exercise: "lasso",
    mistake: "soft-thresholds the bias",
    impl: {
      lassoCoordinateDescent: (X, y, o) => lassoWith(X, y, o, (_j, rho, z, a) => soft(rho, a) / z),
    },
    expectMessage: /bias was soft-thresholded/,
  },
  {
    exercise: "lasso",
    mistake: "forgets to divide by z",
    impl: {
      lassoCoordinateDescent: (X, y, o) =>
        lassoWith(X, y, o, (j, rho, _z, a) => (j === 0 ? rho : soft(rho, a))),
    },
    expectMessage: /Divide by z/,
  },
  {
    exercise: "lasso",
    mistake: "Jacobi updates (old weights for the whole sweep)",
    impl: {
      lassoCoordinateDescent: (X, y, o) =>
        lassoWith(X, y, o, (j, rho, z, a) => (j === 0 ? rho : soft(rho, a)) / z, true),
    },
    expectMessage: /immediately/,
  },
  {
    exercise: "lasso",
    mistake: "threshold alpha/2",
    impl: {
      lassoCoordinateDescent: (X, y, o) =>
        lassoWith(X, y, o, (j, rho, z, a) => (j === 0 ? rho : soft(rho, a / 2)) / z),
    },
    expectMessage: /alpha\/2/,
  },
  {
    exercise: "lasso",
    mistake: "no shrinkage (plain coordinate descent = least squares)",
    impl: { lassoCoordinateDescent: (X, y, o) => lassoWith(X, y, o, (_j, rho, z) => rho / z) },
    expectMessage: /shrinkage/,
  },
  // ── sigmoid
  {
    exercise: "sigmoid",
    mistake: "e^z / (1 + e^z) for every z (overflows)",
    impl: { sigmoid: (z) => Math.exp(z) / (1 + Math.exp(z)) },
    expectMessage: /Overflow/,
  },
  {
    exercise: "sigmoid",
    mistake: "sign error 1/(1 + e^z)",
    impl: { sigmoid: (z) => 1 / (1 + Math.exp(z)) },
    expectMessage: /Sign error/,
  },
  {
    exercise: "sigmoid",
    mistake: "tanh instead of the logistic function",
    impl: { sigmoid: (z) => Math.tanh(z) },
    expectMessage: /tanh/,
  },
  // ── binary-cross-entropy
  {
    exercise: "binary-cross-entropy",
    mistake: "no clipping (ln 0 = −Infinity)",
    impl: {
      binaryCrossEntropy: (y, p) =>
        -y.reduce((s, yi, i) => s + yi * Math.log(p[i]) + (1 - yi) * Math.log(1 - p[i]), 0) /
        y.length,
    },
    expectMessage: /clip/,
  },
  {
    exercise: "binary-cross-entropy",
    mistake: "log base 2",
    impl: { binaryCrossEntropy: (y, p, eps) => solution.binaryCrossEntropy(y, p, eps) / Math.LN2 },
    expectMessage: /natural log/,
  },
  {
    exercise: "binary-cross-entropy",
    mistake: "sum instead of mean",
    impl: { binaryCrossEntropy: (y, p, eps) => solution.binaryCrossEntropy(y, p, eps) * y.length },
    expectMessage: /mean/,
  },
  {
    exercise: "binary-cross-entropy",
    mistake: "only the positive term",
    impl: {
      binaryCrossEntropy: (y, p, eps = 1e-15) =>
        -y.reduce((s, yi, i) => s + yi * Math.log(Math.min(Math.max(p[i], eps), 1 - eps)), 0) /
        y.length,
    },
    expectMessage: /negatives count too/,
  },
  // ── logistic-regression
  {
    exercise: "logistic-regression",
    mistake: "regularises the intercept",
    impl: { LogisticRegression: logisticWith("penalise-bias") },
    expectMessage: /intercept was penalised|intercept's gradient/,
  },
  {
    exercise: "logistic-regression",
    mistake: "gradient ascent (sign error)",
    impl: { LogisticRegression: logisticWith("ascent") },
    expectMessage: /Sign error/,
  },
  {
    exercise: "logistic-regression",
    mistake: "predict does not validate (no NotFittedError / ShapeError)",
    impl: {
      LogisticRegression: class extends LogisticRegression {
        override decisionFunction(x: number[][]): number[] {
          return x.map((row) => row.reduce((s, v, j) => s + v * this.coef[j], this.intercept));
        }
      },
    },
    expectMessage: /validatePredict/,
  },
  {
    exercise: "logistic-regression",
    mistake: "accepts labels other than 0/1",
    impl: {
      LogisticRegression: class extends LogisticRegression {
        override fit(x: number[][], y: number[]): this {
          return super.fit(
            x,
            y.map((v) => (v > 1 ? 1 : v)),
          );
        }
      },
    },
    expectMessage: /labels 0 and 1/,
  },
  {
    exercise: "logistic-regression",
    mistake: "fit does not return this",
    impl: {
      LogisticRegression: class extends LogisticRegression {
        override fit(x: number[][], y: number[]): this {
          super.fit(x, y);
          return undefined as unknown as this;
        }
      },
    },
    expectMessage: /return this/,
  },
  // ── scaled-pipeline
  {
    exercise: "scaled-pipeline",
    mistake: "forgets to scale",
    impl: {
      fitPredictScaled: (model: Predictor, xTrain, yTrain, xTest) =>
        model.fit(xTrain, yTrain).predict(xTest),
    },
    expectMessage: /not scaled/,
  },
  {
    exercise: "scaled-pipeline",
    mistake: "re-fits the scaler on the test rows",
    impl: {
      fitPredictScaled: (model: Predictor, xTrain, yTrain, xTest) => {
        model.fit(new StandardScaler().fitTransform(xTrain), yTrain);
        return model.predict(new StandardScaler().fitTransform(xTest));
      },
    },
    expectMessage: /re-fitted on the test rows/,
  },
  {
    exercise: "scaled-pipeline",
    mistake: "fits the scaler on train + test (leakage)",
    impl: {
      fitPredictScaled: (model: Predictor, xTrain, yTrain, xTest) => {
        const scaler = new StandardScaler().fit([...xTrain, ...xTest]);
        model.fit(scaler.transform(xTrain), yTrain);
        return model.predict(scaler.transform(xTest));
      },
    },
    expectMessage: /leaks/,
  },
  // ── softmax
  {
    exercise: "softmax",
    mistake: "naive softmax and log-sum-exp (overflow → NaN on large logits)",
    impl: {
      logSumExp: (v) => Math.log(v.reduce((s, x) => s + Math.exp(x), 0)),
      softmax: (z) => {
        const e = z.map(Math.exp);
        const s = e.reduce((a, b) => a + b, 0);
        return e.map((v) => v / s);
      },
    },
    expectMessage: /Overflow|overflows/,
  },
  {
    exercise: "softmax",
    mistake: "log-sum-exp forgets to add the max back",
    impl: {
      logSumExp: (v) => {
        const m = Math.max(...v);
        return Math.log(v.reduce((s, x) => s + Math.exp(x - m), 0));
      },
    },
    expectMessage: /Add the maximum/,
  },
  {
    exercise: "softmax",
    mistake: "softmax not normalised",
    impl: { softmax: (z) => z.map((v) => Math.exp(v - Math.max(...z))) },
    expectMessage: /sum to 1/,
  },
  // ── one-vs-rest
  {
    exercise: "one-vs-rest",
    mistake: "binary models fitted on the raw labels (not one-vs-rest labels)",
    impl: {
      OneVsRestClassifier: class extends OneVsRestClassifier {
        override fit(x: number[][], y: number[]): this {
          this.validateFit(x, y);
          this.classes = [...new Set(y)].sort((a, b) => a - b);
          this.models = this.classes.map(() => this.params.makeBinary().fit(x, y));
          return this;
        }
      },
    },
    expectMessage: /0\/1 labels/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "one shared model re-fitted for every class",
    impl: {
      OneVsRestClassifier: class extends OneVsRestClassifier {
        override fit(x: number[][], y: number[]): this {
          this.validateFit(x, y);
          this.classes = [...new Set(y)].sort((a, b) => a - b);
          const shared: Classifier = this.params.makeBinary();
          this.models = this.classes.map((c) =>
            shared.fit(
              x,
              y.map((v) => (v === c ? 1 : 0)),
            ),
          );
          return this;
        }
      },
    },
    expectMessage: /one fresh binary model per class/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "scores not normalised",
    impl: {
      OneVsRestClassifier: class extends OneVsRestClassifier {
        override predictProba(x: number[][]): number[][] {
          this.validatePredict(x, "predictProba");
          const scores = this.models.map((m) => m.predictProba(x).map((r) => r[1]));
          return x.map((_, i) => scores.map((s) => s[i]));
        }
      },
    },
    expectMessage: /sum to 1|Normalise/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "predict returns the column index instead of the label",
    impl: {
      OneVsRestClassifier: class extends OneVsRestClassifier {
        override predict(x: number[][]): number[] {
          return this.predictProba(x).map((r) => r.indexOf(Math.max(...r)));
        }
      },
    },
    expectMessage: /this\.classes\[k\]/,
  },
  // ── softmax-regression
  {
    exercise: "softmax-regression",
    mistake: "labels not one-hot",
    impl: { SoftmaxRegression: softmaxWith("not-one-hot") },
    expectMessage: /ONE-HOT/,
  },
  {
    exercise: "softmax-regression",
    mistake: "regularises the intercepts",
    impl: { SoftmaxRegression: softmaxWith("penalise-bias") },
    expectMessage: /intercepts/,
  },
  {
    exercise: "softmax-regression",
    mistake: "naive softmax inside the model (NaN on large logits)",
    impl: { SoftmaxRegression: softmaxWith("naive-softmax") },
    expectMessage: /stable softmax/,
  },
  {
    exercise: "binary-cross-entropy",
    mistake: "eps hard-coded to 1e-15",
    impl: { binaryCrossEntropy: (yTrue, probs) => solution.binaryCrossEntropy(yTrue, probs) },
    expectMessage: /eps argument/,
  },
  {
    exercise: "logistic-regression",
    mistake: "the intercept's gradient from p after the coef step",
    impl: {
      LogisticRegression: class extends LogisticRegression {
        override fit(x: number[][], y: number[]): this {
          this.validateFit(x, y);
          const { learningRate, epochs, alpha } = this.params;
          const n = x.length;
          let coef = new Array<number>(x[0].length).fill(0);
          let b = 0;
          const probs = () =>
            x.map((r) => solution.sigmoid(r.reduce((s, v, j) => s + v * coef[j], b)));
          const loss = (p: number[]) =>
            solution.binaryCrossEntropy(y, p) + alpha * coef.reduce((s, c) => s + c * c, 0);
          let p = probs();
          this.lossHistory = [loss(p)];
          for (let e = 0; e < epochs; e++) {
            const err = p.map((pi, i) => pi - y[i]);
            coef = coef.map(
              (c, j) =>
                c -
                learningRate * (err.reduce((s, ei, i) => s + ei * x[i][j], 0) / n + 2 * alpha * c),
            );
            b -= (learningRate * probs().reduce((s, pi, i) => s + pi - y[i], 0)) / n;
            p = probs();
            this.lossHistory.push(loss(p));
          }
          this.coef = coef;
          this.intercept = b;
          return this;
        }
      },
    },
    expectMessage: /SAME p/,
  },
  {
    exercise: "logistic-regression",
    mistake: "predict uses p > 0.5 (ties go to 0)",
    impl: {
      LogisticRegression: class extends LogisticRegression {
        override predict(x: number[][]): number[] {
          return this.predictProba(x).map(([, p]) => (p > 0.5 ? 1 : 0));
        }
      },
    },
    expectMessage: /p >= 0\.5/,
  },
  {
    exercise: "logistic-regression",
    mistake: "default of 500 epochs",
    impl: {
      LogisticRegression: class extends LogisticRegression {
        constructor(params: Partial<solution.LinearClassifierParams> = {}) {
          super({ epochs: 500, ...params });
        }
      },
    },
    expectMessage: /default epochs 1000/,
  },
  {
    exercise: "logistic-regression",
    mistake: "only rejects labels outside [0, 1]",
    impl: {
      LogisticRegression: class extends LogisticRegression {
        override fit(x: number[][], y: number[]): this {
          if (y.some((v) => v < 0 || v > 1)) throw new Error("labels must be 0 or 1");
          return super.fit(
            x,
            y.map((v) => (v === 0.5 ? 1 : v)),
          );
        }
      },
    },
    expectMessage: /label 0\.5/,
  },
  {
    exercise: "softmax",
    mistake: "shifts by the min instead of the max",
    impl: {
      logSumExp: (v) => {
        const m = Math.min(...v);
        return m + Math.log(v.reduce((s, x) => s + Math.exp(x - m), 0));
      },
      softmax: (z) => {
        const m = Math.min(...z);
        const e = z.map((v) => Math.exp(v - m));
        const total = e.reduce((a, b) => a + b, 0);
        return e.map((v) => v / total);
      },
    },
    expectMessage: /Overflow|MAX logit/,
  },
  {
    exercise: "softmax",
    mistake: "softmax shifts by the first logit",
    impl: {
      softmax: (z) => {
        const e = z.map((v) => Math.exp(v - z[0]));
        const total = e.reduce((a, b) => a + b, 0);
        return e.map((v) => v / total);
      },
    },
    expectMessage: /MAX logit/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "classes sorted as text",
    impl: {
      OneVsRestClassifier: class extends OneVsRestClassifier {
        override fit(x: number[][], y: number[]): this {
          super.fit(x, y);
          const byText = [...this.classes].sort();
          this.models = byText.map((c) => this.models[this.classes.indexOf(c)]);
          this.classes = byText;
          return this;
        }
      },
    },
    expectMessage: /as text/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "no fallback when every score is 0 (NaN rows)",
    impl: {
      OneVsRestClassifier: class extends OneVsRestClassifier {
        override predictProba(x: number[][]): number[][] {
          this.validatePredict(x, "predictProba");
          const scores = this.models.map((m) => m.predictProba(x).map((row) => row[1]));
          return x.map((_, i) => {
            const row = scores.map((sc) => sc[i]);
            const total = row.reduce((a, b) => a + b, 0);
            return row.map((v) => v / total);
          });
        }
      },
    },
    expectMessage: /sum to 0/,
  },
  {
    exercise: "softmax-regression",
    mistake: "K = the number of distinct labels",
    impl: {
      SoftmaxRegression: class extends SoftmaxRegression {
        override fit(x: number[][], y: number[]): this {
          // Relabel to 0…K′−1 by rank of the distinct labels: an absent class disappears.
          if (y.some((v) => !Number.isInteger(v) || v < 0)) return super.fit(x, y);
          const distinct = [...new Set(y)].sort((a, b) => a - b);
          return super.fit(
            x,
            y.map((v) => distinct.indexOf(v)),
          );
        }
      },
    },
    expectMessage: /max\(y\) \+ 1/,
  },
  {
    exercise: "softmax-regression",
    mistake: "predict keeps the LAST maximum (ties go to the larger class)",
    impl: {
      SoftmaxRegression: class extends SoftmaxRegression {
        override predict(x: number[][]): number[] {
          return this.predictProba(x).map((row) => {
            let best = 0;
            for (let k = 1; k < row.length; k++) if (row[k] >= row[best]) best = k;
            return best;
          });
        }
      },
    },
    expectMessage: /smaller class/,
  },
  {
    exercise: "softmax-regression",
    mistake: "default of 1000 epochs",
    impl: {
      SoftmaxRegression: class extends SoftmaxRegression {
        constructor(params: Partial<solution.LinearClassifierParams> = {}) {
          super({ epochs: 1000, ...params });
        }
      },
    },
    expectMessage: /default epochs 500/,
  },
  {
    exercise: "softmax-regression",
    mistake: "no label validation",
    impl: {
      SoftmaxRegression: class extends SoftmaxRegression {
        override fit(x: number[][], y: number[]): this {
          const safe = y.map((v) => Math.max(0, Math.floor(v)));
          return super.fit(x, safe);
        }
      },
    },
    expectMessage: /integers ≥ 0/,
  },
  {
    exercise: "softmax-regression",
    mistake: "fit skips validateFit (x and y of different lengths accepted)",
    impl: {
      SoftmaxRegression: class extends SoftmaxRegression {
        override fit(x: number[][], y: number[]): this {
          return super.fit(x.slice(0, y.length), y);
        }
      },
    },
    expectMessage: /validateFit/,
  },
  {
    exercise: "lasso",
    mistake: "no guard for z = 0 (an all-zero feature gives 0/0 = NaN)",
    impl: {
      lassoCoordinateDescent: (X, y, { alpha, iterations }) => {
        const n = X.rows;
        const d = X.columns;
        const target = y.getColumn(0);
        const w = new Array<number>(d).fill(0);
        for (let sweep = 0; sweep < iterations; sweep++) {
          for (let j = 0; j < d; j++) {
            let rho = 0;
            let z = 0;
            for (let i = 0; i < n; i++) {
              let r = target[i];
              for (let k = 0; k < d; k++) if (k !== j) r -= X.get(i, k) * w[k];
              rho += (X.get(i, j) * r) / n;
              z += X.get(i, j) ** 2 / n;
            }
            w[j] = (j === 0 ? rho : solution.softThreshold(rho, alpha)) / z;
          }
        }
        return Matrix.columnVector(w);
      },
    },
    expectMessage: /z = 0/,
  },
  {
    exercise: "logistic-regression",
    mistake: "label check skips y[0] (findIndex(...) > 0)",
    impl: {
      LogisticRegression: class extends LogisticRegression {
        override fit(x: number[][], y: number[]): this {
          return super.fit(
            x,
            y.map((v, i) => (i === 0 && v !== 0 && v !== 1 ? 1 : v)),
          );
        }
      },
    },
    expectMessage: /first one included/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "predict breaks ties towards the last class (>=)",
    impl: {
      OneVsRestClassifier: class extends OneVsRestClassifier {
        override predict(x: number[][]): number[] {
          return this.predictProba(x).map((row) => {
            let best = 0;
            for (let k = 1; k < row.length; k++) if (row[k] >= row[best]) best = k;
            return this.classes[best];
          });
        }
      },
    },
    expectMessage: /first class/,
  },
  {
    exercise: "softmax-regression",
    mistake: "label check skips y[0]",
    impl: {
      SoftmaxRegression: class extends SoftmaxRegression {
        override fit(x: number[][], y: number[]): this {
          return super.fit(
            x,
            y.map((v, i) => (i === 0 ? Math.max(0, Math.round(v)) : v)),
          );
        }
      },
    },
    expectMessage: /first one included/,
  },
];
