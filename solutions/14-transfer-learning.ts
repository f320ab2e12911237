/**
 * Lab 14 — Transfer learning, offline: your exercises.
 *
 * Work through `notebooks/14-transfer-learning.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 14`.
 *
 * The pretrained model (datasets/models/fashion-base-0-4/, loaded from disk with `loadModel`)
 * is a small CNN trained on Fashion-MNIST classes 0–4 (T-shirt, Trouser, Pullover, Dress,
 * Coat) with pixels scaled to [0, 1]:
 *
 *   conv1 Conv2D(16, 3×3, relu) → pool1 MaxPooling2D(2) → conv2 Conv2D(32, 3×3, relu)
 *   → pool2 MaxPooling2D(2) → features Flatten (800 numbers)      ← the convolutional base
 *   → dense Dense(64, relu) → output Dense(5, softmax)             ← the head (classes 0–4)
 *
 * You reuse its base for a new task, classes 5–9 (Sandal, Shirt, Sneaker, Bag, Ankle boot),
 * relabelled 0–4, with only a few images per class.
 */
import type { FashionMnist } from "../src/data/images";
import { tf } from "../src/tf";
// stub: import { todo } from "../src/grading/todo";

/** Images [n, 28, 28, 1] and their labels [n] (float32 class ids 0 … k−1). */
export interface ImageSet {
  xs: tf.Tensor4D;
  ys: tf.Tensor1D;
}

/** Training settings for `trackAccuracy`, `trainTransfer` and `compareWithScratch`. */
export interface TrainOptions {
  epochs: number;
  /** Default 16. */
  batchSize?: number;
  /** Passed on to `fit` (live progress in the notebook, progress and cancel in checks). */
  callbacks?: tf.CustomCallbackArgs | tf.CustomCallbackArgs[];
}

/** The classes of the new task, in the order of their new labels 0 … 4. (Given.) */
export const NEW_CLASSES: readonly number[] = Object.freeze([5, 6, 7, 8, 9]);

/**
 * Exercise 1 — the new task's data.
 *
 * TODO: keep the first `perClass` images (in file order) of each class in `classes`, with
 *   - pixels scaled exactly as the base was pretrained: grey level / 255, so 0 … 1;
 *   - labels remapped to the class's position in `classes` (5 → 0, 6 → 1, … 9 → 4 for
 *     NEW_CLASSES), as a float32 tensor (TF.js's sparseCategoricalCrossentropy wants floats).
 *   Rows stay in file order. Return xs [n, 28, 28, 1] and ys [n].
 *   e.g. labels [7, 5, 9, 5, 7, 0], classes [5, 7], perClass 1  →  rows 0 and 1, ys [1, 0]
 */
export function prepareImages(
  data: FashionMnist,
  classes: readonly number[],
  perClass: number,
): ImageSet {
  // BEGIN SOLUTION
  const taken = new Map<number, number>();
  const rows: number[] = [];
  for (let i = 0; i < data.n; i++) {
    const label = data.labels[i]!;
    if (!classes.includes(label)) continue;
    const count = taken.get(label) ?? 0;
    if (count >= perClass) continue;
    taken.set(label, count + 1);
    rows.push(i);
  }
  const pixels = new Float32Array(rows.length * 784);
  rows.forEach((row, k) => {
    for (let p = 0; p < 784; p++) pixels[k * 784 + p] = data.images[row * 784 + p]! / 255;
  });
  const labels = rows.map((row) => classes.indexOf(data.labels[row]!));
  return {
    xs: tf.tensor4d(pixels, [rows.length, 28, 28, 1]),
    ys: tf.tensor1d(labels, "float32"),
  };
  // END SOLUTION
}

/**
 * Exercise 2 — cut off the head.
 *
 * TODO: return a model with the pretrained model's input and, as its output, the output of
 *   the layer named "features" (the Flatten layer: 800 numbers per image). It shares the
 *   pretrained layers (and so their weights); nothing is copied or trained.
 *   e.g. featureBase(pretrained).outputs[0].shape  →  [null, 800]
 */
export function featureBase(pretrained: tf.LayersModel): tf.LayersModel {
  // BEGIN SOLUTION
  const features = pretrained.getLayer("features").output as tf.SymbolicTensor;
  return tf.model({ inputs: pretrained.inputs, outputs: features, name: "feature_base" });
  // END SOLUTION
}

