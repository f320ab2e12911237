// Reference solution · task 4 · an Embedding, average pooling and a small dense head. The
// same code solves every task-4 variant: the output layer follows the number of classes.
import { examData } from "../../src/exam/data";
import { tf } from "../../src/tf";

export async function solutionModel(): Promise<tf.LayersModel> {
  const { texts, labels, classNames, vocabSize, maxLength, encode } = examData("task4");
  const binary = classNames.length === 2;
  const x = tf.tensor2d(encode(texts), undefined, "float32");
  const y = tf.tensor1d(labels, "float32");
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: vocabSize, outputDim: 32, inputLength: maxLength }),
      tf.layers.globalAveragePooling1d(),
      tf.layers.dense({ units: 32, activation: "relu" }),
      binary
        ? tf.layers.dense({ units: 1, activation: "sigmoid" })
        : tf.layers.dense({ units: classNames.length, activation: "softmax" }),
    ],
  });
  model.compile({
    optimizer: tf.train.adam(5e-3),
    loss: binary ? "binaryCrossentropy" : "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  await model.fit(x, y, { epochs: 30, batchSize: 32, shuffle: true, verbose: 0 });
  tf.dispose([x, y]);
  return model;
}
