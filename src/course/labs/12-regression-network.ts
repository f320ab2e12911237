import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Dataset, loadFixedSplit, seededRandom } from "../../data";
import { bandScore } from "../../grading/bands";
import { fail } from "../../grading/check-failure";
import {
  diagnose,
  diagnoseGrid,
  expectClose,
  expectFiniteNumber,
  expectGridClose,
  expectThat,
  formatNumber,
  describe as show,
} from "../../grading/expect";
import {
  describeLayers,
  expectInputShape,
  expectModel,
  expectNoLeak,
  expectParamCount,
  layersOf,
  type ModelSummary,
  probeLoss,
  summarizeModel,
} from "../../grading/expect-model";
import { checkCallbacks } from "../../grading/training";
import { defineLab } from "../../grading/types";
import { ready, tf } from "../../tf";
import { linearRegressionModel, regressionDnn } from "../../tf/models/regression";
import { withSeed } from "../../tf/seed";

type Lab = typeof import("../../../solutions/12-regression-network");
type Prepared = ReturnType<Lab["prepareData"]>;

/*
 * Expected values come from plain loops written here, independently of the reference solution
 * (column means and population standard deviations, row matching by nearest neighbour), and
 * from the reference models in src/tf/models/regression.ts.
 *
 * Calibration of `train-model` (the reference trainModel: validationSplit 0.2, early stopping on
 * val_loss with patience 10, batch 32; the check caps epochs at 150, the runs below stop at
 * 45–70 either way) on the reference DNN 64-64-1 (adam 0.001, MAE loss), trained on the 313 normalised training rows of the fixed split, scored on
 * the 79 test rows the learner's function never sees. wasm backend, 2 busy cores, 1–3 s each:
 *   seed:      1      2      3      42     1234   2026 (the check's seed)
 *   reference  1.771  1.789  1.783  1.796  1.742  1.815   (45–70 epochs): mean 1.783, spread 0.073
 *   patience 0 2.085  1.929  2.162  1.996  1.953  2.071   (25–33 epochs; mildly worse, not graded as wrong)
 *   20 epochs  2.553  2.501  3.282  2.950  2.806  2.968   (fit with epochs 20, no early stopping)
 *   5 epochs   18.20  19.19  19.99  18.84  18.60  19.21
 * Reference points: mean-prediction baseline 5.881 on the test rows (the tutorial's ≈ 5.9); the
 * linear model 2.31 … 2.42 over seeds 1, 2, 3, 42, 1234 (≈ 2.5); the DNN ≈ 1.7–1.8.
 * Band: full marks at test MAE ≤ 2.0 (0.18 above the worst reference seed), nothing at ≥ 5.9 (no
 * better than predicting the mean): 20 epochs earns ≈ 75 %, 5 epochs 0 %; full-batch training
 * (batchSize = all rows, 150 epochs, seed 2026) 2.914 → 77 %. Fit arguments (validation data,
 * early stopping on val_loss, callbacks, epoch cap/default) are checked first by a spy that
 * does not train, so those mistakes fail in milliseconds. Whole check ≈ 2–6 s (busy machine).
 */
const TRAIN_SEED = 2026;
const TRAIN_BAND = { metric: "test MAE (mpg)", full: 2.0, zero: 5.9 };
/** The cap the check passes (below the default 200, so a trainModel that ignores it shows). */
const MAX_EPOCHS = 150;
const DEFAULT_EPOCHS = 200;

const avg = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

function columnMeans(x: number[][]): number[] {
  return x[0].map((_, j) => avg(x.map((row) => row[j])));
}

/** Column standard deviations dividing by n − ddof; 0 becomes 1 (constant columns). */
function columnStds(x: number[][], ddof = 0): number[] {
  const means = columnMeans(x);
  return means.map((m, j) => {
    let ss = 0;
    for (const row of x) ss += (row[j] - m) ** 2;
    const sd = Math.sqrt(ss / (x.length - ddof));
    return sd > 0 ? sd : 1;
  });
}

function zScore(x: number[][], mean: number[], std: number[]): number[][] {
  return x.map((row) => row.map((v, j) => (v - mean[j]) / std[j]));
}

/** A random matrix with columns on very different scales, one of them constant. */
function messyMatrix(rows: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: rows }, () => [
    1000 + 500 * random(),
    random() * 2 - 1,
    7,
    Math.round(10 * random()),
  ]);
}

const listsClose = (a: number[] | undefined, b: number[], tol = 1e-4) =>
  Array.isArray(a) &&
  a.length === b.length &&
  a.every((v, i) => Math.abs(v - b[i]) <= tol * Math.max(1, Math.abs(b[i])));

const numbers = (v: number[]) => `[${v.map(formatNumber).join(", ")}]`;

// ---- prepared data -----------------------------------------------------------------------

function isTensor(value: unknown): value is tf.Tensor {
  const t = value as { shape?: unknown; arraySync?: unknown; isDisposed?: unknown } | null;
  return !!t && Array.isArray(t.shape) && typeof t.arraySync === "function";
}

