/**
 * End to end: models train on the patched backends with the same losses as stock cpu, every
 * layer type the labs use trains on the default backend, and nothing leaks per step.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ready, tf } from "../../src/tf";
import { restoreStockRnnLayers, useFusedRnnLayers } from "../../src/tf/kernels/rnn-sequence";
import { expectSameAsStockCpu, seeded, useBackend, type Where } from "./helpers";

beforeAll(async () => {
  await ready({ backend: "wasm", quiet: true });
});

let seed = 0;
const glorot = () => tf.initializers.glorotUniform({ seed: 100 + seed++ });

function smallCnn(): tf.Sequential {
  seed = 0;
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({
      inputShape: [12, 12, 1],
      filters: 4,
      kernelSize: 3,
      activation: "relu",
      kernelInitializer: glorot(),
    }),
  );
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(
    tf.layers.conv2d({
      filters: 6,
      kernelSize: 3,
      activation: "tanh",
      kernelInitializer: glorot(),
    }),
  );
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: glorot() }));
  m.compile({ optimizer: tf.train.adam(0.01), loss: "sparseCategoricalCrossentropy" });
  return m;
}

function smallEmbeddingLstm(): tf.Sequential {
  seed = 0;
  const m = tf.sequential();
  m.add(
    tf.layers.embedding({
      inputDim: 60,
      outputDim: 6,
      inputLength: 8,
      embeddingsInitializer: glorot(),
    }),
  );
  m.add(tf.layers.lstm({ units: 5, kernelInitializer: glorot(), recurrentInitializer: glorot() }));
  m.add(tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: glorot() }));
  m.compile({ optimizer: tf.train.adam(0.01), loss: "binaryCrossentropy" });
  return m;
}

const N = 48;
const cnnData = () => ({
  x: tf.tensor4d(seeded(N * 144, 1, 0, 1), [N, 12, 12, 1]),
  y: tf.tensor1d(Array.from(seeded(N, 2, 0, 3), Math.floor)),
});
const tokenData = () => ({
  x: tf.tensor2d(Array.from(seeded(N * 8, 3, 0, 60), Math.floor), [N, 8]),
  y: tf.tensor2d(Array.from(seeded(N, 4, 0, 2), Math.floor), [N, 1]),
});

/** Per-epoch training losses (3 epochs x 3 steps, no shuffling) on one backend. */
async function lossCurve(
  where: Where,
  build: () => tf.Sequential,
  data: () => { x: tf.Tensor; y: tf.Tensor },
) {
  await useBackend(where);
  try {
    const model = build();
    const { x, y } = data();
    const h = await model.fit(x, y, { batchSize: 16, epochs: 3, shuffle: false, verbose: 0 });
    tf.dispose([x, y]);
    model.dispose();
    return h.history.loss as number[];
  } finally {
    await useBackend("wasm");
  }
}

describe("same loss curve as stock cpu", () => {
  it.each([
    ["CNN (conv, max-pool after relu and tanh, dense)", smallCnn, cnnData],
    ["Embedding + LSTM", smallEmbeddingLstm, tokenData],
  ] as const)("%s", async (_name, build, data) => {
    const want = await lossCurve("cpu-stock", build, data);
    expect(want).toHaveLength(3);
    expect(want[2]!).toBeLessThan(want[0]!); // it actually learns
    for (const where of ["wasm", "cpu"] as const) {
      const got = await lossCurve(where, build, data);
      got.forEach((l, i) => {
        expect(Math.abs(l - want[i]!) / want[i]!, `${where} epoch ${i}`).toBeLessThan(1e-4);
      });
    }
  });
});

