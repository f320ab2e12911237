/**
 * What a mock-exam task is. Each task is one category of the certificate-style exam with
 * several variants; an exam picks one variant per task from its seed. A variant says what the
 * learner gets (header, training data), what the saved model must look like, and how it is
 * scored 0–5 on held-out data that no learner loader returns.
 */
import type { tf } from "../../tf";

/** A numeric input the task's model receives, and the labels or targets to compare with. */
export interface HeldOut {
  xs: tf.Tensor;
  /** Class ids (classification) or target values (regression). */
  ys: number[];
}

/** The model the task requires (checked before scoring; a mismatch scores 0 with the reason). */
export interface ModelContract {
  /** Input shape without the batch dimension, e.g. [1] or [28, 28, 1]. */
  inputShape: number[];
  /** The fixed output layer: units and activation. */
  outputUnits: number;
  outputActivation: string;
  /** Largest allowed weights file, in bytes. */
  maxBytes: number;
}

/** Scores 1..5 need the metric to reach these values (index 0 = score 1). */
export interface ScoreBands {
  metric: string;
  better: "higher" | "lower";
  /** Five thresholds, from the one that earns 1 to the one that earns 5. */
  thresholds: [number, number, number, number, number];
}

export interface ExamVariant {
  id: string;
  /** One line shown in the header, e.g. "Celsius to Fahrenheit". */
  title: string;
  /** The starter file's header lines (dataset, shapes, rules), without comment markers. */
  header: string[];
  contract: ModelContract;
  bands: ScoreBands;
  /** What the learner's `examData()` returns for this variant (described in the header). */
  trainingData(examFolder?: string): unknown;
  /** Writes files the learner reads (e.g. image folders) into the exam folder at the start. */
  prepareFiles?(examFolder: string): void;
  /** The grader's data: never returned by any learner loader. */
  heldOut(): HeldOut;
  /** The metric of a model's predictions on the held-out data. */
  metric(predictions: Float32Array, outputUnits: number, heldOut: HeldOut): number;
  /**
   * The reference solution, shown after the exam: `solutions/exam/<reference>.ts`. Variants
   * whose solution is the same code share one file.
   */
  reference: string;
  /** Training time allowed for one submission, in seconds. */
  trainSeconds: number;
}

export interface ExamTask {
  /** "task1" … "task5". */
  id: string;
  number: number;
  /** Weight in the total (1–5, as in the certificate). */
  weight: number;
  category: string;
  variants: ExamVariant[];
}

/** The score (0–5, whole numbers) a metric value earns in `bands`. */
export function scoreFor(value: number, bands: ScoreBands): number {
  if (!Number.isFinite(value)) return 0;
  let score = 0;
  bands.thresholds.forEach((t, i) => {
    if (bands.better === "higher" ? value >= t : value <= t) score = i + 1;
  });
  return score;
}

/**
 * Accuracy of classifier outputs: `units` values per row, the class is the argmax, or for a
 * single sigmoid unit (units = 1) the class is 1 above 0.5.
 */
export function classificationAccuracy(
  predictions: Float32Array,
  units: number,
  labels: number[],
): number {
  let right = 0;
  labels.forEach((label, i) => {
    let cls = 0;
    if (units === 1) cls = predictions[i]! > 0.5 ? 1 : 0;
    else
      for (let k = 1; k < units; k++)
        if (predictions[i * units + k]! > predictions[i * units + cls]!) cls = k;
    if (cls === label) right++;
  });
  return right / labels.length;
}
