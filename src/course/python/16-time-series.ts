import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "TensorFlow/Keras 2.x, NumPy, scikit-learn",
  rows: [
    {
      task: "scale with the training period",
      ours: "fitMinMax(train)",
      python: "MinMaxScaler().fit(train.reshape(-1, 1))",
      names: ["sklearn.preprocessing.MinMaxScaler"],
    },
    {
      task: "windows and their next value",
      ours: "makeWindows(series, { windowSize: 3 })",
      python:
        "keras.utils.timeseries_dataset_from_array(series[:-3], series[3:], sequence_length=3)",
      note: "With NumPy: `sliding_window_view(series, 3)[:-1]` and `series[3:]`.",
      names: [
        "keras.utils.timeseries_dataset_from_array",
        "numpy.lib.stride_tricks.sliding_window_view",
      ],
      fixture: "16/windows-x",
    },
    {
      task: "the labels",
      ours: "makeWindows(series, { windowSize: 3 }).y",
      python: "series[3:]",
      fixture: "16/windows-y",
    },
    {
      task: "Huber loss",
      ours: "huberLoss(yTrue, yPred, 1)",
      python: "keras.losses.Huber(delta=1.0)(y_true, y_pred)",
      names: ["keras.losses.Huber", "torch.nn.functional.huber_loss"],
      fixture: "16/huber",
    },
    {
      task: "a 1-D convolution",
      ours: 'tf.layers.conv1d({ filters: 32, kernelSize: 5, padding: "same" })',
      python: 'keras.layers.Conv1D(32, 5, padding="causal")',
      note: 'TF.js 4.22 has no "causal" padding, the usual choice in Keras for forecasting.',
      names: ["keras.layers.Conv1D"],
    },
    {
      task: "an LSTM",
      ours: "tf.layers.lstm({ units: 32, returnSequences: true })",
      python: "keras.layers.LSTM(32, return_sequences=True)",
      names: ["keras.layers.LSTM"],
    },
    {
      task: "learning-rate sweep",
      ours: "learningRateSweep(model, startLr, growth)",
      python: "keras.callbacks.LearningRateScheduler(lambda epoch: 1e-8 * 10 ** (epoch / 20))",
      note: "In TF.js a callback sets `optimizer.learningRate` at the start of each epoch.",
      names: ["keras.callbacks.LearningRateScheduler"],
    },
  ],
};
