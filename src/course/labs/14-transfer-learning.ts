/*
 * Lab 14 checks. Expected values are computed here, independently of the reference solution:
 * the check's own data selection, its own cut of the pretrained model, the file's weights
 * (datasets/models/fashion-base-0-4, loaded fresh) and spies on `fit`.
 *
 * Calibration (reference solution, wasm backend; held-out Fashion-MNIST classes 5–9 = 1,000
 * images, labels 5..9 → 0..4):
 *   train-transfer (20 images per class from the bundled train subset, 8 epochs, batch 16,
 *     validation 40 per class of the bundled test subset): seeds 11 / 12 / 13 / 14 / 15 →
 *     held-out accuracy 0.881 / 0.891 / 0.886 / 0.888 / 0.888 (spread 0.010). The check uses
 *     seed 11. Band: full ≥ 0.84, zero ≤ 0.60. Same settings, same seeds 11 / 12 / 13: the
 *     from-scratch model 0.863 / 0.873 / 0.829; a never-frozen base 0.875 / 0.888 / 0.887 — so
 *     the band cannot tell them apart and the check rejects those by the weights instead (the
 *     base's conv weights must equal the file's exactly after training).
 *   TF.js note: a layer frozen AFTER compile() does stay frozen in TF.js (each variable's
 *     trainable flag is checked at every step; measured: max change 0 vs 0.002 unfrozen), unlike
 *     Keras. So that mistake is caught by transfer-model (compile()'s recorded trainable list),
 *     not by the training check; its message says so. The reverse trap: `base.trainable = false`
 *     on the nested base model, then tf.sequential([base, …]): compile() collects all 6 weights
 *     and the conv weights DO train (change 0.002 in 2 epochs); both checks reject it.
 *   Outside the checks (scratch vs transfer, same images, held-out, seeds 1–3, 15 epochs):
 *     10 per class: epoch 1 transfer 0.62–0.68 vs scratch 0.33–0.62; epoch 15 0.83–0.88 vs 0.82–0.87.
 *     20 per class: epoch 1 0.72–0.77 vs 0.59–0.72; epoch 15 ≈ 0.89–0.90 vs 0.88–0.89.
 *     100 per class: epoch 1 0.88–0.89 vs 0.61–0.77; epoch 15 ≈ 0.92–0.93 vs 0.90–0.92.
 *   The pretrained base itself: 0.919 on the 5,000 t10k images of classes 0–4 (seed 2017).
 */

import type { FashionMnist } from "../../data/images";
import { loadFashionMnist } from "../../data/images";
import { seededRandom } from "../../data/random";
import { bandScore } from "../../grading/bands";
import { fail } from "../../grading/check-failure";
import { describe as show } from "../../grading/expect";
import {
  accuracyOf,
  describeLayers,
  expectInputShape,
  expectModel,
  expectOutputLayer,
  type ModelSummary,
  summarizeModel,
} from "../../grading/expect-model";
import { type FitCall, spyOnFit } from "../../grading/fit-spy";
import { heldOutFashionTensors } from "../../grading/heldout";
import { checkCallbacks } from "../../grading/training";
import { defineLab } from "../../grading/types";
import { ready, tf } from "../../tf";
import { FASHION_BASE_FEATURES_LAYER, loadFashionBase } from "../../tf/models/transfer";
import { withSeed } from "../../tf/seed";

type Lab = typeof import("../../../solutions/14-transfer-learning");
interface ImageSet {
  xs: tf.Tensor4D;
  ys: tf.Tensor1D;
}

const NEW = [5, 6, 7, 8, 9];
/** Head parameters: Dense(800→64) + Dense(64→5). */
const HEAD_PARAMS = 800 * 64 + 64 + 64 * 5 + 5;
const TOTAL_PARAMS = 56389;
const BASE_SHAPES = ["3,3,1,16", "16", "3,3,16,32", "32"];

const FROZEN_CAUSE =
  "Freeze every layer of the base (`for (const layer of base.layers) layer.trainable = false;`) before model.compile().";

// ---- data made by the check ------------------------------------------------------------

/** First `perClass` images of each class in `classes`, /255, labels = position in classes. */
function checkImages(data: FashionMnist, classes: number[], perClass: number): ImageSet {
  const rows: number[] = [];
  const count = new Map<number, number>();
  for (let i = 0; i < data.n; i++) {
    const c = data.labels[i]!;
    if (!classes.includes(c) || (count.get(c) ?? 0) >= perClass) continue;
    count.set(c, (count.get(c) ?? 0) + 1);
    rows.push(i);
  }
  const px = new Float32Array(rows.length * 784);
  rows.forEach((r, k) => {
    for (let p = 0; p < 784; p++) px[k * 784 + p] = data.images[r * 784 + p]! / 255;
  });
  return {
    xs: tf.tensor4d(px, [rows.length, 28, 28, 1]),
    ys: tf.tensor1d(
      rows.map((r) => classes.indexOf(data.labels[r]!)),
      "float32",
    ),
  };
}

