/**
 * Held-out data for grading trained models: images the learner's loaders (src/data) never
 * return, so a model is scored on data it cannot have seen or been tuned on. Not secret — the
 * files are in datasets/heldout/ — only out of the learner's way.
 */
import { readIdx } from "../data/images";
import { datasetPath } from "../data/registry";
import { tf } from "../tf";

export interface HeldOutImages {
  /** n·28·28 grey levels 0..255, image i at [i·784, (i+1)·784). */
  images: Uint8Array;
  labels: Uint8Array;
  n: number;
}

let cache: HeldOutImages | undefined;

/** 2,000 Fashion-MNIST test images (200 per class) that are not in the bundled subset. */
export function heldOutFashionMnist(): HeldOutImages {
  if (!cache) {
    const images = readIdx(datasetPath("heldout", "fashion-mnist", "images-idx3-ubyte.gz"));
    const labels = readIdx(datasetPath("heldout", "fashion-mnist", "labels-idx1-ubyte.gz"));
    cache = { images: images.data, labels: labels.data, n: labels.dims[0]! };
  }
  return cache;
}

/**
 * The held-out images as a [n, 28, 28, 1] float tensor scaled to [0, 1] (the lab's input
 * convention), optionally only the given classes. Dispose `xs` when done.
 */
export function heldOutFashionTensors(classes?: readonly number[]): {
  xs: tf.Tensor4D;
  labels: number[];
} {
  const { images, labels, n } = heldOutFashionMnist();
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (!classes || classes.includes(labels[i]!)) rows.push(i);
  const pixels = new Float32Array(rows.length * 784);
  rows.forEach((row, k) => {
    for (let p = 0; p < 784; p++) pixels[k * 784 + p] = images[row * 784 + p]! / 255;
  });
  return { xs: tf.tensor4d(pixels, [rows.length, 28, 28, 1]), labels: rows.map((r) => labels[r]!) };
}
