/**
 * Lab 13 — Image classification (Fashion-MNIST): your exercises.
 *
 * Work through `notebooks/13-image-classification.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 13`.
 *
 * Conventions used throughout:
 *   images: tensors of shape [n, 28, 28, 1] (height, width, ONE grey channel), pixels in [0, 1].
 *   labels: a float32 tensor of shape [n] with the class id 0 … 9 of each image (what
 *     sparseCategoricalCrossentropy expects), or a plain number[] where the signature says so.
 *   Every model ends in Dense(10, softmax) and is compiled with Adam (learning rate 1e-3),
 *   "sparseCategoricalCrossentropy" and metrics ["accuracy"] (TF.js logs it as `acc`).
 */
import type { FashionMnist } from "../src/data/images";
import { seededRandom } from "../src/data/random";
import { tf } from "../src/tf";
// stub: import { todo } from "../src/grading/todo";

/** Images and their labels as tensors (dispose both when done). */
export interface ImageTensors {
  /** [n, 28, 28, 1], pixels in [0, 1]. */
  xs: tf.Tensor4D;
  /** [n] float32 class ids 0 … 9. */
  ys: tf.Tensor1D;
}

/** Options of the training functions: the check and the notebook pass their own callbacks. */
export interface TrainOptions {
  epochs: number;
  /** Passed on to every `model.fit` call (live progress, stopping, …). */
  callbacks?: tf.CustomCallbackArgs[];
}

/**
 * Exercise 1 — from bytes to tensors.
 *
 * `loadFashionMnist` gives grey levels as bytes (0 = background … 255 = white). Networks train
 * well on small inputs, so scale every pixel to [0, 1] (divide by 255), and give the images the
 * shape a Conv2D layer needs: [n, 28, 28, 1] (the last axis is the colour channel; grey = 1).
 * TODO: return { xs, ys }: xs float32 [n, 28, 28, 1] = images / 255; ys float32 [n] = labels
 *   (integer class ids, NOT one-hot).
 *   e.g. a 1-image dataset whose first pixel is 255 and label is 9 → xs[0, 0, 0, 0] = 1, ys = [9]
 */
export function toTensors(data: FashionMnist): ImageTensors {
  // BEGIN SOLUTION
  const xs = tf.tidy(() =>
    tf.tensor4d(Float32Array.from(data.images), [data.n, 28, 28, 1]).div(255),
  ) as tf.Tensor4D;
  const ys = tf.tensor1d(Float32Array.from(data.labels));
  return { xs, ys };
  // END SOLUTION
}

/**
 * Exercise 2 — a dense network.
 *
 * TODO: a tf.sequential() of Flatten (inputShape [28, 28, 1]) → Dense(128, relu) →
 *   Dense(10, softmax), compiled with tf.train.adam(1e-3), loss
 *   "sparseCategoricalCrossentropy" and metrics ["accuracy"]. 101,770 parameters.
 */
