import type { Certification } from "./types";

const NO_WEIGHTS = "The handbook lists the skills without weights.";

export const tensorflowDeveloper: Certification = {
  id: "tensorflow-developer",
  name: "TensorFlow Developer Certificate",
  vendor: "Google (TensorFlow)",
  code: "TF Developer",
  status: "retired",
  guide: {
    title: "TensorFlow Developer Certificate Candidate Handbook",
    version: "last updated 2021-08-12",
    url: "https://www.tensorflow.org/certificate",
    verification: "secondary",
    sources: [
      "A copy of the handbook (studylib.net, “Last Updated: August 12, 2021”): the five skill areas and checklist",
    ],
    checkedOn: "2026-12-01",
  },
  summary:
    "Retired (the programme closed in 2024; the exact date is not recorded here). Still the best-matched target for this project: its checklist is what labs 11–16 practise, and the mock exam (`npm run exam`) follows its format.",
  domains: [
    {
      id: "1",
      title: "TensorFlow developer skills",
      weight: { kind: "unknown", note: NO_WEIGHTS },
      objectives: [
        {
          id: "1.1",
          title: "Debug and solve error messages from the TensorFlow API",
          practice: [
            "11-tensorflow-basics/tensors-dtypes",
            "11-tensorflow-basics/broadcasting",
            "11-tensorflow-basics/memory",
          ],
        },
        {
          id: "1.2",
          title:
            "Create models of a size reasonable for the problem; save models and check the file size",
          practice: ["13-image-classification/model-size", "12-regression-network/save-reload"],
        },
      ],
    },
    {
      id: "2",
      title: "Building and training neural network models using TensorFlow 2.x",
      weight: { kind: "unknown", note: NO_WEIGHTS },
      objectives: [
        {
          id: "2.1",
          title: "Build, compile and train models; plot loss and accuracy",
          practice: [
            "11-tensorflow-basics/layers-models",
            "11-tensorflow-basics/fit-evaluate",
            "11-tensorflow-basics/training-loop",
          ],
        },
        {
          id: "2.2",
          title: "Preprocess data and make sure inputs have the right shape",
          practice: [
            "12-regression-network/normalizer",
            "12-regression-network/prepare-data",
            "13-image-classification/pixels-to-tensors",
          ],
        },
        {
          id: "2.3",
          title: "Regression, binary and multi-class classification",
          practice: [
            "12-regression-network/train-model",
            "12-regression-network/dnn-model",
            "13-image-classification/train-classifier",
          ],
        },
        {
          id: "2.4",
          title: "Prevent overfitting (augmentation, dropout); use callbacks",
          practice: [
            "13-image-classification/regularized-cnn",
            "13-image-classification/stop-at-accuracy",
            "11-tensorflow-basics/loss-target-callback",
          ],
        },
        {
          id: "2.5",
          title: "Use pretrained models (transfer learning) and extract features from them",
          practice: [
            "14-transfer-learning/feature-base",
            "14-transfer-learning/transfer-model",
            "14-transfer-learning/train-transfer",
          ],
        },
      ],
    },
    {
      id: "3",
      title: "Image classification",
      weight: { kind: "unknown", note: NO_WEIGHTS },
      objectives: [
        {
          id: "3.1",
          title: "Convolutional neural networks with Conv2D and pooling layers",
          practice: ["13-image-classification/cnn-model"],
        },
        {
          id: "3.2",
          title:
            "Real-world images of different shapes and sizes (scaling, selecting, relabelling)",
          practice: ["14-transfer-learning/prepare-images"],
        },
        {
          id: "3.3",
          title: "Image augmentation",
          practice: ["13-image-classification/augment", "13-image-classification/fit-augmented"],
        },
      ],
    },
    {
      id: "4",
      title: "Natural language processing (NLP)",
      weight: { kind: "unknown", note: NO_WEIGHTS },
      objectives: [
        {
          id: "4.1",
          title:
            "Tokenize text, pad sequences, embeddings; RNNs, LSTMs and GRUs for text classification",
          practice: ["15-natural-language"],
          note: "Lab 15: vocabulary, padding, Embedding + pooling, Conv1D/LSTM/GRU/bidirectional classifiers, overfitting, embeddings seen through PCA, and next-word text generation.",
        },
      ],
    },
    {
      id: "5",
      title: "Time series, sequences and predictions",
      weight: { kind: "unknown", note: NO_WEIGHTS },
      objectives: [
        {
          id: "5.1",
          title: "Prepare data for time series learning (windows, scaling)",
          practice: [
            "16-time-series/min-max",
            "16-time-series/windows",
            "16-time-series/prepare-data",
          ],
        },
        {
          id: "5.2",
          title: "Train, tune and use time series models; mean absolute error",
          practice: [
            "16-time-series/baselines",
            "16-time-series/forecasters",
            "16-time-series/lr-sweep",
            "16-time-series/validation-mae",
            "16-time-series/train-forecaster",
            "16-time-series/forecast-ahead",
          ],
        },
      ],
    },
  ],
};