// Fused LSTM/GRU cells (src/tf/kernels/rnn-cells.ts) against the stock cells on stock cpu.
const rnnConfigs: [string, () => tf.layers.Layer][] = [
  [
    "LSTM, default activations",
    () => tf.layers.lstm({ units: 5, kernelInitializer: glorot(), recurrentInitializer: glorot() }),
  ],
  [
    "LSTM, relu / sigmoid, no bias, returnSequences",
    () =>
      tf.layers.lstm({
        units: 4,
        activation: "relu",
        recurrentActivation: "sigmoid",
        useBias: false,
        returnSequences: true,
        kernelInitializer: glorot(),
        recurrentInitializer: glorot(),
      }),
  ],
  [
    "GRU, default activations",
    () => tf.layers.gru({ units: 5, kernelInitializer: glorot(), recurrentInitializer: glorot() }),
  ],
  [
    "GRU, linear / sigmoid, goBackwards",
    () =>
      tf.layers.gru({
        units: 3,
        activation: "linear",
        recurrentActivation: "sigmoid",
        goBackwards: true,
        kernelInitializer: glorot(),
        recurrentInitializer: glorot(),
      }),
  ],
];

function rnnModel(layer: () => tf.layers.Layer): () => tf.Sequential {
  return () => {
    seed = 0;
    const m = tf.sequential();
    m.add(
      tf.layers.embedding({
        inputDim: 60,
        outputDim: 6,
        inputLength: 8,
        embeddingsInitializer: glorot(),
      }),
    );
    const rnn = layer();
    m.add(rnn);
    if ((rnn as tf.RNN).returnSequences) m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: glorot() }));
    m.compile({ optimizer: tf.train.adam(0.01), loss: "binaryCrossentropy" });
    return m;
  };
}

describe("fused LSTM/GRU cells", () => {
  // The per-step path: whole-layer kernels (tests/tf/rnn-sequence.test.ts) would replace it.
  beforeAll(restoreStockRnnLayers);
  afterAll(useFusedRnnLayers);

  it.each(
    rnnConfigs,
  )("%s: same loss curve as the stock cell on stock cpu", async (_name, layer) => {
    const want = await lossCurve("cpu-stock", rnnModel(layer), tokenData);
    for (const where of ["wasm", "cpu"] as const) {
      const got = await lossCurve(where, rnnModel(layer), tokenData);
      got.forEach((l, i) => {
        expect(Math.abs(l - want[i]!) / want[i]!, `${where} epoch ${i}`).toBeLessThan(1e-4);
      });
    }
  });

  it.each([
    ["LSTM", (o: object) => tf.layers.lstm({ units: 3, returnSequences: true, ...o })],
    ["GRU", (o: object) => tf.layers.gru({ units: 3, returnSequences: true, ...o })],
  ] as const)("%s: output and weight gradients match the stock cell", async (_name, make) => {
    await expectSameAsStockCpu(() => {
      seed = 0;
      const layer = make({
        kernelInitializer: glorot(),
        recurrentInitializer: glorot(),
        biasInitializer: glorot(),
      });
      const x = tf.tensor3d(seeded(2 * 5 * 4, 7), [2, 5, 4]);
      const r = tf.tensor3d(seeded(2 * 5 * 3, 8), [2, 5, 3]);
      const y = layer.apply(x) as tf.Tensor;
      const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(
        () => (layer.apply(x) as tf.Tensor).mul(r).sum() as tf.Scalar,
        vars,
      );
      const out = [y, value, ...vars.map((v) => grads[v.name]!)];
      const kept = out.map((t) => t.clone());
      layer.dispose();
      return kept;
    });
  });

  it("are used on wasm, and the stock cell runs when dropout is on", async () => {
    await useBackend("wasm");
    const kernelsOf = async (layer: tf.layers.Layer) => {
      const m = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [4, 3] }), layer] });
      const x = tf.ones([2, 4, 3]);
      const profile = await tf.profile(() => m.predict(x) as tf.Tensor);
      tf.dispose(x);
      m.dispose();
      return profile.kernelNames;
    };
    expect(await kernelsOf(tf.layers.lstm({ units: 2 }))).toContain("MlLabsLstmGates");
    expect(await kernelsOf(tf.layers.gru({ units: 2 }))).toContain("MlLabsGruStepB");
    const withDropout = await kernelsOf(tf.layers.lstm({ units: 2, recurrentDropout: 0.5 }));
    expect(withDropout).not.toContain("MlLabsLstmGates");
    expect(withDropout).toContain("SplitV");
  });
});

