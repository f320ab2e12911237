/**
 * Lab 12 (a regression network, auto-mpg): the reference regression models. One linear output
 * unit (no activation: mpg can be any real number) and a mean-absolute-error loss, as in the
 * TensorFlow "basic regression" tutorial.
 */
import { tf } from "../index";

export interface RegressionModelOptions {
  /** Adam's learning rate (default 0.1 for the linear model, 0.001 for the DNN). */
  learningRate?: number;
}

/** Linear regression as a network: one Dense unit on `nFeatures` inputs, compiled with MAE. */
export function linearRegressionModel(
  nFeatures: number,
  options: RegressionModelOptions = {},
): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [nFeatures] }));
  model.compile({
    optimizer: tf.train.adam(options.learningRate ?? 0.1),
    loss: "meanAbsoluteError",
  });
  return model;
}

/** The DNN: Dense(64, relu) → Dense(64, relu) → Dense(1), compiled with MAE (4,865 weights for 9 inputs). */
export function regressionDnn(
  nFeatures: number,
  options: RegressionModelOptions & { hidden?: number[] } = {},
): tf.Sequential {
  const model = tf.sequential();
  (options.hidden ?? [64, 64]).forEach((units, i) => {
    model.add(
      tf.layers.dense(
        i === 0
          ? { units, activation: "relu", inputShape: [nFeatures] }
          : { units, activation: "relu" },
      ),
    );
  });
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({
    optimizer: tf.train.adam(options.learningRate ?? 0.001),
    loss: "meanAbsoluteError",
  });
  return model;
}
