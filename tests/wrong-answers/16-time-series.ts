import * as solution from "../../solutions/16-time-series";
import { seededRandom, shuffled } from "../../src/data/random";
import { tf } from "../../src/tf";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const {
  fitMinMax,
  scale,
  makeWindows,
  prepareForecastData,
  seasonalNaiveForecast,
  mae,
  huberLoss,
  learningRateSweep,
  buildDenseForecaster,
  buildConvLstmForecaster,
  validationMae,
  trainForecaster,
  forecastAhead,
} = solution;

const huberCompiled = (yTrue: tf.Tensor, yPred: tf.Tensor) => huberLoss(yTrue, yPred);

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // min-max
  {
    exercise: "min-max",
    mistake: "scale clips to [0, 1]",
    impl: { scale: (v, s) => scale(v, s).map((x) => Math.min(1, Math.max(0, x))) },
    expectMessage: /clips/,
  },
  {
    exercise: "min-max",
    mistake: "unscale forgets to add min",
    impl: { unscale: (v, s) => v.map((x) => x * (s.max - s.min)) },
    expectMessage: /add min back/,
  },
  {
    exercise: "min-max",
    mistake: "min and max from the first and last values",
    impl: { fitMinMax: (t) => ({ min: t[0], max: t[t.length - 1] }) },
    expectMessage: /smallest training value/,
  },
  // windows
  {
    exercise: "windows",
    mistake: "label is the window's last input (off by one)",
    impl: {
      makeWindows: (series, o) => {
        const w = makeWindows(series, o);
        const h = o.horizon ?? 1;
        const sh = o.shift ?? 1;
        return {
          x: w.x,
          y: w.x.map((_, i) =>
            series.slice(i * sh + o.windowSize - 1, i * sh + o.windowSize - 1 + h),
          ),
        };
      },
    },
    expectMessage: /off by one/,
  },
  {
    exercise: "windows",
    mistake: "shift ignored",
    impl: { makeWindows: (series, o) => makeWindows(series, { ...o, shift: 1 }) },
    expectMessage: /ignores shift/,
  },
  // prepare-data
  {
    exercise: "prepare-data",
    mistake: "normalised with the whole series",
    impl: {
      prepareForecastData: (series, ws, frac = 0.8) => {
        const split = Math.floor(series.length * frac);
        const scaler = fitMinMax(series);
        const scaled = scale(series, scaler);
        return {
          split,
          scaler,
          train: makeWindows(scaled.slice(0, split), { windowSize: ws }),
          valid: makeWindows(scaled.slice(split - ws), { windowSize: ws }),
        };
      },
    },
    expectMessage: /whole series/,
  },
  {
    exercise: "prepare-data",
    mistake: "windows shuffled before splitting",
    impl: {
      prepareForecastData: (series, ws, frac = 0.8) => {
        const split = Math.floor(series.length * frac);
        const scaler = fitMinMax(series.slice(0, split));
        const all = makeWindows(scale(series, scaler), { windowSize: ws });
        const order = shuffled(
          all.x.map((_, i) => i),
          seededRandom(1),
        );
        const nTrain = split - ws;
        const pick = (idx: number[]) => ({
          x: idx.map((i) => all.x[i]),
          y: idx.map((i) => all.y[i]),
        });
        return {
          split,
          scaler,
          train: pick(order.slice(0, nTrain)),
          valid: pick(order.slice(nTrain)),
        };
      },
    },
    expectMessage: /shuffled across the split/,
  },
  {
    exercise: "prepare-data",
    mistake: "training windows shuffled (within the training set)",
    impl: {
      prepareForecastData: (series, ws, frac) => {
        const d = prepareForecastData(series, ws, frac);
        const order = shuffled(
          d.train.x.map((_, i) => i),
          seededRandom(3),
        );
        return {
          ...d,
          train: { x: order.map((i) => d.train.x[i]), y: order.map((i) => d.train.y[i]) },
        };
      },
    },
    expectMessage: /time order/,
  },
  {
    exercise: "prepare-data",
    mistake: "validation windows start at the split (the first windowSize values never forecast)",
    impl: {
      prepareForecastData: (series, ws, frac) => {
        const d = prepareForecastData(series, ws, frac);
        return {
          ...d,
          valid: makeWindows(scale(series, d.scaler).slice(d.split), { windowSize: ws }),
        };
      },
    },
    expectMessage: /never forecast/,
  },
  {
    exercise: "prepare-data",
    mistake: "trainFraction ignored",
    impl: { prepareForecastData: (series, ws) => prepareForecastData(series, ws) },
    expectMessage: /trainFraction/,
  },
  // baselines
  {
    exercise: "baselines",
    mistake: "seasonal naive with lag season − 1",
    impl: { seasonalNaiveForecast: (s, season) => seasonalNaiveForecast(s, season - 1) },
    expectMessage: /wrong lag/,
  },
  {
    exercise: "baselines",
    mistake: "moving average includes the value being predicted",
    impl: {
      movingAverageForecast: (s, w) =>
        s.map((_, t) => {
          if (t < w - 1) return Number.NaN;
          let sum = 0;
          for (let k = t - w + 1; k <= t; k++) sum += s[k];
          return sum / w;
        }),
    },
    expectMessage: /includes the value being predicted/,
  },
  {
    exercise: "baselines",
    mistake: "centred moving average used for forecasting",
    impl: {
      movingAverageForecast: (s, w) => {
        const h = Math.floor(w / 2);
        return s.map((_, t) => {
          if (t < h || t + h >= s.length) return Number.NaN;
          let sum = 0;
          for (let k = t - h; k <= t + h; k++) sum += s[k];
          return sum / (2 * h + 1);
        });
      },
    },
    expectMessage: /centred window/,
  },
  {
    exercise: "baselines",
    mistake: "naive forecast predicts the current value",
    impl: { naiveForecast: (s) => s.slice() },
    expectMessage: /PREVIOUS value/,
  },
  {
    exercise: "baselines",
    mistake: "mae ignores from",
    impl: { mae: (s, f) => mae(s, f) },
    expectMessage: /Ignores `from`/,
  },
  {
    exercise: "baselines",
    mistake: "mae does not skip NaN",
    impl: {
      mae: (s, f, from = 0) => {
        let sum = 0;
        for (let t = from; t < s.length; t++) sum += Math.abs(s[t] - f[t]);
        return sum / (s.length - from);
      },
    },
    expectMessage: /NaN/,
  },
  // huber-loss
  {
    exercise: "huber-loss",
    mistake: "linear branch delta·|e| (pieces do not meet)",
    impl: {
      huberLoss: (a, b, delta = 1) =>
        tf.tidy(() => {
          const e = tf.abs(tf.sub(b, a));
          return tf.mean(
            tf.where(tf.lessEqual(e, delta), tf.mul(0.5, tf.square(e)), tf.mul(delta, e)),
          );
        }),
    },
    expectMessage: /delta·\(\|e\| − delta\/2\)/,
  },
  {
    exercise: "huber-loss",
    mistake: "mean squared error instead",
    impl: { huberLoss: (a, b) => tf.tidy(() => tf.mean(tf.square(tf.sub(b, a)))) },
    expectMessage: /mean squared error/,
  },
  {
    exercise: "huber-loss",
    mistake: "delta ignored",
    impl: { huberLoss: (a, b) => huberLoss(a, b, 1) },
    expectMessage: /ignores delta/,
  },
  // lr-sweep
  {
    exercise: "lr-sweep",
    mistake: "schedule shrinks instead of growing",
    impl: {
      learningRateSweep: (model, start, growth) => {
        const rates: number[] = [];
        return {
          rates,
          callback: {
            onEpochBegin: (epoch) => {
              const lr = start / growth ** epoch;
              (model.optimizer as unknown as { learningRate: number }).learningRate = lr;
              rates[epoch] = lr;
            },
          },
        };
      },
    },
    expectMessage: /shrinks instead of growing/,
  },
  {
    exercise: "lr-sweep",
    mistake: "epoch formula applied per batch",
    impl: {
      learningRateSweep: (model, start, growth) => {
        const s = learningRateSweep(model, start, growth);
        let step = 0;
        const callback = {
          onEpochBegin: (epoch: number) => s.callback.onEpochBegin(epoch),
          onBatchBegin: () => {
            (model.optimizer as unknown as { learningRate: number }).learningRate =
              start * growth ** step++;
          },
        };
        return { rates: s.rates, callback };
      },
    },
    expectMessage: /per batch/,
  },
  {
    exercise: "lr-sweep",
    mistake: "off by one: epoch 0 already grown",
    impl: {
      learningRateSweep: (model, start, growth) => learningRateSweep(model, start * growth, growth),
    },
    expectMessage: /off by one/,
  },
  // forecasters
  {
    exercise: "forecasters",
    mistake: "compiled with MSE instead of Huber",
    impl: {
      buildDenseForecaster: (ws, lr) => {
        const m = buildDenseForecaster(ws, lr);
        m.compile({ optimizer: tf.train.adam(lr), loss: "meanSquaredError", metrics: ["mae"] });
        return m;
      },
    },
    expectMessage: /mean squared error, not Huber/,
  },
  {
    exercise: "forecasters",
    mistake: "LSTM with dropout (no fused cell)",
    impl: {
      buildConvLstmForecaster: (ws, lr = 1e-3) => {
        const model = tf.sequential();
        model.add(
          tf.layers.conv1d({
            inputShape: [ws, 1],
            filters: 32,
            kernelSize: 5,
            padding: "same",
            activation: "relu",
          }),
        );
        model.add(tf.layers.lstm({ units: 32, dropout: 0.2 }));
        model.add(tf.layers.dense({ units: 1 }));
        model.compile({ optimizer: tf.train.adam(lr), loss: huberCompiled, metrics: ["mae"] });
        return model;
      },
    },
    expectMessage: /dropout/,
  },
  {
    exercise: "forecasters",
    mistake: "Keras-style causal padding (not implemented in TF.js)",
    impl: {
      buildConvLstmForecaster: (ws, lr = 1e-3) => {
        const model = tf.sequential();
        model.add(
          tf.layers.conv1d({
            inputShape: [ws, 1],
            filters: 32,
            kernelSize: 5,
            padding: "causal",
            activation: "relu",
          }),
        );
        model.add(tf.layers.lstm({ units: 32 }));
        model.add(tf.layers.dense({ units: 1 }));
        model.compile({ optimizer: tf.train.adam(lr), loss: huberCompiled, metrics: ["mae"] });
        return model;
      },
    },
    expectMessage: /causal/,
  },
  {
    exercise: "forecasters",
    mistake: "relu on the output layer",
    impl: {
      buildDenseForecaster: (ws, lr = 1e-3) => {
        const model = tf.sequential();
        model.add(tf.layers.dense({ inputShape: [ws], units: 32, activation: "relu" }));
        model.add(tf.layers.dense({ units: 16, activation: "relu" }));
        model.add(tf.layers.dense({ units: 1, activation: "relu" }));
        model.compile({ optimizer: tf.train.adam(lr), loss: huberCompiled, metrics: ["mae"] });
        return model;
      },
    },
    expectMessage: /activation "relu"/,
  },
  {
    exercise: "forecasters",
    mistake: "learning rate argument ignored",
    impl: { buildConvLstmForecaster: (ws) => buildConvLstmForecaster(ws) },
    expectMessage: /learning rate/,
  },
  // validation-mae
  {
    exercise: "validation-mae",
    mistake: "original-units MAE not inverted",
    impl: {
      validationMae: (model, data) => {
        const m = validationMae(model, data);
        return { original: m.normalised, normalised: m.normalised };
      },
    },
    expectMessage: /not inverted/,
  },
  {
    exercise: "validation-mae",
    mistake: "scales swapped (normalised labelled as original units)",
    impl: {
      validationMae: (model, data) => {
        const m = validationMae(model, data);
        return { original: m.normalised, normalised: m.original };
      },
    },
    expectMessage: /swapped/,
  },
  // train-forecaster
  {
    exercise: "train-forecaster",
    mistake: "trains on the validation windows too",
    impl: {
      trainForecaster: async (series, o) => {
        const data = prepareForecastData(series, o.windowSize);
        const model = buildDenseForecaster(o.windowSize, o.learningRate);
        const x = tf.tensor2d([...data.train.x, ...data.valid.x]);
        const y = tf.tensor2d([...data.train.y, ...data.valid.y]);
        await model.fit(x, y, { epochs: 1, batchSize: 32, shuffle: true, callbacks: o.callbacks });
        tf.dispose([x, y]);
        return { model, data };
      },
    },
    expectMessage: /validation windows were included/,
  },
  {
    exercise: "train-forecaster",
    mistake: "epochs fixed at 1 and the callbacks dropped",
    impl: {
      trainForecaster: (series, o) =>
        trainForecaster(series, { ...o, callbacks: undefined, epochs: 1 }),
    },
    expectMessage: /ignored epochs|callbacks/,
  },
  {
    exercise: "train-forecaster",
    mistake: "labels off by one: trains to repeat the last input",
    impl: {
      trainForecaster: async (series, o) => {
        const data = prepareForecastData(series, o.windowSize);
        const model = buildDenseForecaster(o.windowSize, o.learningRate);
        const x = tf.tensor2d(data.train.x);
        const y = tf.tensor2d(data.train.x.map((r) => [r[r.length - 1]]));
        const xv = tf.tensor2d(data.valid.x);
        const yv = tf.tensor2d(data.valid.y);
        await model.fit(x, y, {
          epochs: o.epochs,
          batchSize: 32,
          shuffle: true,
          validationData: [xv, yv],
          callbacks: o.callbacks,
        });
        tf.dispose([x, y, xv, yv]);
        return { model, data };
      },
    },
    expectMessage: /copy its input.*off by one/,
  },
  {
    exercise: "train-forecaster",
    mistake: "callbacks not passed on to fit",
    impl: {
      trainForecaster: (series, o) => trainForecaster(series, { ...o, callbacks: undefined }),
    },
    expectMessage: /did not pass the callbacks/,
  },
  // forecast-ahead
  {
    exercise: "forecast-ahead",
    mistake: "the window never moves",
    impl: {
      forecastAhead: (model, history, ws, steps) => {
        const first = forecastAhead(model, history, ws, 1)[0];
        return Array(steps).fill(first);
      },
    },
    expectMessage: /window never moves/,
  },
  {
    exercise: "forecast-ahead",
    mistake: "leaks two tensors per step (no tidy, no dispose)",
    impl: {
      forecastAhead: (model, history, ws, steps) => {
        const rank = model.inputs[0].shape.length;
        const window = history.slice(-ws);
        const out: number[] = [];
        for (let s = 0; s < steps; s++) {
          const x = tf.tensor(window, rank === 3 ? [1, ws, 1] : [1, ws]);
          const next = (model.predict(x) as tf.Tensor).dataSync()[0];
          out.push(next);
          window.shift();
          window.push(next);
        }
        return out;
      },
    },
    expectMessage: /left \d+ tensors/,
  },
  {
    exercise: "forecast-ahead",
    mistake: "starts from the first values of the history",
    impl: {
      forecastAhead: (model, history, ws, steps) =>
        forecastAhead(model, history.slice(0, ws), ws, steps),
    },
    expectMessage: /FIRST windowSize/,
  },
];