/** The values of a returned tensor of shape [rows, cols], or a failure naming the shape. */
function tensorValues(value: unknown, what: string, rows: number, cols: number): number[][] {
  if (!isTensor(value)) {
    fail({
      message: `${what} is not a tensor.`,
      expected: `a tf.Tensor2D of shape [${rows}, ${cols}]`,
      got: show(value),
      likelyCause: "Build it with tf.tensor2d(rows) (targets: tf.tensor2d(y, [n, 1])).",
    });
  }
  const shape = value.shape;
  if (shape.length !== 2 || shape[0] !== rows || shape[1] !== cols) {
    const oneD = shape.length === 1 && shape[0] === rows && cols === 1;
    fail({
      message: `${what} has shape [${shape.join(", ")}].`,
      expected: `shape [${rows}, ${cols}]`,
      got: `shape [${shape.join(", ")}]`,
      likelyCause: oneD
        ? "Targets need one column, [n, 1], like the model's output: a 1-D target tensor does not match a Dense(1) output (tf.tensor2d(y, [y.length, 1]))."
        : shape[0] === cols && shape[1] === rows
          ? "It looks transposed: one row per car, one column per feature."
          : "One row per car of that part of the split, one column per feature (all of them, one-hot origin included).",
    });
  }
  if (value.dtype !== "float32") {
    fail({
      message: `${what} has dtype ${value.dtype}.`,
      expected: "float32",
      got: value.dtype,
      likelyCause: "Leave the dtype at its default (float32): normalised features are fractions.",
    });
  }
  return value.arraySync() as number[][];
}

/**
 * Matches each returned (features, target) row with a reference row of the same features.
 * Returns the number of rows whose features match no reference row, and of rows whose
 * features match but whose target belongs to another car.
 */
function matchRows(gotX: number[][], gotY: number[], wantX: number[][], wantY: number[]) {
  const used = new Uint8Array(wantX.length);
  let unmatched = 0;
  let mislabelled = 0;
  for (let i = 0; i < gotX.length; i++) {
    const candidates: number[] = [];
    for (let j = 0; j < wantX.length; j++) {
      if (wantX[j].every((v, k) => Math.abs(v - gotX[i][k]) <= 1e-4 * Math.max(1, Math.abs(v))))
        candidates.push(j);
    }
    if (candidates.length === 0) {
      unmatched++;
      continue;
    }
    const j = candidates.find((c) => !used[c] && Math.abs(wantY[c] - gotY[i]) <= 1e-3);
    if (j === undefined) mislabelled++;
    else used[j] = 1;
  }
  return { unmatched, mislabelled };
}

/** A split whose test rows come from a shifted distribution, so leaked statistics show. */
function shiftedSplit(seed: number): { train: Dataset; test: Dataset } {
  const random = seededRandom(seed);
  const make = (n: number, shift: number): Dataset => {
    const x = Array.from({ length: n }, () => [
      2000 + 800 * random() + shift * 600,
      10 + 5 * random() - shift * 4,
      random() < 0.5 ? 1 : 0,
    ]);
    return {
      name: "synthetic",
      featureNames: ["weight", "acceleration", "origin_Japan"],
      targetName: "mpg",
      x,
      y: x.map((row) => 50 - row[0] / 100 + row[1] + 3 * row[2] + random()),
      rowIndices: x.map((_, i) => i),
    } as Dataset;
  };
  return { train: make(40, 0), test: make(15, 1) };
}

function checkPrepared(prepared: Prepared, split: { train: Dataset; test: Dataset }, what: string) {
  const { train, test } = split;
  const nf = train.x[0].length;
  if (!prepared || typeof prepared !== "object") {
    fail({
      message: `prepareData should return { xTrain, yTrain, xTest, yTest, normalizer, featureNames }.`,
      got: show(prepared),
    });
  }
  const trainMean = columnMeans(train.x);
  const trainStd = columnStds(train.x);
  const testMean = columnMeans(test.x);
  const testStd = columnStds(test.x);
  const all = [...train.x, ...test.x];
  const allMean = columnMeans(all);
  const allStd = columnStds(all);
  const mean = prepared.normalizer?.mean;
  const std = prepared.normalizer?.std;
  const sameAs = (m: number[], s: number[]) => listsClose(mean, m) && listsClose(std, s);
  if (!sameAs(trainMean, trainStd)) {
    const cause = sameAs(testMean, testStd)
      ? "These are test-set statistics: the mean and std of the TEST rows. Normalising with them leaks the test set into training (leakage); fit the normaliser on train.x only."
      : sameAs(allMean, allStd)
        ? "These are the statistics of ALL rows (train + test together): the test rows leak into the normaliser (leakage). Fit it on train.x only."
        : listsClose(mean, trainMean) && listsClose(std, columnStds(train.x, 1))
          ? "The means are right but the stds divide by n − 1: use the population std (divide by n), as fitNormalizer does."
          : "Fit the normaliser with fitNormalizer(train.x): the mean and population std of every TRAINING column.";
    fail({
      message: `prepareData (${what}): the normalizer's statistics are not those of the training rows.`,
      expected: `mean ${numbers(trainMean)}, std ${numbers(trainStd)}`,
      got: `mean ${mean ? numbers(mean) : show(mean)}, std ${std ? numbers(std) : show(std)}`,
      likelyCause: cause,
    });
  }
  const xTrain = tensorValues(prepared.xTrain, `xTrain (${what})`, train.x.length, nf);
  const yTrain = tensorValues(prepared.yTrain, `yTrain (${what})`, train.y.length, 1).map(
    (r) => r[0],
  );
  const xTest = tensorValues(prepared.xTest, `xTest (${what})`, test.x.length, nf);
  const yTest = tensorValues(prepared.yTest, `yTest (${what})`, test.y.length, 1).map((r) => r[0]);

  const wantTrain = zScore(train.x, trainMean, trainStd);
  const trainMatch = matchRows(xTrain, yTrain, wantTrain, train.y);
  if (trainMatch.unmatched > 0) {
    const raw = matchRows(xTrain, yTrain, train.x, train.y).unmatched === 0;
    fail({
      message: `prepareData (${what}): ${trainMatch.unmatched} of ${train.x.length} rows of xTrain are not training rows normalised with the normalizer.`,
      expected: "xTrain = (train.x − mean) / std, row by row",
      got: `first row ${numbers(xTrain[0])}`,
      likelyCause: raw
        ? "xTrain holds the raw features: normalise them first."
        : "Normalise every column of train.x with normalize(train.x, normalizer).",
    });
  }
  if (trainMatch.mislabelled > 0) {
    fail({
      message: `prepareData (${what}): labels not matched to rows — ${trainMatch.mislabelled} of ${train.x.length} rows of yTrain are the mpg of a different car.`,
      expected: "yTrain[i] = the mpg of the car in row i of xTrain",
      got: `${trainMatch.mislabelled} mismatched rows`,
      likelyCause:
        "The features were shuffled (or reordered) without their labels: shuffle row indices once and apply the same order to x and y — or do not shuffle at all (fit shuffles every epoch).",
    });
  }
  const wantTest = zScore(test.x, trainMean, trainStd);
  const testMatch = matchRows(xTest, yTest, wantTest, test.y);
  if (testMatch.unmatched > 0) {
    const ownStats =
      matchRows(xTest, yTest, zScore(test.x, testMean, testStd), test.y).unmatched === 0;
    fail({
      message: `prepareData (${what}): ${testMatch.unmatched} of ${test.x.length} rows of xTest are not normalised with the training statistics.`,
      expected: "xTest = (test.x − training mean) / training std",
      got: `first row ${numbers(xTest[0])}`,
      likelyCause: ownStats
        ? "The test rows were normalised with their own (test-set) statistics: use the normaliser fitted on the training rows for every part of the data, as a deployed model would."
        : "Normalise test.x with the same normalizer as train.x.",
    });
  }
  if (testMatch.mislabelled > 0) {
    fail({
      message: `prepareData (${what}): labels not matched to rows — ${testMatch.mislabelled} test targets belong to a different car.`,
      likelyCause: "Keep yTest in the same row order as xTest.",
    });
  }
  const names = prepared.featureNames;
  expectThat(
    Array.isArray(names) &&
      names.length === train.featureNames.length &&
      names.every((n, i) => n === train.featureNames[i]),
    {
      message: `prepareData (${what}): featureNames should be train.featureNames.`,
      expected: JSON.stringify(train.featureNames),
      got: show(names),
    },
  );
}

