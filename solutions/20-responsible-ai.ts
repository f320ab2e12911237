/**
 * Lab 20 — Responsible AI: your exercises.
 *
 * Work through `notebooks/20-responsible-ai.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 20`.
 *
 * Conventions used throughout:
 *   yTrue / yPred: number[] of 0/1, one per row; 1 is the favourable outcome (here: released
 *     with a summons), so a "selection" is a prediction of 1.
 *   groups: string[], one group label per row (e.g. "Black", "White"). Results keyed by group
 *     list the groups in sorted order (use groupNames).
 *   scores: number[], the model's probability of class 1 for each row.
 *   A 0/0 rate counts as 0 (as scikit-learn's zero_division=0).
 */
import { loadFixedSplit, shuffled, trainTestSplit } from "../src/data";
import { seededRandom } from "../src/data/random";
import type { Classifier } from "../src/ml/estimator";
import { LogisticRegression } from "../src/ml/logistic-regression";
import { StandardScaledModel } from "../src/ml/scaled-model";
// stub: import { todo } from "../src/grading/todo";

/** One part of the data: features, labels and the group of each row. */
export interface GroupedData {
  x: number[][];
  y: number[];
  groups: string[];
}

/** Rows scored by a model: probabilities, true labels and groups (no features needed). */
export interface ScoredData {
  scores: number[];
  y: number[];
  groups: string[];
}

/** Per-group rates of a classifier. */
export interface GroupRates {
  /** Rows in the group. */
  n: number;
  /** Share of the group PREDICTED 1: P(ŷ = 1 | group). */
  selectionRate: number;
  /** True positive rate: P(ŷ = 1 | y = 1, group). */
  tpr: number;
  /** False positive rate: P(ŷ = 1 | y = 0, group). */
  fpr: number;
}

/** A model we can audit: it gives class probabilities (column 1 = p(y = 1)). */
export type ModelFactory = () => Classifier;

/** The distinct group labels, sorted. (Given.) */
export function groupNames(groups: string[]): string[] {
  return [...new Set(groups)].sort();
}

/** The share of positions where yPred equals yTrue. (Given.) */
export function accuracyOf(yTrue: number[], yPred: number[]): number {
  let right = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) right++;
  return right / yTrue.length;
}

/** The model features of lab 20, in this order; colour is NOT one of them. (Given.) */
export const ARREST_FEATURES = ["year", "age", "checks", "sex_Male", "employed_Yes", "citizen_Yes"];

/**
 * The Toronto arrests data (carData::Arrests) on its fixed split: features ARREST_FEATURES,
 * y = 1 when the person was released with a summons, groups = recorded colour ("Black" or
 * "White"), kept out of the features. (Given.)
 */
export function loadArrests(): { featureNames: string[]; train: GroupedData; test: GroupedData } {
  const { train, test } = loadFixedSplit("arrests", { categorical: "onehot" });
  const columns = ARREST_FEATURES.map((name) => train.featureNames.indexOf(name));
  const black = train.featureNames.indexOf("colour_Black");
  const part = (d: typeof train): GroupedData => ({
    x: d.x.map((row) => columns.map((j) => row[j])),
    y: d.y.slice(),
    groups: d.x.map((row) => (row[black] === 1 ? "Black" : "White")),
  });
  return { featureNames: ARREST_FEATURES.slice(), train: part(train), test: part(test) };
}

/**
 * Splits a part into fit and validation rows (stratified by label, seeded), e.g. the
 * training rows into rows to fit the model and rows to choose thresholds on. (Given.)
 */
export function splitValidation(
  data: GroupedData,
  validFraction: number,
  seed: number,
): { fit: GroupedData; valid: GroupedData } {
  const s = trainTestSplit(data.x, data.y, { testSize: validFraction, seed, stratify: true });
  const take = (idx: number[]): GroupedData => ({
    x: idx.map((i) => data.x[i].slice()),
    y: idx.map((i) => data.y[i]),
    groups: idx.map((i) => data.groups[i]),
  });
  return { fit: take(s.trainIdx), valid: take(s.testIdx) };
}

/** The lab's model: standardise, then logistic regression (src/ml). (Given.) */
export function makeReleaseModel(): Classifier {
  return new StandardScaledModel(new LogisticRegression());
}

/** p(y = 1) of every row. (Given.) */
export function positiveScores(model: Classifier, x: number[][]): number[] {
  return model.predictProba(x).map((row) => row[1]);
}

