/**
 * Lab 10 — Evaluation and tuning: your exercises.
 *
 * Work through `notebooks/10-evaluation-tuning.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 10`.
 *
 * Conventions used throughout:
 *   yTrue / yPred: number[] with one label (or value) per row; classes are 0 … nClasses−1.
 *   A score function (yTrue, yPred) => number is "higher is better" (use −MSE for errors).
 *   A model is anything with fit(x, y) and predict(x) (the course's Predictor interface).
 */
import { seededRandom } from "../src/data/random";
import type { Predictor } from "../src/ml/estimator";
// stub: import { todo } from "../src/grading/todo";

/** A score: higher is better, e.g. accuracy or −MSE. */
export type ScoreFunction = (yTrue: number[], yPred: number[]) => number;

/** Hyperparameters by name, e.g. { k: 5, p: 2 }. */
export type Params = Record<string, number>;

/** Builds a fresh, unfitted model from hyperparameters. */
export type ModelFactory = (params: Params) => Predictor;

/** One tried setting of the hyperparameters and its cross-validation scores. */
export interface SearchResult {
  params: Params;
  /** One score per fold. */
  scores: number[];
  meanScore: number;
}

/** What a search returns: every candidate, and the best one (highest mean score). */
export interface SearchOutcome {
  bestParams: Params;
  bestScore: number;
  results: SearchResult[];
}

/**
 * The fixed CV folds (datasets/splits/cv5_folds.json) cover ALL rows of a dataset. Keeps only
 * the rows in `rows` (e.g. a split's training rows, as dataset row numbers) and renumbers
 * them as positions in `rows`. (Given.)
 * @example foldsWithin([[0, 3], [1, 2]], [3, 1, 0]) → [[1, 2], [0]]   (row 3 is position 0 …)
 */
export function foldsWithin(folds: number[][], rows: number[]): number[][] {
  const position = new Map(rows.map((row, i) => [row, i] as const));
  return folds.map((fold) =>
    fold
      .filter((row) => position.has(row))
      .map((row) => position.get(row) as number)
      .sort((a, b) => a - b),
  );
}

/** The mean of some numbers. (Given.) */
export function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * Exercise 1 — the confusion matrix.
 *
 * TODO: counts[t][p] = number of rows whose TRUE class is t and PREDICTED class is p
 *   (rows: truth, columns: prediction), an nClasses × nClasses matrix.
 *   e.g. yTrue = [0, 0, 1, 1, 1], yPred = [0, 1, 1, 1, 0], nClasses = 2  →  [[1, 1], [1, 2]]
 */
export function confusionMatrix(yTrue: number[], yPred: number[], nClasses: number): number[][] {
  // BEGIN SOLUTION
  const counts = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  yTrue.forEach((t, i) => {
    counts[t][yPred[i]]++;
  });
  return counts;
  // END SOLUTION
}

/**
 * Exercise 2 — precision, recall and F1 for one class, and the macro-averaged F1.
 *
 * For the `positive` class: TP = predicted positive and truly positive, FP = predicted
 * positive but not, FN = truly positive but predicted otherwise.
 *   precision = TP / (TP + FP)   "of what I flagged, how much was right?"
 *   recall    = TP / (TP + FN)   "of what was there, how much did I find?"
 *   F1        = 2·precision·recall / (precision + recall)   (the harmonic mean)
 * A 0/0 counts as 0 (as scikit-learn's zero_division=0).
 * TODO: e.g. yTrue = [1, 1, 1, 0, 0], yPred = [1, 0, 0, 1, 0], positive = 1: TP 1, FP 1, FN 2
 *   →  { precision: 0.5, recall: 1/3, f1: 0.4 }
 */
