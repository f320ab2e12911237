/**
 * Lab 16 — Time series forecasting: your exercises.
 *
 * Work through `notebooks/16-time-series.ipynb`; it tells you when to fill in each function
 * below. Replace each `return todo();` with your code, then run the notebook's check cell or
 * `npm run labs -- check 16`.
 *
 * Conventions used throughout:
 *   series: number[], one value per month, oldest first.
 *   A forecast array is aligned with the series: forecast[t] predicts series[t] using only
 *   values BEFORE t, and is NaN where there is not enough history yet.
 *   "Normalised" means min-max scaled with the TRAINING period's min and max.
 */
import { tf } from "../src/tf";
// stub: import { todo } from "../src/grading/todo";

/** The share of a series used for training: the first floor(0.8 · n) values. */
export const TRAIN_FRACTION = 0.8;

/** Min and max of the training period, to scale values into roughly [0, 1] and back. */
export interface MinMax {
  min: number;
  max: number;
}

/**
 * Exercise 1 — min-max normalisation fitted on the training period.
 *
 * fitMinMax(train): the smallest and largest training value.
 * scale(values, s): (v − min) / (max − min) for each value.
 * unscale(values, s): the inverse, back to the original units.
 * TODO: e.g. fitMinMax([2, 6, 4]) → { min: 2, max: 6 }; scale([2, 4, 10], { min: 2, max: 6 })
 *   → [0, 0.5, 2] (validation values may leave [0, 1]: that is fine); unscale([0.5], …) → [4].
 */
export function fitMinMax(train: number[]): MinMax {
  // BEGIN SOLUTION
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of train) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
  // END SOLUTION
}

export function scale(values: number[], s: MinMax): number[] {
  // BEGIN SOLUTION
  return values.map((v) => (v - s.min) / (s.max - s.min));
  // END SOLUTION
}

export function unscale(values: number[], s: MinMax): number[] {
  // BEGIN SOLUTION
  return values.map((v) => v * (s.max - s.min) + s.min);
  // END SOLUTION
}

/** Windows as supervised pairs: x[i] is one input window, y[i] the values that follow it. */
export interface Windows {
  x: number[][];
  y: number[][];
}

/**
 * Exercise 2 — sliding windows.
 *
 * Window i starts at i · shift: x[i] = series[start .. start + windowSize) and
 * y[i] = series[start + windowSize .. start + windowSize + horizon), the `horizon` values
 * that FOLLOW the window (not its last value). Only whole windows: stop when the labels
 * would run past the end of the series.
 * TODO: e.g. makeWindows([1, 2, 3, 4, 5, 6], { windowSize: 2, horizon: 1, shift: 2 })
 *   → { x: [[1, 2], [3, 4]], y: [[3], [5]] }
 */
export function makeWindows(
  series: number[],
  options: { windowSize: number; horizon?: number; shift?: number },
): Windows {
  // BEGIN SOLUTION
  const { windowSize, horizon = 1, shift = 1 } = options;
  const x: number[][] = [];
  const y: number[][] = [];
  for (let start = 0; start + windowSize + horizon <= series.length; start += shift) {
    x.push(series.slice(start, start + windowSize));
    y.push(series.slice(start + windowSize, start + windowSize + horizon));
  }
  return { x, y };
  // END SOLUTION
}

/** Everything a one-step forecaster trains and is validated on. */
export interface ForecastData {
  /** The index of the first validation value: floor(n · trainFraction). */
  split: number;
  /** Min and max of series[0 .. split). */
  scaler: MinMax;
  /** Normalised windows whose label lies in the training period, in time order. */
  train: Windows;
  /** Normalised windows whose label lies in the validation period, in time order. */
  valid: Windows;
}

/**
 * Exercise 3 — a time-ordered split, normalised on the training period.
 *
 * Split the series at `split = floor(n · trainFraction)` (default TRAIN_FRACTION), fit the
 * scaler on series[0 .. split) only, scale the WHOLE series with it, then make one-step
 * windows (horizon 1, shift 1):
 *   train: every window whose label is series[t] with windowSize ≤ t < split;
 *   valid: every window whose label is series[t] with t ≥ split. Its inputs may reach back
 *   into the training period: at forecast time those values are known history.
 * Keep the time order: shuffling belongs in `fit`, inside the training set only.
 * TODO: e.g. series [0, 10, 20, 30, 40, 50, 60, 70, 80, 90], windowSize 2 → split 8,
 *   scaler { min: 0, max: 70 }, train.y = [[20/70], [30/70], …, [70/70]] (6 windows),
 *   valid.x = [[60/70, 70/70], [70/70, 80/70]], valid.y = [[80/70], [90/70]]
 */