export function buildDenseModel(): tf.Sequential {
  // BEGIN SOLUTION
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  model.add(tf.layers.dense({ units: 128, activation: "relu" }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  return model;
  // END SOLUTION
}

/**
 * Exercise 3 — a convolutional network.
 *
 * TODO: Conv2D(32 filters, 3×3, relu, inputShape [28, 28, 1]) → MaxPooling2D(2×2) →
 *   Conv2D(64, 3×3, relu) → MaxPooling2D(2×2) → Flatten → Dense(128, relu) → Dense(10, softmax),
 *   compiled like the dense network. Output shapes: 26×26×32, 13×13×32, 11×11×64, 5×5×64, 1600,
 *   128, 10; 225,034 parameters.
 */
export function buildCnn(): tf.Sequential {
  // BEGIN SOLUTION
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: "relu" }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu" }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: "relu" }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  return model;
  // END SOLUTION
}

/**
 * Exercise 4 — stop training at a target accuracy (the course classic).
 *
 * A callback is an object of functions TF.js calls during `fit`: `onEpochEnd(epoch, logs)` runs
 * after every epoch, with `logs.acc` that epoch's training accuracy and `logs.loss` its loss.
 * Setting `model.stopTraining = true` makes `fit` stop after the current epoch.
 * TODO: return { onEpochEnd } that stops training `model` as soon as an epoch's accuracy is
 *   ≥ `target` (that same epoch, not the next one).
 *   e.g. target 0.85, accuracies 0.80, 0.86, … → training stops after the 2nd epoch.
 *   Use: model.fit(xs, ys, { epochs: 20, callbacks: [stopAtAccuracy(model, 0.85)] })
 */
export function stopAtAccuracy(model: tf.LayersModel, target: number): tf.CustomCallbackArgs {
  // BEGIN SOLUTION
  return {
    onEpochEnd: async (_epoch, logs) => {
      const accuracy = logs?.acc ?? logs?.accuracy;
      if (accuracy !== undefined && accuracy >= target) model.stopTraining = true;
    },
  };
  // END SOLUTION
}

/**
 * Exercise 5 — train a model on the images, with validation curves.
 *
 * TODO: convert `train` with your `toTensors`, then `await model.fit(xs, ys, { epochs:
 *   options.epochs, batchSize: 64, validationSplit: 0.1, shuffle: true, callbacks:
 *   options.callbacks })`, dispose xs and ys, and return the History. (validationSplit keeps
 *   the last 10 % of the rows out of training and reports val_loss / val_acc every epoch.)
 */
export async function trainClassifier(
  model: tf.LayersModel,
  train: FashionMnist,
  options: TrainOptions,
): Promise<tf.History> {
  // BEGIN SOLUTION
  const { xs, ys } = toTensors(train);
  try {
    return await model.fit(xs, ys, {
      epochs: options.epochs,
      batchSize: 64,
      validationSplit: 0.1,
      shuffle: true,
      callbacks: options.callbacks,
    });
  } finally {
    tf.dispose([xs, ys]);
  }
  // END SOLUTION
}

/**
 * Exercise 6 — dropout and batch normalisation.
 *
 * TODO: the CNN of exercise 3 with two regularisers:
 *   Conv2D(32, 3×3, NO activation) → BatchNormalization → Activation(relu) → MaxPooling2D(2×2) →
 *   Conv2D(64, 3×3, no activation) → BatchNormalization → Activation(relu) → MaxPooling2D(2×2) →
 *   Flatten → Dropout(0.3) → Dense(128, relu) → Dropout(0.3) → Dense(10, softmax),
 *   compiled as before. 225,418 parameters, 192 of them non-trainable (the moving means and
 *   variances of batch normalisation).
 */
export function buildRegularizedCnn(): tf.Sequential {
  // BEGIN SOLUTION
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3 }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.activation({ activation: "relu" }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3 }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.activation({ activation: "relu" }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: 128, activation: "relu" }));
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  return model;
  // END SOLUTION
}

/**
 * Exercise 7 — data augmentation as tensor ops.
 *
 * Each image independently: with probability ½ mirror it left ↔ right (a shoe pointing the
 * other way is still a shoe; an upside-down one is not a photo we will see), then shift it by
 * dx, dy pixels, each a whole number from −2 to 2, filling the uncovered border with 0
 * (background) — never wrapping pixels around from the other side.
 * Draw the random choices from `seededRandom(seed)` (../src/data/random), in this order per
 * image: flip? (random() < 0.5), dx = floor(random()·5) − 2, dy = floor(random()·5) − 2, so
 * the same seed gives the same batch.
 * TODO: return a new [n, 28, 28, 1] tensor (leave `xs` untouched; leak no tensors).
 *   Tools: tf.image.flipLeftRight, a 0/1 mask of shape [n, 1, 1, 1] to pick flipped or not, tf.pad,
 *   tf.slice (one 28 × 28 window per image), tf.concat.
 *   A shift by dx = +1 moves the picture one pixel to the right: out[y][x] = in[y − dy][x − dx].
 */
export function augmentBatch(xs: tf.Tensor4D, seed: number): tf.Tensor4D {
  // BEGIN SOLUTION
  const n = xs.shape[0];
  const random = seededRandom(seed);
  const flips: number[] = [];
  const shifts: { dx: number; dy: number }[] = [];
  for (let i = 0; i < n; i++) {
    flips.push(random() < 0.5 ? 1 : 0);
    shifts.push({ dx: Math.floor(random() * 5) - 2, dy: Math.floor(random() * 5) - 2 });
  }
  return tf.tidy(() => {
    // A 0/1 mask per image: flipped · mask + original · (1 − mask) picks one of the two.
    const mask = tf.tensor4d(flips, [n, 1, 1, 1]);
    const flipped = tf.add(
      tf.mul(tf.image.flipLeftRight(xs), mask),
      tf.mul(xs, tf.sub(1, mask)),
    ) as tf.Tensor4D;
    // Pad 2 zero pixels on every side (32 × 32), then cut each image's 28 × 28 window:
    // out[y][x] = in[y − dy][x − dx] starts at row 2 − dy, column 2 − dx of the padded image.
    const padded = tf.pad(flipped, [
      [0, 0],
      [2, 2],
      [2, 2],
      [0, 0],
    ]);
    const windows = shifts.map(({ dx, dy }, i) =>
      tf.slice(padded, [i, 2 - dy, 2 - dx, 0], [1, 28, 28, 1]),
    );
    return tf.concat(windows, 0) as tf.Tensor4D;
  });
  // END SOLUTION
}

