/**
 * Task 3 — real-world images: patches cut from photographs and texture scans (python3-skimage's
 * sample data: CC0 / public domain, see datasets/README.md). Training patches come from the left
 * 60 % of each picture and are written as image files in one folder per class (labels come
 * from the folder structure, as with Keras' image_dataset_from_directory); held-out patches come
 * from the right 40 %, so a model is scored on parts of the pictures it never saw. In the
 * "turned" variant the held-out patches are rotated or mirrored: augmentation is expected.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { seededRandom } from "../../data/random";
import { datasetPath } from "../../data/registry";
import { tf } from "../../tf";
import { writeImageFile } from "../image-files";
import { classificationAccuracy, type ExamTask, type ExamVariant, type HeldOut } from "./types";

interface Picture {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
}

const pictures = new Map<string, Picture>();

function picture(name: string): Picture {
  let p = pictures.get(name);
  if (!p) {
    const index = JSON.parse(
      fs.readFileSync(datasetPath("exam", "images", "index.json"), "utf8"),
    ) as Record<string, Omit<Picture, "pixels">>;
    const pixels = new Uint8Array(
      zlib.gunzipSync(fs.readFileSync(datasetPath("exam", "images", `${name}.raw.gz`))),
    );
    p = { ...index[name]!, pixels };
    pictures.set(name, p);
  }
  return p;
}

const TRAIN_PART = 0.6;

/** A size×size patch at (x, y), as channels-last bytes. */
function cut(p: Picture, x: number, y: number, size: number): Uint8Array {
  const out = new Uint8Array(size * size * p.channels);
  for (let r = 0; r < size; r++) {
    const from = ((y + r) * p.width + x) * p.channels;
    out.set(p.pixels.subarray(from, from + size * p.channels), r * size * p.channels);
  }
  return out;
}

/** One of the 8 rotations/mirrorings of a square patch (k = 0 is the patch itself). */
export function turn(patch: Uint8Array, size: number, channels: number, k: number): Uint8Array {
  const out = new Uint8Array(patch.length);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let rr = r;
      let cc = c;
      for (let q = 0; q < k % 4; q++) [rr, cc] = [cc, size - 1 - rr]; // rotate 90°
      if (k >= 4) cc = size - 1 - cc; // then mirror
      for (let ch = 0; ch < channels; ch++)
        out[(rr * size + cc) * channels + ch] = patch[(r * size + c) * channels + ch]!;
    }
  }
  return out;
}

/** Patches from the training (left) or held-out (right) part of a picture, at seeded positions. */
function patches(
  name: string,
  part: "train" | "heldout",
  count: number,
  size: number,
  seed: number,
): Uint8Array[] {
  const p = picture(name);
  const random = seededRandom(seed);
  const split = Math.floor(p.width * TRAIN_PART);
  const [x0, x1] = part === "train" ? [0, split - size] : [split, p.width - size];
  return Array.from({ length: count }, () =>
    cut(
      p,
      x0 + Math.floor(random() * (x1 - x0 + 1)),
      Math.floor(random() * (p.height - size + 1)),
      size,
    ),
  );
}

interface ImageSpec {
  id: string;
  title: string;
  classes: string[];
  size: number;
  channels: number;
  turned: boolean;
  /**
   * Accuracy for scores 1..5. Measured (wasm, the exam's training seed): reference CNN with
   * 8-fold rotation/mirror augmentation, 8 epochs: textures 0.937, turned 0.933, photo patches
   * 0.915; after 1 epoch: photo patches 0.845 (a 4). Chance: 0.33 / 0.25.
   */
  thresholds: [number, number, number, number, number];
}

const SPECS: ImageSpec[] = [
  {
    id: "textures",
    title: "Brick, grass or gravel? (texture patches)",
    classes: ["brick", "grass", "gravel"],
    size: 32,
    channels: 1,
    turned: false,
    thresholds: [0.5, 0.65, 0.78, 0.86, 0.9],
  },
  {
    id: "textures-turned",
    title: "Brick, grass or gravel — held-out patches rotated or mirrored",
    classes: ["brick", "grass", "gravel"],
    size: 32,
    channels: 1,
    turned: true,
    thresholds: [0.5, 0.65, 0.78, 0.86, 0.9],
  },
  {
    id: "photo-patches",
    title: "Which photo is this colour patch from? (astronaut, cat, coffee, rocket)",
    classes: ["astronaut", "chelsea", "coffee", "rocket"],
    size: 32,
    channels: 3,
    turned: false,
    thresholds: [0.45, 0.6, 0.75, 0.83, 0.88],
  },
];