function heldOutNew(): { xs: tf.Tensor4D; labels: number[] } {
  const { xs, labels } = heldOutFashionTensors(NEW);
  return { xs, labels: labels.map((l) => l - 5) };
}

/** A small synthetic FashionMnist: random bytes, labels 0..9 with every class present. */
function fakeImages(n: number, seed: number): FashionMnist {
  const random = seededRandom(seed);
  const images = new Uint8Array(n * 784);
  for (let i = 0; i < images.length; i++) images[i] = Math.floor(random() * 256);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) labels[i] = i < 10 ? 9 - i : Math.floor(random() * 10);
  return { images, labels, n, labelNames: [] };
}

// ---- weights ------------------------------------------------------------------------------

/** The conv weights (kernels and biases) of a model, by shape, as plain arrays. */
function baseWeights(model: tf.LayersModel): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const w of model.weights) {
    const key = w.shape.join(",");
    if (BASE_SHAPES.includes(key) && !out.has(key)) {
      out.set(key, w.read().dataSync() as Float32Array);
    }
  }
  return out;
}

/** Largest |a − b| over the conv weights (Infinity when a shape is missing). */
function baseDifference(a: Map<string, Float32Array>, b: Map<string, Float32Array>): number {
  let worst = 0;
  for (const key of BASE_SHAPES) {
    const x = a.get(key);
    const y = b.get(key);
    if (!x || !y || x.length !== y.length) return Number.POSITIVE_INFINITY;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!));
  }
  return worst;
}

let fileWeightsCache: Map<string, Float32Array> | undefined;
async function fileWeights(): Promise<Map<string, Float32Array>> {
  if (!fileWeightsCache) {
    const fresh = await loadFashionBase();
    fileWeightsCache = baseWeights(fresh);
    fresh.dispose();
  }
  return fileWeightsCache;
}

/** The check's own cut of the pretrained model at "features". */
function checkBase(pretrained: tf.LayersModel): tf.LayersModel {
  return tf.model({
    inputs: pretrained.inputs,
    outputs: pretrained.getLayer(FASHION_BASE_FEATURES_LAYER).output as tf.SymbolicTensor,
  });
}

/** Trainable weights the optimizer will update (fixed at compile time). */
function compiledTrainable(model: tf.LayersModel): tf.LayerVariable[] | undefined {
  type Compiled = { collectedTrainableWeights?: tf.LayerVariable[]; model?: Compiled };
  const m = model as unknown as Compiled;
  return m.collectedTrainableWeights ?? m.model?.collectedTrainableWeights;
}

const countOf = (ws: tf.LayerVariable[]) =>
  ws.reduce((s, w) => s + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);

/** Fails unless the compiled model trains only its head (51,589 parameters). */
function expectFrozenBase(model: tf.LayersModel, what: string): void {
  const summary = summarizeModel(model);
  if (summary.trainableParams !== HEAD_PARAMS) {
    fail({
      message: `${what}: ${summary.trainableParams} trainable parameters; only the new head (${HEAD_PARAMS}) should train.`,
      expected: `${HEAD_PARAMS} trainable parameters (Dense(64) + Dense(5) on 800 features)`,
      got: `${summary.trainableParams} trainable of ${summary.totalParams}: ${describeLayers(summary)}`,
      likelyCause:
        summary.trainableParams > HEAD_PARAMS
          ? `The base is not frozen. ${FROZEN_CAUSE}`
          : "The head is not Dense(64, relu) → Dense(5, softmax) on the 800 features, or part of it is frozen too.",
    });
  }
  const compiled = compiledTrainable(model);
  if (!compiled) {
    fail({
      message: `${what}: the model is not compiled.`,
      expected: "model.compile({ optimizer, loss, metrics }) after freezing",
      got: "no compile",
      likelyCause: "Compile the new model inside buildTransferModel.",
    });
  }
  if (countOf(compiled) !== HEAD_PARAMS) {
    fail({
      message: `${what}: the layers say "frozen", but compile() recorded ${countOf(compiled)} trainable parameters, so the base is not really frozen.`,
      expected: `freeze each base layer, then compile(): ${HEAD_PARAMS} trainable parameters recorded`,
      got: `${countOf(compiled)} parameters in compile()'s list`,
      likelyCause:
        "Either trainable was set after compile(), or `base.trainable = false` was set on the base model as a whole and the base then used as a layer of tf.sequential: TF.js does not pass that flag on to the weights there, and the conv weights still train. Set it on every layer (`for (const layer of base.layers) layer.trainable = false`), then compile. (A flag set after compile() happens to work in TF.js, which checks each weight's own flag, but not in Keras, the certificate exam's framework.)",
    });
  }
}

