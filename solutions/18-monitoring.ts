/**
 * Lab 18 — Monitoring and retraining: your exercises.
 *
 * Work through `notebooks/18-monitoring.ipynb`; it tells you when to fill in each function
 * below. Replace each `return todo();` with your code, then run the notebook's check cell or
 * `npm run labs -- check 18`.
 *
 * Conventions used throughout:
 *   reference: a feature's values in the data the model was trained on (never changed).
 *   current:   the same feature in a batch of production traffic.
 *   A model is anything with fit(x, y) and predict(x) (the course's Predictor interface).
 *   Drift statistics are checked against values computed by scipy (see the notebook).
 */
import { ksPValue } from "../src/ml/drift";
import type { Predictor } from "../src/ml/estimator";
// stub: import { todo } from "../src/grading/todo";

/** How worried a PSI value should make you. */
export type PsiLevel = "stable" | "moderate" | "major";

/** Rows and labels. */
export interface LabelledData {
  x: number[][];
  y: number[];
}

/**
 * The fraction of positions where yPred equals yTrue. (Given.)
 * @example accuracy([0, 1, 1], [0, 1, 0]) → 2/3
 */
export function accuracy(yTrue: number[], yPred: number[]): number {
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/**
 * Exercise 1 — bins from the REFERENCE data.
 *
 * quantileBinEdges: the bins − 1 interior edges that cut the reference into `bins` groups of
 *   (nearly) equal size: the quantiles at q = 1/bins, 2/bins, …, (bins − 1)/bins, each by
 *   linear interpolation (numpy's default): with the values sorted ascending as s,
 *   h = (n − 1)·q, quantile = s[⌊h⌋] + (h − ⌊h⌋)·(s[⌊h⌋ + 1] − s[⌊h⌋]).
 *   Sort a COPY (numerically): never reorder the caller's array.
 * TODO: e.g. quantileBinEdges([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5) → [2, 4, 6, 8]
 *            quantileBinEdges([1, 2, 3, 4], 2) → [2.5]
 */
export function quantileBinEdges(reference: number[], bins = 10): number[] {
  // BEGIN SOLUTION
  const s = [...reference].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const h = (s.length - 1) * (k / bins);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, s.length - 1);
    edges.push(s[lo] + (h - lo) * (s[hi] - s[lo]));
  }
  return edges;
  // END SOLUTION
}

/**
 * binShares: the share of `values` in each of the edges.length + 1 bins. Bin 0 is everything
 *   below edges[0], bin i is [edges[i − 1], edges[i]), the last bin is everything from the last
 *   edge up. So a value EQUAL to an edge goes to the bin above it, and values outside the
 *   reference's range still land in the first or last bin. The shares sum to 1.
 * TODO: e.g. binShares([0, 2, 2, 5, 9], [2, 4, 6, 8]) → [0.2, 0.4, 0.2, 0, 0.2]
 */
export function binShares(values: number[], edges: number[]): number[] {
  // BEGIN SOLUTION
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let bin = 0;
    while (bin < edges.length && edges[bin] <= v) bin++;
    counts[bin]++;
  }
  return counts.map((c) => c / values.length);
  // END SOLUTION
}

/**
 * Exercise 2 — the Population Stability Index.
 *
 * TODO: edges = quantileBinEdges(REFERENCE, bins) (the current batch must be judged on the
 *   reference's bins, never its own), r = binShares(reference, edges), c = binShares(current,
 *   edges); replace any share that is exactly 0 by `epsilon` (ln 0 would be −∞), then
 *   PSI = Σᵢ (cᵢ − rᵢ)·ln(cᵢ / rᵢ)   (natural log).
 *   Defaults: bins = 10, epsilon = 1e-4.
 *   e.g. psi(reference, reference) → 0; reference = 0 … 99, current = 50 … 99 (its top half)
 *   → shares r = [0.1 × 10], c = [0 × 5, 0.2 × 5] → 5·(1e-4 − 0.1)·ln(1e-4/0.1) + 5·0.1·ln 2 ≈ 3.80
 */
