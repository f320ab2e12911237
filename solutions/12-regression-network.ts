/**
 * Lab 12 — A regression network (auto-mpg): your exercises.
 *
 * Work through `notebooks/12-regression-network.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 12`.
 *
 * Conventions used throughout:
 *   x: number[][] with one row per car and one column per feature; y: number[] (mpg).
 *   Tensors: features [n, nFeatures] (float32), targets [n, 1] (one column, like the model's output).
 *   Import TensorFlow from "../src/tf" only (the notebook's `await ready()` picks the backend).
 */
import type { Dataset } from "../src/data/tabular";
import { loadModel, saveModel, tf } from "../src/tf";
// stub: import { todo } from "../src/grading/todo";

/** Per-column statistics for z-scoring: x' = (x − mean) / std. */
export interface Normalizer {
  mean: number[];
  std: number[];
}

/** The auto-mpg split as tensors, ready for a model. */
export interface PreparedData {
  /** Normalised training features [nTrain, nFeatures]. */
  xTrain: tf.Tensor2D;
  /** Training targets (mpg) [nTrain, 1], row i belonging to row i of xTrain. */
  yTrain: tf.Tensor2D;
  /** Test features [nTest, nFeatures], normalised with the TRAINING statistics. */
  xTest: tf.Tensor2D;
  yTest: tf.Tensor2D;
  /** The statistics used for both (fitted on the training rows only). */
  normalizer: Normalizer;
  featureNames: string[];
}

/** What `trainModel` accepts besides the data. */
export interface TrainOptions {
  /** Upper bound on the number of epochs (early stopping usually ends sooner). Default 200. */
  maxEpochs?: number;
  /** Extra callbacks to pass to fit as well (live progress in the notebook, the grader's). */
  callbacks?: tf.CustomCallbackArgs[];
}

/** Mean absolute error of two equally long lists. (Given.) */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i]);
  return sum / yTrue.length;
}

/**
 * Exercise 1 — the baseline: a "model" that ignores the car and always predicts the mean mpg
 * of the TRAINING rows. Any real model must beat its error on the test rows.
 *
 * TODO: return the mean absolute error on the test targets of that constant prediction.
 *   e.g. yTrain = [10, 20, 30] (mean 20), yTest = [18, 26]  →  (2 + 6) / 2 = 4
 */
export function baselineMae(yTrain: number[], yTest: number[]): number {
  // BEGIN SOLUTION
  const mean = yTrain.reduce((s, v) => s + v, 0) / yTrain.length;
  return meanAbsoluteError(
    yTest,
    yTest.map(() => mean),
  );
  // END SOLUTION
}

/**
 * Exercise 2 — a normaliser by hand (TF.js 4.22 has no Normalization layer).
 *
 * fitNormalizer: the mean and the POPULATION standard deviation (divide by n, as Keras'
 *   Normalization layer and scikit-learn's StandardScaler do) of every column of x.
 *   A constant column has std 0: use 1 instead, so normalising never divides by zero.
 * TODO: e.g. x = [[1, 10], [3, 10]]  →  { mean: [2, 10], std: [1, 1] }   (column 2 is constant)
 */
export function fitNormalizer(x: number[][]): Normalizer {
  // BEGIN SOLUTION
  const n = x.length;
  const columns = x[0].length;
  const mean = Array.from({ length: columns }, (_, j) => x.reduce((s, row) => s + row[j], 0) / n);
  const std = mean.map((m, j) => {
    const variance = x.reduce((s, row) => s + (row[j] - m) ** 2, 0) / n;
    return variance > 0 ? Math.sqrt(variance) : 1;
  });
  return { mean, std };
  // END SOLUTION
}

/**
 * normalize: (x − mean) / std, column by column, as a new matrix (x is left unchanged).
 * TODO: e.g. normalize([[1, 10], [3, 10]], { mean: [2, 10], std: [1, 1] })  →  [[-1, 0], [1, 0]]
 */
export function normalize(x: number[][], normalizer: Normalizer): number[][] {
  // BEGIN SOLUTION
  return x.map((row) => row.map((v, j) => (v - normalizer.mean[j]) / normalizer.std[j]));
  // END SOLUTION
}

/**
 * Exercise 3 — from rows to tensors, without leaking the test set.
 *
 * TODO: fit the normaliser on the TRAINING rows only, normalise both parts with it, and return
 *   the tensors of PreparedData (features [n, nFeatures], targets [n, 1]) with the normaliser
 *   and train.featureNames. Keep every row's target with its features.
 *   e.g. train.x = [[1], [3]], train.y = [10, 20], test.x = [[5]], test.y = [30]
 *   → normalizer { mean: [2], std: [1] }, xTrain [[-1], [1]], yTrain [[10], [20]],
 *     xTest [[3]], yTest [[30]]
 */