/** 1 where score ≥ threshold, else 0. (Given.) */
export function threshold(scores: number[], t: number): number[] {
  return scores.map((s) => (s >= t ? 1 : 0));
}

/**
 * Exercise 1 — per-group rates.
 *
 * TODO: for each group g (sorted, as keys of the result):
 *   n             = rows of g
 *   selectionRate = share of g's rows with yPred = 1   (from the PREDICTIONS, not the labels)
 *   tpr           = among g's rows with yTrue = 1, the share with yPred = 1
 *   fpr           = among g's rows with yTrue = 0, the share with yPred = 1
 *   (0/0 → 0.)
 *   e.g. yTrue [1, 0, 1, 0], yPred [1, 1, 0, 0], groups ["a", "a", "b", "b"]
 *   → { a: { n: 2, selectionRate: 1, tpr: 1, fpr: 1 }, b: { n: 2, selectionRate: 0, tpr: 0, fpr: 0 } }
 */
export function groupRates(
  yTrue: number[],
  yPred: number[],
  groups: string[],
): Record<string, GroupRates> {
  // BEGIN SOLUTION
  const out: Record<string, GroupRates> = {};
  for (const g of groupNames(groups)) {
    let n = 0;
    let selected = 0;
    let pos = 0;
    let tp = 0;
    let neg = 0;
    let fp = 0;
    groups.forEach((gi, i) => {
      if (gi !== g) return;
      n++;
      if (yPred[i] === 1) selected++;
      if (yTrue[i] === 1) {
        pos++;
        if (yPred[i] === 1) tp++;
      } else {
        neg++;
        if (yPred[i] === 1) fp++;
      }
    });
    out[g] = {
      n,
      selectionRate: n === 0 ? 0 : selected / n,
      tpr: pos === 0 ? 0 : tp / pos,
      fpr: neg === 0 ? 0 : fp / neg,
    };
  }
  return out;
  // END SOLUTION
}

/**
 * Exercise 2 — disparity metrics, as Fairlearn defines them (method "between_groups").
 *
 * demographicParityDifference = (largest group selection rate) − (smallest)      0 = parity
 * demographicParityRatio      = (smallest group selection rate) / (largest)      1 = parity
 * equalizedOddsDifference     = the LARGER of (max − min of the group TPRs) and
 *                               (max − min of the group FPRs)                     0 = parity
 * With more than two groups, max and min run over all of them. (The ratio is NaN when nobody
 * in any group is selected, 0/0, as in Fairlearn; the checks never ask for that case.)
 * TODO: e.g. yTrue [1, 0, 1, 0], yPred [1, 1, 1, 0], groups ["a", "a", "b", "b"]: selection
 *   rates a 1, b 0.5 → difference 0.5, ratio 0.5; TPR a 1, b 1; FPR a 1, b 0 → equalized odds 1
 */
export function demographicParityDifference(yPred: number[], groups: string[]): number {
  // BEGIN SOLUTION
  const rates = Object.values(groupRates(yPred, yPred, groups)).map((r) => r.selectionRate);
  return Math.max(...rates) - Math.min(...rates);
  // END SOLUTION
}

export function demographicParityRatio(yPred: number[], groups: string[]): number {
  // BEGIN SOLUTION
  const rates = Object.values(groupRates(yPred, yPred, groups)).map((r) => r.selectionRate);
  return Math.min(...rates) / Math.max(...rates);
  // END SOLUTION
}

export function equalizedOddsDifference(
  yTrue: number[],
  yPred: number[],
  groups: string[],
): number {
  // BEGIN SOLUTION
  const rates = Object.values(groupRates(yTrue, yPred, groups));
  const spread = (v: number[]) => Math.max(...v) - Math.min(...v);
  return Math.max(spread(rates.map((r) => r.tpr)), spread(rates.map((r) => r.fpr)));
  // END SOLUTION
}

/** One cell of a count table such as UCBAdmissions. */
export interface AdmissionCell {
  admit: string;
  gender: string;
  dept: string;
  count: number;
}

