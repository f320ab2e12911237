import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "TensorFlow/Keras 2.x",
  rows: [
    {
      task: "load a saved model",
      ours: "await loadModel(dir)",
      python: 'keras.models.load_model("base.keras")',
      names: ["keras.models.load_model"],
    },
    {
      task: "a pretrained base",
      ours: "(a base trained on Fashion classes 0–4, bundled)",
      python: 'keras.applications.MobileNetV2(include_top=False, weights="imagenet")',
      note: "Keras downloads those weights on first use; this course ships its own small base so it works offline.",
      names: ["keras.applications.MobileNetV2"],
    },
    {
      task: "cut at a layer",
      ours: 'tf.model({ inputs: base.inputs, outputs: base.getLayer("features").output })',
      python: 'keras.Model(base.input, base.get_layer("features").output)',
    },
    {
      task: "freeze",
      ours: "layer.trainable = false",
      python: "layer.trainable = False",
      note: "In both, compile (again) AFTER changing `trainable`, or the change is ignored.",
    },
    {
      task: "a new head",
      ours: 'tf.sequential({ layers: [base, tf.layers.dense({ units: 5, activation: "softmax" })] })',
      python: 'keras.Sequential([base, keras.layers.Dense(5, activation="softmax")])',
    },
    {
      task: "fine-tune gently",
      ours: "tf.train.adam(1e-4)",
      python: "keras.optimizers.Adam(1e-5)",
      note: "Unfreeze the top of the base and train with a rate 10–100× smaller.",
    },
    { task: "weights", ours: "model.getWeights()", python: "model.get_weights()" },
  ],
};
