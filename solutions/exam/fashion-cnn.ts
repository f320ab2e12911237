// Reference solution · task 2 · a small CNN on 28×28 images (the 10-class and the 5-group
// variants: the output layer has one unit per class in the labels).
import { examData } from "../../src/exam/data";
import { tf } from "../../src/tf";

export async function solutionModel(): Promise<tf.LayersModel> {
  const { images, labels, n } = examData("task2");
  const classes = Math.max(...labels) + 1;
  const pixels = Float32Array.from(images, (v) => v / 255);
  const x = tf.tensor4d(pixels, [n, 28, 28, 1]);
  const y = tf.tensor1d(labels, "float32");
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: "relu" }),
      tf.layers.dense({ units: classes, activation: "softmax" }),
    ],
  });
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  await model.fit(x, y, { epochs: 6, batchSize: 64, shuffle: true, verbose: 0 });
  tf.dispose([x, y]);
  return model;
}