/**
 * Exercise 3 — Simpson's paradox on UCBAdmissions.
 *
 * Each record is one cell of the table: `count` applicants of `gender` to department `dept`
 * with outcome `admit` ("Admitted" or "Rejected").
 * TODO: overall[gender] = admitted / applicants of that gender over ALL departments (sum the
 *   counts, do not average the department rates); byDept[dept][gender] = the same within one
 *   department. Keys in sorted order; a rate with no applicants (0/0) is 0.
 *   e.g. [{ admit: "Admitted", gender: "F", dept: "A", count: 1 }, { admit: "Rejected", gender: "F",
 *   dept: "A", count: 3 }] → { overall: { F: 0.25 }, byDept: { A: { F: 0.25 } } }
 */
export function admissionRates(records: AdmissionCell[]): {
  overall: Record<string, number>;
  byDept: Record<string, Record<string, number>>;
} {
  // BEGIN SOLUTION
  const rate = (rows: AdmissionCell[]) => {
    const total = rows.reduce((s, r) => s + r.count, 0);
    const admitted = rows.filter((r) => r.admit === "Admitted").reduce((s, r) => s + r.count, 0);
    return total === 0 ? 0 : admitted / total;
  };
  const genders = [...new Set(records.map((r) => r.gender))].sort();
  const depts = [...new Set(records.map((r) => r.dept))].sort();
  const overall: Record<string, number> = {};
  for (const g of genders) overall[g] = rate(records.filter((r) => r.gender === g));
  const byDept: Record<string, Record<string, number>> = {};
  for (const d of depts) {
    byDept[d] = {};
    for (const g of genders)
      byDept[d][g] = rate(records.filter((r) => r.dept === d && r.gender === g));
  }
  return { overall, byDept };
  // END SOLUTION
}

/** What an audit reports: accuracy and the fairness metrics of one set of predictions. */
export interface Audit {
  accuracy: number;
  byGroup: Record<string, GroupRates>;
  demographicParityDifference: number;
  demographicParityRatio: number;
  equalizedOddsDifference: number;
}

/**
 * Exercise 4 — train, then audit on the TEST rows.
 *
 * TODO: model = makeModel(), fit on train.x / train.y only; scores = positiveScores(model,
 *   test.x); yPred = threshold(scores, cutoff). Return the audit of those TEST predictions
 *   (accuracy, byGroup = groupRates, and the three disparity metrics, with test.groups), plus
 *   the model and the test scores. Fairness measured on the training rows describes the data
 *   the model memorised, not how it treats new people.
 */
export function trainAndAudit(
  makeModel: ModelFactory,
  train: GroupedData,
  test: GroupedData,
  cutoff = 0.5,
): Audit & { model: Classifier; scores: number[] } {
  // BEGIN SOLUTION
  const model = makeModel();
  model.fit(train.x, train.y);
  const scores = positiveScores(model, test.x);
  return { ...audit(test.y, threshold(scores, cutoff), test.groups), model, scores };
  // END SOLUTION
}

// BEGIN SOLUTION-ONLY
function audit(yTrue: number[], yPred: number[], groups: string[]): Audit {
  return {
    accuracy: accuracyOf(yTrue, yPred),
    byGroup: groupRates(yTrue, yPred, groups),
    demographicParityDifference: demographicParityDifference(yPred, groups),
    demographicParityRatio: demographicParityRatio(yPred, groups),
    equalizedOddsDifference: equalizedOddsDifference(yTrue, yPred, groups),
  };
}
// END SOLUTION-ONLY

/**
 * Exercise 5 — per-group thresholds for a target selection rate.
 *
 * thresholdsForSelectionRate: for each group g (sorted keys), with n_g rows:
 *   k = Math.round(target · n_g) (clamped to 0 … n_g); if k = 0 the threshold is Infinity
 *   (nobody selected); otherwise it is the k-th LARGEST score of the group, so that its top k
 *   rows (and any tied with the k-th) are selected.
 * applyThresholds: ŷᵢ = 1 when scoresᵢ ≥ thresholds[groupsᵢ], else 0.
 * TODO: e.g. scores [0.9, 0.8, 0.3, 0.6, 0.2], groups ["a", "a", "a", "b", "b"], target 0.5:
 *   a: k = round(1.5) = 2 → 0.8; b: k = round(1) = 1 → 0.6  →  { a: 0.8, b: 0.6 }
 */
export function thresholdsForSelectionRate(
  scores: number[],
  groups: string[],
  target: number,
): Record<string, number> {
  // BEGIN SOLUTION
  const out: Record<string, number> = {};
  for (const g of groupNames(groups)) {
    const mine = scores.filter((_, i) => groups[i] === g).sort((a, b) => b - a);
    const k = Math.min(mine.length, Math.max(0, Math.round(target * mine.length)));
    out[g] = k === 0 ? Number.POSITIVE_INFINITY : mine[k - 1];
  }
  return out;
  // END SOLUTION
}

