/**
 * The "one epoch of a CNN on the Fashion-MNIST subset" measurement: the 6,000 training images
 * (28x28, from datasets/ via the data layer), the bench's small CNN, batch 64, one epoch.
 */
import { fashionMnistTensors } from "../src/data";
import { tf } from "../src/tf";
import { buildModel } from "./models";

/** Trains the bench CNN for one epoch; seconds exclude data loading and one warm-up step. */
export async function fashionMnistEpoch(): Promise<{
  seconds: number;
  loss: number;
  accuracy: number;
  images: number;
}> {
  const data = fashionMnistTensors("train");
  const xs = data.xs;
  const ys = data.ys.toFloat(); // tfjs's accuracy metric floors labels, which needs float32
  data.ys.dispose();
  const model = buildModel("cnn");
  model.compile({
    optimizer: tf.train.adam(),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  try {
    const wx = xs.slice(0, 64);
    const wy = ys.slice(0, 64);
    await model.fit(wx, wy, { batchSize: 64, epochs: 1, verbose: 0 });
    tf.dispose([wx, wy]);
    const start = process.hrtime.bigint();
    const h = await model.fit(xs, ys, { batchSize: 64, epochs: 1, shuffle: true, verbose: 0 });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return {
      seconds,
      loss: (h.history.loss as number[])[0]!,
      accuracy: ((h.history.acc ?? h.history.accuracy) as number[])[0]!,
      images: xs.shape[0],
    };
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}
