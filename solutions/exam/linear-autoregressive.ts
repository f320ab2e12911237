// Reference solution · task 5 (CO₂ and yearly sunspots) · a linear autoregressive model: one
// Dense unit on the window. CO₂ keeps rising past the training period, so the forecast must
// extrapolate the trend — a weighted sum of past values does; ReLU hidden layers fitted on
// the training range do not (on sunspots too the linear model beat a Dense(32) one).
import { examData } from "../../src/exam/data";
import { tf } from "../../src/tf";

export async function solutionModel(): Promise<tf.LayersModel> {
  const { values, windowSize, min, max } = examData("task5");
  const scaled = values.map((v) => (v - min) / (max - min));
  const windows: number[][][] = [];
  const targets: number[] = [];
  for (let t = windowSize; t < scaled.length; t++) {
    windows.push(scaled.slice(t - windowSize, t).map((v) => [v]));
    targets.push(scaled[t]!);
  }
  const x = tf.tensor3d(windows);
  const y = tf.tensor2d(targets, [targets.length, 1]);
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [windowSize, 1] }), tf.layers.dense({ units: 1 })],
  });
  model.compile({ optimizer: tf.train.adam(1e-2), loss: tf.losses.huberLoss });
  await model.fit(x, y, { epochs: 200, batchSize: 32, shuffle: true, verbose: 0 });
  tf.dispose([x, y]);
  return model;
}
