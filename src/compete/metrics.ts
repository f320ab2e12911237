/**
 * The competition metrics, written to agree with scikit-learn (tests/compete/metrics.test.ts
 * compares them with values sklearn computed: tests/fixtures/compete/metrics.json).
 */

export type MetricName = "accuracy" | "macro-f1" | "rmse" | "log-loss";

export interface Metric {
  name: MetricName;
  /** How a learner reads it, e.g. "RMSE (lower is better)". */
  label: string;
  higherIsBetter: boolean;
  /** The scikit-learn call that computes the same number. */
  sklearn: string;
  score(yTrue: readonly number[], yPred: readonly number[]): number;
}

function sameLength(name: string, yTrue: readonly number[], yPred: readonly number[]): void {
  if (yTrue.length !== yPred.length || yTrue.length === 0)
    throw new Error(`${name}: ${yTrue.length} true values but ${yPred.length} predictions.`);
}

/** Share of rows predicted exactly right. sklearn.metrics.accuracy_score. */
export function accuracyScore(yTrue: readonly number[], yPred: readonly number[]): number {
  sameLength("accuracy", yTrue, yPred);
  let right = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) right++;
  return right / yTrue.length;
}

/**
 * The unweighted mean of each class's F1 = 2·precision·recall / (precision + recall), over the
 * labels that occur in yTrue or yPred; a class with no true and no predicted rows is not
 * counted, and 0/0 counts as 0 (sklearn's f1_score(average="macro"), zero_division default).
 */
export function macroF1(yTrue: readonly number[], yPred: readonly number[]): number {
  sameLength("macro-F1", yTrue, yPred);
  const labels = [...new Set([...yTrue, ...yPred])].sort((a, b) => a - b);
  let sum = 0;
  for (const c of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < yTrue.length; i++) {
      const t = yTrue[i] === c;
      const p = yPred[i] === c;
      if (t && p) tp++;
      else if (p) fp++;
      else if (t) fn++;
    }
    // F1 = 2tp / (2tp + fp + fn): the same number, and 0 when the class was never right.
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / labels.length;
}

/** Root mean squared error. sqrt(sklearn.metrics.mean_squared_error). */
export function rmse(yTrue: readonly number[], yPred: readonly number[]): number {
  sameLength("RMSE", yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (yTrue[i]! - yPred[i]!) ** 2;
  return Math.sqrt(s / yTrue.length);
}

/** Probabilities are clipped to [LOG_LOSS_EPS, 1 − LOG_LOSS_EPS], as Kaggle does. */
export const LOG_LOSS_EPS = 1e-15;

/**
 * Binary log loss (cross-entropy) of yPred = P(class 1), averaged over rows, natural log.
 * sklearn.metrics.log_loss(y_true, y_pred, eps=1e-15) with y_pred the positive-class column.
 */
export function binaryLogLoss(yTrue: readonly number[], yPred: readonly number[]): number {
  sameLength("log loss", yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, yPred[i]!));
    s -= yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / yTrue.length;
}

export const METRICS: Record<MetricName, Metric> = {
  accuracy: {
    name: "accuracy",
    label: "accuracy (higher is better)",
    higherIsBetter: true,
    sklearn: "sklearn.metrics.accuracy_score(y_true, y_pred)",
    score: accuracyScore,
  },
  "macro-f1": {
    name: "macro-f1",
    label: "macro-F1 (higher is better)",
    higherIsBetter: true,
    sklearn: 'sklearn.metrics.f1_score(y_true, y_pred, average="macro")',
    score: macroF1,
  },
  rmse: {
    name: "rmse",
    label: "RMSE (lower is better)",
    higherIsBetter: false,
    sklearn: "sklearn.metrics.mean_squared_error(y_true, y_pred, squared=False)",
    score: rmse,
  },
  "log-loss": {
    name: "log-loss",
    label: "log loss (lower is better)",
    higherIsBetter: false,
    sklearn: "sklearn.metrics.log_loss(y_true, p_class1, eps=1e-15)",
    score: binaryLogLoss,
  },
};

/** True when score a beats score b under the metric. */
export function isBetter(metric: Metric, a: number, b: number): boolean {
  return metric.higherIsBetter ? a > b : a < b;
}