function disposePrepared(prepared: Prepared | undefined) {
  if (!prepared || typeof prepared !== "object") return;
  for (const t of [prepared.xTrain, prepared.yTrain, prepared.xTest, prepared.yTest]) {
    if (isTensor(t) && !t.isDisposed) t.dispose();
  }
}

/** The check's own tensors for the fixed split (normalised with training statistics). */
function referenceTensors() {
  const { train, test } = loadFixedSplit("auto_mpg", { categorical: "onehot" });
  const mean = columnMeans(train.x);
  const std = columnStds(train.x);
  return {
    train,
    test,
    xTrain: tf.tensor2d(zScore(train.x, mean, std)),
    yTrain: tf.tensor2d(train.y, [train.y.length, 1]),
    xTest: tf.tensor2d(zScore(test.x, mean, std)),
    yTest: tf.tensor2d(test.y, [test.y.length, 1]),
    normalizer: { mean, std },
    featureNames: train.featureNames,
  };
}

function disposeAll(...tensors: tf.Tensor[]) {
  for (const t of tensors) if (!t.isDisposed) t.dispose();
}

function predictions(model: tf.LayersModel, x: tf.Tensor): number[] {
  return tf.tidy(() => Array.from((model.predict(x) as tf.Tensor).reshape([-1]).dataSync()));
}

// ---- models ------------------------------------------------------------------------------

const REGRESSION_OUTPUT_CAUSE: Record<string, string> = {
  sigmoid:
    "A sigmoid output squashes every prediction into (0, 1), but mpg runs from 9 to 47: a regression output has no activation (linear).",
  relu: "A relu on the output clips predictions at 0 and stops learning once a unit outputs ≤ 0: a regression output has no activation (linear).",
  softmax:
    "A softmax over one unit always outputs 1 (softmax is for class probabilities): a regression output has no activation (linear).",
  tanh: "A tanh output squashes predictions into (−1, 1): a regression output has no activation (linear).",
};

function expectRegressionOutput(summary: ModelSummary, what: string) {
  const last = summary.layers[summary.layers.length - 1];
  const units = summary.outputShape[summary.outputShape.length - 1];
  const activation = last?.activation ?? "linear";
  if (last?.className === "Dense" && units === 1 && activation === "linear") return;
  fail({
    message: `${what}: the output layer is ${last ? `${last.className} with ${units} outputs and activation "${activation}"` : "missing"}.`,
    expected: 'one linear output unit: tf.layers.dense({ units: 1 }) (activation "linear")',
    got: `${units} outputs, activation "${activation}"`,
    likelyCause:
      units !== 1
        ? "mpg is one number per car: the last layer needs units: 1."
        : (REGRESSION_OUTPUT_CAUSE[activation] ??
          "A regression output has no activation: leave `activation` out of the last layer."),
  });
}

