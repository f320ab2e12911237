/**
 * Lab 11 (TensorFlow.js fundamentals): the reference linear regressor, one Dense unit on
 * `inputDim` features, compiled with Adam and the mean squared error. The lab's
 * fit/evaluate check trains the learner's fitAndEvaluate on this model, and the notebook
 * compares it with the hand-written loop.
 */
import { tf } from "..";

export function buildLinearRegressor(inputDim: number, learningRate = 0.1): tf.Sequential {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [inputDim] })] });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: "meanSquaredError" });
  return model;
}
