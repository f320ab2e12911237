import { describe, expect, it } from "vitest";
import { bandFraction, bandScore } from "../../src/grading/bands";
import { isCheckFailure } from "../../src/grading/check-failure";
import {
  accuracyOf,
  describeLayers,
  expectFiniteWeights,
  expectInputShape,
  expectModel,
  expectNoLeak,
  expectOutputLayer,
  expectParamCount,
  maeOf,
  probeLoss,
  summarizeModel,
} from "../../src/grading/expect-model";
import { checkCallbacks } from "../../src/grading/training";
import type { CheckContext, ProgressEvent } from "../../src/grading/types";
import { tf } from "../../src/tf";
import { withSeed } from "../../src/tf/seed";

function failureOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isCheckFailure(err))
      return `${err.details.message} | ${err.details.expected} | ${err.details.got}`;
    throw err;
  }
  throw new Error("expected a CheckFailure");
}

function cnn(inputShape: number[], outputActivation: "softmax" | "linear" = "softmax") {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape, filters: 4, kernelSize: 3, activation: "relu" }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 10, activation: outputActivation }));
  return m;
}

describe("model summaries", () => {
  it("describes layers, shapes and parameters", () => {
    const s = summarizeModel(cnn([28, 28, 1]));
    expect(s.inputShape).toEqual([28, 28, 1]);
    expect(s.outputShape).toEqual([10]);
    expect(s.layers.map((l) => l.className)).toEqual([
      "Conv2D",
      "MaxPooling2D",
      "Flatten",
      "Dense",
    ]);
    expect(s.layers[0]!.outputShape).toEqual([26, 26, 4]);
    // conv 3·3·1·4 + 4 = 40; dense 13·13·4·10 + 10 = 6770
    expect(s.totalParams).toBe(40 + 6770);
    expect(s.trainableParams).toBe(s.totalParams);
    expect(describeLayers(s)).toBe("Conv2D(4, relu) → MaxPooling2D → Flatten → Dense(10, softmax)");
    expect(s.loss).toBeUndefined();
  });

  it("counts frozen layers as not trainable", () => {
    const m = cnn([28, 28, 1]);
    m.layers[0]!.trainable = false;
    const s = summarizeModel(m);
    expect(s.trainableParams).toBe(6770);
    expect(s.layers[0]!.trainable).toBe(false);
  });

  it("rejects what is not a model, naming a Promise", () => {
    expect(failureOf(() => expectModel(Promise.resolve(1), "buildModel"))).toMatch(/Promise/);
    expect(failureOf(() => expectModel(42, "buildModel"))).toMatch(/did not return a TF.js model/);
    const m = cnn([28, 28, 1]);
    expect(expectModel(m, "x")).toBe(m);
  });

  it("names a wrong input shape, output layer and parameter count", () => {
    const s = summarizeModel(cnn([28, 28, 3], "linear"));
    expect(failureOf(() => expectInputShape(s, [28, 28, 1], "buildCnn", "channels"))).toMatch(
      /\[28, 28, 3\].*inputShape \[28, 28, 1\]/,
    );
    expect(
      failureOf(() => expectOutputLayer(s, { units: 10, activation: "softmax" }, "buildCnn", "x")),
    ).toMatch(/activation "linear"/);
    expect(failureOf(() => expectParamCount(s, 100, "buildCnn", "x"))).toMatch(
      /has \d+ parameters/,
    );
  });
});

describe("probeLoss", () => {
  it("tells a sparse cross-entropy from one that applies softmax again", () => {
    const plain = cnn([28, 28, 1]);
    plain.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy" });
    const twice = cnn([28, 28, 1]);
    twice.compile({
      optimizer: "adam",
      loss: (y: tf.Tensor, p: tf.Tensor) =>
        tf.losses.softmaxCrossEntropy(tf.oneHot(y.toInt().reshape([-1]), 10), p),
    });
    const yTrue = tf.tensor2d([[3]]);
    const yPred = tf.oneHot([3], 10).toFloat().mul(0.9).add(0.01);
    expect(probeLoss(plain, yTrue, yPred)).toBeCloseTo(-Math.log(0.91), 5);
    // softmax of near-one-hot probabilities is nearly uniform: loss ≈ log(10) - a bit
    expect(probeLoss(twice, yTrue, yPred)).toBeGreaterThan(1.5);
    expect(failureOf(() => probeLoss(cnn([28, 28, 1]), yTrue, yPred))).toMatch(/not compiled/);
  });
});

describe("expectNoLeak", () => {
  it("passes tidy code and names the leak count otherwise", async () => {
    const a = tf.ones([4]);
    await expectNoLeak(() => tf.tidy(() => void a.square().sum()), {
      allowed: 0,
      what: "step",
      likelyCause: "x",
    });
    let message = "";
    try {
      await expectNoLeak(() => void a.square().sum(), {
        allowed: 0,
        what: "step",
        likelyCause: "use tf.tidy",
      });
    } catch (err) {
      if (isCheckFailure(err)) message = err.details.message;
    }
    expect(message).toMatch(/left 2 tensors/);
    a.dispose();
  });
});

