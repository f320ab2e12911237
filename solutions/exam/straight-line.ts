// Reference solution · task 1 · one Dense unit fitted to a straight line (the y = 2x − 1 and
// house-price variants).
import { examData } from "../../src/exam/data";
import { tf } from "../../src/tf";

export async function solutionModel(): Promise<tf.LayersModel> {
  const { xs, ys } = examData("task1");
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });
  const x = tf.tensor2d(xs, [xs.length, 1]);
  const y = tf.tensor2d(ys, [ys.length, 1]);
  await model.fit(x, y, { epochs: 400, verbose: 0 });
  tf.dispose([x, y]);
  return model;
}
