// Reference solution · task 3 · a small CNN; every training patch is added in all 8
// rotations/mirrorings (textures and photo patches have no fixed "up"), which also makes the
// model robust to turned test patches.
import { examData, readImageFolder } from "../../src/exam/data";
import { tf } from "../../src/tf";

export async function solutionModel(): Promise<tf.LayersModel> {
  const { folder, classNames, size, channels } = examData("task3");
  const { images, labels, n } = readImageFolder(folder);
  const x = tf.tidy(() => {
    const base = tf.tensor4d(
      Float32Array.from(images, (v) => v / 255),
      [n, size, size, channels],
    );
    const turns: tf.Tensor4D[] = [];
    let t = base;
    for (let q = 0; q < 4; q++) {
      turns.push(t, t.reverse(2)); // this rotation, and mirrored left-right
      t = t.transpose<tf.Tensor4D>([0, 2, 1, 3]).reverse(2); // rotate 90°
    }
    return tf.concat(turns);
  });
  const y = tf.tensor1d(Array.from({ length: 8 }, () => labels).flat(), "float32");
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [size, size, channels],
        filters: 16,
        kernelSize: 3,
        activation: "relu",
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: "relu" }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 32, activation: "relu" }),
      tf.layers.dense({ units: classNames.length, activation: "softmax" }),
    ],
  });
  model.compile({
    optimizer: tf.train.adam(2e-3),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  await model.fit(x, y, { epochs: 8, batchSize: 64, shuffle: true, verbose: 0 });
  tf.dispose([x, y]);
  return model;
}