export function precisionRecallF1(
  yTrue: number[],
  yPred: number[],
  positive = 1,
): { precision: number; recall: number; f1: number } {
  // BEGIN SOLUTION
  let tp = 0;
  let fp = 0;
  let fn = 0;
  yTrue.forEach((t, i) => {
    const p = yPred[i];
    if (p === positive && t === positive) tp++;
    else if (p === positive) fp++;
    else if (t === positive) fn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
  // END SOLUTION
}

/**
 * macroF1: the plain mean over classes 0 … nClasses−1 of each class's F1 (each class in turn
 * is the positive one). Every class counts equally, however rare.
 * TODO: e.g. yTrue = [0, 0, 1, 2], yPred = [0, 1, 1, 2], nClasses = 3: F1 per class
 *   [2/3, 2/3, 1]  →  7/9 ≈ 0.778
 */
export function macroF1(yTrue: number[], yPred: number[], nClasses: number): number {
  // BEGIN SOLUTION
  const perClass = Array.from(
    { length: nClasses },
    (_, c) => precisionRecallF1(yTrue, yPred, c).f1,
  );
  return mean(perClass);
  // END SOLUTION
}

/**
 * Exercise 3 — the ROC curve and the area under it.
 *
 * rocCurve: labels yTrue ∈ {0, 1} and scores (higher = more likely positive). For each
 *   threshold t, predict positive when score ≥ t; the point is (FPR, TPR) = (FP/N, TP/P).
 *   Thresholds: Infinity first (nothing flagged: the point (0, 0)), then every DISTINCT score
 *   from the highest to the lowest (the last flags everything: (1, 1)). Tied scores are one
 *   threshold, so they move the curve diagonally in one step.
 * TODO: return { fpr, tpr, thresholds } (same lengths). Throw if a class is missing.
 *   e.g. yTrue = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8]
 *   → thresholds [Infinity, 0.8, 0.4, 0.35, 0.1], fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1]
 */
export function rocCurve(
  yTrue: number[],
  scores: number[],
): { fpr: number[]; tpr: number[]; thresholds: number[] } {
  // BEGIN SOLUTION
  const positives = yTrue.filter((t) => t === 1).length;
  const negatives = yTrue.length - positives;
  if (positives === 0 || negatives === 0)
    throw new Error("rocCurve needs both classes (0 and 1) in yTrue.");
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Number.POSITIVE_INFINITY];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (yTrue[i] === 1) tp++;
    else fp++;
    // Emit a point only after the LAST row with this score: ties form one threshold.
    if (k === order.length - 1 || scores[order[k + 1]] !== scores[i]) {
      thresholds.push(scores[i]);
      fpr.push(fp / negatives);
      tpr.push(tp / positives);
    }
  }
  return { fpr, tpr, thresholds };
  // END SOLUTION
}

/**
 * rocAuc: the area under rocCurve(yTrue, scores) by the trapezoidal rule,
 *   Σₖ (fprₖ − fprₖ₋₁) · (tprₖ + tprₖ₋₁) / 2.
 * TODO: e.g. the example above  →  0.75.  A perfect ranking gives 1, a random one about 0.5.
 */
export function rocAuc(yTrue: number[], scores: number[]): number {
  // BEGIN SOLUTION
  const { fpr, tpr } = rocCurve(yTrue, scores);
  let area = 0;
  for (let k = 1; k < fpr.length; k++) area += ((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1])) / 2;
  return area;
  // END SOLUTION
}

/**
 * Exercise 4 — regression metrics.
 *
 *   MSE = mean of (yᵢ − ŷᵢ)²,   MAE = mean of |yᵢ − ŷᵢ|,
 *   R²  = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)²   with ȳ the mean of the TRUE values.
 * R² compares the model with the baseline "always predict ȳ": 1 is perfect, 0 is no better
 * than the baseline, and it is negative when the model is worse.
 * TODO: e.g. yTrue = [1, 2, 3, 4], yPred = [2, 2, 3, 2]: errors [−1, 0, 0, 2]
 *   →  { mse: 1.25, mae: 0.75, r2: 1 − 5/5 = 0 }
 */
export function regressionMetrics(
  yTrue: number[],
  yPred: number[],
): { mse: number; mae: number; r2: number } {
  // BEGIN SOLUTION
  const n = yTrue.length;
  const yBar = mean(yTrue);
  let sse = 0;
  let sae = 0;
  let sst = 0;
  yTrue.forEach((y, i) => {
    sse += (y - yPred[i]) ** 2;
    sae += Math.abs(y - yPred[i]);
    sst += (y - yBar) ** 2;
  });
  return { mse: sse / n, mae: sae / n, r2: 1 - sse / sst };
  // END SOLUTION
}

/**
 * Exercise 5 — k-fold cross-validation folds.
 *
 * TODO: shuffle the row numbers 0 … n−1 with Fisher–Yates and random = seededRandom(seed)
 *   (for i from n−1 down to 1: j = Math.floor(random() · (i + 1)); swap), then cut the
 *   shuffled list into k consecutive folds. Sizes differ by at most one: the first n % k
 *   folds get ⌈n/k⌉ rows, the others ⌊n/k⌋. Return the k VALIDATION index lists, each
 *   sorted ascending. Every row is in exactly one fold.
 *   e.g. n = 7, k = 3  →  three folds of sizes 3, 2, 2 (which rows depends on the seed)
 */
export function kFoldIndices(n: number, k: number, seed: number): number[][] {
  // BEGIN SOLUTION
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const folds: number[][] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    folds.push(order.slice(start, start + size).sort((a, b) => a - b));
    start += size;
  }
  return folds;
  // END SOLUTION
}

/**
 * Exercise 6 — cross-validated scores.
 *
 * TODO: for each fold (a list of validation rows): train a FRESH model from makeModel() on all
 *   OTHER rows (in increasing row order), predict the fold's rows, and score them with
 *   score(yTrueOfFold, predictions). Return one score per fold, in fold order.
 *   The validation rows must never be part of that fold's training data.
 */