describe("scores and weights", () => {
  it("computes accuracy and MAE", () => {
    const m = tf.sequential();
    m.add(
      tf.layers.dense({
        inputShape: [2],
        units: 2,
        useBias: false,
        weights: [
          tf.tensor2d([
            [1, 0],
            [0, 1],
          ]),
        ],
      }),
    );
    const xs = tf.tensor2d([
      [1, 0],
      [0, 1],
      [2, 1],
    ]);
    expect(accuracyOf(m, xs, [0, 1, 1])).toBeCloseTo(2 / 3);
    const r = tf.sequential();
    r.add(
      tf.layers.dense({
        inputShape: [1],
        units: 1,
        weights: [tf.tensor2d([[2]]), tf.tensor1d([1])],
      }),
    );
    expect(maeOf(r, tf.tensor2d([[0], [1]]), [1, 4])).toBeCloseTo(0.5);
    r.setWeights([tf.tensor2d([[Number.NaN]]), tf.tensor1d([1])]);
    expect(failureOf(() => expectFiniteWeights(r, "train", "lr"))).toMatch(/contains NaN/);
  });

  it("bands: full, zero, linear between, either direction, NaN earns 0", () => {
    const acc = { metric: "test accuracy", full: 0.85, zero: 0.5 };
    expect(bandFraction(0.9, acc)).toBe(1);
    expect(bandFraction(0.5, acc)).toBe(0);
    expect(bandFraction(0.675, acc)).toBeCloseTo(0.5);
    expect(bandFraction(Number.NaN, acc)).toBe(0);
    const mae = { metric: "MAE", full: 2.5, zero: 6 };
    expect(bandFraction(2, mae)).toBe(1);
    expect(bandFraction(4.25, mae)).toBeCloseTo(0.5);
    expect(bandFraction(7, mae)).toBe(0);
    expect(bandScore(0.9, acc)).toEqual({ score: 1 });
    expect(bandScore(0.675, acc).message).toMatch(
      /test accuracy 0.675; ≥ 0.85 earns full marks \(50 % earned\)/,
    );
  });
});

describe("withSeed and checkCallbacks", () => {
  it("makes unseeded initialisers and fit shuffles repeat, and restores Math.random", async () => {
    const original = Math.random;
    const train = async () => {
      const m = tf.sequential();
      m.add(tf.layers.dense({ inputShape: [3], units: 4, activation: "relu" }));
      m.add(tf.layers.dropout({ rate: 0.3 }));
      m.add(tf.layers.dense({ units: 1 }));
      m.compile({ optimizer: "adam", loss: "meanSquaredError" });
      const x = tf.randomNormal([32, 3]);
      const y = x.sum(1, true);
      const h = await m.fit(x, y, { epochs: 3, batchSize: 8, shuffle: true, verbose: 0 });
      tf.dispose([x, y]);
      return h.history.loss as number[];
    };
    const a = await withSeed(7, train);
    const b = await withSeed(7, train);
    const c = await withSeed(8, train);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(Math.random).toBe(original);
  });

  it("streams epochs and stops training once the check is cancelled", async () => {
    const events: ProgressEvent[] = [];
    const controller = new AbortController();
    const ctx = {
      progress: (e: ProgressEvent) => events.push(e),
      signal: controller.signal,
    } as unknown as CheckContext;
    const m = tf.sequential();
    m.add(tf.layers.dense({ inputShape: [1], units: 1 }));
    m.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    const cb = checkCallbacks(ctx, { epochs: 50, model: m });
    const x = tf.ones([4, 1]);
    const h = await m.fit(x, x, {
      epochs: 50,
      verbose: 0,
      callbacks: {
        onEpochEnd: async (epoch, logs) => {
          if (epoch === 2) controller.abort();
          await cb.onEpochEnd(epoch, logs);
        },
        onBatchEnd: cb.onBatchEnd,
      },
    });
    expect(events[0]).toMatchObject({ step: "epoch", index: 1, total: 50 });
    expect(typeof events[0]!.metrics?.loss).toBe("number");
    expect((h.history.loss as number[]).length).toBeLessThanOrEqual(4);
    x.dispose();
  });
});

describe("held-out Fashion-MNIST", () => {
  it("has 200 images per class, none of them in the bundled subset", async () => {
    const { heldOutFashionMnist, heldOutFashionTensors } = await import(
      "../../src/grading/heldout"
    );
    const fs = await import("node:fs");
    const { fromRoot } = await import("../../src/project-root");
    const h = heldOutFashionMnist();
    expect(h.n).toBe(2000);
    for (let c = 0; c < 10; c++) expect(h.labels.filter((l) => l === c).length).toBe(200);
    const read = (p: string) =>
      JSON.parse(fs.readFileSync(fromRoot("datasets", ...p.split("/")), "utf8"));
    const bundled = new Set<number>(read("images/fashion-mnist-subset/source_indices.json").t10k);
    const heldOut: number[] = read("heldout/fashion-mnist/source_indices.json").t10k;
    expect(heldOut.filter((i) => bundled.has(i))).toEqual([]);
    const { xs, labels } = heldOutFashionTensors([5, 9]);
    expect(xs.shape).toEqual([400, 28, 28, 1]);
    expect(new Set(labels)).toEqual(new Set([5, 9]));
    expect(xs.max().dataSync()[0]).toBeLessThanOrEqual(1);
    xs.dispose();
  });
});