export function applyThresholds(
  scores: number[],
  groups: string[],
  thresholds: Record<string, number>,
): number[] {
  // BEGIN SOLUTION
  return scores.map((s, i) => (s >= thresholds[groups[i]] ? 1 : 0));
  // END SOLUTION
}

/** One point of the mitigation trade-off. */
export interface TradeoffPoint {
  target: number;
  /** Chosen on the validation rows. */
  thresholds: Record<string, number>;
  /** Accuracy of those thresholds on the validation rows. */
  validAccuracy: number;
  /** The test audit of those thresholds (test rows touched only to report). */
  test: Audit;
}

/**
 * Exercise 6 — mitigation and its accuracy trade-off.
 *
 * TODO: for each target selection rate (in order): thresholds = thresholdsForSelectionRate on
 *   the VALIDATION scores and groups; validAccuracy = accuracy of applyThresholds on the
 *   validation rows; test = the audit (accuracy, byGroup, the three disparity metrics) of
 *   applyThresholds with THE SAME thresholds on the test rows. Never choose anything on the
 *   test rows: they only report.
 */
export function mitigationTradeoff(
  valid: ScoredData,
  test: ScoredData,
  targets: number[],
): TradeoffPoint[] {
  // BEGIN SOLUTION
  return targets.map((target) => {
    const thresholds = thresholdsForSelectionRate(valid.scores, valid.groups, target);
    const validAccuracy = accuracyOf(
      valid.y,
      applyThresholds(valid.scores, valid.groups, thresholds),
    );
    const yPred = applyThresholds(test.scores, test.groups, thresholds);
    return { target, thresholds, validAccuracy, test: audit(test.y, yPred, test.groups) };
  });
  // END SOLUTION
}

/** Permutation importance of each feature. */
export interface PermutationImportance {
  /** Accuracy on the unshuffled data. */
  baseline: number;
  /** drops[j][r] = baseline − accuracy with feature j shuffled, repeat r. */
  drops: number[][];
  /** Mean of drops[j]. */
  mean: number[];
  /** Standard deviation of drops[j] (population: divide by nRepeats, as NumPy's std). */
  std: number[];
}

/**
 * Exercise 7 — permutation importance (what scikit-learn's permutation_importance computes,
 * with accuracy as the score).
 *
 * TODO: baseline = accuracyOf(y, predict(x)). random = seededRandom(seed), created ONCE.
 *   For each feature j = 0 … d−1, for each repeat r = 0 … nRepeats−1:
 *     perm = shuffled(row numbers 0 … n−1, random);
 *     xPerm = a COPY of x whose column j is x[perm[i]][j] in row i (other columns unchanged);
 *     drops[j][r] = baseline − accuracyOf(y, predict(xPerm)).
 *   Then mean and std (population) of each drops[j]. Never change x itself.
 */
export function permutationImportance(
  predict: (x: number[][]) => number[],
  x: number[][],
  y: number[],
  options: { nRepeats?: number; seed: number },
): PermutationImportance {
  // BEGIN SOLUTION
  const nRepeats = options.nRepeats ?? 5;
  const random = seededRandom(options.seed);
  const baseline = accuracyOf(y, predict(x));
  const rows = x.map((_, i) => i);
  const drops = x[0].map((_, j) =>
    Array.from({ length: nRepeats }, () => {
      const perm = shuffled(rows, random);
      const xPerm = x.map((row, i) => {
        const copy = row.slice();
        copy[j] = x[perm[i]][j];
        return copy;
      });
      return baseline - accuracyOf(y, predict(xPerm));
    }),
  );
  const mean = drops.map((d) => d.reduce((s, v) => s + v, 0) / d.length);
  const std = drops.map((d, j) =>
    Math.sqrt(d.reduce((s, v) => s + (v - mean[j]) ** 2, 0) / d.length),
  );
  return { baseline, drops, mean, std };
  // END SOLUTION
}