function expectSparseLoss(summary: ModelSummary, what: string): void {
  if (summary.loss !== "sparseCategoricalCrossentropy") {
    fail({
      message: `${what}: compiled with loss ${show(summary.loss)}.`,
      expected: 'loss "sparseCategoricalCrossentropy" (integer labels 0–4, softmax output)',
      got: show(summary.loss),
      likelyCause:
        summary.loss === undefined
          ? "Call model.compile(...) before returning the model."
          : "Labels are class ids, not one-hot vectors: use sparseCategoricalCrossentropy.",
    });
  }
}

// ---- a spy on fit ---------------------------------------------------------------------------

/** What a transfer check needs to know about each fit before it trains. */
interface FitStart {
  /** conv weights when fit started. */
  before: Map<string, Float32Array>;
  trainableParams: number;
}

/** Records every fit `run` makes, with the weights and trainable parameters it started from. */
function spyOnTransferFit<T>(
  onCall: (call: FitCall<FitStart>) => void,
  run: () => Promise<T>,
): Promise<{ result: T; calls: FitCall<FitStart>[] }> {
  return spyOnFit(run, {
    capture: ({ model }) => {
      const compiled = compiledTrainable(model);
      return {
        before: baseWeights(model),
        trainableParams: compiled ? countOf(compiled) : summarizeModel(model).trainableParams,
      };
    },
    onCall,
  });
}

function sameValues(a: tf.Tensor, b: tf.Tensor): boolean {
  if (a.shape.join() !== b.shape.join()) return false;
  const x = a.dataSync();
  const y = b.dataSync();
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i]! - y[i]!) > 1e-7) return false;
  return true;
}

function sameCurve(got: unknown, expected: number[]): boolean {
  return (
    Array.isArray(got) &&
    got.length === expected.length &&
    got.every((v, i) => typeof v === "number" && Math.abs(v - expected[i]!) < 1e-9)
  );
}

const curveText = (v: unknown) =>
  Array.isArray(v)
    ? `[${v.map((x) => (typeof x === "number" ? x.toFixed(3) : show(x))).join(", ")}]`
    : show(v);

// ---- the lab --------------------------------------------------------------------------------

