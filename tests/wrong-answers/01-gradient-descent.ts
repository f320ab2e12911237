import { Matrix, inverse } from "ml-matrix";
import * as solution from "../../solutions/01-gradient-descent";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const { mseLoss, mseGradient, gradientStep } = solution;

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
    impl: { mseLoss: (X, y, w) => { const r = mseLoss(X, y, w); X.mul(1.0000001); return r; } },
    expectMessage: /changed one of its input/,
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
    impl: { batchGradientDescent: (X, y, o) => solution.batchGradientDescent(X, y, { ...o, w0: undefined }) },
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
      miniBatchSgd: (X, y, o) => solution.batchGradientDescent(X, y, { learningRate: o.learningRate, epochs: o.epochs }),
    },
    expectMessage: /one step per batch/,
  },
  {
    exercise: "mini-batch-sgd",
    mistake: "Math.random instead of the seed",
    impl: {
      miniBatchSgd: (X, y, o) => solution.miniBatchSgd(X, y, { ...o, seed: Math.floor(Math.random() * 1e9) }),
    },
    expectMessage: /seededRandom/,
  },
  {
    exercise: "momentum",
    mistake: "velocity not carried over (plain GD)",
    impl: {
      momentumGradientDescent: (X, y, o) => solution.batchGradientDescent(X, y, { learningRate: o.learningRate, epochs: o.epochs }),
    },
    expectMessage: /carried over/,
  },
  {
    exercise: "momentum",
    mistake: "EMA-style velocity (1 − β)·g",
    impl: {
      momentumGradientDescent: (X, y, o) => {
        let w = new Matrix(X.columns, 1);
        let v = new Matrix(X.columns, 1);
        const lossHistory = [mseLoss(X, y, w)];
        for (let e = 0; e < o.epochs; e++) {
          v = v.clone().mul(o.momentum).add(mseGradient(X, y, w).mul(1 - o.momentum));
          w = gradientStep(w, v, o.learningRate);
          lossHistory.push(mseLoss(X, y, w));
        }
        return { w, lossHistory };
      },
    },
  },
  {
    exercise: "normal-equation",
    mistake: "adds a ridge penalty",
    impl: {
      normalEquation: (X, y) => {
        const Xt = X.transpose();
        return inverse(Xt.mmul(X).add(Matrix.eye(X.columns, X.columns))).mmul(Xt).mmul(y);
      },
    },
    expectMessage: /penalty/,
  },
  {
    exercise: "normal-equation",
    mistake: "drops Xᵀ before y (shape error)",
    impl: { normalEquation: (X, y) => inverse(X.transpose().mmul(X)).mmul(y.transpose().mmul(X).transpose()).transpose() },
  },
];