type Layer = tf.layers.Layer;
const L = tf.layers;
// Each model: its layers, input shape, input maker and loss. Between them they cover every
// layer type the labs and the exam use.
const layerModels: [string, () => Layer[], number[], "image" | "tokens" | "series"][] = [
  [
    "Conv2D, BatchNormalization, MaxPooling2D, AveragePooling2D, Dropout, Flatten, Dense",
    () => [
      L.conv2d({ inputShape: [8, 8, 2], filters: 4, kernelSize: 3, padding: "same" }),
      L.batchNormalization(),
      L.activation({ activation: "relu" }),
      L.maxPooling2d({ poolSize: 2 }),
      L.averagePooling2d({ poolSize: 2 }),
      L.dropout({ rate: 0.3 }),
      L.flatten(),
      L.dense({ units: 3, activation: "softmax" }),
    ],
    [8, 8, 2],
    "image",
  ],
  [
    "SeparableConv2D (depthwise), strided Conv2D, GlobalAveragePooling2D",
    () => [
      L.separableConv2d({ inputShape: [8, 8, 2], filters: 4, kernelSize: 3, depthMultiplier: 2 }),
      L.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: "same" }),
      L.globalAveragePooling2d({}),
      L.dense({ units: 3, activation: "softmax" }),
    ],
    [8, 8, 2],
    "image",
  ],
  [
    "Embedding, Conv1D, MaxPooling1D, GlobalAveragePooling1D",
    () => [
      L.embedding({ inputDim: 30, outputDim: 4, inputLength: 10 }),
      L.conv1d({ filters: 5, kernelSize: 3, activation: "relu" }),
      L.maxPooling1d({ poolSize: 2 }),
      L.globalAveragePooling1d(),
      L.dense({ units: 3, activation: "softmax" }),
    ],
    [10],
    "tokens",
  ],
  [
    "Embedding, Bidirectional(LSTM), GRU, SimpleRNN",
    () => [
      L.embedding({ inputDim: 30, outputDim: 4, inputLength: 10 }),
      L.bidirectional({ layer: L.lstm({ units: 3, returnSequences: true }) as tf.RNN }),
      L.gru({ units: 3, returnSequences: true }),
      L.simpleRNN({ units: 3 }),
      L.dense({ units: 3, activation: "softmax" }),
    ],
    [10],
    "tokens",
  ],
  [
    "time-series LSTM with dropout",
    () => [
      L.lstm({ inputShape: [12, 2], units: 4, dropout: 0.2, recurrentDropout: 0.2 }),
      L.dense({ units: 3, activation: "softmax" }),
    ],
    [12, 2],
    "series",
  ],
];

describe("every layer type trains on the default backend, without leaks", () => {
  it.each(layerModels)("%s", async (_name, layers, inputShape, kind) => {
    await useBackend("wasm");
    const model = tf.sequential({ layers: layers() });
    model.compile({ optimizer: tf.train.adam(0.01), loss: "sparseCategoricalCrossentropy" });
    const batch = 8;
    const size = batch * inputShape.reduce((a, b) => a * b);
    const x =
      kind === "tokens"
        ? tf.tensor(Array.from(seeded(size, 5, 0, 30), Math.floor), [batch, ...inputShape])
        : tf.tensor(seeded(size, 5), [batch, ...inputShape]);
    const y = tf.tensor1d(Array.from(seeded(batch, 6, 0, 3), Math.floor));
    const trainable = () => model.trainableWeights.map((w) => w.read().dataSync().slice());
    const before = trainable();

    await model.trainOnBatch(x, y); // the optimizer creates its slots on the first step
    const tensors = tf.memory().numTensors;
    const dataIds = tf.engine().backend.numDataIds();
    const losses: number[] = [];
    for (let step = 0; step < 3; step++) losses.push((await model.trainOnBatch(x, y)) as number);

    expect(losses.every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(dataIds);
    // Every trainable weight tensor received a gradient and moved.
    const unchanged = trainable().filter((w, i) => w.every((v, j) => v === before[i]![j]));
    expect(unchanged).toHaveLength(0);
    tf.dispose([x, y]);
    model.dispose();
  });
});