export function prepareData(train: Dataset, test: Dataset): PreparedData {
  // BEGIN SOLUTION
  const normalizer = fitNormalizer(train.x);
  const targets = (y: number[]) => tf.tensor2d(y, [y.length, 1]);
  return {
    xTrain: tf.tensor2d(normalize(train.x, normalizer)),
    yTrain: targets(train.y),
    xTest: tf.tensor2d(normalize(test.x, normalizer)),
    yTest: targets(test.y),
    normalizer,
    featureNames: train.featureNames.slice(),
  };
  // END SOLUTION
}

/**
 * Exercise 4 — linear regression as a network.
 *
 * TODO: a tf.sequential() model with ONE Dense layer of 1 unit on inputs of shape [nFeatures],
 *   with no activation (mpg is any real number), compiled with
 *   optimizer tf.train.adam(0.1) and loss "meanAbsoluteError".
 *   e.g. buildLinearModel(9) → 10 parameters (9 weights + 1 bias)
 */
export function buildLinearModel(nFeatures: number): tf.Sequential {
  // BEGIN SOLUTION
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [nFeatures] }));
  model.compile({ optimizer: tf.train.adam(0.1), loss: "meanAbsoluteError" });
  return model;
  // END SOLUTION
}

/**
 * Exercise 5 — training with a validation split and early stopping.
 *
 * TODO: `await model.fit(x, y, …)` for at most options.maxEpochs epochs (default 200), holding out
 *   20 % of the training rows for validation (validationSplit: 0.2), with early stopping on the
 *   validation loss: tf.callbacks.earlyStopping({ monitor: "val_loss", patience: 10 }), plus
 *   every callback in options.callbacks. verbose: 0. Return the History fit returns.
 *   TF.js pitfall: one callbacks list cannot mix callback objects (what tf.callbacks.earlyStopping
 *   returns) with plain { onEpochEnd } objects (what options.callbacks holds): wrap each plain
 *   one as `new tf.CustomCallback(cb)`.
 *   e.g. const history = await trainModel(model, data.xTrain, data.yTrain)
 *        history.history.loss and history.history.val_loss: one number per epoch run
 */
export async function trainModel(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  options: TrainOptions = {},
): Promise<tf.History> {
  // BEGIN SOLUTION
  const earlyStopping = tf.callbacks.earlyStopping({ monitor: "val_loss", patience: 10 });
  return model.fit(x, y, {
    epochs: options.maxEpochs ?? 200,
    validationSplit: 0.2,
    callbacks: [earlyStopping, ...(options.callbacks ?? []).map((cb) => new tf.CustomCallback(cb))],
    verbose: 0,
  });
  // END SOLUTION
}

/**
 * Exercise 6 — the honest score.
 *
 * TODO: the mean absolute error (in mpg) of the model's predictions on the TEST rows of `data`.
 *   Read the predictions back with `await tensor.data()` (or dataSync outside tf.tidy) and
 *   dispose the prediction tensor. `meanAbsoluteError` (given above) does the arithmetic.
 *   e.g. evaluateMae(model, data) → about 2.5 for the trained linear model
 */
export async function evaluateMae(model: tf.LayersModel, data: PreparedData): Promise<number> {
  // BEGIN SOLUTION
  const predictions = model.predict(data.xTest) as tf.Tensor;
  const predicted = await predictions.data();
  predictions.dispose();
  return meanAbsoluteError(await data.yTest.data(), predicted);
  // END SOLUTION
}

/**
 * Exercise 7 — a deep network for the same problem.
 *
 * TODO: tf.sequential(): Dense(64, relu) on inputs [nFeatures] → Dense(64, relu) → Dense(1) (no
 *   activation), compiled with tf.train.adam(0.001) and loss "meanAbsoluteError".
 *   e.g. buildDnnModel(9) → 4,865 parameters (640 + 4,160 + 65)
 */
export function buildDnnModel(nFeatures: number): tf.Sequential {
  // BEGIN SOLUTION
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, activation: "relu", inputShape: [nFeatures] }));
  model.add(tf.layers.dense({ units: 64, activation: "relu" }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: "meanAbsoluteError" });
  return model;
  // END SOLUTION
}

/**
 * Exercise 8 — save a trained model and load it back.
 *
 * TODO: save `model` to the folder `dir` with saveModel (from "../src/tf"), load it back with
 *   loadModel, and return the LOADED model (a new object with the same weights: it must predict
 *   exactly what `model` predicts).
 *   e.g. const copy = await saveAndReload(model, "artifacts/12-regression-network/dnn")
 *        → dir/model.json and dir/weights.bin on disk; copy.predict(x) equals model.predict(x)
 */
export async function saveAndReload(model: tf.LayersModel, dir: string): Promise<tf.LayersModel> {
  // BEGIN SOLUTION
  await saveModel(model, dir);
  return loadModel(dir);
  // END SOLUTION
}
