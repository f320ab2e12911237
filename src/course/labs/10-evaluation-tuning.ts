import { seededRandom } from "../../data";
import { fail } from "../../grading/check-failure";
import {
  diagnose,
  expectClose,
  expectFiniteNumber,
  expectGridClose,
  expectGridShape,
  expectMessageNames,
  expectThat,
  describe as show,
} from "../../grading/expect";
import { expectThrows } from "../../grading/expect-estimator";
import { defineLab } from "../../grading/types";
import type { Predictor } from "../../ml/estimator";

type Lab = typeof import("../../../solutions/10-evaluation-tuning");
type Params = Record<string, number>;

/*
 * Expected values come from plain loops written here, independently of the reference
 * solution: counting for the metrics, the rank-based (Mann–Whitney) AUC, and spy models that
 * record exactly which rows every fit and predict call saw.
 */

const avg = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

function countsLoop(yTrue: number[], yPred: number[], n: number): number[][] {
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]] += 1;
  return m;
}

function prfLoop(yTrue: number[], yPred: number[], positive: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yPred[i] === positive && yTrue[i] === positive) tp++;
    if (yPred[i] === positive && yTrue[i] !== positive) fp++;
    if (yPred[i] !== positive && yTrue[i] === positive) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    tp,
    fp,
    fn,
  };
}

/** AUC as the probability that a random positive outscores a random negative (ties: ½). */
function mannWhitneyAuc(yTrue: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] !== 1) continue;
    for (let j = 0; j < yTrue.length; j++) {
      if (yTrue[j] !== 0) continue;
      pairs++;
      if (scores[i] > scores[j]) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

/** ROC points by brute force: one threshold per distinct score, highest first, after +∞. */
function rocLoop(yTrue: number[], scores: number[]) {
  const P = yTrue.filter((t) => t === 1).length;
  const N = yTrue.length - P;
  const thresholds = [Number.POSITIVE_INFINITY, ...[...new Set(scores)].sort((a, b) => b - a)];
  const fpr = thresholds.map((t) => yTrue.filter((y, i) => y === 0 && scores[i] >= t).length / N);
  const tpr = thresholds.map((t) => yTrue.filter((y, i) => y === 1 && scores[i] >= t).length / P);
  return { fpr, tpr, thresholds };
}

function foldsLoop(n: number, k: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  const out: number[][] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    out.push(order.slice(start, start + size).sort((a, b) => a - b));
    start += size;
  }
  return out;
}

/**
 * A tiny model that reports on itself. Rows are [id, feature]; it predicts
 * slope·feature + mean of the training targets, and records every row id it sees.
 */
class SpyModel implements Predictor {
  fitIds: number[] = [];
  fitCalls = 0;
  predictCalls: number[][] = [];
  private offset = 0;
  constructor(readonly params: Params) {}
  fit(x: number[][], y: number[]): this {
    this.fitCalls++;
    this.fitIds = x.map((row) => row[0]);
    this.offset = avg(y) * (this.params.shrink ?? 1);
    return this;
  }
  predict(x: number[][]): number[] {
    this.predictCalls.push(x.map((row) => row[0]));
    return x.map((row) => (this.params.slope ?? 0) * row[1] + this.offset);
  }
}

/** Data for the spy: rows [id, feature] with ids from `firstId`, targets ≈ feature + 3. */
function spyData(n: number, seed: number, firstId: number) {
  const random = seededRandom(seed);
  const x = Array.from({ length: n }, (_, i) => [firstId + i, 4 * random()]);
  const y = x.map((row) => row[1] + 3 + (random() - 0.5));
  return { x, y };
}

const negMse = (yTrue: number[], yPred: number[]) => -avg(yTrue.map((v, i) => (v - yPred[i]) ** 2));

const negMae = (yTrue: number[], yPred: number[]) =>
  -avg(yTrue.map((v, i) => Math.abs(v - yPred[i])));

/** Cross-validation by hand with the spy model: the expected scores. */
function cvLoop(
  params: Params,
  x: number[][],
  y: number[],
  folds: number[][],
  score = negMse,
): number[] {
  return folds.map((fold) => {
    const held = new Set(fold);
    const train = x.map((_, i) => i).filter((i) => !held.has(i));
    const model = new SpyModel(params).fit(
      train.map((i) => x[i]),
      train.map((i) => y[i]),
    );
    return score(
      fold.map((i) => y[i]),
      model.predict(fold.map((i) => x[i])),
    );
  });
}

/** Fails unless `got` is a search outcome; returns its parts typed. */
function expectOutcome(got: unknown, what: string) {
  const o = got as {
    bestParams?: Params;
    bestScore?: number;
    results?: { params: Params; scores: number[]; meanScore: number }[];
  };
  if (!o || typeof o !== "object" || !Array.isArray(o.results) || !o.bestParams) {
    fail({ message: `${what} should return { bestParams, bestScore, results }.`, got: show(got) });
  }
  return o as Required<typeof o>;
}

const sameParams = (a: Params | undefined, b: Params) =>
  !!a &&
  Object.keys(b).length === Object.keys(a).length &&
  Object.keys(b).every((key) => a[key] === b[key]);

const describeParams = (p: Params | undefined) => (p ? JSON.stringify(p) : String(p));