/**
 * Exercise 3 — freeze the base, add a new head.
 *
 * TODO: 1. freeze every layer of `base` (`layer.trainable = false`) — BEFORE compiling:
 *          compile() fixes the list of weights the optimizer updates;
 *       2. on the base's output add Dense(64, relu) then Dense(5, softmax) (classes 5–9
 *          relabelled 0–4) and make one model from the base's input to the new output;
 *       3. compile with Adam (learning rate 1e-3), sparseCategoricalCrossentropy, accuracy.
 *   e.g. the model has 56,389 parameters, of which 51,589 (the head) are trainable
 */
export function buildTransferModel(base: tf.LayersModel): tf.LayersModel {
  // BEGIN SOLUTION
  for (const layer of base.layers) layer.trainable = false;
  const hidden = tf.layers
    .dense({ name: "head_dense", units: 64, activation: "relu" })
    .apply(base.outputs[0]!) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ name: "head_output", units: 5, activation: "softmax" })
    .apply(hidden) as tf.SymbolicTensor;
  const model = tf.model({ inputs: base.inputs, outputs: output, name: "transfer" });
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  return model;
  // END SOLUTION
}

/**
 * Exercise 4 — the same architecture, from scratch.
 *
 * TODO: build (tf.sequential) the pretrained model's architecture with fresh random weights,
 *   every layer trainable: Conv2D(16, 3×3, relu, inputShape [28, 28, 1]) → MaxPooling2D(2)
 *   → Conv2D(32, 3×3, relu) → MaxPooling2D(2) → Flatten → Dense(64, relu) → Dense(5, softmax);
 *   compile it like the transfer model (Adam 1e-3, sparseCategoricalCrossentropy, accuracy).
 *   e.g. 56,389 parameters, all trainable
 */
export function buildScratchModel(): tf.LayersModel {
  // BEGIN SOLUTION
  const model = tf.sequential({ name: "scratch" });
  model.add(
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: "relu" }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: "relu" }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: "relu" }));
  model.add(tf.layers.dense({ units: 5, activation: "softmax" }));
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  return model;
  // END SOLUTION
}

/**
 * Exercise 5 — train and record validation accuracy after every epoch.
 *
 * TODO: fit `model` on `train` for `options.epochs` epochs (batch size `options.batchSize`,
 *   default 16, shuffled), with `valid` as validation data and `options.callbacks` passed
 *   on; return the validation accuracy after each epoch (TF.js logs it as "val_acc").
 *   e.g. 3 epochs  →  [0.62, 0.71, 0.74]   (one number per epoch, on `valid`)
 */
export async function trackAccuracy(
  model: tf.LayersModel,
  train: ImageSet,
  valid: ImageSet,
  options: TrainOptions,
): Promise<number[]> {
  // BEGIN SOLUTION
  const history = await model.fit(train.xs, train.ys, {
    epochs: options.epochs,
    batchSize: options.batchSize ?? 16,
    shuffle: true,
    validationData: [valid.xs, valid.ys],
    callbacks: options.callbacks,
  });
  return history.history.val_acc as number[];
  // END SOLUTION
}

/**
 * Exercise 6 — transfer learning end to end.
 *
 * TODO: cut the head off `pretrained` (featureBase), freeze it and add the new head
 *   (buildTransferModel), then train it with trackAccuracy. Return the model and the
 *   validation accuracy per epoch. The base's weights must not change during training.
 *   e.g. 20 images per class, 10 epochs  →  { model, accuracy: [0.7, …, 0.85] }
 */
export async function trainTransfer(
  pretrained: tf.LayersModel,
  train: ImageSet,
  valid: ImageSet,
  options: TrainOptions,
): Promise<{ model: tf.LayersModel; accuracy: number[] }> {
  // BEGIN SOLUTION
  const model = buildTransferModel(featureBase(pretrained));
  const accuracy = await trackAccuracy(model, train, valid, options);
  return { model, accuracy };
  // END SOLUTION
}

/**
 * Exercise 7 — is transfer worth it? A fair comparison.
 *
 * TODO: train the transfer model (trainTransfer) and a from-scratch model
 *   (buildScratchModel + trackAccuracy) on the SAME training images, with the same
 *   validation images and the same options; return both validation-accuracy curves.
 *   e.g. 10 images per class, 5 epochs  →  { transfer: [0.6, …], scratch: [0.4, …] }
 */
export async function compareWithScratch(
  pretrained: tf.LayersModel,
  train: ImageSet,
  valid: ImageSet,
  options: TrainOptions,
): Promise<{ transfer: number[]; scratch: number[] }> {
  // BEGIN SOLUTION
  const transfer = (await trainTransfer(pretrained, train, valid, options)).accuracy;
  const scratch = await trackAccuracy(buildScratchModel(), train, valid, options);
  return { transfer, scratch };
  // END SOLUTION
}
