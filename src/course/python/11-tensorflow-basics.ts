import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "TensorFlow/Keras 2.x; PyTorch where it is the usual choice",
  rows: [
    {
      task: "a tensor",
      ours: "tf.tensor2d([[1, 2], [3, 4]])",
      python: "tf.constant([[1, 2], [3, 4]])",
      note: "TensorFlow.js's `tf` mirrors TensorFlow's Python API, with camelCase names.",
      names: ["tensorflow.constant"],
    },
    {
      task: "one-hot labels",
      ours: 'tf.oneHot(tf.tensor1d(labels, "int32"), 3)',
      python: "tf.one_hot(labels, 3)  # or keras.utils.to_categorical",
      names: ["tensorflow.one_hot", "torch.nn.functional.one_hot"],
      fixture: "11/one-hot",
    },
    {
      task: "read values",
      ours: "await t.array()  // or t.dataSync()",
      python: "t.numpy()",
    },
    {
      task: "free memory",
      ours: "tf.tidy(() => …), t.dispose()",
      python: "(nothing: Python frees tensors itself)",
      note: "TF.js tensors live outside JavaScript's garbage collector; Python's reference counting frees them.",
    },
    {
      task: "gradients",
      ours: "tf.grad((w) => loss(w))(w)",
      python: "with tf.GradientTape() as tape: …; tape.gradient(loss, w)",
      note: "PyTorch: `loss.backward()`, then `w.grad`.",
      names: ["tensorflow.GradientTape"],
      fixture: "11/autograd-mse",
    },
    {
      task: "an optimiser step",
      ours: "tf.train.sgd(0.1).minimize(() => loss())",
      python: "keras.optimizers.SGD(0.1).apply_gradients(zip(grads, variables))",
      names: ["keras.optimizers.SGD"],
    },
    {
      task: "a Sequential model",
      ours: "tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] })",
      python: "keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])",
      names: ["keras.Sequential", "keras.layers.Dense"],
    },
    {
      task: "the functional API",
      ours: "tf.model({ inputs, outputs })",
      python: "keras.Model(inputs, outputs)",
      names: ["keras.Model", "keras.Input"],
    },
    {
      task: "compile",
      ours: 'model.compile({ optimizer: "adam", loss: "meanSquaredError" })',
      python: 'model.compile(optimizer="adam", loss="mse")',
      note: "Loss names are camelCase in TF.js, snake_case in Keras.",
    },
    {
      task: "train",
      ours: "await model.fit(x, y, { epochs: 10, batchSize: 32, validationSplit: 0.2 })",
      python: "model.fit(x, y, epochs=10, batch_size=32, validation_split=0.2)",
      note: "`fit` is asynchronous in TF.js: forget `await` and the next line runs before training.",
    },
    {
      task: "a callback",
      ours: "new tf.CustomCallback({ onEpochEnd: (epoch, logs) => … })",
      python: "keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: …)",
      names: ["keras.callbacks.LambdaCallback"],
    },
  ],
};