export const evaluationTuningLab = defineLab<Lab>({
  id: "10-evaluation-tuning",
  title: "Evaluation and tuning",
  summary:
    "Measure models honestly (confusion matrix, precision/recall, ROC AUC, R²) and tune them with cross-validation without touching the test set.",
  exercises: [
    {
      id: "confusion-matrix",
      title: "Confusion matrix",
      points: 1,
      exports: ["confusionMatrix"],
      hints: [
        "Start from an nClasses × nClasses matrix of zeros. Each row of data adds 1 to exactly one cell. Which one?",
        "The cell at row = TRUE class, column = PREDICTED class: counts[yTrue[i]][yPred[i]]++.",
        "Common mistake: new Array(k).fill(new Array(k).fill(0)) puts the SAME row object k times, so one increment changes every row. Build each row separately (Array.from with a function), then a single pass over the samples adds 1 to counts[true][predicted].",
      ],
      check: (lab) => {
        const random = seededRandom(4);
        const yTrue = Array.from({ length: 40 }, () => Math.floor(random() * 3));
        const yPred = yTrue.map((t) => (random() < 0.6 ? t : Math.floor(random() * 3)));
        const got = lab.confusionMatrix(yTrue, yPred, 3);
        const expected = countsLoop(yTrue, yPred, 3);
        const grid = expectGridShape(got, 3, 3, { what: "confusionMatrix for 3 classes" });
        const transposed = expected[0].map((_, j) => expected.map((row) => row[j]));
        expectGridClose(grid, expected, {
          what: "confusionMatrix on 40 rows, 3 classes",
          likelyCause: grid.every((row, i) => row.every((v, j) => v === transposed[i][j]))
            ? "It is transposed: rows are the TRUE class, columns the PREDICTED class."
            : "Add 1 to counts[yTrue[i]][yPred[i]] for every row i.",
        });
        expectGridClose(
          lab.confusionMatrix([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], 2),
          [
            [1, 1],
            [1, 2],
          ],
          {
            what: "confusionMatrix on the docstring example",
          },
        );
        expectGridClose(
          lab.confusionMatrix([0, 0], [0, 0], 3),
          [
            [2, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
          ],
          {
            what: "confusionMatrix([0, 0], [0, 0], 3): classes that never occur still get a row and a column",
            shapeCause:
              "The matrix is nClasses × nClasses, even for classes missing from the data.",
          },
        );
      },
    },
    {
      id: "precision-recall-f1",
      title: "Precision, recall and F1",
      points: 2,
      exports: ["precisionRecallF1", "macroF1"],
      hints: [
        "Count three things for the positive class: true positives, false positives, false negatives. Which two does precision use? Which two does recall?",
        "precision = TP/(TP + FP) (of the flagged), recall = TP/(TP + FN) (of the real positives), F1 = 2PR/(P + R); return 0 instead of 0/0. macroF1 averages the F1 of every class taken as positive.",
        "Classify each (true, predicted) pair once: predicted and truly positive → TP; predicted positive only → FP; truly positive only → FN (true negatives are not needed). Guard every division: a zero denominator gives 0, not NaN. macroF1 is the plain mean of the per-class F1 for c = 0 … nClasses − 1.",
      ],
      check: (lab) => {
        const random = seededRandom(8);
        const yTrue = Array.from({ length: 50 }, () => (random() < 0.3 ? 1 : 0));
        const yPred = yTrue.map((t) => (random() < 0.75 ? t : 1 - t));
        const want = prfLoop(yTrue, yPred, 1);
        const got = lab.precisionRecallF1(yTrue, yPred, 1);
        const p = expectFiniteNumber(got?.precision, { what: "precisionRecallF1(...).precision" });
        const r = expectFiniteNumber(got?.recall, { what: "precisionRecallF1(...).recall" });
        const swapped = Math.abs(p - want.recall) < 1e-9 && Math.abs(r - want.precision) < 1e-9;
        expectClose(p, want.precision, {
          what: "precision on 50 rows (positive = 1)",
          likelyCause: swapped
            ? "Precision and recall are swapped: precision divides by what was PREDICTED positive (TP + FP), recall by what IS positive (TP + FN)."
            : "precision = TP / (TP + FP).",
        });
        expectClose(r, want.recall, {
          what: "recall on 50 rows (positive = 1)",
          likelyCause: "recall = TP / (TP + FN).",
        });
        const f1 = expectFiniteNumber(got.f1, { what: "precisionRecallF1(...).f1" });
        expectClose(f1, want.f1, {
          what: "F1 on 50 rows",
          likelyCause: diagnose(f1, [
            {
              value: (want.precision + want.recall) / 2,
              cause: "F1 is the HARMONIC mean 2PR/(P + R), not the arithmetic mean.",
            },
          ]),
        });
        const other = lab.precisionRecallF1(yTrue, yPred, 0);
        expectClose(other?.precision, prfLoop(yTrue, yPred, 0).precision, {
          what: "precision with positive = 0",
          likelyCause: "Use the `positive` argument instead of assuming class 1.",
        });
        const none = lab.precisionRecallF1([1, 0, 1], [0, 0, 0], 1);
        expectClose(none?.precision, 0, {
          what: "precision when nothing is predicted positive (0/0)",
          likelyCause: "0/0 must count as 0 (zero_division = 0), not NaN.",
        });
        expectClose(none.f1, 0, {
          what: "F1 when precision and recall are both 0",
          likelyCause: "When P + R = 0, F1 is 0.",
        });
        const multiTrue = Array.from({ length: 60 }, () => Math.floor(random() * 3));
        const multiPred = multiTrue.map((t) => (random() < 0.7 ? t : Math.floor(random() * 3)));
        const perClass = [0, 1, 2].map((c) => prfLoop(multiTrue, multiPred, c));
        const macro = avg(perClass.map((c) => c.f1));
        const gotMacro = lab.macroF1(multiTrue, multiPred, 3);
        const support = [0, 1, 2].map((c) => multiTrue.filter((t) => t === c).length);
        expectClose(gotMacro, macro, {
          what: "macroF1 on 60 rows, 3 classes",
          likelyCause: diagnose(gotMacro, [
            {
              value: multiTrue.filter((t, i) => t === multiPred[i]).length / multiTrue.length,
              cause:
                "That is micro-F1 (= accuracy here): macro-F1 averages the per-class F1 scores.",
            },
            {
              value: perClass.reduce((s, c, i) => s + c.f1 * support[i], 0) / multiTrue.length,
              cause: "That is the weighted F1: macro-F1 gives every class the same weight.",
            },
          ]),
        });
        expectClose(lab.macroF1([0, 0, 1, 2], [0, 1, 1, 2], 3), 7 / 9, {
          what: "macroF1 on the docstring example",
        });
        // Class 3 never occurs (nor is predicted): its F1 is 0 and it still counts.
        const absent = lab.macroF1([0, 0, 1, 2], [0, 1, 1, 2], 4);
        expectClose(absent, 7 / 12, {
          what: "macroF1([0, 0, 1, 2], [0, 1, 1, 2], 4) (class 3 absent)",
          likelyCause: diagnose(absent, [
            {
              value: 7 / 9,
              cause:
                "Average over ALL nClasses classes (0 … nClasses − 1): an absent class has F1 = 0 and still counts.",
            },
          ]),
        });
        // Class 1 has F1 0.5 here, class 0 has 2/3: the default must be positive = 1.
        const byDefault = lab.precisionRecallF1([1, 1, 0, 0, 0], [1, 0, 0, 0, 1]);
        expectClose(byDefault?.f1, 0.5, {
          what: "precisionRecallF1([1, 1, 0, 0, 0], [1, 0, 0, 0, 1]) with the default positive class (1)",
          likelyCause: "The default positive class is 1: positive = 1.",
        });
      },
    },
    {
      id: "roc-auc",
      title: "ROC curve and AUC",
      points: 3,
      exports: ["rocCurve", "rocAuc"],
      hints: [
        "Sort the rows by score, highest first, and lower the threshold one distinct score at a time. Each step flags more rows: which counters go up?",
        "Start at (0, 0) with threshold Infinity; after the last row of each distinct score, record (FP/N, TP/P). AUC: Σ (fprₖ − fprₖ₋₁)·(tprₖ + tprₖ₋₁)/2.",
        "const order = indices sorted by scores[b] − scores[a]; walk k = 0…n−1 updating tp/fp; push a point when k is last or scores[order[k + 1]] !== scores[order[k]].",
      ],
      check: (lab) => {
        const random = seededRandom(12);
        const yTrue = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 0));
        // Rounded scores: many ties, some across the classes.
        const scores = yTrue.map((t) => Math.round((random() + 0.6 * t) * 10) / 10);
        const want = rocLoop(yTrue, scores);
        const got = lab.rocCurve(yTrue, scores);
        if (
          !got ||
          !Array.isArray(got.fpr) ||
          !Array.isArray(got.tpr) ||
          !Array.isArray(got.thresholds)
        ) {
          fail({
            message: "rocCurve should return { fpr, tpr, thresholds } (three arrays).",
            got: show(got),
          });
        }
        const thresholds = got.thresholds;
        expectThat(
          thresholds.every((t, k) => k === 0 || t < thresholds[k - 1]),
          {
            message:
              "rocCurve's thresholds must go from the highest to the lowest (each one strictly lower).",
            got: show(thresholds),
            likelyCause:
              thresholds.length > want.thresholds.length
                ? "Tied scores form ONE threshold: record a point only after the last row with that score."
                : "Sort by score DESCENDING (scores[b] − scores[a]) and start from Infinity.",
          },
        );
        expectThat(got.fpr.length === want.fpr.length, {
          message: "rocCurve returned the wrong number of points.",
          expected: `${want.fpr.length} points (Infinity, then ${want.fpr.length - 1} distinct scores)`,
          got: `${got.fpr.length} points`,
          likelyCause:
            got.fpr.length > want.fpr.length
              ? "Tied scores form ONE threshold: record a point only after the last row with that score."
              : "Start with the point (0, 0) at threshold Infinity and add one point per distinct score.",
        });
        expectGridClose(got.thresholds.slice(1), want.thresholds.slice(1), {
          what: "rocCurve thresholds (after Infinity)",
        });
        expectGridClose(got.fpr, want.fpr, {
          what: "rocCurve fpr",
          likelyCause:
            "FPR = FP / N: the share of the NEGATIVES flagged at this threshold (score ≥ t).",
        });
        expectGridClose(got.tpr, want.tpr, {
          what: "rocCurve tpr",
          likelyCause:
            "TPR = TP / P: the share of the POSITIVES flagged at this threshold (score ≥ t).",
        });
        const auc = lab.rocAuc(yTrue, scores);
        const rankAuc = mannWhitneyAuc(yTrue, scores);
        let rectangles = 0;
        for (let k = 1; k < want.fpr.length; k++)
          rectangles += (want.fpr[k] - want.fpr[k - 1]) * want.tpr[k - 1];
        expectClose(auc, rankAuc, {
          what: "rocAuc compared with the rank-based AUC P(score⁺ > score⁻) + ½·P(tie)",
          likelyCause: diagnose(auc, [
            {
              value: rectangles,
              cause:
                "Use trapezoids, (tprₖ + tprₖ₋₁)/2 × Δfpr: rectangles ignore the diagonal steps made by ties.",
            },
            {
              value: 1 - rankAuc,
              cause:
                "The area is flipped: is the curve walked from high thresholds to low, with fpr increasing?",
            },
            {
              value: -rankAuc,
              cause:
                "Negative area: the curve runs backwards. Sort thresholds from highest to lowest.",
            },
          ]),
        });
        expectClose(lab.rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75, {
          what: "rocAuc on the docstring example",
        });
        for (const { yTrue, missing, cause } of [
          {
            yTrue: [1, 1, 1],
            missing: "negatives (FPR would be 0/0)",
            cause: "Check that both classes occur and throw an Error otherwise.",
          },
          {
            yTrue: [0, 0, 0],
            missing: "positives (TPR would be 0/0)",
            cause: "Throw unless BOTH classes occur: count the positives AND the negatives.",
          },
        ]) {
          const err = expectThrows(() => lab.rocCurve(yTrue, [0.2, 0.5, 0.9]), {
            what: `rocCurve when yTrue has no ${missing}`,
            likelyCause: cause,
          });
          expectMessageNames(
            err,
            /class|positive|negative/i,
            `rocCurve([${yTrue.join(", ")}], …)`,
            'Say what is wrong, e.g. "rocCurve needs both classes (0 and 1) in yTrue."',
          );
        }
      },
    },
    {
      id: "regression-metrics",
      title: "MSE, MAE and R²",
      points: 2,
      exports: ["regressionMetrics"],
      hints: [
        "All three start from the errors yᵢ − ŷᵢ. R² compares your squared errors with those of a baseline. Which baseline?",
        "MSE = mean of squared errors, MAE = mean of absolute errors, R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² with ȳ the mean of the TRUE values. R² can be negative.",
        "Compute ȳ from yTrue first; then a single loop can accumulate the three sums: squared errors, absolute errors and squared deviations from ȳ. MSE and MAE divide by n; R² is 1 minus the ratio of the squared errors to the squared deviations.",
      ],
      check: (lab) => {
        const random = seededRandom(15);
        const yTrue = Array.from({ length: 30 }, () => 10 + 5 * random());
        const yPred = yTrue.map((y) => y + 2 * (random() - 0.4));
        const errors = yTrue.map((y, i) => y - yPred[i]);
        const sse = errors.reduce((s, e) => s + e * e, 0);
        const yBar = avg(yTrue);
        const sst = yTrue.reduce((s, y) => s + (y - yBar) ** 2, 0);
        const got = lab.regressionMetrics(yTrue, yPred);
        const mse = expectFiniteNumber(got?.mse, { what: "regressionMetrics(...).mse" });
        expectClose(mse, sse / yTrue.length, {
          what: "MSE on 30 values",
          likelyCause: diagnose(mse, [
            {
              value: Math.sqrt(sse / yTrue.length),
              cause: "That is the RMSE: the MSE has no square root.",
            },
            { value: sse, cause: "Divide the sum of squared errors by n." },
          ]),
        });
        const mae = expectFiniteNumber(got.mae, { what: "regressionMetrics(...).mae" });
        expectClose(mae, avg(errors.map(Math.abs)), {
          what: "MAE on 30 values",
          likelyCause: diagnose(mae, [
            {
              value: Math.abs(avg(errors)),
              cause: "Take the absolute value of EACH error before averaging.",
            },
            {
              value: avg(errors),
              cause:
                "Take the absolute value of each error: positive and negative errors must not cancel.",
            },
          ]),
        });
        const r2 = expectFiniteNumber(got.r2, { what: "regressionMetrics(...).r2" });
        const predMean = avg(yPred);
        const pearson =
          yTrue.reduce((s, y, i) => s + (y - yBar) * (yPred[i] - predMean), 0) /
          Math.sqrt(sst * yPred.reduce((s, p) => s + (p - predMean) ** 2, 0));
        expectClose(r2, 1 - sse / sst, {
          what: "R² on 30 values",
          likelyCause: diagnose(r2, [
            {
              value: 1 - sse / yPred.reduce((s, p) => s + (p - predMean) ** 2, 0),
              cause:
                "The baseline is the mean of the TRUE values ȳ: Σ(yᵢ − ȳ)², not the spread of the predictions.",
            },
            {
              value: 1 - sse / yTrue.reduce((s, y) => s + y * y, 0),
              cause: "The baseline predicts the mean ȳ, not 0: subtract ȳ inside Σ(yᵢ − ȳ)².",
            },
            {
              value: pearson * pearson,
              cause:
                "R² here is 1 − SSE/SST, not the squared correlation (they differ for biased predictions).",
            },
          ]),
        });
        const doc = lab.regressionMetrics([1, 2, 3, 4], [2, 2, 3, 2]);
        expectClose(doc?.mse, 1.25, { what: "MSE on the docstring example" });
        expectClose(doc.mae, 0.75, { what: "MAE on the docstring example" });
        expectClose(doc.r2, 0, { what: "R² on the docstring example" });
        const worse = lab.regressionMetrics([1, 2, 3], [3, 2, 1]);
        expectClose(worse?.r2, -3, {
          what: "R² of predictions worse than the mean (y = [1, 2, 3], ŷ = [3, 2, 1])",
          likelyCause:
            "R² = 1 − 8/2 = −3: do not clip it at 0; negative means worse than predicting ȳ.",
        });
      },
    },
    {
      id: "k-fold",
      title: "k-fold cross-validation folds",
      points: 2,
      exports: ["kFoldIndices"],
      hints: [
        "Shuffle the row numbers once, then cut the shuffled list into k pieces. How big is each piece when k does not divide n?",
        "Fisher–Yates with seededRandom(seed); fold f has ⌊n/k⌋ + (f < n % k ? 1 : 0) rows, taken consecutively from the shuffled list; sort each fold.",
        "The check replays the exact shuffle: Fisher–Yates with i from n − 1 down to 1 and j = Math.floor(random() * (i + 1)), one random() call per i. Then walk a start index through the shuffled list: fold f takes the next ⌊n/k⌋ rows, plus one while f < n % k. Sort each fold numerically, not with the default string sort.",
      ],
      check: (lab) => {
        const n = 23;
        const k = 5;
        const got = lab.kFoldIndices(n, k, 3);
        if (!Array.isArray(got) || got.length !== k || !got.every((f) => Array.isArray(f))) {
          fail({
            message: `kFoldIndices(${n}, ${k}, seed) should return ${k} arrays of row numbers.`,
            got: show(got),
          });
        }
        const seen = new Map<number, number>();
        got.forEach((fold) => {
          for (const i of fold) seen.set(i, (seen.get(i) ?? 0) + 1);
        });
        const repeated = [...seen.entries()].find(([, c]) => c > 1);
        expectThat(!repeated, {
          message: `Row ${repeated?.[0]} is in more than one fold: folds must not overlap.`,
          likelyCause:
            "Shuffle ONCE (a permutation, no repeats) and cut the list into consecutive pieces; do not draw rows at random per fold.",
        });
        const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !seen.has(i));
        expectThat(missing.length === 0 && seen.size === n, {
          message: `Some rows are in no fold (e.g. ${missing.slice(0, 3).join(", ")}): every row must be validated exactly once.`,
          likelyCause: "Cover all n rows: the fold sizes must add up to n.",
        });
        const sizes = got.map((f) => f.length);
        expectThat(
          sizes.every((s, f) => s === Math.floor(n / k) + (f < n % k ? 1 : 0)),
          {
            message: "The fold sizes are wrong.",
            expected: "[5, 5, 5, 4, 4] (the first n % k folds get one extra row)",
            got: `[${sizes.join(", ")}]`,
            likelyCause:
              Math.max(...sizes) - Math.min(...sizes) > 1
                ? "Sizes may differ by at most one: do not put the whole remainder in the last fold."
                : "Give the extra rows to the FIRST n % k folds.",
          },
        );
        expectThat(
          got.every((f) => f.every((v, i) => i === 0 || v > f[i - 1])),
          {
            message: "Each fold should list its rows in increasing order.",
            likelyCause:
              "Sort each fold: fold.sort((a, b) => a − b) (a plain sort() compares numbers as text).",
          },
        );
        const want = foldsLoop(n, k, 3);
        expectThat(
          got.every((f, i) => f.every((v, j) => v === want[i][j])),
          {
            message: "The folds are valid but not the ones the seeded shuffle gives.",
            expected: `[${want[0].join(", ")}] for the first fold`,
            got: `[${got[0].join(", ")}]`,
            likelyCause:
              "Shuffle with seededRandom(seed) exactly as described (Fisher–Yates from the end), then cut in order.",
          },
        );
        // Other n, k and seeds (k dividing n, leave-one-out, k = 2) must follow the same recipe.
        for (const [nn, kk, seed] of [
          [12, 4, 1],
          [10, 3, 7],
          [6, 6, 2],
          [15, 2, 9],
        ]) {
          const expected = foldsLoop(nn, kk, seed);
          const have = lab.kFoldIndices(nn, kk, seed);
          expectThat(
            Array.isArray(have) &&
              have.length === kk &&
              expected.every((f, i) => Array.isArray(have[i]) && have[i].join() === f.join()),
            {
              message: `kFoldIndices(${nn}, ${kk}, ${seed}) is not the seeded shuffle cut into ${kk} folds.`,
              expected: expected.map((f) => `[${f.join(", ")}]`).join(" "),
              got: show(have),
            },
          );
        }
        const again = lab.kFoldIndices(n, k, 3);
        const other = lab.kFoldIndices(n, k, 4);
        expectThat(
          again.every((f, i) => f.join() === got[i].join()) &&
            other.some((f, i) => f.join() !== got[i].join()),
          {
            message:
              "kFoldIndices should give the same folds for the same seed and different ones for another seed.",
            likelyCause: "Use seededRandom(seed), not Math.random().",
          },
        );
      },
    },
    {
      id: "cross-val-score",
      title: "Cross-validated scores",
      points: 2,
      exports: ["crossValScore"],
      hints: [
        "For each fold: which rows may the model learn from, and which rows is it judged on?",
        "Training rows = every row NOT in the fold; validation rows = the fold. A fresh makeModel() per fold; score(yTrue of the fold, predictions).",
        "Per fold: put the fold's rows in a Set, keep the other row numbers in increasing order as the training rows, and build a NEW model with makeModel() (reusing one model leaks earlier folds). Select rows of x and y by index for fit, predict the fold's rows, and score them against the fold's true labels.",
      ],
      check: (lab) => {
        const { x, y } = spyData(20, 2, 0);
        const folds = [
          [0, 5, 10, 15],
          [1, 6, 11, 16],
          [2, 7, 12, 17],
          [3, 8, 13, 18],
          [4, 9, 14, 19],
        ];
        const models: SpyModel[] = [];
        const scoreCalls: number[][] = [];
        const spyScore = (yTrue: number[], yPred: number[]) => {
          scoreCalls.push([...yTrue]);
          return negMse(yTrue, yPred);
        };
        const got = lab.crossValScore(
          () => {
            const m = new SpyModel({ slope: 1 });
            models.push(m);
            return m;
          },
          x,
          y,
          folds,
          spyScore,
        );
        expectThat(models.length === folds.length && models.every((m) => m.fitCalls === 1), {
          message: `crossValScore should build a fresh model for each of the ${folds.length} folds and fit it once.`,
          got: `${models.length} model(s) built, fit calls ${models.map((m) => m.fitCalls).join(", ")}`,
          likelyCause: "Call makeModel() inside the loop over folds.",
        });
        folds.forEach((fold, f) => {
          const fitIds = models[f].fitIds;
          const leaked = fitIds.filter((id) => fold.includes(id));
          expectThat(leaked.length === 0, {
            message: `Fold ${f}: its validation rows ${leaked.join(", ")} were in the training data (leakage).`,
            likelyCause:
              fitIds.length === x.length
                ? "You trained on ALL rows: train each fold's model on the rows NOT in that fold."
                : "Train on the rows NOT in the fold.",
          });
          const expectedTrain = x.map((_, i) => i).filter((i) => !fold.includes(i));
          expectThat(
            fitIds.length === expectedTrain.length &&
              expectedTrain.every((id, i) => fitIds[i] === id),
            {
              message: `Fold ${f}: the model was not trained on all the other rows.`,
              expected: `${expectedTrain.length} rows`,
              got: `${fitIds.length} rows: ${fitIds.slice(0, 6).join(", ")}${fitIds.length > 6 ? ", …" : ""}`,
              likelyCause:
                fitIds.length === fold.length
                  ? "You trained on the fold itself: the fold is for VALIDATION."
                  : "Use every row not in the fold, in increasing order.",
            },
          );
          const predicted = models[f].predictCalls.flat();
          expectThat(
            predicted.length === fold.length && fold.every((id, i) => predicted[i] === id),
            {
              message: `Fold ${f}: the model should predict exactly the fold's rows.`,
              got: `predicted rows ${predicted.slice(0, 6).join(", ")}${predicted.length > 6 ? ", …" : ""}`,
              likelyCause: "Score on the validation rows, not on the training rows.",
            },
          );
        });
        const firstCall = scoreCalls[0] ?? [];
        expectThat(
          firstCall.length === folds[0].length && folds[0].every((id, i) => firstCall[i] === y[id]),
          {
            message: "score should be called as score(yTrue of the fold, predictions).",
            likelyCause: "Pass the TRUE labels first, the predictions second.",
          },
        );
        expectGridClose(got, cvLoop({ slope: 1 }, x, y, folds), { what: "crossValScore's scores" });
      },
    },
    {
      id: "grid-search",
      title: "Grid search",
      points: 2,
      exports: ["gridSearch"],
      hints: [
        "Two steps: list all combinations (the Cartesian product), then cross-validate each one with your crossValScore.",
        "Start with [{}]; for each key, replace the list by every partial combination extended with every value of that key. Then mean the fold scores and keep the highest.",
        "flatMap is the tool for the combinations: each partial combination becomes one copy per value of the next key ({ ...partial, [name]: v }), which keeps the first key slowest. Then for each candidate, crossValScore → meanScore; switch the best only on a strictly greater mean, so the first wins a tie.",
      ],
      check: (lab) => {
        const { x, y } = spyData(25, 5, 0);
        const folds = foldsLoop(25, 5, 1);
        const grid = { slope: [0, 0.5, 1, 1.5], shrink: [1, 0.9, 0.8] };
        const combos: Params[] = [];
        for (const slope of grid.slope)
          for (const shrink of grid.shrink) combos.push({ slope, shrink });
        const got = expectOutcome(
          lab.gridSearch((p) => new SpyModel(p), grid, x, y, folds, negMse),
          "gridSearch",
        );
        expectThat(got.results.length === combos.length, {
          message: `gridSearch should try all ${combos.length} combinations (4 slopes × 3 shrinks).`,
          got: `${got.results.length} results`,
          likelyCause:
            "Build the Cartesian product of the value lists, not pairs taken side by side.",
        });
        const order = got.results.map((r) => r.params);
        expectThat(
          combos.every((c, i) => sameParams(order[i], c)),
          {
            message: "gridSearch tried the combinations in the wrong order.",
            expected: `${describeParams(combos[0])}, ${describeParams(combos[1])}, …`,
            got: `${describeParams(order[0])}, ${describeParams(order[1])}, …`,
            likelyCause:
              "The FIRST key varies slowest and the last fastest (like nested loops in key order).",
          },
        );
        combos.forEach((c, i) => {
          const scores = cvLoop(c, x, y, folds);
          expectGridClose(got.results[i].scores, scores, {
            what: `the fold scores of ${describeParams(c)}`,
          });
          expectClose(got.results[i].meanScore, avg(scores), {
            what: `meanScore of ${describeParams(c)}`,
            likelyCause: "meanScore is the mean of the fold scores.",
          });
        });
        const means = combos.map((c) => avg(cvLoop(c, x, y, folds)));
        const bestIndex = means.indexOf(Math.max(...means));
        expectThat(sameParams(got.bestParams, combos[bestIndex]), {
          message: "gridSearch picked the wrong best parameters.",
          expected: describeParams(combos[bestIndex]),
          got: describeParams(got.bestParams),
          likelyCause: sameParams(got.bestParams, combos[means.indexOf(Math.min(...means))])
            ? "You picked the LOWEST mean score: scores are 'higher is better' (use −MSE for errors)."
            : "Keep the candidate with the highest meanScore.",
        });
        expectClose(got.bestScore, means[bestIndex], { what: "gridSearch's bestScore" });
        // A tie: two identical settings; the first must win.
        const tie = expectOutcome(
          lab.gridSearch(
            (p) => new SpyModel({ slope: 1, shrink: 1, tag: p.tag }),
            { tag: [1, 2] },
            x,
            y,
            folds,
            negMse,
          ),
          "gridSearch with a tie",
        );
        expectThat(tie.bestParams?.tag === 1, {
          message: "On a tie, gridSearch should keep the FIRST candidate.",
          got: describeParams(tie.bestParams),
          likelyCause: "Replace the best only when a mean score is strictly greater (>), not ≥.",
        });
        // Three keys, another score function and other folds: all of them must be used.
        const folds3 = foldsLoop(25, 4, 6);
        const grid3 = { slope: [0.5, 1], shrink: [1, 0.9], tag: [1, 2] };
        const combos3: Params[] = [];
        for (const slope of grid3.slope)
          for (const shrink of grid3.shrink)
            for (const tag of grid3.tag) combos3.push({ slope, shrink, tag });
        const got3 = expectOutcome(
          lab.gridSearch((p) => new SpyModel(p), grid3, x, y, folds3, negMae),
          "gridSearch with 3 keys and −MAE",
        );
        expectThat(
          got3.results.length === combos3.length &&
            combos3.every((c, i) => sameParams(got3.results[i]?.params, c)),
          {
            message: "gridSearch with 3 keys tried the wrong combinations (or in the wrong order).",
            expected: `${combos3.slice(0, 3).map(describeParams).join(", ")}, …`,
            got: `${got3.results
              .slice(0, 3)
              .map((r) => describeParams(r.params))
              .join(", ")}, …`,
            likelyCause:
              "Every combination, the FIRST key varying slowest (like nested loops in key order).",
          },
        );
        combos3.forEach((c, i) => {
          const want3 = cvLoop(c, x, y, folds3, negMae);
          const have3 = got3.results[i].scores;
          expectGridClose(have3, want3, {
            what: `the fold scores of ${describeParams(c)} with score = −MAE and 4 folds`,
            likelyCause:
              Array.isArray(have3) &&
              have3.length === want3.length &&
              have3.every((v, f) => Math.abs(v - cvLoop(c, x, y, folds3)[f]) < 1e-9)
                ? "Use the `score` function you are given, not a fixed metric."
                : Array.isArray(have3) && have3.length !== folds3.length
                  ? "Use the `folds` you are given: one score per fold."
                  : undefined,
          });
        });
      },
    },
    {
      id: "random-search",
      title: "Random search",
      points: 2,
      exports: ["randomSearch"],
      hints: [
        "Instead of listing combinations, draw nIter of them. What makes the draws repeatable?",
        "Create random = seededRandom(seed) ONCE, before the loop; each iteration calls every space function (in key order) with that same generator. Then cross-validate each candidate as in gridSearch.",
        "The order of draws is checked: in each iteration, go through Object.entries(space) in key order and set each parameter to draw(random), always with the one generator made before the loop. Collect all nIter candidates, then score them exactly as gridSearch does (a shared helper saves repeating it).",
      ],
      check: (lab) => {
        const { x, y } = spyData(20, 9, 0);
        const folds = foldsLoop(20, 4, 2);
        const space = {
          slope: (random: () => number) => Math.round(20 * random()) / 10,
          shrink: (random: () => number) => 0.8 + 0.2 * random(),
        };
        const random = seededRandom(17);
        const candidates = Array.from({ length: 6 }, () => ({
          slope: space.slope(random),
          shrink: space.shrink(random),
        }));
        const got = expectOutcome(
          lab.randomSearch((p) => new SpyModel(p), space, 6, 17, x, y, folds, negMse),
          "randomSearch",
        );
        expectThat(got.results.length === 6, {
          message: "randomSearch should try exactly nIter = 6 candidates.",
          got: `${got.results.length} results`,
        });
        const drawn = got.results.map((r) => r.params);
        const allSame = drawn.every((p) => sameParams(p, drawn[0]));
        expectThat(
          candidates.every((c, i) => sameParams(drawn[i], c)),
          {
            message: "randomSearch did not draw the expected candidates.",
            expected: `${describeParams(candidates[0])}, ${describeParams(candidates[1])}, …`,
            got: `${describeParams(drawn[0])}, ${describeParams(drawn[1])}, …`,
            likelyCause: allSame
              ? "Every candidate is the same: create seededRandom(seed) ONCE, before the loop, not in each iteration."
              : "Use random = seededRandom(seed) (not Math.random) and call the space functions in key order.",
          },
        );
        const means = candidates.map((c) => avg(cvLoop(c, x, y, folds)));
        const best = means.indexOf(Math.max(...means));
        expectGridClose(
          got.results.map((r) => r.meanScore),
          means,
          { what: "randomSearch's mean scores" },
        );
        expectThat(sameParams(got.bestParams, candidates[best]), {
          message: "randomSearch picked the wrong best candidate.",
          expected: describeParams(candidates[best]),
          got: describeParams(got.bestParams),
          likelyCause: "Keep the highest meanScore (the first on a tie).",
        });
        // Another nIter, seed and score function.
        const random2 = seededRandom(5);
        const candidates2 = Array.from({ length: 3 }, () => ({
          slope: space.slope(random2),
          shrink: space.shrink(random2),
        }));
        const got2 = expectOutcome(
          lab.randomSearch((p) => new SpyModel(p), space, 3, 5, x, y, folds, negMae),
          "randomSearch(…, nIter = 3, seed = 5, …, −MAE)",
        );
        expectThat(
          got2.results.length === 3 &&
            candidates2.every((c, i) => sameParams(got2.results[i]?.params, c)),
          {
            message:
              "randomSearch with nIter = 3 and seed = 5 did not draw the expected candidates.",
            expected: candidates2.map(describeParams).join(", "),
            got: got2.results.map((r) => describeParams(r.params)).join(", "),
            likelyCause:
              "Draw exactly nIter candidates from seededRandom(seed) with the seed you are given.",
          },
        );
        expectGridClose(
          got2.results.map((r) => r.meanScore),
          candidates2.map((c) => avg(cvLoop(c, x, y, folds, negMae))),
          {
            what: "randomSearch's mean scores with score = −MAE",
            likelyCause: "Use the `score` function you are given.",
          },
        );
      },
    },
    {
      id: "final-evaluation",
      title: "Tune on train, test once",
      points: 2,
      exports: ["tuneAndEvaluate"],
      hints: [
        "Which data may the search see? Which model should face the test set, and how many times?",
        "gridSearch on train only → bestParams; fit makeModel(bestParams) on ALL training rows; predict the test rows once with it.",
        "Common mistake: running the search on train + test, or picking parameters by their test score: then the test score is no longer an honest estimate. The test rows are used exactly once, at the very end; cvScore is the search's best mean score, not the test score.",
      ],
      check: (lab) => {
        const train = spyData(30, 21, 0);
        const test = spyData(10, 22, 1000);
        const folds = foldsLoop(30, 5, 4);
        const grid = { slope: [0, 0.5, 1], shrink: [1, 0.8] };
        const models: SpyModel[] = [];
        const got = lab.tuneAndEvaluate(
          (p) => {
            const m = new SpyModel(p);
            models.push(m);
            return m;
          },
          grid,
          train,
          test,
          folds,
          negMse,
        );
        if (!got || typeof got !== "object")
          fail({
            message: "tuneAndEvaluate should return { bestParams, cvScore, testScore, model }.",
            got: show(got),
          });
        const isTest = (id: number) => id >= 1000;
        const trainedOnTest = models.find((m) => m.fitIds.some(isTest));
        expectThat(!trainedOnTest, {
          message: "A model was trained on test rows: the test set leaked into training or tuning.",
          likelyCause: "Run the search and the final fit on train.x / train.y only.",
        });
        const testPredictions = models.flatMap((m) =>
          m.predictCalls.filter((ids) => ids.some(isTest)),
        );
        expectThat(testPredictions.length === 1, {
          message: `The test set was predicted ${testPredictions.length} times; it must be used exactly once, at the very end.`,
          likelyCause:
            testPredictions.length > 1
              ? "Tuning on the test set: choose the parameters by cross-validation on the TRAINING rows, then evaluate the chosen model on test once."
              : "Predict test.x once with the final model and score it.",
        });
        const combos: Params[] = [];
        for (const slope of grid.slope)
          for (const shrink of grid.shrink) combos.push({ slope, shrink });
        const means = combos.map((c) => avg(cvLoop(c, train.x, train.y, folds)));
        const best = combos[means.indexOf(Math.max(...means))];
        expectThat(sameParams(got.bestParams, best), {
          message: "tuneAndEvaluate chose the wrong parameters.",
          expected: describeParams(best),
          got: describeParams(got.bestParams),
          likelyCause:
            "Choose by the mean CROSS-VALIDATION score on the training rows (gridSearch).",
        });
        expectClose(got.cvScore, Math.max(...means), { what: "cvScore (the best mean CV score)" });
        const final = got.model as unknown;
        const finalSpy = models.find((m) => m === final);
        expectThat(!!finalSpy && finalSpy.fitIds.length === train.x.length, {
          message:
            "The returned model must be refitted on ALL training rows with the best parameters.",
          got: finalSpy
            ? `fitted on ${finalSpy.fitIds.length} of ${train.x.length} training rows`
            : "a model that was not built by makeModel",
          likelyCause:
            "After the search, build makeModel(bestParams) and fit it on train.x, train.y (not a model from one of the folds).",
        });
        expectThat(!!finalSpy && finalSpy.predictCalls.some((ids) => ids.some(isTest)), {
          message: "The test score must come from the returned (refitted) model.",
          likelyCause: "Predict test.x with the refitted model.",
        });
        const reference = new SpyModel(best).fit(train.x, train.y);
        expectClose(got.testScore, negMse(test.y, reference.predict(test.x)), {
          what: "testScore",
          likelyCause: "testScore = score(test.y, model.predict(test.x)) with the refitted model.",
        });
      },
    },
  ],
});
