import * as solution from "../../solutions/12-regression-network";
import type { Dataset } from "../../src/data";
import { loadModel, saveModel, tf } from "../../src/tf";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const { baselineMae, fitNormalizer, normalize, prepareData, meanAbsoluteError, buildDnnModel } =
  solution;

const avg = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

/** prepareData with the normaliser fitted on `rows` (for leaky variants). */
function prepareWith(train: Dataset, test: Dataset, rows: number[][]): solution.PreparedData {
  const normalizer = fitNormalizer(rows);
  return {
    xTrain: tf.tensor2d(normalize(train.x, normalizer)),
    yTrain: tf.tensor2d(train.y, [train.y.length, 1]),
    xTest: tf.tensor2d(normalize(test.x, normalizer)),
    yTest: tf.tensor2d(test.y, [test.y.length, 1]),
    normalizer,
    featureNames: train.featureNames.slice(),
  };
}

/** A Dense stack compiled for regression unless told otherwise. */
function stack(
  nFeatures: number,
  layers: { units: number; activation?: "relu" | "sigmoid" | "softmax" | "linear" }[],
  loss = "meanAbsoluteError",
): tf.Sequential {
  const model = tf.sequential();
  layers.forEach((l, i) => {
    model.add(tf.layers.dense(i === 0 ? { ...l, inputShape: [nFeatures] } : l));
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss });
  return model;
}

const wrap = (cbs: tf.CustomCallbackArgs[] | undefined) =>
  (cbs ?? []).map((cb) => new tf.CustomCallback(cb));

