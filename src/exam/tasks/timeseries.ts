/**
 * Task 5 — time series forecasting: the next value from a window of past values. The learner
 * gets the first 80 % of a series; the model is scored on forecasts for the last 20 %, by MAE
 * on the scale fixed in the header (min-max of the training period), like the certificate.
 * Bands are set from the naive forecast (repeat the last value), which must earn at most 1,
 * and from the reference solution, which must earn 5 (tests/exam proves both).
 */
import * as fs from "node:fs";
import { datasetPath } from "../../data/registry";
import { loadTimeSeries } from "../../data/timeseries";
import { tf } from "../../tf";
import type { ExamTask, ExamVariant, HeldOut } from "./types";

interface SeriesSpec {
  id: string;
  title: string;
  story: string;
  values: () => number[];
  windowSize: number;
  reference: string;
  /**
   * MAE (normalised) for scores 1..5: a 1 at the naive forecast's MAE, a 5 at the reference's
   * MAE + 15 %, evenly between. Measured (wasm, the exam's fixed training seed):
   * co2 naive 0.0281, reference (linear AR) 0.0122; Nottingham naive 0.1154, reference (dense
   * 32) 0.0528, seasonal naive 0.0662; yearly sunspots naive 0.1634, reference (linear AR)
   * 0.1022, dense 32 0.1106.
   */
  thresholds: [number, number, number, number, number];
}

const TRAIN_FRACTION = 0.8;

function examSeries(name: string): number[] {
  const all = JSON.parse(fs.readFileSync(datasetPath("exam", "series.json"), "utf8")) as Record<
    string,
    { values: number[] }
  >;
  return all[name]!.values;
}

const SPECS: SeriesSpec[] = [
  {
    id: "co2-monthly",
    title: "Monthly CO₂ at Mauna Loa (trend + season)",
    story: "monthly CO₂ concentration (ppm) at Mauna Loa, 1959–1997",
    values: () => loadTimeSeries("co2_monthly").values,
    windowSize: 24,
    reference: "linear-autoregressive",
    thresholds: [0.028, 0.0245, 0.021, 0.0175, 0.014],
  },
  {
    id: "nottingham-temperature",
    title: "Monthly temperatures at Nottingham (strong season)",
    story: "average monthly air temperature (°F) at Nottingham Castle, 1920–1939",
    values: () => examSeries("nottem"),
    windowSize: 24,
    reference: "nottingham-temperature",
    thresholds: [0.115, 0.1, 0.088, 0.075, 0.061],
  },
  {
    id: "sunspots-yearly",
    title: "Yearly sunspot numbers (an 11-year cycle)",
    story: "yearly mean sunspot numbers, 1700–1988",
    values: () => examSeries("sunspot_year"),
    windowSize: 20,
    reference: "linear-autoregressive",
    thresholds: [0.16, 0.15, 0.138, 0.127, 0.117],
  },
];

function split(values: number[]) {
  const cut = Math.floor(values.length * TRAIN_FRACTION);
  const train = values.slice(0, cut);
  const min = Math.min(...train);
  const max = Math.max(...train);
  return { cut, train, min, max, scale: (v: number) => (v - min) / (max - min) };
}

/** Windows whose target lies in the held-out period (inputs may reach back into training). */
export function heldOutWindows(values: number[], windowSize: number) {
  const { cut, scale } = split(values);
  const x: number[][] = [];
  const y: number[] = [];
  for (let t = cut; t < values.length; t++) {
    x.push(values.slice(t - windowSize, t).map(scale));
    y.push(scale(values[t]!));
  }
  return { x, y };
}

function variantOf(spec: SeriesSpec): ExamVariant {
  const values = spec.values();
  const { train, min, max } = split(values);
  const f = (v: number) => Number(v.toPrecision(6));
  return {
    id: spec.id,
    title: spec.title,
    header: [
      `Dataset: ${spec.story}; you get the first ${train.length} of ${values.length} values.`,
      "examData() returns { values: number[] (oldest first, original units), windowSize, min, max }.",
      `Scale: normalised = (value − ${f(min)}) / (${f(max)} − ${f(min)}), min and max of your data (also in examData()).`,
      `Input shape: [${spec.windowSize}, 1] — the last ${spec.windowSize} values, normalised, oldest first.`,
      "Output layer: tf.layers.dense({ units: 1 }) (linear) — the next value, normalised; keep it.",
      `Scored by MAE on the normalised scale over the ${values.length - train.length} values after yours (each forecast from the true previous values).`,
    ],
    contract: {
      inputShape: [spec.windowSize, 1],
      outputUnits: 1,
      outputActivation: "linear",
      maxBytes: 2_000_000,
    },
    bands: { metric: "MAE (normalised)", better: "lower", thresholds: spec.thresholds },
    trainingData: () => ({ values: train.slice(), windowSize: spec.windowSize, min, max }),
    heldOut: (): HeldOut => {
      const { x, y } = heldOutWindows(values, spec.windowSize);
      return { xs: tf.tensor3d(x.map((w) => w.map((v) => [v]))), ys: y };
    },
    metric: (predictions, _units, heldOut) =>
      heldOut.ys.reduce((s, y, i) => s + Math.abs(predictions[i]! - y), 0) / heldOut.ys.length,
    reference: spec.reference,
    trainSeconds: 300,
  };
}

export const timeSeriesTask: ExamTask = {
  id: "task5",
  number: 5,
  weight: 5,
  category: "Time series forecasting",
  variants: SPECS.map(variantOf),
};