/** Fails unless the compiled loss is MAE or MSE (probed on values where they differ). */
function expectRegressionLoss(model: tf.LayersModel, what: string) {
  const summary = summarizeModel(model);
  if (summary.loss === undefined) {
    fail({
      message: `${what}: the model is not compiled.`,
      expected: 'model.compile({ optimizer: tf.train.adam(…), loss: "meanAbsoluteError" })',
      got: "no loss",
      likelyCause: "Call model.compile(...) inside the builder, before returning the model.",
    });
  }
  const yTrue = tf.tensor2d([[1], [3]]);
  const yPred = tf.tensor2d([[2], [1]]);
  let value: number;
  try {
    value = probeLoss(model, yTrue, yPred);
  } finally {
    disposeAll(yTrue, yPred);
  }
  const mae = 1.5;
  const mse = 2.5;
  if (Math.abs(value - mae) < 1e-4 || Math.abs(value - mse) < 1e-4) return;
  const name = summary.loss ?? "";
  fail({
    message: `${what}: the loss "${name}" is not a regression loss.`,
    expected: `"meanAbsoluteError" (MAE, ${mae} on the probe) or "meanSquaredError" (MSE, ${mse})`,
    got: `"${name}": ${formatNumber(value)} on yTrue [1, 3], yPred [2, 1]`,
    likelyCause: /crossentropy|hinge/i.test(name)
      ? "Cross-entropy and hinge losses compare class probabilities or labels; mpg is a number, so measure its error: meanAbsoluteError or meanSquaredError."
      : 'Compile with loss: "meanAbsoluteError" (or "meanSquaredError").',
  });
}

function expectCompiledWithOptimizer(summary: ModelSummary, what: string) {
  expectThat(summary.optimizer !== undefined, {
    message: `${what}: the model has no optimizer.`,
    expected: "model.compile({ optimizer: tf.train.adam(…), loss })",
    got: "no optimizer",
  });
}

// ---- training ----------------------------------------------------------------------------

type FitArgs = tf.ModelFitArgs;

function callbackList(args: FitArgs | undefined): unknown[] {
  const cbs = args?.callbacks;
  if (cbs === undefined) return [];
  return Array.isArray(cbs) ? cbs : [cbs];
}

/** Rejects fit arguments that cannot work before any training happens. */
function expectFitArgs(args: FitArgs | undefined, maxEpochs: number) {
  const cbs = callbackList(args);
  const stopper = cbs.find((cb) => cb instanceof tf.EarlyStopping) as
    | (tf.EarlyStopping & { monitor?: string })
    | undefined;
  const hasValidation =
    (typeof args?.validationSplit === "number" && args.validationSplit > 0) ||
    args?.validationData !== undefined;
  if (stopper && !hasValidation) {
    fail({
      message:
        "trainModel uses early stopping with no validation data: fit has no validationSplit or validationData, so there is no val_loss to watch.",
      expected: "validationSplit: 0.2 (or validationData) together with early stopping",
      got: `validationSplit ${show(args?.validationSplit)}, validationData ${args?.validationData === undefined ? "none" : "given"}`,
      likelyCause:
        "Add validationSplit: 0.2 to fit's arguments: the last 20 % of the training rows become the validation set whose loss early stopping monitors.",
    });
  }
  if (!hasValidation) {
    fail({
      message: "trainModel holds out no validation data.",
      expected: "validationSplit: 0.2",
      got: "no validationSplit or validationData",
      likelyCause:
        "Without validation rows you cannot see overfitting or stop early: add validationSplit: 0.2.",
    });
  }
  if (!stopper) {
    fail({
      message: "trainModel has no early stopping callback.",
      expected: 'callbacks: [tf.callbacks.earlyStopping({ monitor: "val_loss", patience: 10 }), …]',
      got: `${cbs.length} callbacks, none of them EarlyStopping`,
      likelyCause:
        "Create the callback with tf.callbacks.earlyStopping(...) and put it in fit's callbacks list.",
    });
  }
  if (stopper.monitor !== "val_loss") {
    fail({
      message: `trainModel's early stopping monitors "${stopper.monitor}", not the validation loss.`,
      expected: 'monitor: "val_loss"',
      got: `monitor: "${stopper.monitor}"`,
      likelyCause:
        "The training loss keeps falling while the model overfits: stop on the validation loss (val_loss).",
    });
  }
  const epochs = args?.epochs ?? 1;
  if (epochs > maxEpochs) {
    fail({
      message: `trainModel asks fit for ${epochs} epochs, more than options.maxEpochs (${maxEpochs}).`,
      expected: `epochs ≤ ${maxEpochs}`,
      got: `epochs ${epochs}`,
      likelyCause: "Use epochs: options.maxEpochs ?? 200.",
    });
  }
}

