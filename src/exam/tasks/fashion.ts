/**
 * Task 2 — a Fashion-MNIST-style classifier (28×28 grey images). Learners train on the
 * bundled subset (6,000 images); models are scored on 2,000 other images from Debian's full
 * Fashion-MNIST test set (src/grading/heldout.ts), which no learner loader returns.
 */
import { loadFashionMnist } from "../../data/images";
import { heldOutFashionMnist } from "../../grading/heldout";
import { tf } from "../../tf";
import { classificationAccuracy, type ExamTask, type ExamVariant, type HeldOut } from "./types";

/** Clothing groups of the "groups" variant: group id per Fashion-MNIST class. */
export const FASHION_GROUPS = {
  names: [
    "top (T-shirt, pullover, coat, shirt)",
    "trouser",
    "dress",
    "footwear (sandal, sneaker, ankle boot)",
    "bag",
  ],
  ofClass: [0, 1, 0, 2, 0, 3, 0, 3, 4, 3],
} as const;

interface FashionSpec {
  id: string;
  title: string;
  inputShape: number[];
  classes: number;
  label: (fashionClass: number) => number;
  labelText: string;
  reference: string;
  /**
   * Accuracy for scores 1..5. The reference (solutions/exam/) must earn 5 and predicting the
   * majority class (10 % here, 40 % for the groups) must earn 0; tests/exam proves both.
   * Measured (wasm, the exam's training seed): reference CNN 0.8175 held-out accuracy on 10
   * classes, 0.954 on the 5 groups; a dense net after one epoch on 2,500 images: 0.912 on groups.
   */
  thresholds: [number, number, number, number, number];
}

const SPECS: FashionSpec[] = [
  {
    id: "fashion-10-images",
    title: "10 clothing classes, images in",
    inputShape: [28, 28, 1],
    classes: 10,
    label: (c) => c,
    labelText: "labels 0..9 (FASHION_MNIST_LABELS order)",
    reference: "fashion-cnn",
    thresholds: [0.45, 0.62, 0.72, 0.77, 0.8],
  },
  {
    id: "fashion-10-flat",
    title: "10 clothing classes, flat pixel vectors in",
    inputShape: [784],
    classes: 10,
    label: (c) => c,
    labelText: "labels 0..9 (FASHION_MNIST_LABELS order)",
    reference: "fashion-10-flat",
    thresholds: [0.45, 0.62, 0.72, 0.77, 0.8],
  },
  {
    id: "fashion-5-groups",
    title: "5 clothing groups",
    inputShape: [28, 28, 1],
    classes: 5,
    label: (c) => FASHION_GROUPS.ofClass[c]!,
    labelText: `group labels 0..4: ${FASHION_GROUPS.names.join(", ")}`,
    reference: "fashion-cnn",
    thresholds: [0.7, 0.85, 0.9, 0.92, 0.935],
  },
];

function pixels(images: Uint8Array): Float32Array {
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) out[i] = images[i]! / 255;
  return out;
}

function variantOf(spec: FashionSpec): ExamVariant {
  return {
    id: spec.id,
    title: spec.title,
    header: [
      "Dataset: Fashion-MNIST, 28×28 grey images of clothing (6,000 training images, 600 per class).",
      `examData() returns { images: Uint8Array (n·784 grey levels 0..255, row by row), labels: number[] (${spec.labelText}), n }.`,
      `Input shape: [${spec.inputShape.join(", ")}], pixels scaled to 0..1 (grey level / 255) — the grader feeds images that way.`,
      `Output layer: tf.layers.dense({ units: ${spec.classes}, activation: "softmax" }); keep it.`,
      "Scored by accuracy on 2,000 Fashion-MNIST images that are not in the training data.",
    ],
    contract: {
      inputShape: spec.inputShape,
      outputUnits: spec.classes,
      outputActivation: "softmax",
      maxBytes: 5_000_000,
    },
    bands: { metric: "held-out accuracy", better: "higher", thresholds: spec.thresholds },
    trainingData: () => {
      const train = loadFashionMnist("train");
      return { images: train.images, labels: Array.from(train.labels, spec.label), n: train.n };
    },
    heldOut: (): HeldOut => {
      const h = heldOutFashionMnist();
      const shape = [h.n, ...spec.inputShape];
      return { xs: tf.tensor(pixels(h.images), shape), ys: Array.from(h.labels, spec.label) };
    },
    metric: (predictions, units, heldOut) => classificationAccuracy(predictions, units, heldOut.ys),
    reference: spec.reference,
    trainSeconds: 600,
  };
}

export const fashionTask: ExamTask = {
  id: "task2",
  number: 2,
  weight: 2,
  category: "Fashion-MNIST-style image classification",
  variants: SPECS.map(variantOf),
};
