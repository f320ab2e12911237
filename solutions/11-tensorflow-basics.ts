/**
 * Lab 11 — TensorFlow.js fundamentals: your exercises.
 *
 * Work through `notebooks/11-tensorflow-basics.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 11`.
 *
 * Conventions used throughout:
 *   A function that returns a tensor hands it to the caller, who disposes it. Every other
 *   tensor a function creates must be gone when it returns (tf.tidy / dispose): the checks
 *   count `tf.memory().numTensors` before and after.
 *   Linear regression as in lab 01: X is n×d, y is n×1, w is d×1, ŷ = X·w (+ b).
 */
import { tf } from "../src/tf";
// stub: import { todo } from "../src/grading/todo";

/**
 * Exercise 1 — tensors, shapes and dtypes: images from raw bytes.
 *
 * `pixels` holds `count` grey images of height×width bytes (0 … 255), row by row, one
 * image after the other (Fashion-MNIST's layout).
 * TODO: return a float32 tensor of shape [count, height, width, 1] (the last axis is the
 *   colour channel a Conv2D layer expects) with every value divided by 255, so 0 … 1.
 *   Leave no other tensor behind (tf.tidy).
 *   e.g. pixels = Uint8Array [0, 51, 255, 102], count 1, 2×2 → shape [1, 2, 2, 1],
 *   dtype "float32", values [0, 0.2, 1, 0.4]
 */
export function pixelsToTensor(
  pixels: Uint8Array,
  count: number,
  height: number,
  width: number,
): tf.Tensor4D {
  // BEGIN SOLUTION
  return tf.tidy(() => tf.tensor4d(pixels, [count, height, width, 1]).toFloat().div(255));
  // END SOLUTION
}

/**
 * oneHotLabels: class ids → one row per label with a 1 in the label's column.
 * TODO: tf.oneHot needs int32 indices and returns an int32 tensor; a categorical
 *   cross-entropy loss needs float32. Return a float32 [labels.length, numClasses] tensor.
 *   e.g. labels [2, 0], numClasses 3 → [[0, 0, 1], [1, 0, 0]], dtype "float32"
 */
export function oneHotLabels(labels: number[], numClasses: number): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(
    () => tf.oneHot(tf.tensor1d(labels, "int32"), numClasses).toFloat() as tf.Tensor2D,
  );
  // END SOLUTION
}

/**
 * Exercise 2 — broadcasting.
 *
 * standardizeColumns: x is n×d (n rows, d features). Return (x − mean) / std per COLUMN,
 * where mean and std (population: divide by n) are taken over the rows. No loops: compute a
 * [d] (or [1, d]) mean and std and let broadcasting stretch them over the n rows.
 * TODO: e.g. [[1, 10], [3, 30]] → means [2, 20], stds [1, 10] → [[-1, -1], [1, 1]]
 *   Leave only the returned tensor behind.
 */
export function standardizeColumns(x: tf.Tensor2D): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 0); // both shape [d]
    return x.sub(mean).div(variance.sqrt());
  });
  // END SOLUTION
}

/**
 * pairwiseDifferences: out[i][j] = a[i] − b[j], an [n, m] table for a of length n and b of
 * length m, by broadcasting an [n, 1] column against a [1, m] row.
 * TODO: e.g. a = [1, 2, 3], b = [10, 20] → [[-9, -19], [-8, -18], [-7, -17]]  (shape [3, 2])
 */
export function pairwiseDifferences(a: tf.Tensor1D, b: tf.Tensor1D): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(() => a.reshape([-1, 1]).sub(b.reshape([1, -1])) as tf.Tensor2D);
  // END SOLUTION
}

/**
 * Exercise 3 — memory.
 *
 * tensorsLeftBy: run `fn` and return how many MORE tensors are alive afterwards than before
 * (read `tf.memory().numTensors`). This is the leak detector the checks use on you.
 * TODO: e.g. tensorsLeftBy(() => { tf.ones([3]); tf.zeros([2]); }) → 2
 *       tensorsLeftBy(() => tf.tidy(() => { tf.ones([3]); })) → 0
 */
export function tensorsLeftBy(fn: () => void): number {
  // BEGIN SOLUTION
  const before = tf.memory().numTensors;
  fn();
  return tf.memory().numTensors - before;
  // END SOLUTION
}

/**
 * rowNorms: the Euclidean length of every row of x, as plain numbers.
 * TODO: compute inside tf.tidy, read the values OUTSIDE it (or dispose what you read), and
 *   leave no tensor behind. Do not dispose `x`: it belongs to the caller.
 *   e.g. [[3, 4], [1, 0]] → [5, 1]
 */
export function rowNorms(x: tf.Tensor2D): number[] {
  // BEGIN SOLUTION
  const norms = tf.tidy(() => x.square().sum(1).sqrt());
  const values = Array.from(norms.dataSync());
  norms.dispose();
  return values;
  // END SOLUTION
}

