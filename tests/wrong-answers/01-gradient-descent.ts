import { inverse, Matrix } from "ml-matrix";
import * as solution from "../../solutions/01-gradient-descent";
import { seededRandom } from "../../src/data";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const { mseLoss, mseGradient, gradientStep } = solution;

/** The reference mini-batch SGD with one learner mistake switched on. */
function sgdWith(
  mistake:
    | "dropShortBatch"
    | "shuffleOnce"
    | "reseedEachEpoch"
    | "sattolo"
    | "fullGradient"
    | "noShuffle",
): Lab["miniBatchSgd"] {
  return (X, y, options) => {
    let random = seededRandom(options.seed);
    const allColumnsX = Array.from({ length: X.columns }, (_, j) => j);
    const order = Array.from({ length: X.rows }, (_, i) => i);
    let w = new Matrix(X.columns, 1);
    const lossHistory = [mseLoss(X, y, w)];
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      if (mistake === "reseedEachEpoch") random = seededRandom(options.seed);
      const shuffle = mistake !== "noShuffle" && !(mistake === "shuffleOnce" && epoch > 0);
      for (let i = order.length - 1; shuffle && i > 0; i--) {
        const j = Math.floor(random() * (mistake === "sattolo" ? i : i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (let start = 0; start < order.length; start += options.batchSize) {
        const rows = order.slice(start, start + options.batchSize);
        if (mistake === "dropShortBatch" && rows.length < options.batchSize) break;
        const Xb = mistake === "fullGradient" ? X : X.selection(rows, allColumnsX);
        const yb = mistake === "fullGradient" ? y : y.selection(rows, [0]);
        w = gradientStep(w, mseGradient(Xb, yb, w), options.learningRate);
      }
      lossHistory.push(mseLoss(X, y, w));
    }
    return { w, lossHistory };
  };
}

/** Heavy-ball GD with the velocity update written by `velocity(v, gradient, momentum)`. */
function momentumWith(
  velocity: (v: Matrix, g: Matrix, momentum: number) => Matrix,
): Lab["momentumGradientDescent"] {
  return (X, y, o) => {
    let w = new Matrix(X.columns, 1);
    let v = new Matrix(X.columns, 1);
    const lossHistory = [mseLoss(X, y, w)];
    for (let e = 0; e < o.epochs; e++) {
      v = velocity(v, mseGradient(X, y, w), o.momentum);
      w = gradientStep(w, v, o.learningRate);
      lossHistory.push(mseLoss(X, y, w));
    }
    return { w, lossHistory };
  };
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  {
    exercise: "mse-loss",
    mistake: "sum of squares, not the mean",
    impl: { mseLoss: (X, y, w) => mseLoss(X, y, w) * X.rows },
    expectMessage: /divide by n/,
  },
  {
    exercise: "mse-loss",
    mistake: "RMSE instead of MSE",
    impl: { mseLoss: (X, y, w) => Math.sqrt(mseLoss(X, y, w)) },
    expectMessage: /RMSE/,
  },
  {
    exercise: "mse-loss",
    mistake: "mean absolute error",
    impl: { mseLoss: (X, y, w) => X.mmul(w).sub(y).abs().sum() / X.rows },
    expectMessage: /ABSOLUTE/,
  },
  {
    exercise: "mse-loss",
    mistake: "mutates X while computing",
    impl: {
      mseLoss: (X, y, w) => {
        const r = mseLoss(X, y, w);
        X.mul(1.0000001);
        return r;
      },
    },
    expectMessage: /mseLoss changed its argument X \(1st argument\)/,
  },
  {
    exercise: "mse-gradient",
    mistake: "forgot the factor 2",
    impl: { mseGradient: (X, y, w) => mseGradient(X, y, w).mul(0.5) },
    expectMessage: /factor 2/,
  },
  {
    exercise: "mse-gradient",
    mistake: "forgot to divide by n",
    impl: { mseGradient: (X, y, w) => mseGradient(X, y, w).mul(X.rows) },
    expectMessage: /divide by n/,
  },
  {
    exercise: "mse-gradient",
    mistake: "sign flipped",
    impl: { mseGradient: (X, y, w) => mseGradient(X, y, w).mul(-1) },
    expectMessage: /sign/,
  },
  {
    exercise: "mse-gradient",
    mistake: "row vector (rᵀX) instead of a column",
    impl: { mseGradient: (X, y, w) => mseGradient(X, y, w).transpose() },
    expectMessage: /d×1/,
  },
  {
    exercise: "gradient-step",
    mistake: "gradient ascent",
    impl: { gradientStep: (w, g, lr) => w.clone().add(g.clone().mul(lr)) },
    expectMessage: /uphill/,
  },
  {
    exercise: "gradient-step",
    mistake: "updates w in place",
    impl: { gradientStep: (w, g, lr) => w.sub(g.clone().mul(lr)) },
    expectMessage: /clone/,
  },
  {
    exercise: "batch-gradient-descent",
    mistake: "loss history misses the initial loss",
    impl: {
      batchGradientDescent: (X, y, o) => {
        const r = solution.batchGradientDescent(X, y, o);
        return { w: r.w, lossHistory: r.lossHistory.slice(1) };
      },
    },
    expectMessage: /Off by one/,
  },
  {
    exercise: "batch-gradient-descent",
    mistake: "never assigns the new weights",
    impl: {
      batchGradientDescent: (X, y, o) => {
        const w = o.w0?.clone() ?? new Matrix(X.columns, 1);
        const lossHistory = [mseLoss(X, y, w)];
        for (let e = 0; e < o.epochs; e++) {
          gradientStep(w, mseGradient(X, y, w), o.learningRate);
          lossHistory.push(mseLoss(X, y, w));
        }
        return { w, lossHistory };
      },
    },
    expectMessage: /never changes/,
  },
  {
    exercise: "batch-gradient-descent",
    mistake: "ignores w0",
    impl: {
      batchGradientDescent: (X, y, o) =>
        solution.batchGradientDescent(X, y, { ...o, w0: undefined }),
    },
    expectMessage: /options\.w0/,
  },
  {
    exercise: "is-diverging",
    mistake: "only compares last with first (NaN slips through)",
    impl: { isDiverging: (h) => h[h.length - 1] > h[0] },
    expectMessage: /NaN/,
  },
  {
    exercise: "is-diverging",
    mistake: "only looks for NaN",
    impl: { isDiverging: (h) => h.some((v) => Number.isNaN(v)) },
  },
  {
    exercise: "is-diverging",
    mistake: "any increase counts as divergence",
    impl: { isDiverging: (h) => h.some((v, i) => i > 0 && !(v <= h[i - 1])) },
    expectMessage: /bump/,
  },
  {
    exercise: "mini-batch-sgd",
    mistake: "one full-batch step per epoch",
    impl: {
      miniBatchSgd: (X, y, o) =>
        solution.batchGradientDescent(X, y, { learningRate: o.learningRate, epochs: o.epochs }),
    },
    expectMessage: /one step per batch/,
  },
  {
    exercise: "mini-batch-sgd",
    mistake: "Math.random instead of the seed",
    impl: {
      miniBatchSgd: (X, y, o) =>
        solution.miniBatchSgd(X, y, { ...o, seed: Math.floor(Math.random() * 1e9) }),
    },
    expectMessage: /seededRandom/,
  },
  {
    exercise: "momentum",
    mistake: "velocity not carried over (plain GD)",
    impl: {
      momentumGradientDescent: (X, y, o) =>
        solution.batchGradientDescent(X, y, { learningRate: o.learningRate, epochs: o.epochs }),
    },
    expectMessage: /carried over/,
  },
  {
    exercise: "momentum",
    mistake: "EMA-style velocity (1 − β)·g",
    impl: {
      momentumGradientDescent: momentumWith((v, g, m) =>
        v
          .clone()
          .mul(m)
          .add(g.mul(1 - m)),
      ),
    },
    expectMessage: /moving average/,
  },
  {
    exercise: "momentum",
    mistake: "momentum hard-coded to 0.9",
    impl: {
      momentumGradientDescent: (X, y, o) =>
        solution.momentumGradientDescent(X, y, { ...o, momentum: o.momentum === 0 ? 0 : 0.9 }),
    },
    expectMessage: /options\.momentum/,
  },
  {
    exercise: "mse-gradient",
    mistake: "divides by the number of columns",
    impl: { mseGradient: (X, y, w) => mseGradient(X, y, w).mul(X.rows / X.columns) },
    expectMessage: /number of rows/,
  },
  {
    exercise: "gradient-step",
    mistake: "learning rate hard-coded to the example's 0.5",
    impl: { gradientStep: (w, g) => w.clone().sub(g.clone().mul(0.5)) },
    expectMessage: /ignores learningRate/,
  },
  {
    exercise: "gradient-step",
    mistake: "divides the gradient by the learning rate",
    impl: {
      gradientStep: (w, g, lr) =>
        lr === 0.5 ? gradientStep(w, g, lr) : w.clone().sub(g.clone().div(lr)),
    },
    expectMessage: /do not divide/,
  },
  {
    exercise: "batch-gradient-descent",
    mistake: "learning rate hard-coded to 0.1",
    impl: {
      batchGradientDescent: (X, y, o) =>
        solution.batchGradientDescent(X, y, { ...o, learningRate: 0.1 }),
    },
  },
  {
    exercise: "batch-gradient-descent",
    mistake: "w0 used for the first loss only, training starts from zeros",
    impl: {
      batchGradientDescent: (X, y, o) => {
        const r = solution.batchGradientDescent(X, y, { ...o, w0: undefined });
        return {
          w: r.w,
          lossHistory: [mseLoss(X, y, o.w0 ?? new Matrix(X.columns, 1)), ...r.lossHistory.slice(1)],
        };
      },
    },
    expectMessage: /start w itself from options\.w0/,
  },
  {
    exercise: "batch-gradient-descent",
    mistake: "records the loss before each step",
    impl: {
      batchGradientDescent: (X, y, o) => {
        let w = o.w0?.clone() ?? new Matrix(X.columns, 1);
        const lossHistory = [mseLoss(X, y, w)];
        for (let e = 0; e < o.epochs; e++) {
          lossHistory.push(mseLoss(X, y, w));
          w = gradientStep(w, mseGradient(X, y, w), o.learningRate);
        }
        return { w, lossHistory };
      },
    },
    expectMessage: /BEFORE its step/,
  },
  {
    exercise: "is-diverging",
    mistake: "tests only the last loss for finiteness",
    impl: { isDiverging: (h) => !Number.isFinite(h[h.length - 1]) || h[h.length - 1] > h[0] },
    expectMessage: /not only the last/,
  },
  {
    exercise: "is-diverging",
    mistake: "isNaN instead of isFinite (Infinity slips through)",
    impl: { isDiverging: (h) => h.some((v) => Number.isNaN(v)) || h[h.length - 1] > h[0] },
    expectMessage: /Infinity/,
  },
  {
    exercise: "is-diverging",
    mistake: "compares the last loss with the previous one",
    impl: {
      isDiverging: (h) => h.some((v) => !Number.isFinite(v)) || h[h.length - 1] > h[h.length - 2],
    },
    expectMessage: /FIRST/,
  },
  {
    exercise: "mini-batch-sgd",
    mistake: "drops the short last batch",
    impl: { miniBatchSgd: sgdWith("dropShortBatch") },
    expectMessage: /short last batch/,
  },
  {
    exercise: "mini-batch-sgd",
    mistake: "shuffles once, not every epoch",
    impl: { miniBatchSgd: sgdWith("shuffleOnce") },
    expectMessage: /only once/,
  },
  {
    exercise: "mini-batch-sgd",
    mistake: "creates seededRandom inside the epoch loop",
    impl: { miniBatchSgd: sgdWith("reseedEachEpoch") },
    expectMessage: /inside the epoch loop/,
  },
  {
    exercise: "mini-batch-sgd",
    mistake: "Sattolo off-by-one: random() * i",
    impl: { miniBatchSgd: sgdWith("sattolo") },
    expectMessage: /Sattolo/,
  },
  {
    exercise: "mini-batch-sgd",
    mistake: "gradient on all rows instead of the batch",
    impl: { miniBatchSgd: sgdWith("fullGradient") },
    expectMessage: /batch's rows only/,
  },
  {
    exercise: "mini-batch-sgd",
    mistake: "never shuffles",
    impl: { miniBatchSgd: sgdWith("noShuffle") },
    expectMessage: /never shuffled/,
  },
  {
    exercise: "normal-equation",
    mistake: "adds a ridge penalty",
    impl: {
      normalEquation: (X, y) => {
        const Xt = X.transpose();
        return inverse(Xt.mmul(X).add(Matrix.eye(X.columns, X.columns)))
          .mmul(Xt)
          .mmul(y);
      },
    },
    expectMessage: /penalty/,
  },
  {
    exercise: "normal-equation",
    mistake: "drops Xᵀ before y (shape error)",
    impl: {
      normalEquation: (X, y) =>
        inverse(X.transpose().mmul(X)).mmul(y.transpose().mmul(X).transpose()).transpose(),
    },
  },
  {
    exercise: "mse-loss",
    mistake: "divides by n − 1",
    impl: { mseLoss: (X, y, w) => (mseLoss(X, y, w) * X.rows) / (X.rows - 1) },
    expectMessage: /not n − 1/,
  },
  {
    exercise: "mse-gradient",
    mistake: "divides by n − 1",
    impl: { mseGradient: (X, y, w) => mseGradient(X, y, w).mul(X.rows / (X.rows - 1)) },
    expectMessage: /not n − 1/,
  },
];
