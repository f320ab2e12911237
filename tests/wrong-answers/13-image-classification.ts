import * as solution from "../../solutions/13-image-classification";
import { seededRandom } from "../../src/data/random";
import { tf } from "../../src/tf";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const { toTensors, buildCnn, buildRegularizedCnn, augmentBatch, misclassified, confusionMatrix } =
  solution;

const compileSparse = (model: tf.LayersModel) =>
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });

/** The dense network with a chosen compile step. */
function dense(compile: (m: tf.Sequential) => void, hidden: "relu" | "linear" = "relu") {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  model.add(tf.layers.dense({ units: 128, activation: hidden }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  compile(model);
  return model;
}

/** The CNN built from a list of layers (for the architecture mistakes). */
function sequentialOf(layers: tf.layers.Layer[]): tf.Sequential {
  const model = tf.sequential({ layers });
  compileSparse(model);
  return model;
}

/** Shift with wrap-around (like a roll) instead of zero padding. */
function rollAugment(xs: tf.Tensor4D, seed: number): tf.Tensor4D {
  const random = seededRandom(seed);
  const n = xs.shape[0];
  return tf.tidy(() => {
    const images = tf.split(xs, n, 0).map((img) => {
      const flip = random() < 0.5;
      const dx = Math.floor(random() * 5) - 2;
      const dy = Math.floor(random() * 5) - 2;
      let out = flip ? tf.image.flipLeftRight(img as tf.Tensor4D) : img;
      const roll = (t: tf.Tensor, d: number, axis: number) => {
        if (d === 0) return t;
        const k = (28 - d) % 28;
        const [a, b] = tf.split(t, [k, 28 - k], axis);
        return tf.concat([b!, a!], axis);
      };
      out = roll(roll(out, dy, 1), dx, 2);
      return out;
    });
    return tf.concat(images, 0) as tf.Tensor4D;
  });
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // pixels-to-tensors
  {
    exercise: "pixels-to-tensors",
    mistake: "pixels not scaled",
    impl: {
      toTensors: (d) => ({
        xs: tf.tensor4d(Float32Array.from(d.images), [d.n, 28, 28, 1]),
        ys: tf.tensor1d(Float32Array.from(d.labels)),
      }),
    },
    expectMessage: /not scaled/,
  },
  {
    exercise: "pixels-to-tensors",
    mistake: "no channel axis",
    impl: {
      toTensors: (d) => {
        const { xs, ys } = toTensors(d);
        const flat = xs.reshape([d.n, 28, 28]) as unknown as tf.Tensor4D;
        xs.dispose();
        return { xs: flat, ys };
      },
    },
    expectMessage: /channel axis/,
  },
  {
    exercise: "pixels-to-tensors",
    mistake: "one-hot labels",
    impl: {
      toTensors: (d) => {
        const { xs, ys } = toTensors(d);
        const oneHot = tf.tidy(() => tf.oneHot(ys.toInt(), 10).toFloat()) as unknown as tf.Tensor1D;
        ys.dispose();
        return { xs, ys: oneHot };
      },
    },
    expectMessage: /one-hot/,
  },
  {
    exercise: "pixels-to-tensors",
    mistake: "divides by 256",
    impl: {
      toTensors: (d) => {
        const { xs, ys } = toTensors(d);
        const scaled = tf.tidy(() => xs.mul(255 / 256)) as tf.Tensor4D;
        xs.dispose();
        return { xs: scaled, ys };
      },
    },
    expectMessage: /255/,
  },
  // dense-model
  {
    exercise: "dense-model",
    mistake: "categoricalCrossentropy with integer labels",
    impl: {
      buildDenseModel: () =>
        dense((m) =>
          m.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] }),
        ),
    },
    expectMessage: /one-hot/,
  },
  {
    exercise: "dense-model",
    mistake: "softmax output with tf.losses.softmaxCrossEntropy (softmax twice)",
    impl: {
      buildDenseModel: () =>
        dense((m) =>
          m.compile({
            optimizer: tf.train.adam(1e-3),
            loss: (yTrue: tf.Tensor, yPred: tf.Tensor) =>
              tf.losses.softmaxCrossEntropy(tf.oneHot(yTrue.flatten().toInt(), 10), yPred),
            metrics: ["accuracy"],
          }),
        ),
    },
    expectMessage: /softmax.*(twice|again)/,
  },
  {
    exercise: "dense-model",
    mistake: "no relu on the hidden layer",
    impl: { buildDenseModel: () => dense(compileSparse, "linear") },
    expectMessage: /relu/,
  },
  {
    exercise: "dense-model",
    mistake: "SGD instead of Adam",
    impl: {
      buildDenseModel: () =>
        dense((m) =>
          m.compile({
            optimizer: "sgd",
            loss: "sparseCategoricalCrossentropy",
            metrics: ["accuracy"],
          }),
        ),
    },
    expectMessage: /adam/i,
  },
  // cnn-model
  {
    exercise: "cnn-model",
    mistake: "input shape [28, 28] (no channel axis)",
    impl: {
      buildCnn: () =>
        sequentialOf([
          tf.layers.conv2d({
            inputShape: [28, 28],
            filters: 32,
            kernelSize: 3,
            activation: "relu",
          }),
        ]),
    },
    expectMessage: /channel axis/,
  },
  {
    exercise: "cnn-model",
    mistake: "no pooling after the first convolution",
    impl: {
      buildCnn: () =>
        sequentialOf([
          tf.layers.conv2d({
            inputShape: [28, 28, 1],
            filters: 32,
            kernelSize: 3,
            activation: "relu",
          }),
          tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu" }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 128, activation: "relu" }),
          tf.layers.dense({ units: 10, activation: "softmax" }),
        ]),
    },
    expectMessage: /MaxPooling2D/,
  },
  {
    exercise: "cnn-model",
    mistake: "5×5 kernels",
    impl: {
      buildCnn: () =>
        sequentialOf([
          tf.layers.conv2d({
            inputShape: [28, 28, 1],
            filters: 32,
            kernelSize: 5,
            activation: "relu",
          }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 64, kernelSize: 5, activation: "relu" }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 128, activation: "relu" }),
          tf.layers.dense({ units: 10, activation: "softmax" }),
        ]),
    },
    expectMessage: /3×3/,
  },
  {
    exercise: "cnn-model",
    mistake: "not compiled",
    impl: {
      buildCnn: () => {
        const m = buildCnn();
        const fresh = tf.sequential({ layers: m.layers });
        return fresh;
      },
    },
    expectMessage: /not compiled/,
  },
  // stop-at-accuracy
  {
    exercise: "stop-at-accuracy",
    mistake: "checks the loss instead of the accuracy",
    impl: {
      stopAtAccuracy: (model, target) => ({
        onEpochEnd: async (_e, logs) => {
          if ((logs?.loss ?? 1) <= target) model.stopTraining = true;
        },
      }),
    },
    expectMessage: /loss/,
  },
  {
    exercise: "stop-at-accuracy",
    mistake: "stops one epoch late",
    impl: {
      stopAtAccuracy: (model, target) => {
        let reached = false;
        return {
          onEpochEnd: async (_e, logs) => {
            if (reached) model.stopTraining = true;
            if ((logs?.acc ?? 0) >= target) reached = true;
          },
        };
      },
    },
    expectMessage: /one epoch late/,
  },
  {
    exercise: "stop-at-accuracy",
    mistake: "> instead of >=",
    impl: {
      stopAtAccuracy: (model, target) => ({
        onEpochEnd: async (_e, logs) => {
          if ((logs?.acc ?? 0) > target) model.stopTraining = true;
        },
      }),
    },
    expectMessage: />=/,
  },
  {
    exercise: "stop-at-accuracy",
    mistake: "reads logs.accuracy (undefined in TF.js)",
    impl: {
      stopAtAccuracy: (model, target) => ({
        onEpochEnd: async (_e, logs) => {
          if ((logs?.accuracy ?? 0) >= target) model.stopTraining = true;
        },
      }),
    },
    expectMessage: /logs\.acc/,
  },
  // train-classifier
  {
    exercise: "train-classifier",
    mistake: "pixels not scaled",
    impl: {
      trainClassifier: async (model, train, options) => {
        const xs = tf.tensor4d(Float32Array.from(train.images), [train.n, 28, 28, 1]);
        const ys = tf.tensor1d(Float32Array.from(train.labels));
        try {
          return await model.fit(xs, ys, { ...options, batchSize: 64, validationSplit: 0.1 });
        } finally {
          tf.dispose([xs, ys]);
        }
      },
    },
    expectMessage: /not scaled/,
  },
  {
    exercise: "train-classifier",
    mistake: "no validation split",
    impl: {
      trainClassifier: async (model, train, options) => {
        const { xs, ys } = toTensors(train);
        try {
          return await model.fit(xs, ys, { ...options, batchSize: 64 });
        } finally {
          tf.dispose([xs, ys]);
        }
      },
    },
    expectMessage: /without validation/,
  },
  {
    exercise: "train-classifier",
    mistake: "one-hot labels with the sparse loss",
    impl: {
      trainClassifier: async (model, train, options) => {
        const { xs, ys } = toTensors(train);
        const oneHot = tf.tidy(() => tf.oneHot(ys.toInt(), 10).toFloat());
        try {
          return await model.fit(xs, oneHot, { ...options, batchSize: 64, validationSplit: 0.1 });
        } finally {
          tf.dispose([xs, ys, oneHot]);
        }
      },
    },
    expectMessage: /One-hot/,
  },
  {
    exercise: "train-classifier",
    mistake: "callbacks not passed on",
    impl: {
      trainClassifier: async (model, train, options) => {
        const { xs, ys } = toTensors(train);
        try {
          return await model.fit(xs, ys, {
            epochs: options.epochs,
            batchSize: 64,
            validationSplit: 0.1,
          });
        } finally {
          tf.dispose([xs, ys]);
        }
      },
    },
    expectMessage: /callbacks/,
  },
  // regularized-cnn
  {
    exercise: "regularized-cnn",
    mistake: "Dropout after the output layer",
    impl: {
      buildRegularizedCnn: () => {
        const m = buildRegularizedCnn();
        const layers = m.layers.filter((l) => l.getClassName() !== "Dropout");
        return sequentialOf([...layers, tf.layers.dropout({ rate: 0.3 })]);
      },
    },
    expectMessage: /after the output layer/,
  },
  {
    exercise: "regularized-cnn",
    mistake: "no batch normalisation",
    impl: {
      buildRegularizedCnn: () => {
        const m = buildRegularizedCnn();
        return sequentialOf(m.layers.filter((l) => l.getClassName() !== "BatchNormalization"));
      },
    },
    expectMessage: /BatchNormalization/,
  },
  {
    exercise: "regularized-cnn",
    mistake: "relu inside the Conv2D, before batch normalisation",
    impl: {
      buildRegularizedCnn: () =>
        sequentialOf([
          tf.layers.conv2d({
            inputShape: [28, 28, 1],
            filters: 32,
            kernelSize: 3,
            activation: "relu",
          }),
          tf.layers.batchNormalization(),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu" }),
          tf.layers.batchNormalization(),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dropout({ rate: 0.3 }),
          tf.layers.dense({ units: 128, activation: "relu" }),
          tf.layers.dropout({ rate: 0.3 }),
          tf.layers.dense({ units: 10, activation: "softmax" }),
        ]),
    },
    expectMessage: /before the ReLU|BatchNormalization → Activation/,
  },
  // augment
  {
    exercise: "augment",
    mistake: "vertical flip",
    impl: {
      augmentBatch: (xs, seed) =>
        tf.tidy(() => {
          const out = augmentBatch(xs, seed);
          return tf.reverse(out, 1) as tf.Tensor4D;
        }),
    },
    expectMessage: /vertical flip/,
  },
  {
    exercise: "augment",
    mistake: "shifts wrap around instead of padding",
    impl: { augmentBatch: rollAugment },
    expectMessage: /wrap/,
  },
  {
    exercise: "augment",
    mistake: "Math.random instead of the seed",
    impl: {
      augmentBatch: (xs) => augmentBatch(xs, Math.floor(Math.random() * 1e9)),
    },
    expectMessage: /seed/,
  },
  {
    exercise: "augment",
    mistake: "one flip/shift for the whole batch",
    impl: {
      augmentBatch: (xs, seed) =>
        tf.tidy(() => {
          const one = augmentBatch(xs.slice(0, 1) as tf.Tensor4D, seed);
          const random = seededRandom(seed);
          const flip = random() < 0.5;
          const dx = Math.floor(random() * 5) - 2;
          const dy = Math.floor(random() * 5) - 2;
          one.dispose();
          const f = flip ? tf.image.flipLeftRight(xs) : xs;
          const p = tf.pad(f, [
            [0, 0],
            [2, 2],
            [2, 2],
            [0, 0],
          ]);
          return tf.slice(p, [0, 2 - dy, 2 - dx, 0], [xs.shape[0], 28, 28, 1]) as tf.Tensor4D;
        }),
    },
    expectMessage: /whole batch|each image|every image/,
  },
  {
    exercise: "augment",
    mistake: "leaks the intermediate tensors",
    impl: {
      augmentBatch: (xs, seed) => {
        const out = augmentBatch(xs, seed);
        tf.keep(tf.image.flipLeftRight(xs));
        return out;
      },
    },
    expectMessage: /tidy|tensors in memory/,
  },
  // fit-augmented
  {
    exercise: "fit-augmented",
    mistake: "validation images augmented too",
    impl: {
      fitAugmented: async (model, train, validation, options) => {
        const history: Record<string, number[]> = {};
        for (let e = 0; e < options.epochs; e++) {
          const a = augmentBatch(train.xs, options.seed + e);
          const v = augmentBatch(validation.xs, options.seed + e);
          try {
            const h = await model.fit(a, train.ys, {
              epochs: e + 1,
              initialEpoch: e,
              batchSize: 64,
              validationData: [v, validation.ys],
              callbacks: options.callbacks,
            });
            for (const [k, vals] of Object.entries(h.history))
              history[k] = [...(history[k] ?? []), ...(vals as number[])];
          } finally {
            tf.dispose([a, v]);
          }
        }
        return history;
      },
    },
    expectMessage: /training only|never augmented/,
  },
  {
    exercise: "fit-augmented",
    mistake: "the same augmentation every epoch",
    impl: {
      fitAugmented: async (model, train, validation, options) => {
        const a = augmentBatch(train.xs, options.seed);
        const history: Record<string, number[]> = {};
        try {
          for (let e = 0; e < options.epochs; e++) {
            const h = await model.fit(a, train.ys, {
              epochs: e + 1,
              initialEpoch: e,
              batchSize: 64,
              validationData: [validation.xs, validation.ys],
              callbacks: options.callbacks,
            });
            for (const [k, vals] of Object.entries(h.history))
              history[k] = [...(history[k] ?? []), ...(vals as number[])];
          }
        } finally {
          a.dispose();
        }
        return history;
      },
    },
    expectMessage: /same augmentation/,
  },
  {
    exercise: "fit-augmented",
    mistake: "augmented batches never disposed",
    impl: {
      fitAugmented: async (model, train, validation, options) => {
        const history: Record<string, number[]> = {};
        for (let e = 0; e < options.epochs; e++) {
          const a = augmentBatch(train.xs, options.seed + e);
          const h = await model.fit(a, train.ys, {
            epochs: e + 1,
            initialEpoch: e,
            batchSize: 64,
            validationData: [validation.xs, validation.ys],
            callbacks: options.callbacks,
          });
          for (const [k, vals] of Object.entries(h.history))
            history[k] = [...(history[k] ?? []), ...(vals as number[])];
        }
        return history;
      },
    },
    expectMessage: /dispose/,
  },
  // confusion-matrix
  {
    exercise: "confusion-matrix",
    mistake: "confusion matrix transposed",
    impl: {
      confusionMatrix: (model, xs, labels) => {
        const m = confusionMatrix(model, xs, labels);
        return m[0]!.map((_, j) => m.map((row) => row[j]!));
      },
    },
    expectMessage: /transposed/,
  },
  {
    exercise: "confusion-matrix",
    mistake: "misclassified includes correct predictions",
    impl: {
      misclassified: (model, xs, labels, limit) => {
        const probs = tf.tidy(() => model.predict(xs) as tf.Tensor2D);
        const rows = probs.arraySync();
        probs.dispose();
        return rows
          .map((row, index) => {
            const predicted = row.indexOf(Math.max(...row));
            return { index, label: labels[index]!, predicted, confidence: row[predicted]! };
          })
          .sort((a, b) => b.confidence - a.confidence || a.index - b.index)
          .slice(0, limit);
      },
    },
    expectMessage: /differs from the label/,
  },
  {
    exercise: "confusion-matrix",
    mistake: "misclassified sorted least confident first",
    impl: {
      misclassified: (model, xs, labels, limit) =>
        misclassified(model, xs, labels, 1000).reverse().slice(0, limit),
    },
    expectMessage: /highest first/,
  },
  // model-size
  {
    exercise: "model-size",
    mistake: "only trainable weights",
    impl: {
      modelSize: (model) => {
        const params = model.trainableWeights.reduce(
          (s, w) => s + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
          0,
        );
        return { params, bytes: 4 * params };
      },
    },
    expectMessage: /only the trainable/,
  },
  {
    exercise: "model-size",
    mistake: "bytes = params",
    impl: { modelSize: (model) => ({ params: model.countParams(), bytes: model.countParams() }) },
    expectMessage: /4 bytes/,
  },
];
