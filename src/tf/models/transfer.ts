/**
 * Lab 14 (transfer learning): the small Fashion-MNIST CNN that `scripts/pretrain-fashion-base.ts`
 * pretrains on classes 0–4 and whose weights ship in `datasets/models/fashion-base-0-4/`.
 *
 *   conv1 Conv2D(16, 3×3, relu) → pool1 MaxPooling2D(2) → conv2 Conv2D(32, 3×3, relu)
 *   → pool2 MaxPooling2D(2) → features Flatten (800) → dense Dense(64, relu) → output Dense(5, softmax)
 *
 * The convolutional base is everything up to and including `features`; the head is `dense` +
 * `output`. Inputs are [28, 28, 1] grey levels scaled to [0, 1] (bytes / 255).
 */
import { datasetPath } from "../../data/registry";
import { tf } from "../index";
import { loadModel } from "../model-files";

/** Where the pretrained model lives (model.json + weights.bin), inside the repo. */
export const FASHION_BASE_DIR = datasetPath("models", "fashion-base-0-4");

/** The Fashion-MNIST classes the base was pretrained on (0 T-shirt … 4 Coat). */
export const FASHION_BASE_CLASSES: readonly number[] = Object.freeze([0, 1, 2, 3, 4]);

/** Name of the layer whose output is the base's 800 features (the cut point). */
export const FASHION_BASE_FEATURES_LAYER = "features";

/** Layer names of the convolutional base, in order (they hold the pretrained weights). */
export const FASHION_BASE_LAYERS: readonly string[] = Object.freeze([
  "conv1",
  "pool1",
  "conv2",
  "pool2",
  "features",
]);

/** The pretraining model, freshly initialised and compiled (Adam 1e-3, sparse CE, accuracy). */
export function fashionBaseModel(): tf.Sequential {
  const model = tf.sequential({ name: "fashion_base_0_4" });
  model.add(
    tf.layers.conv2d({
      name: "conv1",
      inputShape: [28, 28, 1],
      filters: 16,
      kernelSize: 3,
      activation: "relu",
    }),
  );
  model.add(tf.layers.maxPooling2d({ name: "pool1", poolSize: 2 }));
  model.add(tf.layers.conv2d({ name: "conv2", filters: 32, kernelSize: 3, activation: "relu" }));
  model.add(tf.layers.maxPooling2d({ name: "pool2", poolSize: 2 }));
  model.add(tf.layers.flatten({ name: "features" }));
  model.add(tf.layers.dense({ name: "dense", units: 64, activation: "relu" }));
  model.add(tf.layers.dense({ name: "output", units: 5, activation: "softmax" }));
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  return model;
}

/** Loads the pretrained model from disk (never from the network). */
export async function loadFashionBase(): Promise<tf.LayersModel> {
  return loadModel(FASHION_BASE_DIR);
}
