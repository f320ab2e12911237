/**
 * Development-time only: pretrains the lab-14 base model and writes it to
 * datasets/models/fashion-base-0-4/ (model.json + weights.bin). Learners never run this; the
 * labs load the committed files from disk.
 *
 *   npx tsx scripts/pretrain-fashion-base.ts            # ≈ 1–3 min on 2 cores (wasm)
 *
 * Data: Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist, MIT, Zalando SE
 * 2017): every training image of classes 0–4 (30,000), pixels / 255; accuracy is measured on
 * the 5,000 t10k images of classes 0–4. Deterministic for one backend (seeded initialisers
 * and shuffles via withSeed).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readIdx } from "../src/data/images";
import { ready, saveModel, tf } from "../src/tf";
import {
  FASHION_BASE_CLASSES,
  FASHION_BASE_DIR,
  fashionBaseModel,
} from "../src/tf/models/transfer";
import { withSeed } from "../src/tf/seed";

const SOURCE = process.env.FASHION_MNIST_DIR ?? "/usr/share/datasets/fashion-mnist";
const SEED = 2017;
const EPOCHS = 5;
const BATCH = 64;

function load(prefix: "train" | "t10k") {
  const images = readIdx(path.join(SOURCE, `${prefix}-images-idx3-ubyte.gz`)).data;
  const labels = readIdx(path.join(SOURCE, `${prefix}-labels-idx1-ubyte.gz`)).data;
  const rows: number[] = [];
  for (let i = 0; i < labels.length; i++)
    if (FASHION_BASE_CLASSES.includes(labels[i]!)) rows.push(i);
  const pixels = new Float32Array(rows.length * 784);
  rows.forEach((row, k) => {
    for (let p = 0; p < 784; p++) pixels[k * 784 + p] = images[row * 784 + p]! / 255;
  });
  return {
    xs: tf.tensor4d(pixels, [rows.length, 28, 28, 1]),
    ys: tf.tensor1d(
      rows.map((r) => labels[r]!),
      "float32",
    ),
    n: rows.length,
  };
}

async function main() {
  await ready();
  const train = load("train");
  const test = load("t10k");
  console.log(
    `train ${train.n} images, test ${test.n} images (classes ${FASHION_BASE_CLASSES.join(", ")})`,
  );
  const started = Date.now();
  const model = await withSeed(SEED, async () => {
    const m = fashionBaseModel();
    await m.fit(train.xs, train.ys, {
      epochs: EPOCHS,
      batchSize: BATCH,
      shuffle: true,
      callbacks: {
        onEpochEnd: async (epoch, logs) =>
          console.log(
            `epoch ${epoch + 1}/${EPOCHS} loss ${logs?.loss?.toFixed(4)} acc ${logs?.acc?.toFixed(4)} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
          ),
      },
    });
    return m;
  });
  const [, acc] = model.evaluate(test.xs, test.ys, { batchSize: 500 }) as tf.Scalar[];
  const testAcc = (await acc!.data())[0]!;
  console.log(`test accuracy on classes 0–4: ${testAcc.toFixed(4)}`);
  fs.rmSync(FASHION_BASE_DIR, { recursive: true, force: true });
  await saveModel(model, FASHION_BASE_DIR);
  const bytes = fs.statSync(path.join(FASHION_BASE_DIR, "weights.bin")).size;
  console.log(
    `saved ${FASHION_BASE_DIR} (weights.bin ${bytes} bytes, ${model.countParams()} params)`,
  );
  console.log(
    JSON.stringify({ seed: SEED, epochs: EPOCHS, batchSize: BATCH, testAccuracy: testAcc }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