export function prepareForecastData(
  series: number[],
  windowSize: number,
  trainFraction = TRAIN_FRACTION,
): ForecastData {
  // BEGIN SOLUTION
  const split = Math.floor(series.length * trainFraction);
  const scaler = fitMinMax(series.slice(0, split));
  const scaled = scale(series, scaler);
  const train = makeWindows(scaled.slice(0, split), { windowSize });
  const valid = makeWindows(scaled.slice(split - windowSize), { windowSize });
  return { split, scaler, train, valid };
  // END SOLUTION
}

/**
 * Exercise 4 — baselines, and the mean absolute error.
 *
 * naiveForecast: forecast[t] = series[t − 1] ("tomorrow looks like today").
 * seasonalNaiveForecast: forecast[t] = series[t − season] (same month last year: season 12).
 * movingAverageForecast: forecast[t] = mean of the `window` values BEFORE t,
 *   series[t − window .. t − 1]. A trailing window: never the value being predicted.
 * Each is NaN where the history is too short (t < 1, t < season, t < window).
 * mae(series, forecast, from): mean |series[t] − forecast[t]| over t ≥ from, skipping the
 *   time steps where the forecast is NaN.
 * TODO: e.g. series [1, 3, 2, 5]: naive → [NaN, 1, 3, 2]; movingAverage(…, 2) → [NaN, NaN, 2, 2.5];
 *   mae([1, 3, 2, 5], [NaN, 1, 3, 2]) = (2 + 1 + 3) / 3 = 2; with from = 2: (1 + 3) / 2 = 2
 */
export function naiveForecast(series: number[]): number[] {
  // BEGIN SOLUTION
  return seasonalNaiveForecast(series, 1);
  // END SOLUTION
}

export function seasonalNaiveForecast(series: number[], season: number): number[] {
  // BEGIN SOLUTION
  return series.map((_, t) => (t >= season ? series[t - season] : Number.NaN));
  // END SOLUTION
}

export function movingAverageForecast(series: number[], window: number): number[] {
  // BEGIN SOLUTION
  return series.map((_, t) => {
    if (t < window) return Number.NaN;
    let sum = 0;
    for (let k = t - window; k < t; k++) sum += series[k];
    return sum / window;
  });
  // END SOLUTION
}

export function mae(series: number[], forecast: number[], from = 0): number {
  // BEGIN SOLUTION
  let sum = 0;
  let count = 0;
  for (let t = from; t < series.length; t++) {
    if (Number.isNaN(forecast[t])) continue;
    sum += Math.abs(series[t] - forecast[t]);
    count++;
  }
  return sum / count;
  // END SOLUTION
}

/**
 * Exercise 5 — the Huber loss, by hand with tf ops.
 *
 * For each error e = yPred − yTrue: 0.5·e² when |e| ≤ delta (like MSE near the target),
 * delta·(|e| − 0.5·delta) beyond it (like MAE: an outlier pulls linearly, not squared).
 * Return the MEAN over all elements, a scalar tensor. (tf.losses.huberLoss computes the same.)
 * TODO: e.g. yTrue [0, 0], yPred [0.5, 3], delta 1 → mean(0.125, 2.5) = 1.3125
 */
export function huberLoss(yTrue: tf.Tensor, yPred: tf.Tensor, delta = 1): tf.Tensor {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const abs = tf.abs(tf.sub(yPred, yTrue));
    const quadratic = tf.minimum(abs, delta);
    const linear = tf.sub(abs, quadratic);
    return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(delta, linear)));
  });
  // END SOLUTION
}