const TRAIN_PER_CLASS = 150;
const HELD_OUT_PER_CLASS = 100;

function variantOf(spec: ImageSpec): ExamVariant {
  const ext = spec.channels === 1 ? "pgm" : "ppm";
  const trainFolder = (examFolder: string) => path.join(examFolder, "data", "task3", "train");
  return {
    id: spec.id,
    title: spec.title,
    header: [
      `Dataset: ${TRAIN_PER_CLASS} ${spec.size}×${spec.size} ${spec.channels === 1 ? "grey" : "colour"} patches per class in one folder per class: ${spec.classes.join(", ")}.`,
      "examData() returns { folder, classNames, size, channels }; readImageFolder(folder) (src/exam/data) gives",
      "  { images: Uint8Array (n·size·size·channels, channels last), labels: number[], classNames, n }: label = index of the",
      `  folder name in alphabetical order (${spec.classes.map((c, i) => `${i} = ${c}`).join(", ")}).`,
      `Input shape: [${spec.size}, ${spec.size}, ${spec.channels}], pixels scaled to 0..1 (value / 255).`,
      `Output layer: tf.layers.dense({ units: ${spec.classes.length}, activation: "softmax" }); keep it.`,
      `Scored by accuracy on patches from other parts of the same pictures${spec.turned ? ", each rotated by a multiple of 90° and/or mirrored: augment your training images" : ""}.`,
    ],
    contract: {
      inputShape: [spec.size, spec.size, spec.channels],
      outputUnits: spec.classes.length,
      outputActivation: "softmax",
      maxBytes: 5_000_000,
    },
    bands: { metric: "held-out accuracy", better: "higher", thresholds: spec.thresholds },
    prepareFiles: (examFolder: string) => {
      spec.classes.forEach((name, c) => {
        const dir = path.join(trainFolder(examFolder), name);
        fs.mkdirSync(dir, { recursive: true });
        patches(name, "train", TRAIN_PER_CLASS, spec.size, 100 + c).forEach((patch, i) => {
          writeImageFile(
            path.join(dir, `${name}-${String(i).padStart(3, "0")}.${ext}`),
            patch,
            spec.size,
            spec.size,
            spec.channels,
          );
        });
      });
    },
    trainingData: (examFolder?: string) => ({
      folder: trainFolder(examFolder ?? ""),
      classNames: spec.classes.slice(),
      size: spec.size,
      channels: spec.channels,
    }),
    heldOut: (): HeldOut => {
      const perPatch = spec.size * spec.size * spec.channels;
      const all = new Float32Array(spec.classes.length * HELD_OUT_PER_CLASS * perPatch);
      const ys: number[] = [];
      const random = seededRandom(7);
      spec.classes.forEach((name, c) => {
        patches(name, "heldout", HELD_OUT_PER_CLASS, spec.size, 900 + c).forEach((patch, i) => {
          const shown = spec.turned
            ? turn(patch, spec.size, spec.channels, 1 + Math.floor(random() * 7))
            : patch;
          const at = (c * HELD_OUT_PER_CLASS + i) * perPatch;
          for (let k = 0; k < perPatch; k++) all[at + k] = shown[k]! / 255;
          ys.push(c);
        });
      });
      return { xs: tf.tensor4d(all, [ys.length, spec.size, spec.size, spec.channels]), ys };
    },
    metric: (predictions, units, heldOut) => classificationAccuracy(predictions, units, heldOut.ys),
    reference: "image-patches",
    trainSeconds: 600,
  };
}

export const imagesTask: ExamTask = {
  id: "task3",
  number: 3,
  weight: 3,
  category: "Real-world images",
  variants: SPECS.map(variantOf),
};
