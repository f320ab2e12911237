import * as fs from "node:fs";
import * as path from "node:path";
import type { ImageSet, TrainOptions } from "../../solutions/14-transfer-learning";
import * as solution from "../../solutions/14-transfer-learning";
import type { FashionMnist } from "../../src/data/images";
import { tf } from "../../src/tf";
import { FASHION_BASE_DIR } from "../../src/tf/models/transfer";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;

const compileLikeTheLab = (model: tf.LayersModel) =>
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });

/** prepareImages with a pluggable pixel transform and label mapping. */
function prepareWith(
  pixel: (byte: number) => number,
  label: (original: number, classes: readonly number[]) => number,
  perClassTotal = false,
) {
  return (data: FashionMnist, classes: readonly number[], perClass: number): ImageSet => {
    const rows: number[] = [];
    const taken = new Map<number, number>();
    for (let i = 0; i < data.n; i++) {
      const c = data.labels[i]!;
      if (!classes.includes(c)) continue;
      if (perClassTotal) {
        if (rows.length < perClass * classes.length) rows.push(i);
        continue;
      }
      if ((taken.get(c) ?? 0) >= perClass) continue;
      taken.set(c, (taken.get(c) ?? 0) + 1);
      rows.push(i);
    }
    const px = new Float32Array(rows.length * 784);
    rows.forEach((r, k) => {
      for (let p = 0; p < 784; p++) px[k * 784 + p] = pixel(data.images[r * 784 + p]!);
    });
    return {
      xs: tf.tensor4d(px, [rows.length, 28, 28, 1]),
      ys: tf.tensor1d(
        rows.map((r) => label(data.labels[r]!, classes)),
        "float32",
      ),
    };
  };
}

/** A head on `input` (Dense(64) → Dense(units, activation)). */
function head(input: tf.SymbolicTensor, units = 5): tf.SymbolicTensor {
  const hidden = tf.layers.dense({ units: 64, activation: "relu" }).apply(input);
  return tf.layers
    .dense({ units, activation: "softmax" })
    .apply(hidden as tf.SymbolicTensor) as tf.SymbolicTensor;
}

function transferModel(
  base: tf.LayersModel,
  freeze: "before" | "after" | "never",
  units = 5,
): tf.LayersModel {
  if (freeze === "before") for (const l of base.layers) l.trainable = false;
  const model = tf.model({ inputs: base.inputs, outputs: head(base.outputs[0]!, units) });
  compileLikeTheLab(model);
  if (freeze === "after") for (const l of base.layers) l.trainable = false;
  return model;
}

/** Freezes the base as a whole, then nests it in tf.sequential: TF.js still trains its weights. */
function sequentialOnBase(base: tf.LayersModel): tf.LayersModel {
  base.trainable = false;
  const model = tf.sequential({
    layers: [
      base,
      tf.layers.dense({ units: 64, activation: "relu" }),
      tf.layers.dense({ units: 5, activation: "softmax" }),
    ],
  });
  compileLikeTheLab(model);
  return model;
}

function scratchLike(options: { units?: number; oneConv?: boolean; frozenConv?: boolean }) {
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: "relu" }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  if (!options.oneConv) {
    model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: "relu" }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  }
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: "relu" }));
  model.add(tf.layers.dense({ units: options.units ?? 5, activation: "softmax" }));
  if (options.frozenConv) model.layers[0]!.trainable = false;
  compileLikeTheLab(model);
  return model;
}

