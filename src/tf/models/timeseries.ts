/**
 * Lab 16 (time series): the reference forecasters. The lab's checks compare learners' models
 * with these (layer types, shapes, parameter counts); the notebook trains them.
 */
import { tf } from "..";

/** Huber loss (delta 1), the loss both forecasters are compiled with. */
export function huberForecastLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.losses.huberLoss(yTrue, yPred, undefined, 1);
}

/** input [windowSize] → Dense(32, relu) → Dense(16, relu) → Dense(1); 961 params for 12. */
export function denseForecaster(windowSize: number, learningRate = 1e-3): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [windowSize], units: 32, activation: "relu" }));
  model.add(tf.layers.dense({ units: 16, activation: "relu" }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({
    optimizer: tf.train.adam(learningRate),
    loss: huberForecastLoss,
    metrics: ["mae"],
  });
  return model;
}

/**
 * input [windowSize, 1] → Conv1D(32, kernel 5, "same", relu) → LSTM(32) → Dense(1); 8,545
 * params. (tfjs has no "causal" Conv1D padding; "same" sees only the window's own values.)
 * No dropout, so the fused LSTM cell of src/tf/kernels runs.
 */
export function convLstmForecaster(windowSize: number, learningRate = 1e-3): tf.LayersModel {
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
    loss: huberForecastLoss,
    metrics: ["mae"],
  });
  return model;
}
