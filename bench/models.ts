/**
 * The fixed benchmark models and their synthetic data. Initial weights and data come from
 * seeds, so every backend starts from the same point and must reach the same loss.
 * bench/torch_bench.py builds the same architectures in PyTorch.
 */
import { tf } from "../src/tf";

export const MODEL_NAMES = ["mlp", "cnn", "emb_lstm", "emb_gru", "emb_conv1d", "ts_lstm"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** Samples per run and batch size: 512 samples x 2 epochs / 64 = 16 optimizer steps. */
export const SAMPLES = 512;
export const BATCH = 64;
export const EPOCHS = 2;
/**
 * Layer sizes. `tiny` keeps every layer, op and time step of the bench models but makes the
 * arithmetic negligible: its step time is what the framework itself costs (bench/framework-floor.ts).
 */
export const SIZES = {
  bench: {
    side: 28,
    features: 784,
    hidden: 256,
    filters: [16, 32],
    conv1dFilters: 32,
    dense: 64,
    vocab: 1000,
    dim: 16,
    units: 32,
  },
  tiny: {
    side: 10,
    features: 4,
    hidden: 8,
    filters: [4, 4],
    conv1dFilters: 8,
    dense: 8,
    vocab: 10,
    dim: 4,
    units: 4,
  },
} as const;
export type SizeName = keyof typeof SIZES;
const TOKENS = 40;
const TS_WINDOW = 30;

/** A tiny deterministic PRNG (mulberry32) so data does not depend on the backend. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let seedCounter = 0;
/** Seeded initializers: layer k of a model always gets seed 1000 + k. */
function init(
  kind: "glorot" | "orthogonal" | "uniform",
): ReturnType<typeof tf.initializers.glorotUniform> {
  const seed = 1000 + seedCounter++;
  if (kind === "orthogonal") return tf.initializers.orthogonal({ gain: 1, seed });
  if (kind === "uniform")
    return tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed });
  return tf.initializers.glorotUniform({ seed });
}

const dense = (units: number, activation: "relu" | "softmax" | "sigmoid" | "linear") =>
  tf.layers.dense({ units, activation, kernelInitializer: init("glorot") });

const rnnOptions = (units: number) => ({
  units,
  kernelInitializer: init("glorot"),
  recurrentInitializer: init("orthogonal"),
});

/** Builds and compiles `name` (Adam, default learning rate). */
export function buildModel(name: ModelName, size: SizeName = "bench"): tf.LayersModel {
  seedCounter = 0;
  const z = SIZES[size];
  const m = tf.sequential();
  const embedding = () =>
    tf.layers.embedding({
      inputDim: z.vocab,
      outputDim: z.dim,
      inputLength: TOKENS,
      embeddingsInitializer: init("uniform"),
    });
  switch (name) {
    case "mlp":
      m.add(
        tf.layers.dense({
          inputShape: [z.features],
          units: z.hidden,
          activation: "relu",
          kernelInitializer: init("glorot"),
        }),
      );
      m.add(dense(10, "softmax"));
      break;
    case "cnn": {
      const conv = (filters: number, extra: object) =>
        tf.layers.conv2d({
          filters,
          kernelSize: 3,
          activation: "relu",
          kernelInitializer: init("glorot"),
          ...extra,
        });
      m.add(conv(z.filters[0], { inputShape: [z.side, z.side, 1] }));
      m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      m.add(conv(z.filters[1], {}));
      m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      m.add(tf.layers.flatten());
      m.add(dense(z.dense, "relu"));
      m.add(dense(10, "softmax"));
      break;
    }
    case "emb_lstm":
      m.add(embedding());
      m.add(tf.layers.lstm(rnnOptions(z.units)));
      m.add(dense(1, "sigmoid"));
      break;
    case "emb_gru":
      m.add(embedding());
      m.add(tf.layers.gru(rnnOptions(z.units)));
      m.add(dense(1, "sigmoid"));
      break;
    case "emb_conv1d":
      m.add(embedding());
      m.add(
        tf.layers.conv1d({
          filters: z.conv1dFilters,
          kernelSize: 5,
          activation: "relu",
          kernelInitializer: init("glorot"),
        }),
      );
      m.add(tf.layers.globalAveragePooling1d());
      m.add(dense(1, "sigmoid"));
      break;
    case "ts_lstm":
      m.add(tf.layers.lstm({ inputShape: [TS_WINDOW, 1], ...rnnOptions(z.units) }));
      m.add(dense(1, "linear"));
      break;
  }
  const loss =
    name === "mlp" || name === "cnn"
      ? "sparseCategoricalCrossentropy"
      : name === "ts_lstm"
        ? "meanSquaredError"
        : "binaryCrossentropy";
  m.compile({ optimizer: tf.train.adam(), loss });
  return m;
}

/** Synthetic inputs and targets for `name` (same values on every backend). */
export function makeData(
  name: ModelName,
  samples = SAMPLES,
  size: SizeName = "bench",
): { x: tf.Tensor; y: tf.Tensor } {
  const z = SIZES[size];
  const rand = prng(42);
  const floats = (n: number) => Float32Array.from({ length: n }, rand);
  const classes = (k: number) =>
    Float32Array.from({ length: samples }, () => Math.floor(rand() * k));
  switch (name) {
    case "mlp":
      return {
        x: tf.tensor2d(floats(samples * z.features), [samples, z.features]),
        y: tf.tensor1d(classes(10)),
      };
    case "cnn":
      return {
        x: tf.tensor4d(floats(samples * z.side * z.side), [samples, z.side, z.side, 1]),
        y: tf.tensor1d(classes(10)),
      };
    case "emb_lstm":
    case "emb_gru":
    case "emb_conv1d": {
      const ids = Float32Array.from({ length: samples * TOKENS }, () =>
        Math.floor(rand() * z.vocab),
      );
      return { x: tf.tensor2d(ids, [samples, TOKENS]), y: tf.tensor2d(classes(2), [samples, 1]) };
    }
    case "ts_lstm": {
      // Noisy sine windows; the target is the next value.
      const x = new Float32Array(samples * TS_WINDOW);
      const y = new Float32Array(samples);
      for (let s = 0; s < samples; s++) {
        const phase = rand() * 2 * Math.PI;
        for (let t = 0; t <= TS_WINDOW; t++) {
          const v = Math.sin(phase + t * 0.2) + 0.1 * (rand() - 0.5);
          if (t < TS_WINDOW) x[s * TS_WINDOW + t] = v;
          else y[s] = v;
        }
      }
      return { x: tf.tensor3d(x, [samples, TS_WINDOW, 1]), y: tf.tensor2d(y, [samples, 1]) };
    }
  }
}

/**
 * Times `repeats` identical `model.fit` calls (wall clock) and returns the fastest, with the
 * first call's history: the machine is shared, so the minimum is the least disturbed run.
 */
export async function fastestFit(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  args: tf.ModelFitArgs,
  repeats: number,
): Promise<{ seconds: number; firstHistory: tf.History }> {
  let seconds = Number.POSITIVE_INFINITY;
  let firstHistory: tf.History | undefined;
  for (let r = 0; r < repeats; r++) {
    const start = process.hrtime.bigint();
    const history = await model.fit(x, y, args);
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
    firstHistory ??= history;
  }
  return { seconds, firstHistory: firstHistory! };
}