async function fitReturning(
  model: tf.LayersModel,
  train: ImageSet,
  valid: ImageSet,
  options: TrainOptions,
  key: "val_acc" | "acc",
  extra: Partial<tf.ModelFitArgs> = {},
): Promise<number[]> {
  const h = await model.fit(train.xs, train.ys, {
    epochs: options.epochs,
    batchSize: options.batchSize ?? 16,
    shuffle: true,
    validationData: [valid.xs, valid.ys],
    callbacks: options.callbacks,
    ...extra,
  });
  return h.history[key] as number[];
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // prepare-images
  {
    exercise: "prepare-images",
    mistake: "labels not remapped (5..9 kept)",
    impl: {
      prepareImages: prepareWith(
        (b) => b / 255,
        (l) => l,
      ),
    },
    expectMessage: /not remapped/,
  },
  {
    exercise: "prepare-images",
    mistake: "pixels not scaled (0..255)",
    impl: {
      prepareImages: prepareWith(
        (b) => b,
        (l, c) => c.indexOf(l),
      ),
    },
    expectMessage: /not scaled/,
  },
  {
    exercise: "prepare-images",
    mistake: "pixels standardised instead of /255",
    impl: {
      prepareImages: prepareWith(
        (b) => (b - 127.5) / 80,
        (l, c) => c.indexOf(l),
      ),
    },
    expectMessage: /scaled differently/,
  },
  {
    exercise: "prepare-images",
    mistake: "perClass·k images in all, not per class",
    impl: {
      prepareImages: prepareWith(
        (b) => b / 255,
        (l, c) => c.indexOf(l),
        true,
      ),
    },
    expectMessage: /EACH listed class|FIRST perClass/,
  },
  // feature-base
  {
    exercise: "feature-base",
    mistake: "keeps the pretrained softmax output",
    impl: { featureBase: (pretrained) => pretrained },
    expectMessage: /softmax output/,
  },
  {
    exercise: "feature-base",
    mistake: "cuts after the old Dense(64)",
    impl: {
      featureBase: (pretrained) =>
        tf.model({
          inputs: pretrained.inputs,
          outputs: pretrained.getLayer("dense").output as tf.SymbolicTensor,
        }),
    },
    expectMessage: /Dense\(64\)/,
  },
  {
    exercise: "feature-base",
    mistake: "new random conv layers instead of the pretrained ones",
    impl: {
      featureBase: () => {
        const m = scratchLike({});
        return tf.model({ inputs: m.inputs, outputs: m.layers[4]!.output as tf.SymbolicTensor });
      },
    },
    expectMessage: /not the pretrained ones/,
  },
  // transfer-model
  {
    exercise: "transfer-model",
    mistake: "trainable = false set after compile",
    impl: { buildTransferModel: (base) => transferModel(base, "after") },
    expectMessage: /after compile/,
  },
  {
    exercise: "transfer-model",
    mistake: "base never frozen",
    impl: { buildTransferModel: (base) => transferModel(base, "never") },
    expectMessage: /not frozen/,
  },
  {
    exercise: "transfer-model",
    mistake: "head with 10 outputs",
    impl: { buildTransferModel: (base) => transferModel(base, "before", 10) },
    expectMessage: /not 10 outputs/,
  },
  {
    exercise: "transfer-model",
    mistake: "categoricalCrossentropy with integer labels",
    impl: {
      buildTransferModel: (base) => {
        for (const l of base.layers) l.trainable = false;
        const model = tf.model({ inputs: base.inputs, outputs: head(base.outputs[0]!) });
        model.compile({
          optimizer: "adam",
          loss: "categoricalCrossentropy",
          metrics: ["accuracy"],
        });
        return model;
      },
    },
    expectMessage: /sparseCategoricalCrossentropy/,
  },
  {
    exercise: "transfer-model",
    mistake: "base.trainable = false on the nested model inside tf.sequential",
    impl: { buildTransferModel: (base) => sequentialOnBase(base) },
    expectMessage: /as a whole/,
  },
  // scratch-model
  {
    exercise: "scratch-model",
    mistake: "starts from the pretrained weights",
    impl: {
      buildScratchModel: () => {
        // Copies the file's weights in (weights.bin holds them in the model's weight order).
        const m = scratchLike({});
        const bytes = fs.readFileSync(path.join(FASHION_BASE_DIR, "weights.bin"));
        const all = new Float32Array(
          bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
        );
        let at = 0;
        m.setWeights(
          m.weights.map((w) => {
            const size = w.shape.reduce((a: number, b) => a * (b ?? 1), 1);
            const t = tf.tensor(all.slice(at, at + size), w.shape as number[]);
            at += size;
            return t;
          }),
        );
        return m;
      },
    },
    expectMessage: /pretrained weights/,
  },
  {
    exercise: "scratch-model",
    mistake: "a different architecture (one conv block)",
    impl: { buildScratchModel: () => scratchLike({ oneConv: true }) },
    expectMessage: /same architecture|same layers/,
  },
  {
    exercise: "scratch-model",
    mistake: "10 outputs",
    impl: { buildScratchModel: () => scratchLike({ units: 10 }) },
    expectMessage: /not 10 outputs/,
  },
  {
    exercise: "scratch-model",
    mistake: "a frozen layer in the scratch model",
    impl: { buildScratchModel: () => scratchLike({ frozenConv: true }) },
    expectMessage: /do not freeze/,
  },
  // track-accuracy
  {
    exercise: "track-accuracy",
    mistake: "returns training accuracy",
    impl: {
      trackAccuracy: (model, train, valid, options) =>
        fitReturning(model, train, valid, options, "acc"),
    },
    expectMessage: /TRAINING accuracy/,
  },
  {
    exercise: "track-accuracy",
    mistake: "no validation data (validationSplit instead)",
    impl: {
      trackAccuracy: (model, train, valid, options) =>
        fitReturning(model, train, valid, options, "val_acc", {
          validationData: undefined,
          validationSplit: 0.2,
        }),
    },
    expectMessage: /without validationData/,
  },
  {
    exercise: "track-accuracy",
    mistake: "callbacks not passed on",
    impl: {
      trackAccuracy: (model, train, valid, options) =>
        fitReturning(model, train, valid, options, "val_acc", { callbacks: undefined }),
    },
    expectMessage: /options\.callbacks/,
  },
  // train-transfer
  {
    // (Setting trainable after compile is NOT caught here: TF.js checks each variable's
    // flag at every step, so that base does stay frozen; transfer-model rejects it.)
    exercise: "train-transfer",
    mistake: "a frozen base that is not frozen: trainable never set",
    impl: {
      trainTransfer: async (pretrained, train, valid, options) => {
        const model = transferModel(solution.featureBase(pretrained), "never");
        const accuracy = await solution.trackAccuracy(model, train, valid, options);
        return { model, accuracy };
      },
    },
    expectMessage: /frozen base that is not frozen.*never frozen/s,
  },
  {
    exercise: "train-transfer",
    mistake: "base.trainable = false on the nested model inside tf.sequential (still trains)",
    impl: {
      trainTransfer: async (pretrained, train, valid, options) => {
        const model = sequentialOnBase(solution.featureBase(pretrained));
        const accuracy = await solution.trackAccuracy(model, train, valid, options);
        return { model, accuracy };
      },
    },
    expectMessage: /base's weights changed.*as a whole/s,
  },
  {
    exercise: "train-transfer",
    mistake: "fine-tunes everything (unfreezes and recompiles)",
    impl: {
      trainTransfer: async (pretrained, train, valid, options) => {
        const model = solution.buildTransferModel(solution.featureBase(pretrained));
        for (const l of model.layers) l.trainable = true;
        compileLikeTheLab(model);
        const accuracy = await solution.trackAccuracy(model, train, valid, options);
        return { model, accuracy };
      },
    },
    expectMessage: /base's weights changed/,
  },
  {
    exercise: "train-transfer",
    mistake: "trains one epoch whatever options.epochs says",
    impl: {
      trainTransfer: async (pretrained, train, valid, options) => {
        const model = solution.buildTransferModel(solution.featureBase(pretrained));
        const accuracy = await solution.trackAccuracy(model, train, valid, {
          ...options,
          epochs: 1,
        });
        return { model, accuracy };
      },
    },
    expectMessage: /epochs/,
  },
  // compare-scratch
  {
    exercise: "compare-scratch",
    mistake: "scratch model trained on other images (the validation set)",
    impl: {
      compareWithScratch: async (pretrained, train, valid, options) => {
        const transfer = (await solution.trainTransfer(pretrained, train, valid, options)).accuracy;
        const scratch = await solution.trackAccuracy(
          solution.buildScratchModel(),
          valid,
          valid,
          options,
        );
        return { transfer, scratch };
      },
    },
    expectMessage: /SAME images/,
  },
  {
    exercise: "compare-scratch",
    mistake: "scratch model with a different architecture",
    impl: {
      compareWithScratch: async (pretrained, train, valid, options) => {
        const transfer = (await solution.trainTransfer(pretrained, train, valid, options)).accuracy;
        const scratch = await solution.trackAccuracy(
          scratchLike({ oneConv: true }),
          train,
          valid,
          options,
        );
        return { transfer, scratch };
      },
    },
    expectMessage: /same architecture/,
  },
  {
    exercise: "compare-scratch",
    mistake: "curves swapped",
    impl: {
      compareWithScratch: async (pretrained, train, valid, options) => {
        const transfer = (await solution.trainTransfer(pretrained, train, valid, options)).accuracy;
        const scratch = await solution.trackAccuracy(
          solution.buildScratchModel(),
          train,
          valid,
          options,
        );
        return { transfer: scratch, scratch: transfer };
      },
    },
    expectMessage: /swapped/,
  },
];