export const regressionNetworkLab = defineLab<Lab>({
  id: "12-regression-network",
  title: "A regression network (auto-mpg)",
  summary:
    "Predict fuel efficiency with TF.js: a baseline, leakage-free normalisation, a linear model and a DNN trained with a validation split and early stopping, honest test MAE, and a saved model that reloads exactly.",
  exercises: [
    {
      id: "baseline-mae",
      title: "The mean-prediction baseline",
      points: 1,
      exports: ["baselineMae"],
      hints: [
        "The baseline predicts the same number for every test car. Which rows may that number come from?",
        "Compute the mean of yTrain (never yTest: in real use the test answers are unknown), then the mean of |yTest[i] − that mean|.",
        "Two steps: one average over the training targets, then an average of absolute differences over the test targets. meanAbsoluteError(yTest, yTest.map(() => m)) does the second.",
      ],
      check: (lab) => {
        const random = seededRandom(12);
        for (const [nTrain, nTest, shift] of [
          [30, 10, 6],
          [7, 4, -3],
        ]) {
          const yTrain = Array.from({ length: nTrain }, () => 15 + 20 * random());
          const yTest = Array.from({ length: nTest }, () => 15 + shift + 20 * random());
          const m = avg(yTrain);
          const expected = avg(yTest.map((v) => Math.abs(v - m)));
          const got = lab.baselineMae(yTrain, yTest);
          const testMean = avg(yTest);
          const allMean = avg([...yTrain, ...yTest]);
          const sorted = yTrain.slice().sort((a, b) => a - b);
          const median =
            sorted.length % 2
              ? sorted[(sorted.length - 1) / 2]
              : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
          expectClose(got, expected, {
            what: `baselineMae on ${nTrain} training and ${nTest} test targets`,
            tolerance: 1e-9,
            likelyCause: diagnose(got, [
              {
                value: avg(yTest.map((v) => Math.abs(v - testMean))),
                cause:
                  "You predicted the mean of the TEST targets: test-set statistics are the answers themselves (leakage). Predict the training mean.",
              },
              {
                value: avg(yTest.map((v) => Math.abs(v - allMean))),
                cause:
                  "You predicted the mean of all targets (train + test): the test rows leak into the prediction. Use yTrain only.",
              },
              {
                value: avg(yTrain.map((v) => Math.abs(v - m))),
                cause:
                  "That is the error on the TRAINING targets: evaluate on the test targets (yTest).",
              },
              {
                value: avg(yTest.map((v) => (v - m) ** 2)),
                cause: "That is the mean SQUARED error: take |error|, not error².",
              },
              {
                value: Math.sqrt(avg(yTest.map((v) => (v - m) ** 2))),
                cause: "That is the root mean squared error: average |error| instead.",
              },
              {
                value: avg(yTest.map((v) => Math.abs(v - median))),
                cause: "You predicted the median: the baseline predicts the training MEAN.",
              },
            ]),
          });
        }
      },
    },
    {
      id: "normalizer",
      title: "A normaliser by hand",
      points: 2,
      exports: ["fitNormalizer", "normalize"],
      hints: [
        "fitNormalizer works column by column: one mean and one standard deviation per feature. normalize then applies (v − mean[j]) / std[j] to every entry.",
        "The population std is the square root of the average squared distance to the mean, dividing by n (not n − 1). A constant column has std 0: store 1 instead so normalize never divides by zero.",
        "For column j: m = Σ x[i][j] / n, s = √(Σ (x[i][j] − m)² / n), and s = 1 when it is 0. normalize returns new rows (x.map(row => row.map(...))); it must not change x.",
      ],
      check: (lab) => {
        for (const [rows, seed] of [
          [25, 3],
          [6, 8],
        ]) {
          const x = messyMatrix(rows, seed);
          const mean = columnMeans(x);
          const std = columnStds(x);
          const got = lab.fitNormalizer(x);
          expectThat(!!got && Array.isArray(got.mean) && Array.isArray(got.std), {
            message: "fitNormalizer should return { mean: number[], std: number[] }.",
            got: show(got),
          });
          expectGridClose(got.mean, mean, {
            what: `fitNormalizer(x).mean (${rows} rows × 4 columns)`,
            tolerance: 1e-9,
            likelyCause: diagnoseGrid(got.mean, [
              {
                value: x.map((row) => avg(row)).slice(0, 4),
                cause: "These look like row means: average each COLUMN (feature) over the rows.",
              },
            ]),
          });
          const sampleStd = columnStds(x, 1);
          const rawStd = mean.map((m, j) => Math.sqrt(avg(x.map((row) => (row[j] - m) ** 2))));
          expectGridClose(got.std, std, {
            what: `fitNormalizer(x).std (${rows} rows; column 3 is constant)`,
            tolerance: 1e-9,
            likelyCause:
              got.std?.[2] === 0 || !Number.isFinite(got.std?.[2])
                ? "Column 3 is constant, so its std is 0 and normalising would divide by zero: store 1 for a zero std."
                : diagnoseGrid(got.std, [
                    {
                      value: sampleStd,
                      cause:
                        "You divided by n − 1 (the sample std). Use the population std, dividing by n, as Keras and scikit-learn do.",
                    },
                    {
                      value: rawStd.map((s) => s * s),
                      cause: "These are variances: take the square root.",
                    },
                  ]),
          });
          const normalizer = { mean, std };
          const expected = zScore(x, mean, std);
          const out = lab.normalize(x, normalizer);
          expectGridClose(out, expected, {
            what: `normalize(x, normalizer) for ${rows} rows`,
            tolerance: 1e-9,
            likelyCause: diagnoseGrid(out, [
              {
                value: x.map((row) => row.map((v, j) => (v - mean[j]) * std[j])),
                cause: "You multiplied by the std: divide by it.",
              },
              {
                value: x.map((row) => row.map((v, j) => v / std[j] - mean[j])),
                cause: "Subtract the mean first, then divide: (v − mean) / std.",
              },
              {
                value: x.map((row) => row.map((v, j) => v - mean[j])),
                cause: "You centred the columns but did not divide by the std.",
              },
            ]),
          });
        }
      },
    },
    {
      id: "prepare-data",
      title: "Tensors without leakage",
      points: 2,
      exports: ["prepareData"],
      hints: [
        "Everything the model learns from, the normaliser included, may come from the training rows only. The test rows are transformed with those same statistics.",
        "fitNormalizer(train.x) once; normalize(train.x, …) and normalize(test.x, …) with that one normaliser; features become tf.tensor2d(rows), targets tf.tensor2d(y, [y.length, 1]).",
        "Do not shuffle here: fit shuffles every epoch. If you ever do shuffle, shuffle an index list and use it for x AND y, or features and labels stop belonging to the same car.",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const splits: [string, { train: Dataset; test: Dataset }][] = [
          ["the auto-mpg fixed split", loadFixedSplit("auto_mpg", { categorical: "onehot" })],
          ["a small split whose test rows are shifted", shiftedSplit(5)],
        ];
        for (const [what, split] of splits) {
          let prepared: Prepared | undefined;
          try {
            prepared = lab.prepareData(split.train, split.test);
            checkPrepared(prepared, split, what);
          } finally {
            disposePrepared(prepared);
          }
        }
      },
    },
    {
      id: "linear-model",
      title: "Linear regression as a network",
      points: 2,
      exports: ["buildLinearModel"],
      hints: [
        "One Dense layer with a single unit computes w·x + b: that IS linear regression. Its input shape is the number of features.",
        'No activation on the output (a sigmoid or relu would bend or clip the mpg predictions), and a regression loss: "meanAbsoluteError" (or "meanSquaredError"), with tf.train.adam(0.1).',
        "tf.sequential(), then add one tf.layers.dense with units 1 and inputShape [nFeatures] (no activation key), then compile with the Adam optimizer at 0.1 and the mean-absolute-error loss.",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        for (const nFeatures of [9, 4]) {
          const model = expectModel(
            lab.buildLinearModel(nFeatures),
            `buildLinearModel(${nFeatures})`,
          );
          try {
            const summary = summarizeModel(model);
            const what = `buildLinearModel(${nFeatures})`;
            expectInputShape(
              summary,
              [nFeatures],
              what,
              "Use inputShape: [nFeatures] (the argument), one input per feature.",
            );
            expectRegressionOutput(summary, what);
            expectParamCount(
              summary,
              nFeatures + 1,
              what,
              layersOf(summary, "Dense").length > 1
                ? "A linear model is ONE Dense layer with one unit; hidden layers belong in the DNN."
                : "One weight per feature plus one bias.",
            );
            expectCompiledWithOptimizer(summary, what);
            expectRegressionLoss(model, what);
          } finally {
            model.dispose();
          }
        }
      },
    },
    {
      id: "train-model",
      title: "Validation split and early stopping",
      points: 3,
      exports: ["trainModel"],
      runner: "process",
      timeoutMs: 90_000,
      hints: [
        "fit can hold out the last part of the training rows itself (validationSplit) and report val_loss each epoch; early stopping watches that number and stops when it stops improving.",
        "One fit call does it all. Its arguments: the epoch cap from the options (200 when absent), a 20 % validation split, verbose 0, and a callbacks list holding an early-stopping callback (monitor the validation loss, patience about 10) followed by the caller's callbacks, each wrapped in a CustomCallback. Return fit's History.",
        "Early stopping with no validation data has nothing to monitor, and monitoring the training loss never sees overfitting. A patience of 0 (the default) stops at the first noisy epoch: give it about 10.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        const data = referenceTensors();
        const nf = data.featureNames.length;
        const progress = checkCallbacks(ctx, { epochs: MAX_EPOCHS });
        let epochsSeen = 0;
        const given: tf.CustomCallbackArgs = {
          onEpochEnd: async (epoch, logs) => {
            epochsSeen++;
            await progress.onEpochEnd(epoch, logs);
          },
          onBatchEnd: progress.onBatchEnd,
        };
        let model: tf.Sequential | undefined;
        try {
          // First, without options and without training: the fit arguments alone.
          const probe = regressionDnn(nf);
          let probeArgs: FitArgs | undefined;
          let probeCalled = false;
          probe.fit = (async (_x: tf.Tensor, _y: tf.Tensor, args?: FitArgs) => {
            probeCalled = true;
            probeArgs = args;
            expectFitArgs(args, DEFAULT_EPOCHS);
            const h = new tf.History();
            h.epoch = [];
            h.history = { loss: [], val_loss: [] };
            return h;
          }) as typeof probe.fit;
          try {
            await lab.trainModel(probe, data.xTrain, data.yTrain);
          } finally {
            probe.dispose();
          }
          expectThat(probeCalled, {
            message: "trainModel never called model.fit.",
            likelyCause: "Train with `await model.fit(x, y, { … })`.",
          });
          expectThat(probeArgs?.epochs === DEFAULT_EPOCHS, {
            message: `Called without options, trainModel asks fit for ${show(probeArgs?.epochs)} epochs.`,
            expected: `epochs ${DEFAULT_EPOCHS} (the default when options.maxEpochs is absent)`,
            got: `epochs ${show(probeArgs?.epochs)}`,
            likelyCause: "Use epochs: options.maxEpochs ?? 200 (and options = {} as the default).",
          });
          const calls: (FitArgs | undefined)[] = [];
          const { history, trained } = await withSeed(TRAIN_SEED, async () => {
            const m = regressionDnn(nf);
            model = m;
            progress.attach(m);
            const realFit = m.fit.bind(m);
            m.fit = (async (x: tf.Tensor, y: tf.Tensor, args?: FitArgs) => {
              calls.push(args);
              expectThat(x === data.xTrain && y === data.yTrain, {
                message: "trainModel should call model.fit(x, y, …) with the x and y it was given.",
                likelyCause: "Train on the tensors passed to trainModel, unchanged.",
              });
              expectFitArgs(args, MAX_EPOCHS);
              try {
                return await realFit(x, y, args);
              } catch (error) {
                const cbs = callbackList(args);
                const plain = (cb: unknown) => Object.getPrototypeOf(cb) === Object.prototype;
                const mixed = cbs.some(plain) && cbs.some((cb) => !plain(cb));
                if (mixed) {
                  fail({
                    message: `fit failed (${(error as Error).message}): its callbacks list mixes callback objects with plain { onEpochEnd } objects.`,
                    expected:
                      "callbacks: [earlyStopping, ...options.callbacks.map((cb) => new tf.CustomCallback(cb))]",
                    got: `${cbs.length} callbacks of both kinds`,
                    likelyCause:
                      "TF.js cannot mix them in one list: wrap each plain callback of options.callbacks as new tf.CustomCallback(cb).",
                  });
                }
                throw error;
              }
            }) as typeof m.fit;
            const h = await lab.trainModel(m, data.xTrain, data.yTrain, {
              maxEpochs: MAX_EPOCHS,
              callbacks: [given],
            });
            return { history: h, trained: m };
          });
          expectThat(calls.length > 0, {
            message: "trainModel never called model.fit.",
            likelyCause: "Train with `await model.fit(x, y, { … })`.",
          });
          expectThat(calls.length === 1, {
            message: `trainModel called model.fit ${calls.length} times.`,
            likelyCause: "One fit call with early stopping does the whole training.",
          });
          const h = history as Partial<tf.History> | undefined;
          expectThat(!!h && Array.isArray(h.history?.loss) && Array.isArray(h.history?.val_loss), {
            message:
              "trainModel should return the History from fit, with history.loss and history.val_loss.",
            got: show(history),
            likelyCause: "return model.fit(...) (or the value you awaited from it).",
          });
          const epochsRun = h?.history?.loss?.length ?? 0;
          expectThat(epochsSeen > 0, {
            message: "trainModel does not pass options.callbacks on to fit.",
            expected:
              "callbacks: [earlyStopping, ...options.callbacks (each wrapped as new tf.CustomCallback(cb))]",
            got: `the callback in options.callbacks saw ${epochsSeen} of ${epochsRun} epochs`,
            likelyCause:
              "Add options.callbacks to fit's callbacks list: the notebook's live progress (and the grader's) come through them.",
          });
          const mae = avg(
            predictions(trained, data.xTest).map((p, i) => Math.abs(p - data.test.y[i])),
          );
          expectFiniteNumber(mae, {
            what: "The trained model's test MAE",
            likelyCause: "Training diverged (NaN weights).",
          });
          return bandScore(
            mae,
            TRAIN_BAND,
            `Training ran ${epochsRun} epochs (of at most ${MAX_EPOCHS}). ${
              epochsRun < 15
                ? "That is very early: is the patience 0 (the default)?"
                : epochsRun >= MAX_EPOCHS
                  ? "Training used every epoch allowed and was still improving: does each epoch take too few steps (a very large batchSize), or is something slowing learning down?"
                  : "Check the patience, the validation split and the batch size (the reference uses patience 10, validationSplit 0.2 and fit's default batch of 32)."
            }`,
          );
        } finally {
          model?.dispose();
          disposeAll(data.xTrain, data.yTrain, data.xTest, data.yTest);
        }
      },
    },
    {
      id: "evaluate-mae",
      title: "Test MAE",
      points: 1,
      exports: ["evaluateMae"],
      hints: [
        "An honest score uses rows the model never trained on: which tensors of PreparedData are those?",
        "model.predict(data.xTest) gives a [n, 1] tensor; read it with await …data(), read data.yTest the same way, then meanAbsoluteError(truth, predictions). Dispose the prediction tensor.",
        "Scoring on xTrain/yTrain measures memory, not generalisation: a model can score well there and badly on new cars. Read both tensors as typed arrays, average |truth − prediction|, and dispose every tensor you create.",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const data = referenceTensors();
        const model = linearRegressionModel(data.featureNames.length);
        try {
          for (const seed of [7, 19]) {
            const random = seededRandom(seed);
            model.setWeights([
              tf.tensor2d(
                data.featureNames.map(() => [4 * random() - 2]),
                [data.featureNames.length, 1],
              ),
              tf.tensor1d([18 + 10 * random()]),
            ]);
            const testPred = predictions(model, data.xTest);
            const trainPred = predictions(model, data.xTrain);
            const expected = avg(testPred.map((p, i) => Math.abs(p - data.test.y[i])));
            const onTrain = avg(trainPred.map((p, i) => Math.abs(p - data.train.y[i])));
            const got = await expectNoLeak(() => lab.evaluateMae(model, data), {
              allowed: 0,
              what: "evaluateMae",
              likelyCause:
                "Dispose the prediction tensor (and any other tensor you make), or compute inside tf.tidy and read the values outside it.",
            });
            expectClose(got, expected, {
              what: "evaluateMae on a linear model with fixed weights",
              tolerance: 1e-5,
              likelyCause: diagnose(
                got,
                [
                  {
                    value: onTrain,
                    cause:
                      "That is the MAE on the TRAINING rows: evaluating on the training data rewards memorising. Use data.xTest and data.yTest.",
                  },
                  {
                    value: avg(testPred.map((p, i) => (p - data.test.y[i]) ** 2)),
                    cause: "That is the mean SQUARED error: average |error|.",
                  },
                  {
                    value: Math.sqrt(avg(testPred.map((p, i) => (p - data.test.y[i]) ** 2))),
                    cause: "That is the root mean squared error: average |error|.",
                  },
                ],
                1e-5,
              ),
            });
          }
        } finally {
          model.dispose();
          disposeAll(data.xTrain, data.yTrain, data.xTest, data.yTest);
        }
      },
    },
    {
      id: "dnn-model",
      title: "A deep network",
      points: 2,
      exports: ["buildDnnModel"],
      hints: [
        "Hidden layers help only with a non-linear activation between them: without one, stacked Dense layers collapse into a single linear map.",
        'Dense(64, relu) with inputShape [nFeatures], Dense(64, relu), then Dense(1) with no activation; compile with tf.train.adam(0.001) and "meanAbsoluteError".',
        "Like the linear builder, with two more layers in front; only the first layer gets inputShape, and only the hidden ones get an activation. For 9 features: 640 + 4,160 + 65 = 4,865 weights.",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        for (const nFeatures of [9, 5]) {
          const what = `buildDnnModel(${nFeatures})`;
          const model = expectModel(lab.buildDnnModel(nFeatures), what);
          try {
            const summary = summarizeModel(model);
            expectInputShape(
              summary,
              [nFeatures],
              what,
              "Use inputShape: [nFeatures] (the argument) on the first layer.",
            );
            expectRegressionOutput(summary, what);
            const dense = layersOf(summary, "Dense");
            const hidden = dense.slice(0, -1);
            expectThat(hidden.length === 2 && hidden.every((l) => l.config.units === 64), {
              message: `${what}: expected two hidden Dense layers of 64 units.`,
              expected: "Dense(64, relu) → Dense(64, relu) → Dense(1)",
              got: describeLayers(summary),
              likelyCause: "Add exactly two hidden Dense layers of 64 units before the output.",
            });
            const linearHidden = hidden.filter((l) => (l.activation ?? "linear") === "linear");
            expectThat(linearHidden.length === 0, {
              message: `${what}: ${linearHidden.length} hidden layer(s) have no activation.`,
              expected: "Dense(64, relu) → Dense(64, relu) → Dense(1)",
              got: describeLayers(summary),
              likelyCause:
                'Without an activation, stacked Dense layers are still a linear model (a product of linear maps is linear): add activation: "relu" to the hidden layers.',
            });
            const bad = hidden.find((l) => l.activation !== "relu");
            expectThat(!bad, {
              message: `${what}: hidden layer ${bad?.name} uses "${bad?.activation}".`,
              expected: "relu in the hidden layers",
              got: describeLayers(summary),
              likelyCause: 'Use activation: "relu" for the hidden layers.',
            });
            expectParamCount(
              summary,
              (nFeatures + 1) * 64 + 65 * 64 + 65,
              what,
              "Dense(64) on nFeatures inputs, Dense(64), Dense(1), each with a bias.",
            );
            expectCompiledWithOptimizer(summary, what);
            expectRegressionLoss(model, what);
          } finally {
            model.dispose();
          }
        }
      },
    },
    {
      id: "save-reload",
      title: "Save and reload",
      points: 2,
      exports: ["saveAndReload"],
      timeoutMs: 20_000,
      hints: [
        "Two helpers from src/tf do the work: one writes a model to a folder, the other reads a folder back into a new model. Both are async, so await each.",
        "Return the model loadModel gives back, not the one you were given: the point is to prove the files on disk hold the whole model.",
        "A freshly built model has the same layers but new random weights, so its predictions differ; only loading the saved files reproduces the trained weights. Save to exactly `dir`.",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ml-labs-12-save-"));
        const dir = path.join(tmp, "dnn");
        const data = referenceTensors();
        const model = await withSeed(99, () => regressionDnn(data.featureNames.length));
        let reloaded: tf.LayersModel | undefined;
        try {
          // One quick epoch so the weights are not just their initial values.
          await withSeed(99, () =>
            model.fit(data.xTrain, data.yTrain, { epochs: 1, batchSize: 64, verbose: 0 }),
          );
          const before = predictions(model, data.xTest);
          reloaded = expectModel(await lab.saveAndReload(model, dir), "saveAndReload");
          expectThat(fs.existsSync(path.join(dir, "model.json")), {
            message: `saveAndReload wrote no model.json in the folder it was given (${dir}).`,
            expected: `${dir}/model.json and weights.bin`,
            got: fs.existsSync(dir)
              ? `folder contains: ${fs.readdirSync(dir).join(", ")}`
              : "no such folder",
            likelyCause: "Save with `await saveModel(model, dir)`, to exactly that folder.",
          });
          expectThat(reloaded !== model, {
            message: "saveAndReload returned the original model, not the one loaded from disk.",
            likelyCause: "Return `await loadModel(dir)`: that proves the files hold the model.",
          });
          const after = predictions(reloaded, data.xTest);
          const worst = after.reduce((w, p, i) => Math.max(w, Math.abs(p - before[i])), 0);
          expectThat(after.length === before.length && worst <= 1e-6, {
            message: `The reloaded model predicts differently: the largest difference is ${formatNumber(worst)} mpg.`,
            expected: "the same predictions (within 1e-6)",
            got: `first predictions ${numbers(after.slice(0, 3))} vs ${numbers(before.slice(0, 3))}`,
            likelyCause:
              "The weights differ: is it a freshly built model instead of the loaded one (same layers, new random weights)?",
          });
        } finally {
          if (reloaded && reloaded !== model) reloaded.dispose();
          model.dispose();
          disposeAll(data.xTrain, data.yTrain, data.xTest, data.yTest);
          fs.rmSync(tmp, { recursive: true, force: true });
        }
      },
    },
  ],
});
