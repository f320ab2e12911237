import * as solution from "../../solutions/10-evaluation-tuning";
import { seededRandom } from "../../src/data";
import type { Predictor } from "../../src/ml/estimator";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const {
  confusionMatrix,
  precisionRecallF1,
  rocCurve,
  regressionMetrics,
  crossValScore,
  gridSearch,
  mean,
} = solution;

/** Trains on the given rows and scores the given rows (for leaky variants of crossValScore). */
function fitAndScore(
  makeModel: () => Predictor,
  x: number[][],
  y: number[],
  trainRows: number[],
  scoreRows: number[],
  score: solution.ScoreFunction,
): number {
  const model = makeModel();
  model.fit(
    trainRows.map((i) => x[i]),
    trainRows.map((i) => y[i]),
  );
  return score(
    scoreRows.map((i) => y[i]),
    model.predict(scoreRows.map((i) => x[i])),
  );
}

const allRows = (n: number) => Array.from({ length: n }, (_, i) => i);

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // confusion-matrix
  {
    exercise: "confusion-matrix",
    mistake: "transposed (rows = predictions)",
    impl: {
      confusionMatrix: (t, p, n) => {
        const m = confusionMatrix(t, p, n);
        return m[0].map((_, j) => m.map((row) => row[j]));
      },
    },
    expectMessage: /transposed/,
  },
  {
    exercise: "confusion-matrix",
    mistake: "size from the data, not nClasses",
    impl: { confusionMatrix: (t, p) => confusionMatrix(t, p, Math.max(...t, ...p) + 1) },
    expectMessage: /nClasses × nClasses/,
  },
  // precision-recall-f1
  {
    exercise: "precision-recall-f1",
    mistake: "precision and recall swapped",
    impl: {
      precisionRecallF1: (t, p, positive) => {
        const r = precisionRecallF1(t, p, positive);
        return { precision: r.recall, recall: r.precision, f1: r.f1 };
      },
    },
    expectMessage: /swapped/,
  },
  {
    exercise: "precision-recall-f1",
    mistake: "F1 as the arithmetic mean",
    impl: {
      precisionRecallF1: (t, p, positive) => {
        const r = precisionRecallF1(t, p, positive);
        return { ...r, f1: (r.precision + r.recall) / 2 };
      },
    },
    expectMessage: /HARMONIC/,
  },
  {
    exercise: "precision-recall-f1",
    mistake: "0/0 gives NaN",
    impl: {
      precisionRecallF1: (t, p, positive = 1) => {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        t.forEach((v, i) => {
          if (p[i] === positive && v === positive) tp++;
          else if (p[i] === positive) fp++;
          else if (v === positive) fn++;
        });
        const precision = tp / (tp + fp);
        const recall = tp / (tp + fn);
        return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
      },
    },
    expectMessage: /0\/0/,
  },
  {
    exercise: "precision-recall-f1",
    mistake: "micro-F1 (accuracy) as macro-F1",
    impl: { macroF1: (t, p) => t.filter((v, i) => v === p[i]).length / t.length },
    expectMessage: /micro-F1/,
  },
  {
    exercise: "precision-recall-f1",
    mistake: "support-weighted F1",
    impl: {
      macroF1: (t, p, n) => {
        let s = 0;
        for (let c = 0; c < n; c++)
          s += precisionRecallF1(t, p, c).f1 * t.filter((v) => v === c).length;
        return s / t.length;
      },
    },
    expectMessage: /weighted F1/,
  },
  // roc-auc
  {
    exercise: "roc-auc",
    mistake: "ties not grouped (one point per row)",
    impl: {
      rocCurve: (t, s) => {
        const order = s.map((_, i) => i).sort((a, b) => s[b] - s[a]);
        const P = t.filter((v) => v === 1).length;
        const N = t.length - P;
        const fpr = [0];
        const tpr = [0];
        const thresholds = [Number.POSITIVE_INFINITY];
        let tp = 0;
        let fp = 0;
        for (const i of order) {
          if (t[i] === 1) tp++;
          else fp++;
          fpr.push(fp / N);
          tpr.push(tp / P);
          thresholds.push(s[i]);
        }
        return { fpr, tpr, thresholds };
      },
    },
    expectMessage: /ONE threshold/,
  },
  {
    exercise: "roc-auc",
    mistake: "thresholds sorted ascending",
    impl: {
      rocCurve: (t, s) => {
        const r = rocCurve(t, s);
        return {
          fpr: [...r.fpr].reverse(),
          tpr: [...r.tpr].reverse(),
          thresholds: [...r.thresholds].reverse(),
        };
      },
    },
    expectMessage: /highest to the lowest/,
  },
  {
    exercise: "roc-auc",
    mistake: "rectangles instead of trapezoids",
    impl: {
      rocAuc: (t, s) => {
        const { fpr, tpr } = rocCurve(t, s);
        let area = 0;
        for (let k = 1; k < fpr.length; k++) area += (fpr[k] - fpr[k - 1]) * tpr[k - 1];
        return area;
      },
    },
    expectMessage: /trapezoids/,
  },
  {
    exercise: "roc-auc",
    mistake: "curve walked backwards (negative area)",
    impl: {
      rocAuc: (t, s) => {
        const { fpr, tpr } = rocCurve(t, s);
        fpr.reverse();
        tpr.reverse();
        let area = 0;
        for (let k = 1; k < fpr.length; k++)
          area += ((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1])) / 2;
        return area;
      },
    },
    expectMessage: /backwards/,
  },
  {
    exercise: "roc-auc",
    mistake: "positive class flipped",
    impl: {
      rocAuc: (t, s) =>
        solution.rocAuc(
          t.map((v) => 1 - v),
          s,
        ),
    },
    expectMessage: /flipped/,
  },
  // regression-metrics
  {
    exercise: "regression-metrics",
    mistake: "R² with the mean of the predictions as baseline",
    impl: {
      regressionMetrics: (t, p) => {
        const r = regressionMetrics(t, p);
        const pm = mean(p);
        const sse = t.reduce((s, v, i) => s + (v - p[i]) ** 2, 0);
        return { ...r, r2: 1 - sse / p.reduce((s, v) => s + (v - pm) ** 2, 0) };
      },
    },
    expectMessage: /TRUE values/,
  },
  {
    exercise: "regression-metrics",
    mistake: "R² baseline 0 instead of the mean",
    impl: {
      regressionMetrics: (t, p) => {
        const r = regressionMetrics(t, p);
        const sse = t.reduce((s, v, i) => s + (v - p[i]) ** 2, 0);
        return { ...r, r2: 1 - sse / t.reduce((s, v) => s + v * v, 0) };
      },
    },
    expectMessage: /not 0/,
  },
  {
    exercise: "regression-metrics",
    mistake: "R² clipped at 0",
    impl: {
      regressionMetrics: (t, p) => {
        const r = regressionMetrics(t, p);
        return { ...r, r2: Math.max(0, r.r2) };
      },
    },
    expectMessage: /clip/,
  },
  {
    exercise: "regression-metrics",
    mistake: "RMSE instead of MSE",
    impl: {
      regressionMetrics: (t, p) => {
        const r = regressionMetrics(t, p);
        return { ...r, mse: Math.sqrt(r.mse) };
      },
    },
    expectMessage: /RMSE/,
  },
  {
    exercise: "regression-metrics",
    mistake: "MAE without absolute values",
    impl: {
      regressionMetrics: (t, p) => ({
        ...regressionMetrics(t, p),
        mae: mean(t.map((v, i) => v - p[i])),
      }),
    },
    expectMessage: /absolute value/,
  },
  // k-fold
  {
    exercise: "k-fold",
    mistake: "rows drawn with replacement (folds overlap)",
    impl: {
      kFoldIndices: (n, k, seed) => {
        const random = seededRandom(seed);
        return Array.from({ length: k }, (_, f) => {
          const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
          return [...new Set(Array.from({ length: size }, () => Math.floor(random() * n)))].sort(
            (a, b) => a - b,
          );
        });
      },
    },
    expectMessage: /overlap/,
  },
  {
    exercise: "k-fold",
    mistake: "remainder all in the last fold",
    impl: {
      kFoldIndices: (n, k, seed) => {
        const random = seededRandom(seed);
        const shuffled = allRows(n);
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const size = Math.floor(n / k);
        return Array.from({ length: k }, (_, f) =>
          shuffled.slice(f * size, f === k - 1 ? n : (f + 1) * size).sort((a, b) => a - b),
        );
      },
    },
    expectMessage: /last fold/,
  },
  {
    exercise: "k-fold",
    mistake: "folds not sorted",
    impl: {
      kFoldIndices: (n, k, seed) => solution.kFoldIndices(n, k, seed).map((f) => [...f].reverse()),
    },
    expectMessage: /increasing order/,
  },
  {
    exercise: "k-fold",
    mistake: "ignores the seed",
    impl: { kFoldIndices: (n, k) => solution.kFoldIndices(n, k, 0) },
    expectMessage: /seededRandom/,
  },
  // cross-val-score
  {
    exercise: "cross-val-score",
    mistake: "trains on all rows (leakage)",
    impl: {
      crossValScore: (make, x, y, folds, score) =>
        folds.map((f) => fitAndScore(make, x, y, allRows(x.length), f, score)),
    },
    expectMessage: /ALL rows/,
  },
  {
    exercise: "cross-val-score",
    mistake: "trains on the fold itself",
    impl: {
      crossValScore: (make, x, y, folds, score) =>
        folds.map((f) =>
          fitAndScore(
            make,
            x,
            y,
            f,
            allRows(x.length).filter((i) => !f.includes(i)),
            score,
          ),
        ),
    },
  },
  {
    exercise: "cross-val-score",
    mistake: "one model for all folds",
    impl: {
      crossValScore: (make, x, y, folds, score) => {
        const model = make();
        return folds.map((f) =>
          fitAndScore(
            () => model,
            x,
            y,
            allRows(x.length).filter((i) => !f.includes(i)),
            f,
            score,
          ),
        );
      },
    },
    expectMessage: /makeModel\(\) inside the loop/,
  },
  {
    exercise: "cross-val-score",
    mistake: "score(yPred, yTrue)",
    impl: {
      crossValScore: (make, x, y, folds, score) =>
        crossValScore(make, x, y, folds, (t, p) => score(p, t)),
    },
    expectMessage: /TRUE labels first/,
  },
  // grid-search
  {
    exercise: "grid-search",
    mistake: "lowest score wins",
    impl: {
      gridSearch: (make, grid, x, y, folds, score) => {
        const r = gridSearch(make, grid, x, y, folds, score);
        const worst = r.results.reduce((w, c) => (c.meanScore < w.meanScore ? c : w));
        return { ...r, bestParams: worst.params, bestScore: worst.meanScore };
      },
    },
    expectMessage: /LOWEST/,
  },
  {
    exercise: "grid-search",
    mistake: "zips the value lists instead of combining them",
    impl: {
      gridSearch: (make, grid, x, y, folds, score) => {
        const keys = Object.keys(grid);
        const length = Math.min(...keys.map((k) => grid[k].length));
        const results = Array.from({ length }, (_, i) => {
          const params = Object.fromEntries(keys.map((k) => [k, grid[k][i]]));
          const scores = crossValScore(() => make(params), x, y, folds, score);
          return { params, scores, meanScore: mean(scores) };
        });
        const best = results.reduce((b, c) => (c.meanScore > b.meanScore ? c : b));
        return { bestParams: best.params, bestScore: best.meanScore, results };
      },
    },
    expectMessage: /Cartesian product/,
  },
  {
    exercise: "grid-search",
    mistake: "last key varies slowest",
    impl: {
      gridSearch: (make, grid, x, y, folds, score) => {
        const reversed = Object.fromEntries(Object.entries(grid).reverse());
        return gridSearch(make, reversed, x, y, folds, score);
      },
    },
    expectMessage: /FIRST key varies slowest/,
  },
  {
    exercise: "grid-search",
    mistake: "ties go to the last candidate",
    impl: {
      gridSearch: (make, grid, x, y, folds, score) => {
        const r = gridSearch(make, grid, x, y, folds, score);
        const best = r.results.reduce((b, c) => (c.meanScore >= b.meanScore ? c : b));
        return { ...r, bestParams: best.params, bestScore: best.meanScore };
      },
    },
    expectMessage: /strictly greater/,
  },
  // random-search
  {
    exercise: "random-search",
    mistake: "new generator in every iteration",
    impl: {
      randomSearch: (make, space, nIter, seed, x, y, folds, score) => {
        const results = Array.from({ length: nIter }, () => {
          const random = seededRandom(seed);
          const params: Record<string, number> = {};
          for (const [name, draw] of Object.entries(space)) params[name] = draw(random);
          const scores = crossValScore(() => make(params), x, y, folds, score);
          return { params, scores, meanScore: mean(scores) };
        });
        const best = results.reduce((b, c) => (c.meanScore > b.meanScore ? c : b));
        return { bestParams: best.params, bestScore: best.meanScore, results };
      },
    },
    expectMessage: /ONCE/,
  },
  {
    exercise: "random-search",
    mistake: "Math.random instead of the seed",
    impl: {
      randomSearch: (make, space, nIter, _seed, x, y, folds, score) => {
        const results = Array.from({ length: nIter }, () => {
          const params: Record<string, number> = {};
          for (const [name, draw] of Object.entries(space)) params[name] = draw(Math.random);
          const scores = crossValScore(() => make(params), x, y, folds, score);
          return { params, scores, meanScore: mean(scores) };
        });
        const best = results.reduce((b, c) => (c.meanScore > b.meanScore ? c : b));
        return { bestParams: best.params, bestScore: best.meanScore, results };
      },
    },
    expectMessage: /seededRandom/,
  },
  {
    exercise: "random-search",
    mistake: "one candidate too few",
    impl: {
      randomSearch: (make, space, nIter, seed, x, y, folds, score) =>
        solution.randomSearch(make, space, nIter - 1, seed, x, y, folds, score),
    },
    expectMessage: /exactly nIter/,
  },
  // final-evaluation
  {
    exercise: "final-evaluation",
    mistake: "tunes on the test set",
    impl: {
      tuneAndEvaluate: (make, grid, train, test, _folds, score) => {
        let best:
          | { params: Record<string, number>; testScore: number; model: Predictor }
          | undefined;
        let combos: Record<string, number>[] = [{}];
        for (const [name, values] of Object.entries(grid))
          combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
        for (const params of combos) {
          const model = make(params);
          model.fit(train.x, train.y);
          const testScore = score(test.y, model.predict(test.x));
          if (!best || testScore > best.testScore) best = { params, testScore, model };
        }
        if (!best) throw new Error("empty grid");
        return {
          bestParams: best.params,
          cvScore: best.testScore,
          testScore: best.testScore,
          model: best.model,
        };
      },
    },
    expectMessage: /Tuning on the test set/,
  },
  {
    exercise: "final-evaluation",
    mistake: "cross-validates on train + test",
    impl: {
      tuneAndEvaluate: (make, grid, train, test, folds, score) => {
        const x = [...train.x, ...test.x];
        const y = [...train.y, ...test.y];
        const extra = test.x.map((_, i) => train.x.length + i);
        const widened = folds.map((f, k) => (k === 0 ? [...f, ...extra] : f));
        const s = gridSearch(make, grid, x, y, widened, score);
        const model = make(s.bestParams);
        model.fit(train.x, train.y);
        return {
          bestParams: s.bestParams,
          cvScore: s.bestScore,
          testScore: score(test.y, model.predict(test.x)),
          model,
        };
      },
    },
    expectMessage: /leaked/,
  },
  {
    exercise: "final-evaluation",
    mistake: "no refit on all training rows",
    impl: {
      tuneAndEvaluate: (make, grid, train, test, folds, score) => {
        const s = gridSearch(make, grid, train.x, train.y, folds, score);
        const held = new Set(folds[0]);
        const rows = train.x.map((_, i) => i).filter((i) => !held.has(i));
        const model = make(s.bestParams);
        model.fit(
          rows.map((i) => train.x[i]),
          rows.map((i) => train.y[i]),
        );
        return {
          bestParams: s.bestParams,
          cvScore: s.bestScore,
          testScore: score(test.y, model.predict(test.x)),
          model,
        };
      },
    },
    expectMessage: /ALL training rows/,
  },
  {
    exercise: "final-evaluation",
    mistake: "test score measured on the training rows",
    impl: {
      tuneAndEvaluate: (make, grid, train, _test, folds, score) => {
        const s = gridSearch(make, grid, train.x, train.y, folds, score);
        const model = make(s.bestParams);
        model.fit(train.x, train.y);
        return {
          bestParams: s.bestParams,
          cvScore: s.bestScore,
          testScore: score(train.y, model.predict(train.x)),
          model,
        };
      },
    },
    expectMessage: /used exactly once/,
  },
  // --- added for labs 06-10 ---
  {
    exercise: "precision-recall-f1",
    mistake: "macro-F1 over the classes present only",
    impl: {
      macroF1: (yTrue, yPred) => {
        const present = [...new Set([...yTrue, ...yPred])];
        return mean(present.map((c) => precisionRecallF1(yTrue, yPred, c).f1));
      },
    },
    expectMessage: /ALL nClasses/,
  },
  {
    exercise: "precision-recall-f1",
    mistake: "default positive class 0",
    impl: {
      precisionRecallF1: (yTrue, yPred, positive = 0) => precisionRecallF1(yTrue, yPred, positive),
    },
    expectMessage: /default positive/,
  },
  {
    exercise: "roc-auc",
    mistake: "only checks for missing negatives",
    impl: {
      rocCurve: (yTrue, scores) => {
        if (yTrue.every((t) => t === 1)) throw new Error("no negatives");
        if (yTrue.every((t) => t === 0))
          return {
            fpr: [0, 1],
            tpr: [0, 0],
            thresholds: [Number.POSITIVE_INFINITY, Math.min(...scores)],
          };
        return rocCurve(yTrue, scores);
      },
    },
    expectMessage: /no positives/,
  },
  {
    exercise: "k-fold",
    mistake: "extra rows go to the last folds",
    impl: {
      kFoldIndices: (n, k, seed) => {
        const random = seededRandom(seed);
        const order = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [order[i], order[j]] = [order[j], order[i]];
        }
        const folds: number[][] = [];
        let start = 0;
        for (let f = 0; f < k; f++) {
          const size = Math.floor(n / k) + (f >= k - (n % k) ? 1 : 0);
          folds.push(order.slice(start, start + size).sort((a, b) => a - b));
          start += size;
        }
        return folds;
      },
    },
    expectMessage: /FIRST n % k/,
  },
  {
    exercise: "grid-search",
    mistake: "ignores the score function (always −MSE)",
    impl: {
      gridSearch: (makeModel, grid, x, y, folds) =>
        gridSearch(makeModel, grid, x, y, folds, (t, p) => -mean(t.map((v, i) => (v - p[i]) ** 2))),
    },
    expectMessage: /`score` function/,
  },
  {
    exercise: "grid-search",
    mistake: "makes its own 5 folds",
    impl: {
      gridSearch: (makeModel, grid, x, y, _folds, score) =>
        gridSearch(makeModel, grid, x, y, solution.kFoldIndices(x.length, 5, 0), score),
    },
  },
  {
    exercise: "random-search",
    mistake: "ignores the score function (always −MSE)",
    impl: {
      randomSearch: (makeModel, space, nIter, seed, x, y, folds) =>
        solution.randomSearch(
          makeModel,
          space,
          nIter,
          seed,
          x,
          y,
          folds,
          (t, p) => -mean(t.map((v, i) => (v - p[i]) ** 2)),
        ),
    },
    expectMessage: /`score` function/,
  },
  {
    exercise: "random-search",
    mistake: "seed hard-coded to 17",
    impl: {
      randomSearch: (makeModel, space, nIter, _seed, x, y, folds, score) =>
        solution.randomSearch(makeModel, space, nIter, 17, x, y, folds, score),
    },
    expectMessage: /seed you are given/,
  },
  {
    exercise: "roc-auc",
    mistake: "one-class yTrue rejected with an empty error message",
    impl: {
      rocCurve: (yTrue, scores) => {
        if (new Set(yTrue).size < 2) throw new Error("");
        return rocCurve(yTrue, scores);
      },
    },
    expectMessage: /does not say what is wrong/,
  },
];