/**
 * Exercise 6 — two forecasters, compiled with YOUR huberLoss and Adam(learningRate).
 *
 * buildDenseForecaster(windowSize, learningRate):
 *   input [windowSize] → Dense(32, relu) → Dense(16, relu) → Dense(1)   (961 params for 12)
 * buildConvLstmForecaster(windowSize, learningRate):
 *   input [windowSize, 1] → Conv1D(32 filters, kernelSize 5, padding "same", relu)
 *   → LSTM(32) → Dense(1)                                              (8,545 params)
 * (Keras would use padding "causal"; tfjs does not implement it, and "same" only ever sees
 * values inside the window, all of them in the past of the forecast.) The LSTM
 * returns only its last state (returnSequences false) and has NO dropout, so the fast fused
 * LSTM cell runs. Outputs are linear: a forecast is any real number.
 * TODO: compile each with { optimizer: tf.train.adam(learningRate), loss: (yTrue, yPred) =>
 *   huberLoss(yTrue, yPred), metrics: ["mae"] } and return it.
 */
export function buildDenseForecaster(windowSize: number, learningRate = 1e-3): tf.LayersModel {
  // BEGIN SOLUTION
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [windowSize], units: 32, activation: "relu" }));
  model.add(tf.layers.dense({ units: 16, activation: "relu" }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({
    optimizer: tf.train.adam(learningRate),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => huberLoss(yTrue, yPred),
    metrics: ["mae"],
  });
  return model;
  // END SOLUTION
}

export function buildConvLstmForecaster(windowSize: number, learningRate = 1e-3): tf.LayersModel {
  // BEGIN SOLUTION
  const model = tf.sequential();
  model.add(
    tf.layers.conv1d({
      inputShape: [windowSize, 1],
      filters: 32,
      kernelSize: 5,
      padding: "same",
      activation: "relu",
    }),
  );
  model.add(tf.layers.lstm({ units: 32 }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({
    optimizer: tf.train.adam(learningRate),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => huberLoss(yTrue, yPred),
    metrics: ["mae"],
  });
  return model;
  // END SOLUTION
}

/** What `learningRateSweep` returns: a callback for `fit` and the rates it has set so far. */
export interface LearningRateSweep {
  callback: { onEpochBegin: (epoch: number) => void | Promise<void> };
  /** rates[epoch] = the learning rate used for that epoch. */
  rates: number[];
}

/**
 * Exercise 7 — a learning-rate sweep (a "dynamic learning rate").
 *
 * At the start of each epoch, set the model's optimizer learning rate to
 *   startLr · growth^epoch      (growth > 1: the rate GROWS every epoch)
 * and record it in `rates`. Adam reads its `learningRate` at every step, but TypeScript calls it
 * protected: write `(model.optimizer as unknown as { learningRate: number }).learningRate = …`.
 * (tf.train.sgd would need `setLearningRate` instead.) Train for some epochs, then plot loss against rate: the best rate is a little
 * below the one where the loss is lowest, well before it blows up.
 * TODO: e.g. startLr 1e-4, growth 10^(1/10): epoch 0 → 1e-4, epoch 10 → 1e-3, epoch 20 → 1e-2
 */
export function learningRateSweep(
  model: tf.LayersModel,
  startLr: number,
  growth: number,
): LearningRateSweep {
  // BEGIN SOLUTION
  const rates: number[] = [];
  return {
    rates,
    callback: {
      onEpochBegin: (epoch) => {
        const lr = startLr * growth ** epoch;
        (model.optimizer as unknown as { learningRate: number }).learningRate = lr;
        rates[epoch] = lr;
      },
    },
  };
  // END SOLUTION
}

/** Validation error of a one-step forecaster, on both scales. */
export interface ValidationMae {
  /** In the series' own units (sunspots, ppm): predictions unscaled before comparing. */
  original: number;
  /** On the normalised scale: the same error divided by (max − min). */
  normalised: number;
}

/**
 * Exercise 8 — how good is a model on the validation period?
 *
 * Predict every validation window of `data` (shape [n, windowSize] for a Dense model, or
 * [n, windowSize, 1] for a Conv1D/LSTM one: look at model.inputs[0].shape), then return the
 * MAE against data.valid.y on the normalised scale and, after unscale, in original units.
 * Leave no tensors behind: tf.tidy around predict, and dispose the prediction once read.
 * TODO: e.g. predictions [0.5, 0.7] for labels [0.6, 0.6] with scaler { min: 0, max: 200 }
 *   → { normalised: 0.1, original: 20 }
 */
export function validationMae(model: tf.LayersModel, data: ForecastData): ValidationMae {
  // BEGIN SOLUTION
  const rank = model.inputs[0].shape.length;
  const n = data.valid.x.length;
  const windowSize = data.valid.x[0].length;
  const out = tf.tidy(() => {
    const x = tf.tensor(data.valid.x.flat(), rank === 3 ? [n, windowSize, 1] : [n, windowSize]);
    return model.predict(x) as tf.Tensor;
  });
  const predicted = Array.from(out.dataSync());
  out.dispose();
  const labels = data.valid.y.map((y) => y[0]);
  const normalised = mae(labels, predicted);
  const original = mae(unscale(labels, data.scaler), unscale(predicted, data.scaler));
  return { original, normalised };
  // END SOLUTION
}

/** Which forecaster `trainForecaster` builds. */
export type ForecasterKind = "dense" | "conv-lstm";

/**
 * Exercise 9 — train a forecaster that beats the naive forecast.
 *
 * prepareForecastData(series, windowSize); build the model of `kind` with
 * `learningRate`; fit it on the training windows (shaped for the model, as in exercise 8)
 * for `epochs` epochs, batchSize 32, shuffle: true (it only shuffles the training windows),
 * validationData = the validation windows, and `callbacks` passed on to fit.
 * Return the model and the data it was trained on.
 * TODO: `await model.fit(x, y, { … })`, dispose the tensors you made, return { model, data }.
 */
export async function trainForecaster(
  series: number[],
  options: {
    kind: ForecasterKind;
    windowSize: number;
    epochs: number;
    learningRate: number;
    callbacks?: tf.CustomCallbackArgs | tf.CustomCallbackArgs[];
  },
): Promise<{ model: tf.LayersModel; data: ForecastData }> {
  // BEGIN SOLUTION
  const { kind, windowSize, epochs, learningRate, callbacks } = options;
  const data = prepareForecastData(series, windowSize);
  const model =
    kind === "dense"
      ? buildDenseForecaster(windowSize, learningRate)
      : buildConvLstmForecaster(windowSize, learningRate);
  const shape = (w: Windows) =>
    kind === "dense" ? [w.x.length, windowSize] : [w.x.length, windowSize, 1];
  const xTrain = tf.tensor(data.train.x.flat(), shape(data.train));
  const yTrain = tf.tensor2d(data.train.y);
  const xValid = tf.tensor(data.valid.x.flat(), shape(data.valid));
  const yValid = tf.tensor2d(data.valid.y);
  await model.fit(xTrain, yTrain, {
    epochs,
    batchSize: 32,
    shuffle: true,
    validationData: [xValid, yValid],
    callbacks,
  });
  tf.dispose([xTrain, yTrain, xValid, yValid]);
  return { model, data };
  // END SOLUTION
}

/**
 * Exercise 10 — forecasting several steps ahead.
 *
 * Start from the last `windowSize` values of `history` (normalised), predict the next value,
 * append the PREDICTION to the window (dropping its oldest value) and repeat, `steps` times.
 * Truth after the history is unknown at forecast time: never feed it in.
 * Return the `steps` predictions (normalised). Shape the window for the model as in exercise 8,
 * and leave no tensors behind (tf.tidy around predict; dispose the prediction once read).
 * TODO: e.g. a model that predicts the mean of its window, history [1, 2, 3, 4], windowSize 2,
 *   steps 3 → [3.5, 3.75, 3.625]
 */
export function forecastAhead(
  model: tf.LayersModel,
  history: number[],
  windowSize: number,
  steps: number,
): number[] {
  // BEGIN SOLUTION
  const rank = model.inputs[0].shape.length;
  const window = history.slice(history.length - windowSize);
  const out: number[] = [];
  for (let s = 0; s < steps; s++) {
    const y = tf.tidy(() => {
      const x = tf.tensor(window, rank === 3 ? [1, windowSize, 1] : [1, windowSize]);
      return model.predict(x) as tf.Tensor;
    });
    const next = y.dataSync()[0];
    y.dispose();
    out.push(next);
    window.shift();
    window.push(next);
  }
  return out;
  // END SOLUTION
}