/**
 * Exercise 8 — train on freshly augmented images every epoch.
 *
 * TF.js has no ImageDataGenerator, so write the loop: for each epoch e = 0 … epochs − 1,
 * augment the TRAINING images with `augmentBatch(train.xs, seed + e)` and train one epoch on
 * them: `await model.fit(augmented, train.ys, { epochs: e + 1, initialEpoch: e, batchSize: 64,
 * shuffle: true, validationData: [validation.xs, validation.ys], callbacks: options.callbacks })`.
 * The validation images are NEVER augmented: they stand for real photos.
 * TODO: dispose each augmented batch after its epoch; return every epoch's metrics by name,
 *   e.g. { loss: [0.9, 0.6], acc: [0.68, 0.78], val_loss: [0.7, 0.6], val_acc: [0.74, 0.79] }.
 */
export async function fitAugmented(
  model: tf.LayersModel,
  train: ImageTensors,
  validation: ImageTensors,
  options: TrainOptions & { seed: number },
): Promise<Record<string, number[]>> {
  // BEGIN SOLUTION
  const history: Record<string, number[]> = {};
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const augmented = augmentBatch(train.xs, options.seed + epoch);
    try {
      const h = await model.fit(augmented, train.ys, {
        epochs: epoch + 1,
        initialEpoch: epoch,
        batchSize: 64,
        shuffle: true,
        validationData: [validation.xs, validation.ys],
        callbacks: options.callbacks,
      });
      for (const [name, values] of Object.entries(h.history)) {
        history[name] = [...(history[name] ?? []), ...(values as number[])];
      }
    } finally {
      augmented.dispose();
    }
  }
  return history;
  // END SOLUTION
}

/**
 * Exercise 9 — where does the model go wrong?
 *
 * confusionMatrix: counts[t][p] = number of images of TRUE class t that the model PREDICTS as
 * class p (rows: truth, columns: prediction; the diagonal holds the right answers). The
 * prediction is the class with the highest probability (argMax of model.predict).
 * TODO: a 10 × 10 number[][] for `labels` (number[]); leak no tensors (tf.tidy, dataSync
 *   outside it or on a tensor you dispose).
 *   e.g. 3 images of class 0 predicted 0, 0, 6 → counts[0][0] = 2, counts[0][6] = 1
 */
export function confusionMatrix(
  model: tf.LayersModel,
  xs: tf.Tensor4D,
  labels: number[],
): number[][] {
  // BEGIN SOLUTION
  const predicted = predictedClasses(model, xs);
  const counts = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
  labels.forEach((t, i) => {
    counts[t]![predicted[i]!]!++;
  });
  return counts;
  // END SOLUTION
}

/** One wrongly classified image: its row, true class, predicted class and that probability. */
export interface Mistake {
  index: number;
  label: number;
  predicted: number;
  /** The model's probability for the (wrong) predicted class. */
  confidence: number;
}

/**
 * misclassified: the images the model gets wrong, most confident mistakes first (ties: lower
 * index first), at most `limit` of them.
 * TODO: e.g. probabilities of image 4: class 6 → 0.9 but label 0 →
 *   { index: 4, label: 0, predicted: 6, confidence: 0.9 }
 */
export function misclassified(
  model: tf.LayersModel,
  xs: tf.Tensor4D,
  labels: number[],
  limit: number,
): Mistake[] {
  // BEGIN SOLUTION
  const probs = tf.tidy(() => model.predict(xs) as tf.Tensor2D);
  const values = probs.arraySync();
  probs.dispose();
  const mistakes: Mistake[] = [];
  values.forEach((row, index) => {
    let predicted = 0;
    for (let c = 1; c < row.length; c++) if (row[c]! > row[predicted]!) predicted = c;
    if (predicted !== labels[index])
      mistakes.push({ index, label: labels[index]!, predicted, confidence: row[predicted]! });
  });
  mistakes.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  return mistakes.slice(0, limit);
  // END SOLUTION
}

/** The predicted class of every image (argMax of the model's probabilities). (Given.) */
export function predictedClasses(model: tf.LayersModel, xs: tf.Tensor4D): number[] {
  const classes = tf.tidy(() => (model.predict(xs) as tf.Tensor).argMax(-1));
  const out = Array.from(classes.dataSync());
  classes.dispose();
  return out;
}

/**
 * Exercise 10 — how big is a model?
 *
 * TODO: params = the number of numbers in ALL the model's weights (trainable or not: batch
 *   normalisation's moving statistics are saved with the model too); bytes = what they take as
 *   float32 (4 bytes each). e.g. Dense(10) on 784 inputs: 7,850 params, 31,400 bytes.
 */
export function modelSize(model: tf.LayersModel): { params: number; bytes: number } {
  // BEGIN SOLUTION
  const params = model.weights.reduce(
    (sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
    0,
  );
  return { params, bytes: 4 * params };
  // END SOLUTION
}