export function psi(
  reference: number[],
  current: number[],
  options: { bins?: number; epsilon?: number } = {},
): number {
  // BEGIN SOLUTION
  const { bins = 10, epsilon = 1e-4 } = options;
  const edges = quantileBinEdges(reference, bins);
  const r = binShares(reference, edges);
  const c = binShares(current, edges);
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] === 0 ? epsilon : r[i];
    const ci = c[i] === 0 ? epsilon : c[i];
    total += (ci - ri) * Math.log(ci / ri);
  }
  return total;
  // END SOLUTION
}

/**
 * psiLevel: the usual reading of a PSI value: below 0.1 "stable", from 0.1 up to and including
 *   0.25 "moderate", above 0.25 "major".
 * TODO: e.g. psiLevel(0.05) → "stable", psiLevel(0.1) → "moderate", psiLevel(0.3) → "major"
 */
export function psiLevel(value: number): PsiLevel {
  // BEGIN SOLUTION
  if (value < 0.1) return "stable";
  if (value <= 0.25) return "moderate";
  return "major";
  // END SOLUTION
}

/**
 * Exercise 3 — the two-sample Kolmogorov–Smirnov statistic.
 *
 * D = the largest vertical gap between the two empirical CDFs, max over x of |F_a(x) − F_b(x)|,
 * where F_a(x) = (number of values in a that are ≤ x) / a.length.
 * TODO: sort COPIES of a and b (numerically), then walk through both in order. At each distinct
 *   value v, first move past EVERY copy of v in both samples, then compare the two fractions
 *   seen so far. (Comparing in the middle of a run of ties gives gaps that do not exist.)
 *   e.g. ksStatistic([1, 2, 3], [1, 2, 3]) → 0;  ksStatistic([1, 2], [3, 4]) → 1;
 *        ksStatistic([3, 1, 2, 2], [2, 2, 5]) → 1/3   (at 3: F_a = 1, F_b = 2/3)
 */
export function ksStatistic(a: number[], b: number[]): number {
  // BEGIN SOLUTION
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
  // END SOLUTION
}

/**
 * Exercise 4 — the KS test as a drift alarm.
 *
 * TODO: statistic = ksStatistic(reference, current); pValue = ksPValue(statistic,
 *   reference.length, current.length) (given, imported from src/ml/drift: the exact
 *   two-sided p-value, as scipy.stats.ks_2samp computes it); drift = pValue < alpha
 *   (default alpha = 0.05, Evidently's default for small data).
 *   e.g. ksTest([1, 2, 3, 4], [5, 6, 7, 8]) → { statistic: 1, pValue: 2/70 ≈ 0.0286, drift: true }
 */
export function ksTest(
  reference: number[],
  current: number[],
  alpha = 0.05,
): { statistic: number; pValue: number; drift: boolean } {
  // BEGIN SOLUTION
  const statistic = ksStatistic(reference, current);
  const pValue = ksPValue(statistic, reference.length, current.length);
  return { statistic, pValue, drift: pValue < alpha };
  // END SOLUTION
}

/**
 * Exercise 5 — the Jensen–Shannon distance.
 *
 * jensenShannonDistance: p and q are non-negative weights over the same bins (counts or
 *   shares); normalise each to sum 1, let m = (p + q)/2, then
 *   divergence = ½·KL(p‖m) + ½·KL(q‖m),  KL(p‖m) = Σ pᵢ·log₂(pᵢ/mᵢ) (terms with pᵢ = 0 are 0),
 *   distance = √divergence.   Base 2 keeps it in [0, 1] (scipy's jensenshannon(p, q, base=2)).
 * TODO: e.g. jensenShannonDistance([1, 0], [0, 1]) → 1;  ([0.5, 0.5], [0.5, 0.5]) → 0;
 *   ([1, 1, 0], [0, 1, 1]) → √0.5 ≈ 0.7071
 */
