import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "TensorFlow/Keras 2.x, scikit-learn",
  rows: [
    {
      task: "a convolution",
      ours: 'tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: "relu" })',
      python: 'keras.layers.Conv2D(16, 3, activation="relu")',
      note: "Both expect images as (batch, height, width, channels) by default; PyTorch's `Conv2d` uses (batch, channels, height, width).",
      names: ["keras.layers.Conv2D", "torch.nn.Conv2d"],
      fixture: "13/conv-params",
    },
    {
      task: "pooling",
      ours: "tf.layers.maxPooling2d({ poolSize: 2 })",
      python: "keras.layers.MaxPooling2D(2)",
      names: ["keras.layers.MaxPooling2D"],
    },
    {
      task: "flatten",
      ours: "tf.layers.flatten()",
      python: "keras.layers.Flatten()",
      names: ["keras.layers.Flatten"],
    },
    {
      task: "a dense layer's size",
      ours: "tf.layers.dense({ units: 128, inputShape: [784] }).countParams()",
      python: "keras.layers.Dense(128).count_params()  # after it is built",
      names: ["torch.nn.Linear"],
      fixture: "13/dense-params",
    },
    {
      task: "dropout",
      ours: "tf.layers.dropout({ rate: 0.3 })",
      python: "keras.layers.Dropout(0.3)",
      names: ["keras.layers.Dropout"],
    },
    {
      task: "integer-label loss",
      ours: 'loss: "sparseCategoricalCrossentropy"',
      python: 'loss="sparse_categorical_crossentropy"',
      note: "Keras can take logits with `SparseCategoricalCrossentropy(from_logits=True)`; with TF.js's string loss keep the softmax in the model.",
      names: ["keras.losses.SparseCategoricalCrossentropy"],
    },
    {
      task: "flip augmentation",
      ours: "tf.image.flipLeftRight(batch)",
      python: 'keras.layers.RandomFlip("horizontal")',
      note: "Keras usually augments with layers inside the model, active only in training.",
      names: ["keras.layers.RandomFlip"],
    },
    {
      task: "predicted classes",
      ours: "model.predict(x).argMax(-1)",
      python: "model.predict(x).argmax(-1)",
    },
    {
      task: "confusion matrix",
      ours: "tf.math.confusionMatrix(labels, predictions, 10)",
      python: "tf.math.confusion_matrix(labels, predictions)",
      names: ["tensorflow.math.confusion_matrix", "sklearn.metrics.confusion_matrix"],
    },
    { task: "parameter count", ours: "model.countParams()", python: "model.count_params()" },
  ],
};
