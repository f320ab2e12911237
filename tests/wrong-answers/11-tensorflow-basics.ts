import * as solution from "../../solutions/11-tensorflow-basics";
import { tf } from "../../src/tf";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const { mseGradient, linearGradients, trainStep, fitAndEvaluate } = solution;

const mseOf = (x: tf.Tensor2D, y: tf.Tensor2D, w: tf.Variable, b: tf.Variable) =>
  x.matMul(w).add(b).sub(y).square().mean() as tf.Scalar;

/** trainLinear as the solution writes it, with one part swapped for a mistake. */
function trainLinearWith(
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  options: { epochs: number; learningRate: number; optimizer?: "sgd" | "adam" },
  mistake: { ignoreAdam?: boolean; keepZeros?: boolean; leakPerEpoch?: boolean },
): solution.LinearFit {
  const d = x.shape[1];
  const w = mistake.keepZeros
    ? tf.variable(tf.zeros([d, 1]))
    : tf.tidy(() => tf.variable(tf.zeros([d, 1])));
  const b = mistake.keepZeros
    ? tf.variable(tf.zeros([1]))
    : tf.tidy(() => tf.variable(tf.zeros([1])));
  const optimizer =
    options.optimizer === "adam" && !mistake.ignoreAdam
      ? tf.train.adam(options.learningRate)
      : tf.train.sgd(options.learningRate);
  const losses: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    if (mistake.leakPerEpoch) x.matMul(w); // a prediction nobody disposes
    losses.push(trainStep(optimizer, x, y, w, b));
  }
  const fit = { w: Array.from(w.dataSync()), b: b.dataSync()[0], losses };
  w.dispose();
  b.dispose();
  optimizer.dispose();
  return fit;
}