export function jensenShannonDistance(p: number[], q: number[]): number {
  // BEGIN SOLUTION
  const sp = p.reduce((s, v) => s + v, 0);
  const sq = q.reduce((s, v) => s + v, 0);
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / sp;
    const qi = q[i] / sq;
    const mi = (pi + qi) / 2;
    if (pi > 0) divergence += 0.5 * pi * Math.log2(pi / mi);
    if (qi > 0) divergence += 0.5 * qi * Math.log2(qi / mi);
  }
  return Math.sqrt(Math.max(0, divergence));
  // END SOLUTION
}

/**
 * jsDrift: the Jensen–Shannon distance between the reference's and the current batch's shares
 *   on the REFERENCE's quantile bins (quantileBinEdges(reference, bins), default 10 bins; no
 *   epsilon needed), and drift = distance ≥ threshold (default 0.1, Evidently's).
 * TODO: e.g. jsDrift(reference, reference) → { distance: 0, drift: false }
 */
export function jsDrift(
  reference: number[],
  current: number[],
  options: { bins?: number; threshold?: number } = {},
): { distance: number; drift: boolean } {
  // BEGIN SOLUTION
  const { bins = 10, threshold = 0.1 } = options;
  const edges = quantileBinEdges(reference, bins);
  const distance = jensenShannonDistance(binShares(reference, edges), binShares(current, edges));
  return { distance, drift: distance >= threshold };
  // END SOLUTION
}

/**
 * Exercise 6 — rolling accuracy over a stream of batches.
 *
 * yTrue[t] and yPred[t] are the labels and predictions of batch t (batches may differ in size).
 * TODO: for every batch t, the accuracy over the last `window` batches up to and including t
 *   (batches max(0, t − window + 1) … t), POOLED: all correct predictions in those batches
 *   divided by all their rows (not the mean of the per-batch accuracies: a batch of 10 rows
 *   must not weigh as much as one of 200).
 *   e.g. yTrue = [[1, 1], [0, 0, 0, 0], [1, 1]], yPred = [[1, 1], [0, 0, 1, 1], [0, 0]],
 *   window = 2 → [2/2, (2 + 2)/6, (2 + 0)/6] = [1, 0.667, 0.333]
 */
export function rollingAccuracy(yTrue: number[][], yPred: number[][], window: number): number[] {
  // BEGIN SOLUTION
  const correct = yTrue.map((batch, t) => batch.filter((v, i) => v === yPred[t][i]).length);
  return yTrue.map((_, t) => {
    let hits = 0;
    let rows = 0;
    for (let s = Math.max(0, t - window + 1); s <= t; s++) {
      hits += correct[s];
      rows += yTrue[s].length;
    }
    return hits / rows;
  });
  // END SOLUTION
}

/** What challengeChampion decided. */
export interface ChallengeResult {
  /** true when the challenger replaced the champion. */
  promoted: boolean;
  /** The model to serve from now on: the challenger if promoted, else the old champion. */
  model: Predictor;
  /** The freshly trained challenger (served only if promoted). */
  challenger: Predictor;
  /** Both models' accuracy on the SAME fixed evaluation set. */
  championAccuracy: number;
  challengerAccuracy: number;
}

/**
 * Exercise 7 — champion vs challenger.
 *
 * TODO: train a challenger = makeModel() on the `recent` rows (fit(recent.x, recent.y)); score
 *   BOTH the champion and the challenger with accuracy on the fixed `evaluation` set — never
 *   on the challenger's own training rows, which it has already seen — and promote the
 *   challenger only if its accuracy is higher than the champion's by MORE than `minGain`
 *   (default 0: strictly better; a tie keeps the champion, which is known to work).
 *   Return { promoted, model, challenger, championAccuracy, challengerAccuracy }.
 */
export function challengeChampion(
  champion: Predictor,
  makeModel: () => Predictor,
  recent: LabelledData,
  evaluation: LabelledData,
  minGain = 0,
): ChallengeResult {
  // BEGIN SOLUTION
  const challenger = makeModel().fit(recent.x, recent.y);
  const championAccuracy = accuracy(evaluation.y, champion.predict(evaluation.x));
  const challengerAccuracy = accuracy(evaluation.y, challenger.predict(evaluation.x));
  const promoted = challengerAccuracy > championAccuracy + minGain;
  return {
    promoted,
    model: promoted ? challenger : champion,
    challenger,
    championAccuracy,
    challengerAccuracy,
  };
  // END SOLUTION
}