/** trainModel with chosen fit arguments (callbacks: options.callbacks appended). */
function trainWith(build: (options: solution.TrainOptions) => tf.ModelFitArgs): Lab["trainModel"] {
  return (model, x, y, options = {}) => model.fit(x, y, build(options));
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // baseline-mae
  {
    exercise: "baseline-mae",
    mistake: "predicts the test-set mean (leakage)",
    impl: { baselineMae: (_yTrain, yTest) => baselineMae(yTest, yTest) },
    expectMessage: /test-set statistics/,
  },
  {
    exercise: "baseline-mae",
    mistake: "scores the training targets",
    impl: { baselineMae: (yTrain) => baselineMae(yTrain, yTrain) },
    expectMessage: /TRAINING targets/,
  },
  {
    exercise: "baseline-mae",
    mistake: "mean squared error",
    impl: {
      baselineMae: (yTrain, yTest) => {
        const m = avg(yTrain);
        return avg(yTest.map((v) => (v - m) ** 2));
      },
    },
    expectMessage: /SQUARED/,
  },
  // normalizer
  {
    exercise: "normalizer",
    mistake: "sample std (n − 1)",
    impl: {
      fitNormalizer: (x) => {
        const { mean } = fitNormalizer(x);
        const std = mean.map((m, j) => {
          const s = Math.sqrt(x.reduce((t, row) => t + (row[j] - m) ** 2, 0) / (x.length - 1));
          return s > 0 ? s : 1;
        });
        return { mean, std };
      },
    },
    expectMessage: /n − 1/,
  },
  {
    exercise: "normalizer",
    mistake: "no guard for a constant column (std 0)",
    impl: {
      fitNormalizer: (x) => {
        const { mean, std } = fitNormalizer(x);
        return {
          mean,
          std: std.map((s, j) => (x.every((row) => row[j] === x[0][j]) ? 0 : s)),
        };
      },
    },
    expectMessage: /constant/,
  },
  {
    exercise: "normalizer",
    mistake: "normalize forgets to divide by the std",
    impl: { normalize: (x, n) => x.map((row) => row.map((v, j) => v - n.mean[j])) },
    expectMessage: /did not divide/,
  },
  // prepare-data
  {
    exercise: "prepare-data",
    mistake: "normalisation with test-set statistics",
    impl: { prepareData: (train, test) => prepareWith(train, test, test.x) },
    expectMessage: /test-set statistics.*leakage/,
  },
  {
    exercise: "prepare-data",
    mistake: "normalisation with the statistics of all rows",
    impl: { prepareData: (train, test) => prepareWith(train, test, [...train.x, ...test.x]) },
    expectMessage: /ALL rows.*leakage/,
  },
  {
    exercise: "prepare-data",
    mistake: "test rows normalised with their own statistics",
    impl: {
      prepareData: (train, test) => {
        const prepared = prepareData(train, test);
        prepared.xTest.dispose();
        prepared.xTest = tf.tensor2d(normalize(test.x, fitNormalizer(test.x)));
        return prepared;
      },
    },
    expectMessage: /own \(test-set\) statistics/,
  },
  {
    exercise: "prepare-data",
    mistake: "shuffled features without labels",
    impl: {
      prepareData: (train, test) => {
        const order = train.x.map((_, i) => i).reverse();
        return prepareData({ ...train, x: order.map((i) => train.x[i]) }, test);
      },
    },
    expectMessage: /labels not matched to rows/,
  },
  {
    exercise: "prepare-data",
    mistake: "targets as a 1-D tensor",
    impl: {
      prepareData: (train, test) => {
        const prepared = prepareData(train, test);
        prepared.yTrain.dispose();
        prepared.yTrain = tf.tensor1d(train.y) as unknown as tf.Tensor2D;
        return prepared;
      },
    },
    expectMessage: /\[n, 1\]/,
  },
  {
    exercise: "prepare-data",
    mistake: "raw (unnormalised) features",
    impl: {
      prepareData: (train, test) => {
        const prepared = prepareData(train, test);
        prepared.xTrain.dispose();
        prepared.xTrain = tf.tensor2d(train.x);
        return prepared;
      },
    },
    expectMessage: /raw features/,
  },
  // linear-model
  {
    exercise: "linear-model",
    mistake: "sigmoid output on a regression target",
    impl: { buildLinearModel: (n) => stack(n, [{ units: 1, activation: "sigmoid" }]) },
    expectMessage: /sigmoid.*linear/,
  },
  {
    exercise: "linear-model",
    mistake: "relu output",
    impl: { buildLinearModel: (n) => stack(n, [{ units: 1, activation: "relu" }]) },
    expectMessage: /relu.*clips/,
  },
  {
    exercise: "linear-model",
    mistake: "input shape hard-coded to 9",
    impl: { buildLinearModel: () => stack(9, [{ units: 1 }]) },
    expectMessage: /inputShape/,
  },
  {
    exercise: "linear-model",
    mistake: "binary cross-entropy loss",
    impl: { buildLinearModel: (n) => stack(n, [{ units: 1 }], "binaryCrossentropy") },
    expectMessage: /Cross-entropy/,
  },
  // train-model
  {
    exercise: "train-model",
    mistake: "no validation split with early stopping",
    impl: {
      trainModel: trainWith((o) => ({
        epochs: o.maxEpochs ?? 200,
        callbacks: [
          tf.callbacks.earlyStopping({ monitor: "val_loss", patience: 10 }),
          ...wrap(o.callbacks),
        ],
        verbose: 0,
      })),
    },
    expectMessage: /early stopping with no validation data/,
  },
  {
    exercise: "train-model",
    mistake: "early stopping on the training loss",
    impl: {
      trainModel: trainWith((o) => ({
        epochs: o.maxEpochs ?? 200,
        validationSplit: 0.2,
        callbacks: [
          tf.callbacks.earlyStopping({ monitor: "loss", patience: 10 }),
          ...wrap(o.callbacks),
        ],
        verbose: 0,
      })),
    },
    expectMessage: /monitors "loss"/,
  },
  {
    exercise: "train-model",
    mistake: "no early stopping",
    impl: {
      trainModel: trainWith((o) => ({
        epochs: o.maxEpochs ?? 200,
        validationSplit: 0.2,
        callbacks: wrap(o.callbacks),
        verbose: 0,
      })),
    },
    expectMessage: /no early stopping/,
  },
  {
    exercise: "train-model",
    mistake: "options.callbacks dropped",
    impl: {
      trainModel: trainWith((o) => ({
        epochs: o.maxEpochs ?? 200,
        validationSplit: 0.2,
        callbacks: [tf.callbacks.earlyStopping({ monitor: "val_loss", patience: 10 })],
        verbose: 0,
      })),
    },
    expectMessage: /options\.callbacks/,
  },
  {
    exercise: "train-model",
    mistake: "plain callbacks mixed with EarlyStopping",
    impl: {
      trainModel: trainWith((o) => ({
        epochs: o.maxEpochs ?? 200,
        validationSplit: 0.2,
        callbacks: [
          tf.callbacks.earlyStopping({ monitor: "val_loss", patience: 10 }),
          ...(o.callbacks ?? []),
        ] as tf.ModelFitArgs["callbacks"],
        verbose: 0,
      })),
    },
    expectMessage: /tf\.CustomCallback/,
  },
  {
    exercise: "train-model",
    mistake: "far too few epochs",
    impl: {
      trainModel: trainWith((o) => ({
        epochs: 5,
        validationSplit: 0.2,
        callbacks: [
          tf.callbacks.earlyStopping({ monitor: "val_loss", patience: 10 }),
          ...wrap(o.callbacks),
        ],
        verbose: 0,
      })),
    },
    expectMessage: /asks fit for 5 epochs/,
  },
  {
    exercise: "train-model",
    mistake: "full-batch training (one step per epoch)",
    impl: {
      trainModel: (model, x, y, o = {}) =>
        model.fit(x, y, {
          epochs: o.maxEpochs ?? 200,
          batchSize: x.shape[0],
          validationSplit: 0.2,
          callbacks: [
            tf.callbacks.earlyStopping({ monitor: "val_loss", patience: 10 }),
            ...wrap(o.callbacks),
          ],
          verbose: 0,
        }),
    },
    expectMessage: /test MAE/,
  },
  // evaluate-mae
  {
    exercise: "evaluate-mae",
    mistake: "evaluating on the training data",
    impl: {
      evaluateMae: async (model, data) => {
        const p = model.predict(data.xTrain) as tf.Tensor;
        const predicted = await p.data();
        p.dispose();
        return meanAbsoluteError(await data.yTrain.data(), predicted);
      },
    },
    expectMessage: /TRAINING rows/,
  },
  {
    exercise: "evaluate-mae",
    mistake: "leaks the prediction tensor",
    impl: {
      evaluateMae: async (model, data) =>
        meanAbsoluteError(
          await data.yTest.data(),
          await (model.predict(data.xTest) as tf.Tensor).data(),
        ),
    },
    expectMessage: /tensors in memory/,
  },
  // dnn-model
  {
    exercise: "dnn-model",
    mistake: "hidden layers without activation",
    impl: {
      buildDnnModel: (n) => stack(n, [{ units: 64 }, { units: 64 }, { units: 1 }]),
    },
    expectMessage: /still a linear model/,
  },
  {
    exercise: "dnn-model",
    mistake: "softmax output",
    impl: {
      buildDnnModel: (n) =>
        stack(n, [
          { units: 64, activation: "relu" },
          { units: 64, activation: "relu" },
          { units: 1, activation: "softmax" },
        ]),
    },
    expectMessage: /softmax/,
  },
  {
    exercise: "dnn-model",
    mistake: "sigmoid output",
    impl: {
      buildDnnModel: (n) =>
        stack(n, [
          { units: 64, activation: "relu" },
          { units: 64, activation: "relu" },
          { units: 1, activation: "sigmoid" },
        ]),
    },
    expectMessage: /sigmoid/,
  },
  {
    exercise: "dnn-model",
    mistake: "categorical cross-entropy loss",
    impl: {
      buildDnnModel: (n) =>
        stack(
          n,
          [{ units: 64, activation: "relu" }, { units: 64, activation: "relu" }, { units: 1 }],
          "categoricalCrossentropy",
        ),
    },
    expectMessage: /not a regression loss/,
  },
  // save-reload
  {
    exercise: "save-reload",
    mistake: "returns the original model",
    impl: {
      saveAndReload: async (model, dir) => {
        await saveModel(model, dir);
        return model;
      },
    },
    expectMessage: /original model/,
  },
  {
    exercise: "save-reload",
    mistake: "returns a freshly built model",
    impl: {
      saveAndReload: async (model, dir) => {
        await saveModel(model, dir);
        return buildDnnModel(model.inputs[0].shape[1] as number);
      },
    },
    expectMessage: /predicts differently/,
  },
  {
    exercise: "save-reload",
    mistake: "saves to another folder",
    impl: {
      saveAndReload: async (model, dir) => {
        const other = `${dir}-copy`;
        await saveModel(model, other);
        return loadModel(other);
      },
    },
    expectMessage: /model\.json/,
  },
];
