/**
 * src/tf/models/text.ts: the masked mean pooling layer (values, gradients, serialisation) and
 * the text models training on the wasm backend (fused LSTM/GRU cells, Embedding gradients).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ready, tf } from "../../src/tf";
import {
  MaskedGlobalAveragePooling1D,
  maskedAveragePooling1d,
  nextWordModel,
  poolingClassifier,
  sequenceClassifier,
} from "../../src/tf/models/text";

beforeAll(async () => {
  await ready({ backend: "wasm", quiet: true });
});

function embeddingPool(): tf.Sequential {
  const m = tf.sequential();
  m.add(
    tf.layers.embedding({
      inputDim: 5,
      outputDim: 2,
      inputLength: 4,
      maskZero: true,
      embeddingsInitializer: tf.initializers.constant({ value: 0 }),
    }),
  );
  m.add(maskedAveragePooling1d());
  const table = [
    [9, 9],
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
  ];
  m.layers[0].setWeights([tf.tensor2d(table)]);
  return m;
}

describe("MaskedGlobalAveragePooling1D", () => {
  it("averages only the non-padding steps", () => {
    const m = embeddingPool();
    const out = tf.tidy(
      () =>
        m.predict(
          tf.tensor2d(
            [
              [0, 0, 2, 4],
              [1, 2, 3, 4],
              [0, 0, 0, 0],
            ],
            undefined,
            "int32",
          ),
        ) as tf.Tensor,
    );
    const got = out.arraySync() as number[][];
    out.dispose();
    expect(got[0][0]).toBeCloseTo(5);
    expect(got[0][1]).toBeCloseTo(6);
    expect(got[1][0]).toBeCloseTo(4);
    expect(got[1][1]).toBeCloseTo(5);
    // Only padding: the mask sums to 0; the layer divides by max(count, 1), giving 0.
    expect(got[2]).toEqual([0, 0]);
    m.dispose();
  });

  it("is the plain mean without a mask, and serialises by class name", () => {
    const layer = new MaskedGlobalAveragePooling1D();
    const x = tf.tensor3d([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    const y = layer.apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([2, 3]);
    tf.dispose([x, y]);
    const model = poolingClassifier({ vocabularySize: 20, maxLen: 6, nClasses: 2 });
    const json = model.toJSON(null, false) as { config: { layers: { class_name: string }[] } };
    expect(json.config.layers.map((l) => l.class_name)).toContain("MaskedGlobalAveragePooling1D");
    model.dispose();
  });

  it("passes gradients to the embeddings of real words only", () => {
    const m = embeddingPool();
    const emb = m.layers[0].trainableWeights[0].read();
    const grads = tf.tidy(() => {
      const ids = tf.tensor2d([[0, 0, 2, 4]], undefined, "int32");
      const { grads } = tf.variableGrads(
        () => tf.sum(m.apply(ids) as tf.Tensor) as tf.Scalar,
        [m.layers[0].trainableWeights[0].read() as tf.Variable],
      );
      return Object.values(grads)[0].arraySync() as number[][];
    });
    expect(grads[0]).toEqual([0, 0]);
    expect(grads[2][0]).toBeCloseTo(0.5);
    expect(grads[4][1]).toBeCloseTo(0.5);
    expect(grads[1]).toEqual([0, 0]);
    void emb;
    m.dispose();
  });
});

describe("text models train on wasm without leaking", () => {
  const ids = tf.tidy(() => tf.randomUniform([32, 10], 0, 50, "int32", 1));
  const y2 = tf.tidy(() => tf.cast(tf.randomUniform([32, 1], 0, 2, "int32", 2), "float32"));
  const y6 = tf.tidy(() => tf.cast(tf.randomUniform([32], 0, 6, "int32", 3), "float32"));
  const opts = { vocabularySize: 50, maxLen: 10 };
  const builds: [string, () => tf.LayersModel, tf.Tensor][] = [
    ["pooling", () => poolingClassifier({ ...opts, nClasses: 2, dropout: 0.3 }), y2],
    ["conv", () => sequenceClassifier("conv", { ...opts, nClasses: 6 }), y6],
    ["lstm", () => sequenceClassifier("lstm", { ...opts, nClasses: 2 }), y2],
    ["gru", () => sequenceClassifier("gru", { ...opts, nClasses: 6 }), y6],
    ["bidirectional", () => sequenceClassifier("bidirectional", { ...opts, nClasses: 2 }), y2],
    ["next word", () => nextWordModel({ vocabularySize: 50, contextLength: 10, units: 8 }), y6],
  ];
  it.each(
    builds,
  )("%s: the loss falls, stays finite, and nothing leaks", async (_name, build, y) => {
    const model = build();
    // The first fit creates Adam's slot variables (2 per weight); later epochs must add nothing.
    const first = await model.fit(ids, y, { epochs: 1, batchSize: 16, verbose: 0 });
    const before = tf.memory().numTensors;
    const h = await model.fit(ids, y, { epochs: 4, batchSize: 16, verbose: 0 });
    const loss = [first.history.loss[0] as number, ...(h.history.loss as number[])];
    expect(loss.every(Number.isFinite)).toBe(true);
    expect(loss[4]).toBeLessThan(loss[0]);
    expect(tf.memory().numTensors - before).toBe(0);
    model.dispose();
  });
});