/** Settings of the monitoring loop. */
export interface MonitorOptions {
  /** The model serving at the start. */
  champion: Predictor;
  /** A fresh, unfitted model of the kind to retrain. */
  makeModel: () => Predictor;
  /** The feature (column of x) to watch for drift. */
  feature: number;
  /** That feature's values in the champion's training data. */
  reference: number[];
  /** The fixed, labelled evaluation set both models are compared on. */
  evaluation: LabelledData;
  /** Batches in the rolling accuracy and in the retraining data (default 3). */
  window?: number;
  /** Retrain when PSI is above this (default 0.25: "major"). */
  psiThreshold?: number;
  /** …or when the rolling accuracy is below this (default 0.85). */
  accuracyThreshold?: number;
}

/** One line of the monitoring log, for batch number `batch`. */
export interface MonitorRecord {
  batch: number;
  /** The serving model's accuracy on this batch. */
  accuracy: number;
  /** Pooled accuracy over this batch and the previous ones served by the same model (≤ window). */
  rollingAccuracy: number;
  /** PSI of this batch's feature against the current reference. */
  psi: number;
  /** Whether a retraining was triggered after this batch. */
  retrained: boolean;
  /** Whether the challenger was promoted. */
  promoted: boolean;
}

/**
 * Exercise 8 — the monitoring loop with a retraining trigger.
 *
 * TODO: serve the batches in order. For each batch t (labels arrive with it):
 *   1. predict batch.x with the CURRENT model; accuracy = accuracy on this batch;
 *   2. rollingAccuracy = pooled accuracy over the last `window` batches served by the current
 *      model (batches from before a promotion do not count: the new model did not serve them);
 *   3. psi = psi(reference, this batch's column `feature`) with the CURRENT reference;
 *   4. trigger when psi > psiThreshold OR rollingAccuracy < accuracyThreshold. Then
 *      recent = the rows and labels of the last `window` batches (t − window + 1 … t, fewer at
 *      the start), and challengeChampion(current, makeModel, recent, evaluation).
 *      If promoted: serve the new model from batch t + 1, make `reference` the feature's
 *      values in `recent` (what the new model was trained on), and start its rolling
 *      window afresh.
 *   Return one MonitorRecord per batch.
 */
export function runMonitoring(batches: LabelledData[], options: MonitorOptions): MonitorRecord[] {
  // BEGIN SOLUTION
  const { window = 3, psiThreshold = 0.25, accuracyThreshold = 0.85 } = options;
  let model = options.champion;
  let reference = options.reference;
  let servedSince = 0; // first batch served by the current model
  const hits: number[] = [];
  const records: MonitorRecord[] = [];
  batches.forEach((batch, t) => {
    const predictions = model.predict(batch.x);
    hits.push(batch.y.filter((v, i) => v === predictions[i]).length);
    let correct = 0;
    let rows = 0;
    for (let s = Math.max(servedSince, t - window + 1); s <= t; s++) {
      correct += hits[s];
      rows += batches[s].y.length;
    }
    const rolling = correct / rows;
    const drift = psi(
      reference,
      batch.x.map((row) => row[options.feature]),
    );
    const retrained = drift > psiThreshold || rolling < accuracyThreshold;
    let promoted = false;
    if (retrained) {
      const window_ = batches.slice(Math.max(0, t - window + 1), t + 1);
      const recent = { x: window_.flatMap((b) => b.x), y: window_.flatMap((b) => b.y) };
      const result = challengeChampion(model, options.makeModel, recent, options.evaluation);
      promoted = result.promoted;
      if (promoted) {
        model = result.model;
        reference = recent.x.map((row) => row[options.feature]);
        servedSince = t + 1;
      }
    }
    records.push({
      batch: t,
      accuracy: hits[t] / batch.y.length,
      rollingAccuracy: rolling,
      psi: drift,
      retrained,
      promoted,
    });
  });
  return records;
  // END SOLUTION
}
