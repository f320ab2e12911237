import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "TensorFlow/Keras 2.x, scikit-learn",
  rows: [
    {
      task: "a normaliser",
      ours: "fitNormalizer(xTrain)",
      python: "norm = keras.layers.Normalization(axis=-1); norm.adapt(x_train)",
      note: "Both use the population standard deviation. TF.js 4.22 has no Normalization layer.",
      names: ["keras.layers.Normalization"],
      fixture: "12/normalizer-std",
    },
    {
      task: "predict the mean",
      ours: "baselineMae(yTrain, yTest)",
      python: 'DummyRegressor(strategy="mean").fit(X, y)',
      names: ["sklearn.dummy.DummyRegressor"],
    },
    {
      task: "mean absolute error",
      ours: "meanAbsoluteError(yTrue, yPred)",
      python: "keras.losses.MeanAbsoluteError()(y_true, y_pred)",
      names: ["keras.losses.MeanAbsoluteError", "sklearn.metrics.mean_absolute_error"],
    },
    {
      task: "a hidden layer",
      ours: 'tf.layers.dense({ units: 64, activation: "relu" })',
      python: 'keras.layers.Dense(64, activation="relu")',
    },
    {
      task: "an optimiser with a rate",
      ours: "tf.train.adam(0.01)",
      python: "keras.optimizers.Adam(learning_rate=0.01)",
      names: ["keras.optimizers.Adam"],
    },
    {
      task: "early stopping",
      ours: 'tf.callbacks.earlyStopping({ monitor: "val_loss", patience: 10 })',
      python:
        'keras.callbacks.EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)',
      note: "TF.js has no `restoreBestWeights`: the model keeps its last weights.",
      names: ["keras.callbacks.EarlyStopping"],
    },
    {
      task: "the loss curve",
      ours: "history.history.val_loss",
      python: 'history.history["val_loss"]',
    },
    {
      task: "evaluate",
      ours: "model.evaluate(xTest, yTest)",
      python: "model.evaluate(x_test, y_test)",
      note: "TF.js returns scalar tensors: read them with `await t.data()`.",
    },
    {
      task: "save and reload",
      ours: "await saveModel(model, dir); await loadModel(dir)",
      python: 'model.save("model.keras"); keras.models.load_model("model.keras")',
      note: "TF.js writes model.json + weights.bin; the `tensorflowjs_converter` tool converts between the formats.",
      names: ["keras.models.load_model"],
    },
  ],
};