/**
 * Exercise 4 — automatic differentiation.
 *
 * mseLoss: lab 01's loss, L(w) = (1/n) · Σᵢ (xᵢ·w − yᵢ)², as a scalar tensor.
 * TODO: e.g. X = [[1, 1], [1, 2]], y = [[1], [3]], w = [[0], [1]] → 0.5
 */
export function mseLoss(X: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor2D): tf.Scalar {
  // BEGIN SOLUTION
  return tf.tidy(() => X.matMul(w).sub(y).square().mean() as tf.Scalar);
  // END SOLUTION
}

/**
 * mseGradient: ∇L(w), computed by TF.js with `tf.grad` (not by hand). It must equal lab 01's
 * (2/n) · Xᵀ(X·w − y), a d×1 tensor.
 * TODO: e.g. with the example above → [[-1], [-2]]. Leave only the returned tensor behind.
 */
export function mseGradient(X: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(() =>
    tf.grad((wv: tf.Tensor) => mseLoss(X, y, wv as tf.Tensor2D))(w),
  ) as tf.Tensor2D;
  // END SOLUTION
}

/**
 * linearGradients: the loss of ŷ = x·w + b (w: d×1 variable, b: [1] variable) and its
 * gradients with respect to BOTH variables, in one pass (`tf.variableGrads` or `tf.grads`).
 * TODO: return { loss (a plain number), dw (d×1 tensor), db ([1] tensor) }; leave only dw and
 *   db behind. e.g. x = [[1], [2]], y = [[1], [3]], w = [[1]], b = [0]: residuals [0, -1]
 *   → loss 0.5, dw [[-2]], db [-1]
 */
export function linearGradients(
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  w: tf.Variable,
  b: tf.Variable,
): { loss: number; dw: tf.Tensor; db: tf.Tensor } {
  // BEGIN SOLUTION
  const { value, grads } = tf.variableGrads(
    () => x.matMul(w).add(b).sub(y).square().mean() as tf.Scalar,
    [w, b],
  );
  const loss = value.dataSync()[0];
  value.dispose();
  return { loss, dw: grads[w.name], db: grads[b.name] };
  // END SOLUTION
}

/**
 * Exercise 5 — a hand-written training loop.
 *
 * trainStep: ONE optimizer step on the MSE of ŷ = x·w + b, updating the variables w (d×1)
 * and b ([1]) in place with `optimizer.minimize(() => loss, true, [w, b])`.
 * TODO: return the loss (computed before the update) as a number, and leave NO new tensor
 *   behind: minimize(…, true) returns the loss tensor — read it, then dispose it.
 *   e.g. with tf.train.sgd(0.1), x = [[1], [2]], y = [[1], [3]], w = [[1]], b = [0]
 *   → returns 0.5; afterwards w = [[1.2]], b = [0.1]
 */
export function trainStep(
  optimizer: tf.Optimizer,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  w: tf.Variable,
  b: tf.Variable,
): number {
  // BEGIN SOLUTION
  // With returnCost = true, minimize returns the loss tensor (typed as possibly null).
  const cost = optimizer.minimize(
    () => x.matMul(w).add(b).sub(y).square().mean() as tf.Scalar,
    true,
    [w, b],
  ) as tf.Scalar;
  const loss = cost.dataSync()[0];
  cost.dispose();
  return loss;
  // END SOLUTION
}

/** What trainLinear returns: plain numbers only (no tensors to dispose). */
export interface LinearFit {
  /** The learned weights, one per feature. */
  w: number[];
  b: number;
  /** losses[k] = the loss trainStep returned at epoch k (length: epochs). */
  losses: number[];
}

/**
 * trainLinear: fit ŷ = x·w + b from w = 0, b = 0 with `epochs` full-batch trainSteps.
 * TODO: create the variables (tf.variable(tf.zeros(...))) and the optimizer
 *   (tf.train.sgd(learningRate), or tf.train.adam(learningRate) when options.optimizer is
 *   "adam"), loop, read w and b as numbers, then dispose the variables AND the optimizer:
 *   after trainLinear returns, no tensor it made may be alive, however many epochs it ran.
 */
export function trainLinear(
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  options: { epochs: number; learningRate: number; optimizer?: "sgd" | "adam" },
): LinearFit {
  // BEGIN SOLUTION
  const d = x.shape[1];
  // tf.variable copies its initial value: create the zeros inside tidy so they are freed.
  const w = tf.tidy(() => tf.variable(tf.zeros([d, 1])));
  const b = tf.tidy(() => tf.variable(tf.zeros([1])));
  const optimizer =
    options.optimizer === "adam"
      ? tf.train.adam(options.learningRate)
      : tf.train.sgd(options.learningRate);
  const losses: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    losses.push(trainStep(optimizer, x, y, w, b));
  }
  const fit = { w: Array.from(w.dataSync()), b: b.dataSync()[0], losses };
  w.dispose();
  b.dispose();
  optimizer.dispose();
  return fit;
  // END SOLUTION
}

