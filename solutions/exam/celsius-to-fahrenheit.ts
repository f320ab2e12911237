// Reference solution · task 1 · Celsius to Fahrenheit. Inputs reach 100 and targets 212:
// scaling both to about ±1 inside the data pipeline lets Adam converge in a few hundred steps;
// the model must take raw °C, so the scaling is folded into the weights at the end.
import { examData } from "../../src/exam/data";
import { tf } from "../../src/tf";

export async function solutionModel(): Promise<tf.LayersModel> {
  const { xs, ys } = examData("task1");
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });
  const sx = 100;
  const sy = 100;
  const x = tf.tensor2d(
    xs.map((v) => v / sx),
    [xs.length, 1],
  );
  const y = tf.tensor2d(
    ys.map((v) => v / sy),
    [ys.length, 1],
  );
  await model.fit(x, y, { epochs: 500, verbose: 0 });
  // y/sy = w·(x/sx) + b  ⇔  y = (w·sy/sx)·x + b·sy
  const [w, b] = model.getWeights();
  model.setWeights([w!.mul(sy / sx), b!.mul(sy)]);
  tf.dispose([x, y]);
  return model;
}
