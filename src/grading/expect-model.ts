/**
 * Checks for TF.js models, shared by the deep-learning labs and the exam: what a model is
 * (layers, shapes, activations, parameter counts, loss), whether a function leaks tensors,
 * and how a model scores on data. Architecture checks need no training, so they take
 * milliseconds. Every failure names the layer or setting that is wrong.
 */
import { tf } from "../tf";
import { fail } from "./check-failure";
import { describe, formatNumber } from "./expect";

/** One layer as a check sees it. */
export interface LayerSummary {
  index: number;
  name: string;
  /** Keras class name: "Dense", "Conv2D", "MaxPooling2D", "Flatten", "Dropout", … */
  className: string;
  /** Output shape without the batch dimension, e.g. [26, 26, 32]. */
  outputShape: (number | null)[];
  params: number;
  trainable: boolean;
  /** "relu", "softmax", "linear", … (layers with an activation setting only). */
  activation?: string;
  /** units / filters / kernelSize / poolSize / rate / inputDim / outputDim, when the layer has them. */
  config: Record<string, unknown>;
}

/** A model as a check sees it. */
export interface ModelSummary {
  /** Input shape without the batch dimension. */
  inputShape: (number | null)[];
  outputShape: (number | null)[];
  layers: LayerSummary[];
  totalParams: number;
  trainableParams: number;
  /** The compiled loss: its name, or "custom function" (undefined before compile). */
  loss?: string;
  optimizer?: string;
}

const CONFIG_KEYS = [
  "units",
  "filters",
  "kernelSize",
  "strides",
  "padding",
  "poolSize",
  "rate",
  "inputDim",
  "outputDim",
  "returnSequences",
  "targetShape",
] as const;

function withoutBatch(shape: unknown): (number | null)[] {
  // Layers with several outputs report a list of shapes: use the first.
  const list = shape as unknown[];
  const first = Array.isArray(list[0])
    ? (list[0] as (number | null)[])
    : (list as (number | null)[]);
  return first.slice(1);
}

/** Fails unless `value` is a TF.js LayersModel (from tf.sequential or tf.model). */
export function expectModel(value: unknown, what: string): tf.LayersModel {
  const m = value as Partial<tf.LayersModel> | null;
  if (m && typeof m === "object" && Array.isArray(m.layers) && typeof m.predict === "function") {
    return value as tf.LayersModel;
  }
  const thenable = m && typeof (m as { then?: unknown }).then === "function";
  return fail({
    message: `${what} did not return a TF.js model.`,
    expected: "a tf.LayersModel (tf.sequential() or tf.model())",
    got: thenable ? "a Promise" : describe(value),
    likelyCause: thenable
      ? "It is async: return the model itself, or `await` where the lab says so."
      : "Return the model you built (`return model;`).",
  });
}

/** The summary of a built model (call `expectModel` first). */
export function summarizeModel(model: tf.LayersModel): ModelSummary {
  const layers = model.layers.map((layer, index): LayerSummary => {
    const cfg = layer.getConfig() as Record<string, unknown>;
    const config: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) if (cfg[key] !== undefined) config[key] = cfg[key];
    return {
      index,
      name: layer.name,
      className: layer.getClassName(),
      outputShape: withoutBatch(layer.outputShape),
      params: layer.countParams(),
      trainable: layer.trainable,
      activation: typeof cfg.activation === "string" ? cfg.activation : undefined,
      config,
    };
  });
  const trainableParams = model.trainableWeights.reduce(
    (s, w) => s + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
    0,
  );
  const loss = (model as { loss?: unknown }).loss;
  const optimizer = (model as { optimizer?: { getClassName?: () => string } }).optimizer;
  return {
    inputShape: withoutBatch(model.inputs[0]?.shape ?? []),
    outputShape: withoutBatch(model.outputs[0]?.shape ?? []),
    layers,
    totalParams: model.countParams(),
    trainableParams,
    loss:
      loss === undefined
        ? undefined
        : typeof loss === "string"
          ? loss
          : Array.isArray(loss)
            ? String(loss[0])
            : "custom function",
    optimizer: optimizer?.getClassName?.(),
  };
}

/** "Conv2D(32) → MaxPooling2D → Flatten → Dense(10, softmax)": a model in one line. */
export function describeLayers(summary: ModelSummary): string {
  return summary.layers
    .filter((l) => l.className !== "InputLayer")
    .map((l) => {
      const size = l.config.units ?? l.config.filters ?? l.config.rate;
      const args = [size, l.activation && l.activation !== "linear" ? l.activation : undefined]
        .filter((a) => a !== undefined)
        .join(", ");
      return args ? `${l.className}(${args})` : l.className;
    })
    .join(" → ");
}

const shapeText = (s: (number | null)[]) =>
  `[${s.map((d) => (d === null ? "null" : d)).join(", ")}]`;

/** Fails unless the model takes inputs of `shape` (without the batch dimension). */
export function expectInputShape(
  summary: ModelSummary,
  shape: number[],
  what: string,
  likelyCause: string,
): void {
  if (shapeText(summary.inputShape) === shapeText(shape)) return;
  fail({
    message: `${what}: the model's input shape is ${shapeText(summary.inputShape)}.`,
    expected: `inputShape ${shapeText(shape)}`,
    got: `inputShape ${shapeText(summary.inputShape)}`,
    likelyCause,
  });
}