/**
 * Exercise 8 — partial dependence: the model's AVERAGE prediction as one feature varies.
 *
 * TODO: for each value v of grid: set feature `feature` to v in EVERY row (a copy; the other
 *   features keep their values), and average predictProba1 over all those rows.
 *   Return one average per grid value. (scikit-learn: partial_dependence(..., kind="average").)
 *   e.g. predictProba1 = rows => rows.map(r => r[0] * r[1]), x = [[1, 2], [3, 4]], feature 0,
 *   grid [0, 1] → [0, 3]   (at v = 1: mean of 1·2 and 1·4)
 */
export function partialDependence(
  predictProba1: (x: number[][]) => number[],
  x: number[][],
  feature: number,
  grid: number[],
): number[] {
  // BEGIN SOLUTION
  return grid.map((v) => {
    const changed = x.map((row) => {
      const copy = row.slice();
      copy[feature] = v;
      return copy;
    });
    const p = predictProba1(changed);
    return p.reduce((s, q) => s + q, 0) / p.length;
  });
  // END SOLUTION
}

/** Everything a model card reports. */
export interface ModelCardInfo {
  name: string;
  intendedUse: string;
  /** Uses the model must not be put to. */
  outOfScope: string[];
  data: { source: string; trainRows: number; testRows: number; label: string };
  /** Overall test metrics. */
  test: Audit;
  /** The group attribute the audit used, e.g. "colour". */
  groupAttribute: string;
  limitations: string[];
  mitigation: { description: string; test: Audit };
}

/** A number as the card prints it: 3 decimals. (Given.) */
export function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : String(v);
}

/**
 * Exercise 9 — a model card (Mitchell et al., 2019), generated from the numbers.
 *
 * TODO: return markdown that starts with the line "# Model card: <info.name>", then has these
 *   level-2 headings, each on a line of its own, in this order:
 *   "## Model details", "## Intended use", "## Data", "## Metrics", "## Per-group metrics",
 *   "## Mitigation", "## Limitations".
 *   Write every number with fmt (3 decimals) and take it from `info`, never type it in:
 *   - Model details: the name and the group attribute the audit used;
 *   - Intended use: info.intendedUse, then "Out of scope:" and each of info.outOfScope;
 *   - Data: the source, train and test row counts and the label;
 *   - Metrics: "On the test rows:", then accuracy, demographic-parity difference and ratio, equalized-odds difference
 *     of info.test;
 *   - Per-group metrics: a markdown table (a blank line before it) with the header line
 *     | group | n | selection rate | TPR | FPR |
 *     then the line |---|---|---|---|---|, then one row per group of info.test.byGroup,
 *     e.g. | Black | 265 | 0.962 | 0.973 | 0.936 |
 *   - Mitigation: the description, then the same four metrics of info.mitigation.test;
 *   - Limitations: one "- " bullet per info.limitations entry.
 */
export function modelCard(info: ModelCardInfo): string {
  // BEGIN SOLUTION
  const metricLines = (a: Audit) => [
    `- accuracy: ${fmt(a.accuracy)}`,
    `- demographic-parity difference: ${fmt(a.demographicParityDifference)}`,
    `- demographic-parity ratio: ${fmt(a.demographicParityRatio)}`,
    `- equalized-odds difference: ${fmt(a.equalizedOddsDifference)}`,
  ];
  const rows = Object.entries(info.test.byGroup).map(
    ([g, r]) => `| ${g} | ${r.n} | ${fmt(r.selectionRate)} | ${fmt(r.tpr)} | ${fmt(r.fpr)} |`,
  );
  return [
    `# Model card: ${info.name}`,
    "",
    "## Model details",
    "",
    `${info.name}. Fairness audited by ${info.groupAttribute}.`,
    "",
    "## Intended use",
    "",
    info.intendedUse,
    "",
    "Out of scope:",
    ...info.outOfScope.map((u) => `- ${u}`),
    "",
    "## Data",
    "",
    `- source: ${info.data.source}`,
    `- training rows: ${info.data.trainRows}`,
    `- test rows: ${info.data.testRows}`,
    `- label: ${info.data.label}`,
    "",
    "## Metrics",
    "",
    "On the test rows:",
    ...metricLines(info.test),
    "",
    "## Per-group metrics",
    "",
    "| group | n | selection rate | TPR | FPR |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "## Mitigation",
    "",
    info.mitigation.description,
    "",
    ...metricLines(info.mitigation.test),
    "",
    "## Limitations",
    "",
    ...info.limitations.map((l) => `- ${l}`),
    "",
  ].join("\n");
  // END SOLUTION
}