export const transferLearningLab = defineLab<Lab>({
  id: "14-transfer-learning",
  title: "Transfer learning, offline",
  summary:
    "Reuse a CNN pretrained on five Fashion-MNIST classes for five new ones: cut off its head, freeze its base, train a new head on a few images, and measure when that beats training from scratch.",
  exercises: [
    {
      id: "prepare-images",
      title: "The new task's images: select, scale, relabel",
      points: 2,
      exports: ["prepareImages"],
      hints: [
        "Walk through the images once, keep a count per class, and keep an image while its class has fewer than perClass.",
        "The base saw pixels in [0, 1] during pretraining: divide each byte by 255. The new labels are positions: classes.indexOf(label).",
        'Collect the kept row numbers, copy their 784 bytes / 255 into a Float32Array, then tf.tensor4d(pixels, [rows.length, 28, 28, 1]) and tf.tensor1d(rows.map(r => classes.indexOf(labels[r])), "float32").',
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const cases: [number, number[], number][] = [
          [60, [5, 6, 7, 8, 9], 2],
          [80, [7, 2], 3],
          [50, [9, 0, 4], 1],
        ];
        for (const [n, classes, perClass] of cases) {
          const data = fakeImages(n, n);
          const want = checkImages(data, classes, perClass);
          const call = `prepareImages(${n} images, [${classes.join(", ")}], ${perClass})`;
          const got = lab.prepareImages(data, classes, perClass);
          if (!got || !(got.xs instanceof tf.Tensor) || !(got.ys instanceof tf.Tensor)) {
            fail({
              message: `${call} did not return { xs, ys } tensors.`,
              expected: "{ xs: Tensor4D, ys: Tensor1D }",
              got: show(got),
              likelyCause: "Return an object with the image tensor xs and the label tensor ys.",
            });
          }
          const wantLabels = Array.from(want.ys.dataSync());
          const gotLabels = Array.from(got.ys.dataSync());
          const original = wantLabels.map((l) => classes[l]!);
          if (
            got.ys.shape.join() !== want.ys.shape.join() ||
            got.xs.shape.join() !== want.xs.shape.join()
          ) {
            fail({
              message: `${call}: xs has shape [${got.xs.shape.join(", ")}] and ys [${got.ys.shape.join(", ")}].`,
              expected: `xs [${want.xs.shape.join(", ")}], ys [${want.ys.shape.join(", ")}]`,
              got: `xs [${got.xs.shape.join(", ")}], ys [${got.ys.shape.join(", ")}]`,
              likelyCause:
                "Keep perClass images of EACH listed class (not perClass·k images in all), as [n, 28, 28, 1].",
            });
          }
          if (
            gotLabels.every((v, i) => v === original[i]) &&
            !wantLabels.every((v, i) => v === original[i])
          ) {
            fail({
              message: `${call}: the labels are the original class ids [${gotLabels.slice(0, 6).join(", ")}, …].`,
              expected: `labels remapped to positions in classes: [${wantLabels.slice(0, 6).join(", ")}, …]`,
              got: `[${gotLabels.slice(0, 6).join(", ")}, …]`,
              likelyCause:
                "The labels are not remapped: the new head has 5 outputs, so class 5 must become 0, 6 → 1, … 9 → 4 (classes.indexOf(label)).",
            });
          }
          const gotPx = got.xs.dataSync();
          const wantPx = want.xs.dataSync();
          let max = -Infinity;
          let min = Infinity;
          for (const v of gotPx) {
            max = Math.max(max, v);
            min = Math.min(min, v);
          }
          if (max > 1.5 || min < -1e-6) {
            fail({
              message: `${call}: pixel values run from ${min.toFixed(3)} to ${max.toFixed(3)}.`,
              expected: "grey level / 255, from 0 to 1 (how the base was pretrained)",
              got: `min ${min.toFixed(3)}, max ${max.toFixed(3)}`,
              likelyCause:
                max > 1.5 && min >= 0
                  ? "The images are not scaled: divide the bytes by 255, as the base saw them during pretraining."
                  : "The images are scaled differently from how the base was trained (standardised?): the base expects bytes / 255 in [0, 1].",
            });
          }
          if (!gotLabels.every((v, i) => v === wantLabels[i]) || !sameValues(got.xs, want.xs)) {
            const firstBad = wantPx.findIndex((v, i) => Math.abs(v - gotPx[i]!) > 1e-6);
            fail({
              message: `${call}: not the expected images or labels.`,
              expected: `labels [${wantLabels.join(", ")}]`,
              got: `labels [${gotLabels.join(", ")}]${firstBad >= 0 ? `; first different pixel at ${firstBad}` : ""}`,
              likelyCause:
                "Keep the FIRST perClass images of each class, in file order (one pass over the rows), pixels = byte / 255.",
            });
          }
          if (got.ys.dtype !== "float32") {
            fail({
              message: `${call}: ys has dtype ${got.ys.dtype}.`,
              expected: "float32 labels",
              got: got.ys.dtype,
              likelyCause:
                'TF.js\'s sparseCategoricalCrossentropy rejects int32 labels: tf.tensor1d(labels, "float32").',
            });
          }
          tf.dispose([got.xs, got.ys, want.xs, want.ys]);
        }
      },
    },
    {
      id: "feature-base",
      title: "Cut off the head: the pretrained features",
      points: 2,
      exports: ["featureBase"],
      hints: [
        "Keep the pretrained model's input, and take the output of the layer that turns the feature maps into one vector.",
        'pretrained.getLayer("features").output is a symbolic tensor: a new tf.model can end there.',
        "Make a new functional model whose inputs are the pretrained model's inputs and whose output is that layer's symbolic output (cast it to tf.SymbolicTensor). Nothing needs copying: the layers are shared.",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const pretrained = await loadFashionBase();
        const base = expectModel(lab.featureBase(pretrained), "featureBase(pretrained)");
        const summary = summarizeModel(base);
        expectInputShape(
          summary,
          [28, 28, 1],
          "featureBase(pretrained)",
          "Keep the pretrained model's input (pretrained.inputs).",
        );
        const out = summary.outputShape.join(",");
        if (out !== "800") {
          fail({
            message: `featureBase(pretrained): the output has shape [${summary.outputShape.join(", ")}], not the 800 features.`,
            expected: 'output [800]: the output of the "features" (Flatten) layer',
            got: `output [${summary.outputShape.join(", ")}]: ${describeLayers(summary)}`,
            likelyCause:
              out === "5"
                ? 'That is the pretrained softmax output (the old head\'s predictions for classes 0–4): cut at the "features" layer instead.'
                : out === "64"
                  ? 'That keeps the old Dense(64) layer of the head: cut at the "features" layer, before the dense layers.'
                  : 'Take pretrained.getLayer("features").output as the new output.',
          });
        }
        const file = await fileWeights();
        const diff = baseDifference(baseWeights(base), file);
        if (!(diff < 1e-7)) {
          fail({
            message:
              "featureBase(pretrained): the convolutional weights are not the pretrained ones.",
            expected: "the conv1 / conv2 weights of datasets/models/fashion-base-0-4",
            got: Number.isFinite(diff)
              ? `weights differ by up to ${diff.toExponential(2)}`
              : "no conv weights of the pretrained shapes",
            likelyCause:
              'Reuse the pretrained layers (pretrained.inputs … getLayer("features").output) instead of building new, randomly initialised layers.',
          });
        }
        // Behaviour: the same 800 numbers as the pretrained model's features layer.
        const { xs } = heldOutFashionTensors([5, 9]);
        const sample = xs.slice([0, 0, 0, 0], [6, 28, 28, 1]);
        const want = checkBase(pretrained).predict(sample) as tf.Tensor;
        const got = base.predict(sample) as tf.Tensor;
        if (!sameValues(got, want)) {
          fail({
            message:
              'featureBase(pretrained) computes different features from the pretrained model\'s "features" layer.',
            expected: "the same 800 numbers per image",
            got: "different values",
            likelyCause:
              'Use the pretrained layers unchanged, from the input to the "features" layer.',
          });
        }
        tf.dispose([xs, sample, want, got]);
      },
    },
    {
      id: "transfer-model",
      title: "Freeze the base, add a new head",
      points: 3,
      exports: ["buildTransferModel"],
      hints: [
        "Three steps in this order: freeze, build, compile. The order matters.",
        "Freeze with `for (const layer of base.layers) layer.trainable = false;` Then apply two Dense layers to base.outputs[0] and make tf.model({ inputs: base.inputs, outputs }).",
        'compile() copies the list of trainable weights, so freeze before it. The head: Dense(64, relu) applied to base.outputs[0], then Dense(5, softmax) applied to that; compile with tf.train.adam(1e-3), "sparseCategoricalCrossentropy", ["accuracy"].',
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const pretrained = await loadFashionBase();
        const model = expectModel(
          lab.buildTransferModel(checkBase(pretrained)),
          "buildTransferModel(base)",
        );
        const summary = summarizeModel(model);
        expectInputShape(
          summary,
          [28, 28, 1],
          "buildTransferModel(base)",
          "The model's input is the base's input (base.inputs).",
        );
        expectOutputLayer(
          summary,
          { units: 5, activation: "softmax" },
          "buildTransferModel(base)",
          summary.outputShape[0] === 10
            ? "The new task has 5 classes (5–9, relabelled 0–4): the head ends with Dense(5, softmax), not 10 outputs."
            : "End the new head with Dense(5, softmax): one probability per new class.",
        );
        if (summary.totalParams !== TOTAL_PARAMS) {
          fail({
            message: `buildTransferModel(base): the model has ${summary.totalParams} parameters.`,
            expected: `${TOTAL_PARAMS} parameters: the base (4,800) + Dense(64, relu) + Dense(5, softmax)`,
            got: `${summary.totalParams}: ${describeLayers(summary)}`,
            likelyCause:
              "Put the head Dense(64, relu) → Dense(5, softmax) directly on the base's 800 features.",
          });
        }
        expectFrozenBase(model, "buildTransferModel(base)");
        expectSparseLoss(summary, "buildTransferModel(base)");
        const diff = baseDifference(baseWeights(model), await fileWeights());
        if (!(diff < 1e-7)) {
          fail({
            message: "buildTransferModel(base): the base's weights are not the pretrained ones.",
            expected: "the conv weights of datasets/models/fashion-base-0-4",
            got: `differ by up to ${diff.toExponential(2)}`,
            likelyCause:
              "Build the head on the base you are given (base.inputs / base.outputs[0]); do not create new conv layers.",
          });
        }
      },
    },
    {
      id: "scratch-model",
      title: "The same architecture, from scratch",
      points: 2,
      exports: ["buildScratchModel"],
      hints: [
        "Copy the architecture layer by layer from the lab file's header; every layer starts random and trains.",
        "tf.sequential with conv2d(16, 3, relu, inputShape [28, 28, 1]), maxPooling2d(2), conv2d(32, 3, relu), maxPooling2d(2), flatten, dense(64, relu), dense(5, softmax).",
        "Do not load or copy the pretrained weights, and do not set trainable = false: the point is to compare with a model that learns everything from these few images. Compile like the transfer model.",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const pretrained = await loadFashionBase();
        const model = expectModel(lab.buildScratchModel(), "buildScratchModel()");
        const summary = summarizeModel(model);
        const ref = summarizeModel(pretrained);
        const shape = (s: ModelSummary) =>
          s.layers
            .filter((l) => l.className !== "InputLayer")
            .map(
              (l) =>
                `${l.className}[${l.outputShape.join(",")}]${l.activation && l.activation !== "linear" ? l.activation : ""}:${l.params}`,
            )
            .join(" ");
        if (shape(summary) !== shape(ref)) {
          const tenOutputs = summary.outputShape[0] === 10;
          fail({
            message: "buildScratchModel(): not the same architecture as the pretrained model.",
            expected: describeLayers(ref),
            got: describeLayers(summary),
            likelyCause: tenOutputs
              ? "The new task has 5 classes: end with Dense(5, softmax), not 10 outputs."
              : "A fair comparison uses the same layers (sizes, kernel 3×3, pool 2, activations) as the pretrained model; only the starting weights differ.",
          });
        }
        if (summary.trainableParams !== summary.totalParams) {
          fail({
            message: `buildScratchModel(): only ${summary.trainableParams} of ${summary.totalParams} parameters are trainable.`,
            expected: "every layer trainable",
            got: `${summary.trainableParams} trainable`,
            likelyCause: "From scratch means the whole network learns: do not freeze any layer.",
          });
        }
        expectSparseLoss(summary, "buildScratchModel()");
        const diff = baseDifference(baseWeights(model), await fileWeights());
        if (diff < 1e-6) {
          fail({
            message:
              "buildScratchModel(): the convolutional layers start from the pretrained weights.",
            expected: "fresh random weights",
            got: "the weights of datasets/models/fashion-base-0-4",
            likelyCause:
              "Do not load or copy the pretrained weights: a from-scratch model starts random.",
          });
        }
      },
    },
    {
      id: "track-accuracy",
      title: "Validation accuracy after every epoch",
      points: 2,
      exports: ["trackAccuracy"],
      runner: "process",
      timeoutMs: 60_000,
      hints: [
        "model.fit returns a History; history.history holds one array per logged metric.",
        "Pass validationData: [valid.xs, valid.ys] so TF.js measures the validation set after each epoch; pass options.callbacks through.",
        "Call fit with { epochs, batchSize: options.batchSize ?? 16, shuffle: true, validationData, callbacks } and return history.history.val_acc (not .acc: that is training accuracy).",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        const data = loadFashionMnist("train");
        const train = checkImages(data, NEW, 8);
        const valid = checkImages(loadFashionMnist("test"), NEW, 20);
        const make = () => {
          const m = tf.sequential();
          m.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
          m.add(tf.layers.dense({ units: 5, activation: "softmax" }));
          m.compile({
            optimizer: tf.train.adam(1e-2),
            loss: "sparseCategoricalCrossentropy",
            metrics: ["accuracy"],
          });
          return m;
        };
        for (const [epochs, batchSize] of [
          [3, undefined],
          [2, 8],
        ] as const) {
          const model = make();
          const cb = checkCallbacks(ctx, { epochs, model });
          let epochsSeen = 0;
          const counter = { onEpochEnd: async () => void epochsSeen++ };
          const { result, calls } = await spyOnTransferFit(
            () => {},
            () =>
              withSeed(7, () =>
                lab.trackAccuracy(model, train, valid, {
                  epochs,
                  batchSize,
                  callbacks: [cb, counter],
                }),
              ),
          );
          const call = `trackAccuracy(model, 40 images, 100 validation images, { epochs: ${epochs}${batchSize ? `, batchSize: ${batchSize}` : ""} })`;
          if (calls.length !== 1) {
            fail({
              message: `${call} called fit ${calls.length} times.`,
              expected: "one fit call with every epoch",
              got: `${calls.length} calls`,
              likelyCause: "Call model.fit once with epochs: options.epochs.",
            });
          }
          const args = calls[0]!.args;
          if (args.epochs !== epochs) {
            fail({
              message: `${call}: fit ran with epochs ${show(args.epochs)}.`,
              expected: `epochs ${epochs}`,
              got: show(args.epochs),
              likelyCause: "Pass options.epochs to fit.",
            });
          }
          if ((args.batchSize ?? 32) !== (batchSize ?? 16)) {
            fail({
              message: `${call}: fit ran with batchSize ${show(args.batchSize)}.`,
              expected: `batchSize ${batchSize ?? 16}`,
              got: show(args.batchSize),
              likelyCause:
                "Use options.batchSize, or 16 when it is not given (options.batchSize ?? 16).",
            });
          }
          if (!args.validationData) {
            fail({
              message: `${call}: fit ran without validationData.`,
              expected: "validationData: [valid.xs, valid.ys]",
              got: "no validation data",
              likelyCause:
                "Without validationData TF.js logs no val_acc: pass validationData: [valid.xs, valid.ys].",
            });
          }
          if (epochsSeen !== epochs) {
            fail({
              message: `${call}: the callbacks you were given saw ${epochsSeen} epochs.`,
              expected: `${epochs} epochs reported to options.callbacks`,
              got: `${epochsSeen}`,
              likelyCause: "Pass options.callbacks on to fit (callbacks: options.callbacks).",
            });
          }
          const h = calls[0]!.history!.history;
          const wantCurve = (h.val_acc ?? []) as number[];
          const acc = accuracyOf(model, valid.xs, Array.from(valid.ys.dataSync()));
          if (
            !sameCurve(result, wantCurve) ||
            Math.abs(wantCurve[wantCurve.length - 1]! - acc) > 1e-6
          ) {
            fail({
              message: `${call} returned ${curveText(result)}.`,
              expected: `the validation accuracy per epoch ${curveText(wantCurve)}`,
              got: curveText(result),
              likelyCause: sameCurve(result, (h.acc ?? []) as number[])
                ? "That is the TRAINING accuracy (history.acc): return history.history.val_acc."
                : "Return history.history.val_acc: one validation accuracy per epoch.",
            });
          }
          model.dispose();
        }
      },
    },
    {
      id: "train-transfer",
      title: "Transfer learning end to end (graded on held-out images)",
      points: 3,
      exports: ["trainTransfer"],
      runner: "process",
      timeoutMs: 90_000,
      hints: [
        "Chain the pieces you have: cut the head off, freeze and add a new head, then train.",
        "Exercise 2's function feeds exercise 3's; exercise 5's function then trains the result with the data and options you were given.",
        "Return { model, accuracy } where accuracy is what trackAccuracy returned. Do not unfreeze or recompile anything: the base must leave training exactly as it came from the file.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        const epochs = 8;
        const seed = 11;
        const pretrained = await loadFashionBase();
        const train = checkImages(loadFashionMnist("train"), NEW, 20);
        const valid = checkImages(loadFashionMnist("test"), NEW, 40);
        const cb = checkCallbacks(ctx, { epochs });
        const { result, calls } = await spyOnTransferFit(
          (c) => cb.attach(c.model),
          () =>
            withSeed(seed, () =>
              lab.trainTransfer(pretrained, train, valid, { epochs, callbacks: [cb] }),
            ),
        );
        if (!result || typeof result !== "object") {
          fail({
            message: "trainTransfer did not return { model, accuracy }.",
            expected: "{ model, accuracy }",
            got: show(result),
            likelyCause: "Return the trained model and the validation accuracy per epoch.",
          });
        }
        const model = expectModel(result.model, "trainTransfer(...).model");
        if (calls.length === 0) {
          fail({
            message: "trainTransfer never called fit.",
            expected: "the new head trained for 8 epochs",
            got: "no training",
            likelyCause: "Train the model (trackAccuracy(model, train, valid, options)).",
          });
        }
        const trainedEpochs = calls.reduce((s, c) => s + (c.args.epochs ?? 1), 0);
        if (trainedEpochs !== epochs) {
          fail({
            message: `trainTransfer trained for ${trainedEpochs} epochs.`,
            expected: `${epochs} epochs (options.epochs)`,
            got: `${trainedEpochs}`,
            likelyCause: "Pass the options you were given on to trackAccuracy.",
          });
        }
        const diff = baseDifference(baseWeights(model), await fileWeights());
        if (!(diff < 1e-7)) {
          const fitTrainable = calls[0]!.captured.trainableParams;
          fail({
            message: `After training, the base's weights changed (by up to ${Number.isFinite(diff) ? diff.toExponential(2) : "∞"}): a frozen base that is not frozen.`,
            expected: "conv1 / conv2 weights exactly as in datasets/models/fashion-base-0-4",
            got: `fit trained ${fitTrainable} parameters (the head alone is ${HEAD_PARAMS})`,
            likelyCause: `The base must not train: it was never frozen, was unfrozen again (fine-tuning) before fitting, or was frozen with base.trainable = false as a whole inside a tf.sequential (TF.js then still trains its weights). ${FROZEN_CAUSE}`,
          });
        }
        const acc = result.accuracy;
        const lastHistory = (calls[calls.length - 1]!.history?.history.val_acc ?? []) as number[];
        if (
          !Array.isArray(acc) ||
          acc.length !== epochs ||
          acc[acc.length - 1] !== lastHistory[lastHistory.length - 1]
        ) {
          fail({
            message: `trainTransfer(...).accuracy is ${curveText(acc)}.`,
            expected: `${epochs} validation accuracies, the last ${lastHistory[lastHistory.length - 1]?.toFixed(3)}`,
            got: curveText(acc),
            likelyCause: "Return the array trackAccuracy gave you as `accuracy`.",
          });
        }
        const held = heldOutNew();
        const accuracy = accuracyOf(model, held.xs, held.labels);
        held.xs.dispose();
        return bandScore(
          accuracy,
          { metric: "held-out accuracy (classes 5–9, 1,000 images)", full: 0.84, zero: 0.6 },
          "The reference reaches 0.88 with 20 images per class and 8 epochs.",
        );
      },
    },
    {
      id: "compare-scratch",
      title: "Transfer vs from scratch: a fair comparison",
      points: 3,
      exports: ["compareWithScratch"],
      runner: "process",
      timeoutMs: 90_000,
      hints: [
        "Fair means: the only difference between the two runs is where the weights start.",
        "Use trainTransfer for one curve and buildScratchModel + trackAccuracy for the other, both with the train, valid and options you were given.",
        "Take the accuracy curve out of what exercise 6 returns; for the other curve, train a freshly built scratch model with exercise 5's function. Both get exactly the train, valid and options you received. Return the two curves under their own names, not swapped.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        const epochs = 3;
        const pretrained = await loadFashionBase();
        const file = await fileWeights();
        const train = checkImages(loadFashionMnist("train"), NEW, 10);
        const valid = checkImages(loadFashionMnist("test"), NEW, 20);
        const cb = checkCallbacks(ctx, { epochs: 2 * epochs });
        const { result, calls } = await spyOnTransferFit(
          (c) => cb.attach(c.model),
          () =>
            withSeed(5, () =>
              lab.compareWithScratch(pretrained, train, valid, { epochs, callbacks: [cb] }),
            ),
        );
        const what =
          "compareWithScratch(pretrained, 50 images, 100 validation images, { epochs: 3 })";
        const transferFit = calls.find(
          (c) =>
            c.captured.trainableParams === HEAD_PARAMS &&
            baseDifference(c.captured.before, file) < 1e-7,
        );
        const scratchFit = calls.find((c) => c !== transferFit);
        if (calls.length !== 2 || !transferFit || !scratchFit) {
          fail({
            message: `${what} made ${calls.length} fit calls${transferFit ? "" : ", none on a frozen pretrained base"}.`,
            expected: "two: the transfer model (frozen pretrained base) and the from-scratch model",
            got:
              calls
                .map((c) => `fit of ${c.captured.trainableParams} trainable parameters`)
                .join("; ") || "none",
            likelyCause: transferFit
              ? "Train each model once: trainTransfer(...) and trackAccuracy(buildScratchModel(), ...)."
              : "Train the transfer model with trainTransfer (frozen pretrained base) and the scratch model separately.",
          });
        }
        if (baseDifference(scratchFit.captured.before, file) < 1e-6) {
          fail({
            message: `${what}: the "from scratch" model started from the pretrained weights.`,
            expected: "fresh random weights for the scratch model",
            got: "the pretrained conv weights",
            likelyCause:
              "Build the scratch model with buildScratchModel(), not from the pretrained model.",
          });
        }
        const same = (a: ModelSummary, b: ModelSummary) =>
          a.layers
            .filter((l) => l.className !== "InputLayer")
            .map((l) => `${l.className}${l.params}`)
            .join() ===
          b.layers
            .filter((l) => l.className !== "InputLayer")
            .map((l) => `${l.className}${l.params}`)
            .join();
        const scratchSummary = summarizeModel(scratchFit.model);
        if (
          !same(scratchSummary, summarizeModel(pretrained)) ||
          scratchFit.captured.trainableParams !== TOTAL_PARAMS
        ) {
          fail({
            message: `${what}: the scratch model is not the pretrained architecture with every layer trainable.`,
            expected: `${describeLayers(summarizeModel(pretrained))}, ${TOTAL_PARAMS} trainable parameters`,
            got: `${describeLayers(scratchSummary)}, ${scratchFit.captured.trainableParams} trainable`,
            likelyCause:
              "Compare like with like: the same architecture (buildScratchModel()), only the starting weights differ.",
          });
        }
        for (const [name, c] of [
          ["transfer", transferFit],
          ["scratch", scratchFit],
        ] as const) {
          const sameData =
            c.x instanceof tf.Tensor &&
            c.y instanceof tf.Tensor &&
            sameValues(c.x, train.xs) &&
            sameValues(c.y, train.ys);
          if (!sameData) {
            fail({
              message: `${what}: the ${name} model trained on other images (${c.xRows} images) than the ones given (${train.xs.shape[0]}).`,
              expected: "both models trained on the same train.xs / train.ys",
              got: `${name}: ${c.xRows} images`,
              likelyCause:
                "A fair comparison trains both models on the SAME images: pass `train` to both.",
            });
          }
          const v = c.args.validationData as tf.Tensor[] | undefined;
          if (!v || !sameValues(v[0]!, valid.xs) || c.args.epochs !== epochs) {
            fail({
              message: `${what}: the ${name} model trained with other settings (epochs ${show(c.args.epochs)}, ${v ? `${v[0]!.shape[0]} validation images` : "no validation data"}).`,
              expected: `the same options (epochs ${epochs}) and validation images for both`,
              got: `${name}: epochs ${show(c.args.epochs)}`,
              likelyCause: "Pass the same valid and options to both trainings.",
            });
          }
        }
        const wantT = (transferFit.history?.history.val_acc ?? []) as number[];
        const wantS = (scratchFit.history?.history.val_acc ?? []) as number[];
        if (!result || !sameCurve(result.transfer, wantT) || !sameCurve(result.scratch, wantS)) {
          const swapped =
            result && sameCurve(result.transfer, wantS) && sameCurve(result.scratch, wantT);
          fail({
            message: `${what} returned transfer ${curveText(result?.transfer)}, scratch ${curveText(result?.scratch)}.`,
            expected: `transfer ${curveText(wantT)}, scratch ${curveText(wantS)}`,
            got: `transfer ${curveText(result?.transfer)}, scratch ${curveText(result?.scratch)}`,
            likelyCause: swapped
              ? "The curves are swapped: `transfer` is the frozen pretrained model's, `scratch` the fresh model's."
              : "Return each model's validation accuracy per epoch (what trainTransfer / trackAccuracy returned).",
          });
        }
      },
    },
  ],
});
