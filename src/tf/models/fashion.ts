/**
 * Reference models of lab 13 (image classification on the Fashion-MNIST subset). The lab's
 * checks compare learners' models with these, the notebook trains them, and `npm run bench`
 * times `buildFashionCnn` to 85 % test accuracy against the same network in PyTorch
 * (bench/torch_bench.py mirrors these layers exactly: keep the two in step).
 *
 * Every model takes [28, 28, 1] images with pixels in [0, 1], ends in Dense(10, softmax) and is
 * compiled with Adam (learning rate 1e-3), sparseCategoricalCrossentropy (integer labels) and
 * accuracy.
 */
import { tf } from "..";

/** Compiles `model` the lab's way: Adam 1e-3, sparse categorical cross-entropy, accuracy. */
export function compileFashion(model: tf.LayersModel, learningRate = 1e-3): tf.LayersModel {
  model.compile({
    optimizer: tf.train.adam(learningRate),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  return model;
}

/** Flatten → Dense(128, relu) → Dense(10, softmax): 101,770 parameters. */
export function buildFashionDense(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  model.add(tf.layers.dense({ units: 128, activation: "relu" }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  compileFashion(model);
  return model;
}

/**
 * The TF.js tutorial CNN (8 and 16 filters of 5×5, 2×2 max-pooling, straight to the output,
 * varianceScaling initialisers as in the tutorial): 5,994 parameters.
 */
export function buildFashionTinyCnn(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({
      inputShape: [28, 28, 1],
      filters: 8,
      kernelSize: 5,
      activation: "relu",
      kernelInitializer: "varianceScaling",
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(
    tf.layers.conv2d({
      filters: 16,
      kernelSize: 5,
      activation: "relu",
      kernelInitializer: "varianceScaling",
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.flatten());
  model.add(
    tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: "varianceScaling" }),
  );
  compileFashion(model);
  return model;
}

/** Options of the lab's CNN. */
export interface FashionCnnOptions {
  /** BatchNormalization after each convolution (before its ReLU). Default false. */
  batchNorm?: boolean;
  /** Dropout rate before each Dense layer (0 = no Dropout layers). Default 0. */
  dropout?: number;
}

/**
 * The lab's CNN: Conv2D(32, 3×3) → MaxPool(2) → Conv2D(64, 3×3) → MaxPool(2) → Flatten →
 * Dense(128, relu) → Dense(10, softmax): 225,034 parameters. With `batchNorm`, each
 * convolution is Conv2D (linear) → BatchNormalization → ReLU (+384 parameters, 192 of them the
 * non-trainable moving statistics); with `dropout`, a Dropout layer precedes each Dense layer.
 */
export function buildFashionCnn(options: FashionCnnOptions = {}): tf.Sequential {
  const { batchNorm = false, dropout = 0 } = options;
  const model = tf.sequential();
  const conv = (filters: number, first: boolean) => {
    model.add(
      tf.layers.conv2d({
        ...(first ? { inputShape: [28, 28, 1] } : {}),
        filters,
        kernelSize: 3,
        activation: batchNorm ? "linear" : "relu",
      }),
    );
    if (batchNorm) {
      model.add(tf.layers.batchNormalization());
      model.add(tf.layers.activation({ activation: "relu" }));
    }
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  };
  conv(32, true);
  conv(64, false);
  model.add(tf.layers.flatten());
  if (dropout > 0) model.add(tf.layers.dropout({ rate: dropout }));
  model.add(tf.layers.dense({ units: 128, activation: "relu" }));
  if (dropout > 0) model.add(tf.layers.dropout({ rate: dropout }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  compileFashion(model);
  return model;
}