/** A callback built from a decision rule on (loss, previous loss, logs). */
function callbackWith(
  model: { stopTraining: boolean },
  target: number,
  rule: "lateByOne" | "atOrBelow" | "valLoss" | "stopsItself" | "shared",
): solution.LossTarget {
  const record: solution.LossTarget = {
    losses: rule === "shared" ? sharedLosses : [],
    stoppedEpoch: null,
    onEpochEnd: async (epoch, logs) => {
      const loss = (rule === "valLoss" ? (logs?.val_loss ?? logs?.loss) : logs?.loss) as number;
      const previous = record.losses[record.losses.length - 1];
      record.losses.push(loss);
      if (rule === "lateByOne") {
        if (previous !== undefined && previous < target) {
          record.stoppedEpoch = epoch;
          model.stopTraining = true;
        }
        return;
      }
      const below = rule === "atOrBelow" ? loss <= target : loss < target;
      if (below) {
        record.stoppedEpoch = epoch;
        if (rule === "stopsItself")
          (record as unknown as { stopTraining: boolean }).stopTraining = true;
        else model.stopTraining = true;
      }
    },
  };
  return record;
}
const sharedLosses: number[] = [];

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // tensors-dtypes
  {
    exercise: "tensors-dtypes",
    mistake: "int32 dtype: casts the scaled pixels to int32",
    impl: {
      pixelsToTensor: (p, n, h, w) =>
        tf.tidy(() => tf.tensor4d(p, [n, h, w, 1]).div(255).toInt() as tf.Tensor4D),
    },
    expectMessage: /int32/,
  },
  {
    exercise: "tensors-dtypes",
    mistake: "no channel axis",
    impl: {
      pixelsToTensor: (p, n, h, w) =>
        tf.tidy(() => tf.tensor3d(p, [n, h, w]).toFloat().div(255)) as never,
    },
    expectMessage: /channel axis/,
  },
  {
    exercise: "tensors-dtypes",
    mistake: "height and width swapped",
    impl: {
      pixelsToTensor: (p, n, h, w) =>
        tf.tidy(() => tf.tensor4d(p, [n, w, h, 1]).toFloat().div(255)),
    },
    expectMessage: /swapped/,
  },
  {
    exercise: "tensors-dtypes",
    mistake: "not scaled to 0 … 1",
    impl: { pixelsToTensor: (p, n, h, w) => tf.tidy(() => tf.tensor4d(p, [n, h, w, 1]).toFloat()) },
    expectMessage: /divide by 255/,
  },
  {
    exercise: "tensors-dtypes",
    mistake: "no tidy: the intermediate tensors leak",
    impl: { pixelsToTensor: (p, n, h, w) => tf.tensor4d(p, [n, h, w, 1]).toFloat().div(255) },
    expectMessage: /tf\.tidy/,
  },
  {
    exercise: "tensors-dtypes",
    mistake: "one-hot left as int32",
    impl: {
      oneHotLabels: (l, k) => tf.tidy(() => tf.oneHot(tf.tensor1d(l, "int32"), k)) as tf.Tensor2D,
    },
    expectMessage: /oneHot returns an int32/,
  },
  // broadcasting
  {
    exercise: "broadcasting",
    mistake: "statistics over the wrong axis (rows, keepDims)",
    impl: {
      standardizeColumns: (x) =>
        tf.tidy(() => {
          const { mean, variance } = tf.moments(x, 1, true);
          return x.sub(mean).div(variance.sqrt());
        }),
    },
    expectMessage: /Wrong axis/,
  },
  {
    exercise: "broadcasting",
    mistake: "statistics over axis 1 without keepDims (shapes do not broadcast)",
    impl: {
      standardizeColumns: (x) =>
        tf.tidy(() => {
          const { mean, variance } = tf.moments(x, 1);
          return x.sub(mean).div(variance.sqrt());
        }),
    },
    expectMessage: /axis 0/,
  },
  {
    exercise: "broadcasting",
    mistake: "sample std (n − 1)",
    impl: {
      standardizeColumns: (x) =>
        tf.tidy(() => {
          const n = x.shape[0];
          const { mean, variance } = tf.moments(x, 0);
          return x.sub(mean).div(variance.mul(n / (n - 1)).sqrt());
        }),
    },
    expectMessage: /population std/,
  },
  {
    exercise: "broadcasting",
    mistake: "table transposed ([m, n])",
    impl: {
      pairwiseDifferences: (a, b) =>
        tf.tidy(
          () =>
            a
              .reshape([1, -1])
              .sub(b.reshape([-1, 1]))
              .neg() as tf.Tensor2D,
        ),
    },
    expectMessage: /transposed/,
  },
  {
    exercise: "broadcasting",
    mistake: "b − a instead of a − b",
    impl: {
      pairwiseDifferences: (a, b) =>
        tf.tidy(() => b.reshape([1, -1]).sub(a.reshape([-1, 1])) as tf.Tensor2D),
    },
    expectMessage: /sign is flipped/,
  },
  {
    exercise: "broadcasting",
    mistake: "1-D shapes that cannot broadcast",
    impl: { pairwiseDifferences: (a, b) => tf.tidy(() => a.sub(b) as tf.Tensor2D) },
    expectMessage: /column \[4, 1\]/,
  },
  // memory
  {
    exercise: "memory",
    mistake: "before − after (reversed)",
    impl: {
      tensorsLeftBy: (fn) => {
        const before = tf.memory().numTensors;
        fn();
        return before - tf.memory().numTensors;
      },
    },
    expectMessage: /reversed/,
  },
  {
    exercise: "memory",
    mistake: "counts bytes, not tensors",
    impl: {
      tensorsLeftBy: (fn) => {
        const before = tf.memory().numBytes;
        fn();
        return tf.memory().numBytes - before;
      },
    },
    expectMessage: /numTensors/,
  },
  {
    exercise: "memory",
    mistake: "rowNorms without tidy (intermediates leak)",
    impl: { rowNorms: (x) => Array.from(x.square().sum(1).sqrt().dataSync()) },
    expectMessage: /tf\.tidy/,
  },
  {
    exercise: "memory",
    mistake: "rowNorms disposes its input",
    impl: {
      rowNorms: (x) => {
        const norms = tf.tidy(() => x.square().sum(1).sqrt());
        const values = Array.from(norms.dataSync());
        norms.dispose();
        x.dispose();
        return values;
      },
    },
    expectMessage: /disposed/,
  },
  {
    exercise: "memory",
    mistake: "squared norms",
    impl: {
      rowNorms: (x) => {
        const t = tf.tidy(() => x.square().sum(1));
        const v = Array.from(t.dataSync());
        t.dispose();
        return v;
      },
    },
    expectMessage: /square root/,
  },
  // autodiff
  {
    exercise: "autodiff",
    mistake: "gradient with the wrong sign",
    impl: { mseGradient: (X, y, w) => tf.tidy(() => mseGradient(X, y, w).neg()) },
    expectMessage: /Wrong sign/,
  },
  {
    exercise: "autodiff",
    mistake: "gradient of the sum of squares / 2 (missing 2/n)",
    impl: {
      mseGradient: (X, y, w) =>
        tf.tidy(() =>
          tf.grad((wv: tf.Tensor) => X.matMul(wv).sub(y).square().sum().div(2))(w),
        ) as tf.Tensor2D,
    },
    expectMessage: /2\/n/,
  },
  {
    exercise: "autodiff",
    mistake: "gradient of the sum of squares (missing 1/n)",
    impl: {
      mseGradient: (X, y, w) =>
        tf.tidy(() =>
          tf.grad((wv: tf.Tensor) => X.matMul(wv).sub(y).square().sum())(w),
        ) as tf.Tensor2D,
    },
    expectMessage: /SUM of squares/,
  },
  {
    exercise: "autodiff",
    mistake: "loss as the sum, not the mean",
    impl: { mseLoss: (X, y, w) => tf.tidy(() => X.matMul(w).sub(y).square().sum() as tf.Scalar) },
    expectMessage: /SUM of squares/,
  },
  {
    exercise: "autodiff",
    mistake: "linearGradients: dw and db swapped",
    impl: {
      linearGradients: (x, y, w, b) => {
        const r = linearGradients(x, y, w, b);
        return { loss: r.loss, dw: r.db, db: r.dw };
      },
    },
    expectMessage: /swapped|shape/,
  },
  {
    exercise: "autodiff",
    mistake: "linearGradients keeps the loss tensor",
    impl: {
      linearGradients: (x, y, w, b) => {
        const { value, grads } = tf.variableGrads(() => mseOf(x, y, w, b), [w, b]);
        return { loss: value.dataSync()[0], dw: grads[w.name], db: grads[b.name] };
      },
    },
    expectMessage: /dispose `value`/,
  },
  {
    exercise: "autodiff",
    mistake: "linearGradients: gradient of the negative loss",
    impl: {
      linearGradients: (x, y, w, b) => {
        const { value, grads } = tf.variableGrads(
          () => mseOf(x, y, w, b).neg() as tf.Scalar,
          [w, b],
        );
        const loss = -value.dataSync()[0];
        value.dispose();
        return { loss, dw: grads[w.name], db: grads[b.name] };
      },
    },
    expectMessage: /Wrong sign/,
  },
  // training-loop
  {
    exercise: "training-loop",
    mistake: "trainStep leaks the loss tensor every step",
    impl: {
      trainStep: (optimizer, x, y, w, b) => {
        const cost = optimizer.minimize(() => mseOf(x, y, w, b), true, [w, b]);
        return cost ? cost.dataSync()[0] : Number.NaN;
      },
    },
    expectMessage: /trainStep leaks/,
  },
  {
    exercise: "training-loop",
    mistake: "trainStep never calls the optimizer step",
    impl: { trainStep: (_optimizer, x, y, w, b) => tf.tidy(() => mseOf(x, y, w, b).dataSync()[0]) },
    expectMessage: /optimizer step never ran/,
  },
  {
    exercise: "training-loop",
    mistake: "trainStep trains a copy of the variables",
    impl: {
      trainStep: (optimizer, x, y, w, b) => {
        const wCopy = tf.variable(w.clone());
        const bCopy = tf.variable(b.clone());
        const loss = trainStep(optimizer, x, y, wCopy, bCopy);
        wCopy.dispose();
        bCopy.dispose();
        return loss;
      },
    },
    expectMessage: /copies/,
  },
  {
    exercise: "training-loop",
    mistake: "trainStep trains only w (varList [w])",
    impl: {
      trainStep: (optimizer, x, y, w, b) => {
        const cost = optimizer.minimize(() => mseOf(x, y, w, b), true, [w]);
        const loss = cost ? cost.dataSync()[0] : Number.NaN;
        cost?.dispose();
        return loss;
      },
    },
    expectMessage: /only one variable/,
  },
  {
    exercise: "training-loop",
    mistake: "trainStep returns the loss after the update",
    impl: {
      trainStep: (optimizer, x, y, w, b) => {
        trainStep(optimizer, x, y, w, b);
        return tf.tidy(() => mseOf(x, y, w, b).dataSync()[0]);
      },
    },
    expectMessage: /AFTER the update/,
  },
  {
    exercise: "training-loop",
    mistake: "trainLinear ignores the adam option",
    impl: { trainLinear: (x, y, o) => trainLinearWith(x, y, o, { ignoreAdam: true }) },
    expectMessage: /adam.*ignored/,
  },
  {
    exercise: "training-loop",
    mistake: "trainLinear leaks a prediction every epoch",
    impl: { trainLinear: (x, y, o) => trainLinearWith(x, y, o, { leakPerEpoch: true }) },
    expectMessage: /per epoch/,
  },
  {
    exercise: "training-loop",
    mistake: "trainLinear leaves tf.variable's initial zeros behind",
    impl: { trainLinear: (x, y, o) => trainLinearWith(x, y, o, { keepZeros: true }) },
    expectMessage: /initial zeros/,
  },
  // layers-models
  {
    exercise: "layers-models",
    mistake: "relu output on a regressor",
    impl: {
      buildLinearSequential: (d, lr) => {
        const model = tf.sequential({
          layers: [tf.layers.dense({ units: 1, inputShape: [d], activation: "relu" })],
        });
        model.compile({ optimizer: tf.train.adam(lr), loss: "meanSquaredError" });
        return model;
      },
    },
    expectMessage: /NO activation/,
  },
  {
    exercise: "layers-models",
    mistake: "'adam' string ignores the learning rate",
    impl: {
      buildLinearSequential: (d) => {
        const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [d] })] });
        model.compile({ optimizer: "adam", loss: "meanSquaredError" });
        return model;
      },
    },
    expectMessage: /default learning rate/,
  },
  {
    exercise: "layers-models",
    mistake: "mean absolute error loss",
    impl: {
      buildLinearFunctional: (d, lr) => {
        const inputs = tf.input({ shape: [d] });
        const outputs = tf.layers.dense({ units: 1 }).apply(inputs) as tf.SymbolicTensor;
        const model = tf.model({ inputs, outputs });
        model.compile({ optimizer: tf.train.adam(lr), loss: "meanAbsoluteError" });
        return model;
      },
    },
    expectMessage: /meanSquaredError/,
  },
  {
    exercise: "layers-models",
    mistake: "functional exercise built with tf.sequential",
    impl: { buildLinearFunctional: (d, lr) => solution.buildLinearSequential(d, lr) },
    expectMessage: /functional API/,
  },
  {
    exercise: "layers-models",
    mistake: "a hidden layer added",
    impl: {
      buildLinearSequential: (d, lr) => {
        const model = tf.sequential({
          layers: [tf.layers.dense({ units: 4, inputShape: [d] }), tf.layers.dense({ units: 1 })],
        });
        model.compile({ optimizer: tf.train.adam(lr), loss: "meanSquaredError" });
        return model;
      },
    },
    expectMessage: /No hidden layers/,
  },
  // fit-evaluate
  {
    exercise: "fit-evaluate",
    mistake: "evaluates on the training data",
    impl: {
      fitAndEvaluate: async (model, data, options) =>
        fitAndEvaluate(model, { ...data, xTest: data.xTrain, yTest: data.yTrain }, options).then(
          async (r) => {
            const p = model.predict(data.xTest) as tf.Tensor;
            const predictions = Array.from(p.dataSync());
            p.dispose();
            return { ...r, predictions };
          },
        ),
    },
    expectMessage: /TRAINING data/,
  },
  {
    exercise: "fit-evaluate",
    mistake: "predicts the training rows",
    impl: {
      fitAndEvaluate: async (model, data, options) => {
        const r = await fitAndEvaluate(model, data, options);
        const p = model.predict(data.xTrain) as tf.Tensor;
        const predictions = Array.from(p.dataSync());
        p.dispose();
        return { ...r, predictions };
      },
    },
    expectMessage: /TRAINING rows/,
  },
  {
    exercise: "fit-evaluate",
    mistake: "callbacks not passed to fit",
    impl: {
      fitAndEvaluate: (model, data, options) =>
        fitAndEvaluate(model, data, { ...options, callbacks: undefined }),
    },
    expectMessage: /options\.callbacks/,
  },
  {
    exercise: "fit-evaluate",
    mistake: "epochs ignored (fit's default)",
    impl: {
      fitAndEvaluate: (model, data, options) =>
        fitAndEvaluate(model, data, { ...options, epochs: 2 }),
    },
    expectMessage: /options\.epochs/,
  },
  {
    exercise: "fit-evaluate",
    mistake: "evaluate and predict tensors never disposed",
    impl: {
      fitAndEvaluate: async (model, data, options) => {
        const history = await model.fit(data.xTrain, data.yTrain, { ...options, verbose: 0 });
        const testLoss = (model.evaluate(data.xTest, data.yTest) as tf.Scalar).dataSync()[0];
        const predictions = Array.from((model.predict(data.xTest) as tf.Tensor).dataSync());
        return { losses: history.history.loss as number[], testLoss, predictions };
      },
    },
    expectMessage: /dispose them/,
  },
  // loss-target-callback
  {
    exercise: "loss-target-callback",
    mistake: "stops one epoch late",
    impl: { lossTargetCallback: (m, t) => callbackWith(m, t, "lateByOne") },
    expectMessage: /one epoch late/,
  },
  {
    exercise: "loss-target-callback",
    mistake: "never stops (sets stopTraining on the callback)",
    impl: { lossTargetCallback: (m, t) => callbackWith(m, t, "stopsItself") },
    expectMessage: /never stopped/,
  },
  {
    exercise: "loss-target-callback",
    mistake: "stops when the loss equals the target",
    impl: { lossTargetCallback: (m, t) => callbackWith(m, t, "atOrBelow") },
    expectMessage: /strictly below/,
  },
  {
    exercise: "loss-target-callback",
    mistake: "reads val_loss",
    impl: { lossTargetCallback: (m, t) => callbackWith(m, t, "valLoss") },
    expectMessage: /val_loss/,
  },
  {
    exercise: "loss-target-callback",
    mistake: "one losses array shared by every callback",
    impl: { lossTargetCallback: (m, t) => callbackWith(m, t, "shared") },
    expectMessage: /shared/,
  },
];