/**
 * Exercise 6 — the same model with the Layers API, two ways.
 *
 * buildLinearSequential: `tf.sequential` with ONE dense layer (1 unit, no activation, so
 * any real number can come out) on inputs of `inputDim` features, compiled with
 * tf.train.adam(learningRate) and the "meanSquaredError" loss.
 * TODO: e.g. buildLinearSequential(3, 0.05) → 4 parameters (3 weights + 1 bias)
 */
export function buildLinearSequential(inputDim: number, learningRate: number): tf.Sequential {
  // BEGIN SOLUTION
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [inputDim] }));
  model.compile({ optimizer: tf.train.adam(learningRate), loss: "meanSquaredError" });
  return model;
  // END SOLUTION
}

/**
 * buildLinearFunctional: the same model with the functional API: an input
 * (`tf.input({ shape: [inputDim] })`), a dense layer applied to it, and
 * `tf.model({ inputs, outputs })`; compiled exactly like the sequential one.
 * TODO: e.g. buildLinearFunctional(3, 0.05) → 4 parameters, not a tf.Sequential
 */
export function buildLinearFunctional(inputDim: number, learningRate: number): tf.LayersModel {
  // BEGIN SOLUTION
  const inputs = tf.input({ shape: [inputDim] });
  const outputs = tf.layers.dense({ units: 1 }).apply(inputs) as tf.SymbolicTensor;
  const model = tf.model({ inputs, outputs });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: "meanSquaredError" });
  return model;
  // END SOLUTION
}

/** Train and test tensors for fitAndEvaluate (the caller owns and disposes them). */
export interface RegressionData {
  xTrain: tf.Tensor2D;
  yTrain: tf.Tensor2D;
  xTest: tf.Tensor2D;
  yTest: tf.Tensor2D;
}

/** What fitAndEvaluate returns: plain numbers only. */
export interface FitReport {
  /** The training loss after each epoch (from the History that fit returns). */
  losses: number[];
  /** The compiled loss on the TEST rows (model.evaluate). */
  testLoss: number;
  /** The model's prediction for every test row (model.predict), in order. */
  predictions: number[];
}

/**
 * Exercise 7 — compile/fit/evaluate/predict.
 *
 * TODO: train the (compiled) `model` on the training rows with
 *   `await model.fit(xTrain, yTrain, { epochs, batchSize, callbacks, verbose: 0 })`,
 *   passing options.callbacks through (the notebook shows live progress with them, the
 *   check streams epochs). Then evaluate and predict on the TEST rows. Return numbers, and
 *   dispose the tensors evaluate and predict return.
 */
export async function fitAndEvaluate(
  model: tf.LayersModel,
  data: RegressionData,
  options: { epochs: number; batchSize: number; callbacks?: tf.CustomCallbackArgs },
): Promise<FitReport> {
  // BEGIN SOLUTION
  const history = await model.fit(data.xTrain, data.yTrain, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    callbacks: options.callbacks,
    verbose: 0,
  });
  const evaluated = model.evaluate(data.xTest, data.yTest) as tf.Scalar;
  const testLoss = evaluated.dataSync()[0];
  evaluated.dispose();
  const predicted = model.predict(data.xTest) as tf.Tensor;
  const predictions = Array.from(predicted.dataSync());
  predicted.dispose();
  return { losses: history.history.loss as number[], testLoss, predictions };
  // END SOLUTION
}

/** What lossTargetCallback returns: a fit callback that also keeps a record. */
export interface LossTarget {
  /** The training loss of every epoch seen so far. */
  losses: number[];
  /** The epoch at which training was stopped, or null while it has not been. */
  stoppedEpoch: number | null;
  /** Called by fit at the end of every epoch with that epoch's logs ({ loss, … }). */
  onEpochEnd: (epoch: number, logs?: tf.Logs) => Promise<void>;
}

/**
 * Exercise 8 — a custom callback: record the loss and stop at a target.
 *
 * `model.fit(x, y, { callbacks: lossTargetCallback(model, 0.01) })` calls `onEpochEnd` after
 * every epoch with that epoch's logs. Setting `model.stopTraining = true` makes fit stop after
 * the current epoch.
 * TODO: return an object with `losses: []`, `stoppedEpoch: null` and an async
 *   `onEpochEnd(epoch, logs)` that appends logs.loss to `losses` and, if it is BELOW `target`
 *   (strictly), records the epoch in `stoppedEpoch` and stops training — in the SAME epoch,
 *   not the next one.
 *   e.g. target 0.5, losses 2, 0.9, 0.4, 0.3 → fit stops after epoch 2;
 *   losses = [2, 0.9, 0.4], stoppedEpoch = 2
 */
export function lossTargetCallback(model: { stopTraining: boolean }, target: number): LossTarget {
  // BEGIN SOLUTION
  const record: LossTarget = {
    losses: [],
    stoppedEpoch: null,
    onEpochEnd: async (epoch, logs) => {
      const loss = logs?.loss ?? Number.NaN;
      record.losses.push(loss);
      if (loss < target) {
        record.stoppedEpoch = epoch;
        model.stopTraining = true;
      }
    },
  };
  return record;
  // END SOLUTION
}
