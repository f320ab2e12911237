/**
 * Task 1 — simple regression from numbers (input shape [1]), the certificate's warm-up.
 * Each variant is a straight-line relation; the held-out inputs include values outside the
 * training range, so a model must learn the line, not memorise the points.
 */
import { tf } from "../../tf";
import type { ExamTask, ExamVariant, HeldOut } from "./types";

interface LineSpec {
  id: string;
  title: string;
  story: string;
  xName: string;
  yName: string;
  slope: number;
  intercept: number;
  reference: string;
  train: number[];
  heldOut: number[];
}

const range = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

const LINES: LineSpec[] = [
  {
    id: "line-2x-minus-1",
    title: "y = 2x − 1 from six points",
    story: "xs and ys follow one hidden straight line.",
    xName: "x",
    yName: "y",
    slope: 2,
    intercept: -1,
    reference: "straight-line",
    train: [-1, 0, 1, 2, 3, 4],
    heldOut: [-3, -2, 5, 6, 7, 8, 9, 10, 0.5, 2.5],
  },
  {
    id: "house-prices",
    title: "House prices from bedrooms",
    story:
      "A house costs 50k plus 50k per bedroom. Prices are in hundreds of thousands (1 bedroom → 1.0).",
    xName: "bedrooms",
    yName: "price (100k)",
    slope: 0.5,
    intercept: 0.5,
    reference: "straight-line",
    train: [1, 2, 3, 4, 5, 6],
    heldOut: [7, 8, 9, 10, 1.5, 3.5],
  },
  {
    id: "celsius-to-fahrenheit",
    title: "Celsius to Fahrenheit",
    story: "Temperatures in °C and the same temperatures in °F.",
    xName: "celsius",
    yName: "fahrenheit",
    slope: 1.8,
    intercept: 32,
    reference: "celsius-to-fahrenheit",
    train: range(-40, 100, 10),
    heldOut: [-35, -12, 3, 21, 37, 58, 77, 99, 120, 150],
  },
];

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

function variantOf(spec: LineSpec): ExamVariant {
  const f = (x: number) => spec.slope * x + spec.intercept;
  const ys = spec.heldOut.map(f);
  // Bands relative to the spread of the held-out targets: predicting their mean (the trivial
  // baseline) is off by ~0.8 of it and earns 0; a learned line is off by < 1 % and earns 5.
  const m = mean(ys);
  const spread = mean(ys.map((y) => Math.abs(y - m)));
  const t = (fraction: number) => Number((fraction * spread).toPrecision(2));
  return {
    id: spec.id,
    title: spec.title,
    header: [
      `Dataset: ${spec.story}`,
      `examData() returns { xs: number[], ys: number[] } with ${spec.train.length} pairs (${spec.xName} → ${spec.yName}).`,
      "Input shape: [1]. Output layer: tf.layers.dense({ units: 1 }) (linear); keep it.",
      `Scored on held-out ${spec.xName} values, some outside the training range, by mean absolute error.`,
    ],
    contract: { inputShape: [1], outputUnits: 1, outputActivation: "linear", maxBytes: 1_000_000 },
    bands: {
      metric: `MAE (${spec.yName})`,
      better: "lower",
      thresholds: [t(0.3), t(0.15), t(0.08), t(0.04), t(0.02)],
    },
    trainingData: () => ({ xs: spec.train.slice(), ys: spec.train.map(f) }),
    heldOut: (): HeldOut => ({ xs: tf.tensor2d(spec.heldOut, [spec.heldOut.length, 1]), ys }),
    metric: (predictions, _units, heldOut) =>
      mean(heldOut.ys.map((y, i) => Math.abs(predictions[i]! - y))),
    reference: spec.reference,
    trainSeconds: 120,
  };
}

export const regressionTask: ExamTask = {
  id: "task1",
  number: 1,
  weight: 1,
  category: "Simple regression from numbers",
  variants: LINES.map(variantOf),
};