export function crossValScore(
  makeModel: () => Predictor,
  x: number[][],
  y: number[],
  folds: number[][],
  score: ScoreFunction,
): number[] {
  // BEGIN SOLUTION
  return folds.map((validation) => {
    const held = new Set(validation);
    const train = x.map((_, i) => i).filter((i) => !held.has(i));
    const model = makeModel();
    model.fit(
      train.map((i) => x[i]),
      train.map((i) => y[i]),
    );
    const predictions = model.predict(validation.map((i) => x[i]));
    return score(
      validation.map((i) => y[i]),
      predictions,
    );
  });
  // END SOLUTION
}

/**
 * Exercise 7 — grid search: try every combination, keep the best mean CV score.
 *
 * TODO: build every combination of the values in `grid` (the FIRST key varies slowest, the
 *   last fastest). For each, scores = crossValScore(() => makeModel(params), x, y, folds, score);
 *   push { params, scores, meanScore: mean(scores) } to results. The best is the highest
 *   meanScore (the first one on a tie).
 *   e.g. grid { k: [1, 3], p: [1, 2] } tries { k: 1, p: 1 }, { k: 1, p: 2 }, { k: 3, p: 1 }, { k: 3, p: 2 }
 */
export function gridSearch(
  makeModel: ModelFactory,
  grid: Record<string, number[]>,
  x: number[][],
  y: number[],
  folds: number[][],
  score: ScoreFunction,
): SearchOutcome {
  // BEGIN SOLUTION
  let combinations: Params[] = [{}];
  for (const [name, values] of Object.entries(grid)) {
    combinations = combinations.flatMap((partial) =>
      values.map((v) => ({ ...partial, [name]: v })),
    );
  }
  return searchOver(combinations, makeModel, x, y, folds, score);
  // END SOLUTION
}

// BEGIN SOLUTION-ONLY
/** Cross-validates each candidate and picks the highest mean score (first on a tie). */
function searchOver(
  candidates: Params[],
  makeModel: ModelFactory,
  x: number[][],
  y: number[],
  folds: number[][],
  score: ScoreFunction,
): SearchOutcome {
  const results = candidates.map((params) => {
    const scores = crossValScore(() => makeModel(params), x, y, folds, score);
    return { params, scores, meanScore: mean(scores) };
  });
  let best = results[0];
  for (const r of results) if (r.meanScore > best.meanScore) best = r;
  return { bestParams: best.params, bestScore: best.meanScore, results };
}
// END SOLUTION-ONLY
/**
 * Exercise 8 — random search: sample the candidates instead of trying them all.
 *
 * `space` gives, for each hyperparameter, a function that draws a value from a generator,
 * e.g. { k: (random) => 1 + Math.floor(random() * 30) }.
 * TODO: random = seededRandom(seed), created ONCE. nIter times: draw params by calling each
 *   space function in the key order of `space` with that same generator, then score them as
 *   in gridSearch. Return the same { bestParams, bestScore, results } (highest mean wins,
 *   first on a tie).
 */
export function randomSearch(
  makeModel: ModelFactory,
  space: Record<string, (random: () => number) => number>,
  nIter: number,
  seed: number,
  x: number[][],
  y: number[],
  folds: number[][],
  score: ScoreFunction,
): SearchOutcome {
  // BEGIN SOLUTION
  const random = seededRandom(seed);
  const candidates: Params[] = [];
  for (let it = 0; it < nIter; it++) {
    const params: Params = {};
    for (const [name, draw] of Object.entries(space)) params[name] = draw(random);
    candidates.push(params);
  }
  return searchOver(candidates, makeModel, x, y, folds, score);
  // END SOLUTION
}

/**
 * Exercise 9 — the whole protocol: tune on the training set, touch the test set once.
 *
 * TODO: 1. gridSearch on the TRAINING rows only (train.x, train.y, with `folds`, which number
 *          the training rows);
 *       2. refit a fresh makeModel(bestParams) on ALL training rows;
 *       3. predict the test rows ONCE with that model and score them.
 *   Return { bestParams, cvScore (the best mean CV score), testScore, model (the refitted one) }.
 */
export function tuneAndEvaluate(
  makeModel: ModelFactory,
  grid: Record<string, number[]>,
  train: { x: number[][]; y: number[] },
  test: { x: number[][]; y: number[] },
  folds: number[][],
  score: ScoreFunction,
): { bestParams: Params; cvScore: number; testScore: number; model: Predictor } {
  // BEGIN SOLUTION
  const search = gridSearch(makeModel, grid, train.x, train.y, folds, score);
  const model = makeModel(search.bestParams);
  model.fit(train.x, train.y);
  const testScore = score(test.y, model.predict(test.x));
  return { bestParams: search.bestParams, cvScore: search.bestScore, testScore, model };
  // END SOLUTION
}
