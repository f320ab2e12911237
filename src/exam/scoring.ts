/**
 * Scores a saved exam model 0–5: validate it against the task's contract (a broken model gets
 * 0 with the reason, never a crash), then measure it on held-out data and map the metric to
 * the task's bands. Deterministic: the same saved model always gets the same score.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatNumber } from "../grading/expect";
import { loadModel, ready, tf } from "../tf";
import { taskById, variantById } from "./tasks";
import { type ScoreBands, scoreFor } from "./tasks/types";

export interface ScoreOutcome {
  score: number;
  metric: { name: string; value: number } | null;
  reason: string;
}

const zero = (reason: string): ScoreOutcome => ({ score: 0, metric: null, reason });

const shapeText = (s: readonly (number | null)[]) => `[${s.join(", ")}]`;

/** "MAE 0.41: a 5 needs ≤ 0.05, a 4 ≤ 0.1": what the score was and what the next ones need. */
export function explainScore(value: number, score: number, bands: ScoreBands): string {
  const cmp = bands.better === "higher" ? "≥" : "≤";
  const got = `${bands.metric} ${formatNumber(value)}`;
  if (score === 5) return `${got}: full marks.`;
  const needs = bands.thresholds
    .map((t, i) => ({ t, score: i + 1 }))
    .filter((b) => b.score > score)
    .reverse()
    .map((b) => `a ${b.score} needs ${cmp} ${formatNumber(b.t)}`);
  return `${got}: ${needs.join(", ")}.`;
}

export async function scoreSavedModel(
  modelDir: string,
  taskId: string,
  variantId: string,
): Promise<ScoreOutcome> {
  const variant = variantById(taskById(taskId), variantId);
  const { contract, bands } = variant;
  const jsonPath = path.join(modelDir, "model.json");
  if (!fs.existsSync(jsonPath)) return zero(`No saved model: ${jsonPath} does not exist.`);
  const weightsPath = path.join(modelDir, "weights.bin");
  const bytes = fs.existsSync(weightsPath) ? fs.statSync(weightsPath).size : 0;
  if (bytes > contract.maxBytes) {
    return zero(
      `The model's weights take ${bytes} bytes; the limit is ${contract.maxBytes}. Use fewer or smaller layers.`,
    );
  }
  await ready({ quiet: true });
  let model: tf.LayersModel;
  try {
    model = await loadModel(modelDir);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const unknown = /Unknown layer: (\w+)/.exec(message);
    return zero(
      unknown
        ? `The model uses a custom layer (${unknown[1]}); the exam allows only TF.js's built-in layers (no Lambda or custom layers).`
        : `The saved model could not be loaded: ${message}`,
    );
  }
  try {
    const input = (model.inputs[0]?.shape ?? []).slice(1);
    if (shapeText(input) !== shapeText(contract.inputShape)) {
      return zero(
        `The model's input shape is ${shapeText(input)}; this task needs ${shapeText(contract.inputShape)}.`,
      );
    }
    const output = (model.outputs[0]?.shape ?? []).slice(1);
    const last = model.layers[model.layers.length - 1]!;
    const activation = String((last.getConfig() as { activation?: string }).activation ?? "linear");
    if (
      output.length !== 1 ||
      output[0] !== contract.outputUnits ||
      activation !== contract.outputActivation
    ) {
      return zero(
        `The output layer gives ${shapeText(output)} with activation "${activation}"; this task's fixed output layer is ${contract.outputUnits} unit(s) with "${contract.outputActivation}".`,
      );
    }
    for (const w of model.weights) {
      const values = w.read().dataSync();
      if (values.some((v) => !Number.isFinite(v))) {
        return zero(
          `The model's weight ${w.name} contains NaN or Infinity: training diverged (try a smaller learning rate).`,
        );
      }
    }
    const heldOut = variant.heldOut();
    const out = tf.tidy(() => model.predict(heldOut.xs, { batchSize: 256 }) as tf.Tensor);
    const predictions = out.dataSync() as Float32Array;
    tf.dispose([out, heldOut.xs]);
    if (predictions.some((v) => !Number.isFinite(v)))
      return zero("The model predicts NaN or Infinity on the held-out data.");
    const value = variant.metric(predictions, contract.outputUnits, heldOut);
    const score = scoreFor(value, bands);
    return {
      score,
      metric: { name: bands.metric, value },
      reason: explainScore(value, score, bands),
    };
  } finally {
    model.dispose();
  }
}