/** Fails unless the last layer has `units` outputs and the given activation. */
export function expectOutputLayer(
  summary: ModelSummary,
  expected: { units: number; activation: string },
  what: string,
  likelyCause: string,
): void {
  const last = summary.layers[summary.layers.length - 1];
  const units = summary.outputShape[summary.outputShape.length - 1];
  const activation = last?.activation ?? "linear";
  if (units === expected.units && activation === expected.activation) return;
  fail({
    message: `${what}: the output layer is ${last ? `${last.className} with ${units} outputs and activation "${activation}"` : "missing"}.`,
    expected: `${expected.units} outputs, activation "${expected.activation}"`,
    got: `${units} outputs, activation "${activation}"`,
    likelyCause,
  });
}

/** The layers of a given class (e.g. "Conv2D"), in order. */
export function layersOf(summary: ModelSummary, className: string): LayerSummary[] {
  return summary.layers.filter((l) => l.className === className);
}

/** Fails unless the model has exactly `expected` parameters (weights + biases). */
export function expectParamCount(
  summary: ModelSummary,
  expected: number,
  what: string,
  likelyCause: string,
): void {
  if (summary.totalParams === expected) return;
  fail({
    message: `${what}: the model has ${summary.totalParams} parameters.`,
    expected: `${expected} parameters (${describeLayers(summary)} as specified)`,
    got: `${summary.totalParams} parameters: ${describeLayers(summary)}`,
    likelyCause,
  });
}

/**
 * Evaluates the model's compiled loss on `yTrue` and `yPred` (no training): lets a check
 * find out what a custom or string loss actually computes.
 */
export function probeLoss(model: tf.LayersModel, yTrue: tf.Tensor, yPred: tf.Tensor): number {
  // A Sequential keeps its compiled state on an inner functional model.
  type Compiled = {
    lossFunctions?: ((a: tf.Tensor, b: tf.Tensor) => tf.Tensor)[];
    model?: Compiled;
  };
  const compiled = model as unknown as Compiled;
  const lossFns = compiled.lossFunctions ?? compiled.model?.lossFunctions;
  const fn = lossFns?.[0];
  if (!fn) {
    return fail({
      message: "The model is not compiled.",
      expected: "model.compile({ optimizer, loss, metrics }) before returning it",
      got: "no loss",
      likelyCause: "Call model.compile(...) inside the builder.",
    });
  }
  return tf.tidy(() => tf.mean(fn(yTrue, yPred)).dataSync()[0]!);
}

/** Tensors alive now (`tf.memory().numTensors`). */
export function liveTensors(): number {
  return tf.memory().numTensors;
}

/**
 * Runs `fn` and fails if it leaves more than `allowed` new tensors alive (the tensors it is
 * meant to return count towards `allowed`). A leak inside a training loop grows with every
 * step, so checks call `fn` with several step counts and compare.
 */
export async function expectNoLeak<T>(
  fn: () => T | Promise<T>,
  options: { allowed: number; what: string; likelyCause: string; dispose?: (result: T) => void },
): Promise<T> {
  const before = liveTensors();
  const result = await fn();
  const leaked = liveTensors() - before;
  if (leaked > options.allowed) {
    options.dispose?.(result);
    fail({
      message: `${options.what} left ${leaked} tensors in memory (it should leave at most ${options.allowed}).`,
      expected: `≤ ${options.allowed} new tensors after the call`,
      got: `${leaked} new tensors`,
      likelyCause: options.likelyCause,
    });
  }
  return result;
}

/** Predicted class per row: argmax of a [n, k] output, or a 0.5 threshold of a [n, 1] one. */
export function predictClasses(model: tf.LayersModel, xs: tf.Tensor, batchSize = 256): number[] {
  return tf.tidy(() => {
    const out = model.predict(xs, { batchSize }) as tf.Tensor;
    const classes =
      out.shape[out.shape.length - 1] === 1
        ? out.reshape([-1]).greater(0.5).toInt()
        : out.argMax(-1);
    return Array.from(classes.dataSync());
  });
}

/** Accuracy of `model` on `xs` with integer labels. */
export function accuracyOf(
  model: tf.LayersModel,
  xs: tf.Tensor,
  labels: ArrayLike<number>,
): number {
  const predicted = predictClasses(model, xs);
  let right = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[i]) right++;
  return right / predicted.length;
}

/** Mean absolute error of a single-output model on `xs`. */
export function maeOf(model: tf.LayersModel, xs: tf.Tensor, targets: ArrayLike<number>): number {
  const predicted = tf.tidy(() =>
    Array.from((model.predict(xs) as tf.Tensor).reshape([-1]).dataSync()),
  );
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += Math.abs(predicted[i]! - targets[i]!);
  return sum / predicted.length;
}

/** Fails unless every weight of the model is finite (training diverged or a NaN crept in). */
export function expectFiniteWeights(
  model: tf.LayersModel,
  what: string,
  likelyCause: string,
): void {
  for (const w of model.weights) {
    const values = w.read().dataSync();
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        fail({
          message: `${what}: weight ${w.name} contains ${formatNumber(values[i]!)}.`,
          expected: "finite weights",
          got: `${w.name}[${i}] = ${values[i]}`,
          likelyCause,
        });
      }
    }
  }
}
