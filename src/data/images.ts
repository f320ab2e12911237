/**
 * Images in IDX format (the MNIST / Fashion-MNIST file format), plain or gzip-compressed,
 * and the bundled Fashion-MNIST subset (6,000 training and 1,000 test images, 28×28
 * grey levels, balanced classes).
 *
 * IDX: bytes 0-1 are zero, byte 2 is the data type (0x08 = unsigned byte), byte 3 the
 * number of dimensions; then one big-endian uint32 per dimension; then the data.
 */
import * as path from "node:path";
import * as zlib from "node:zlib";
import { DataError, displayPath, readFileOrThrow } from "./errors";
import { datasetPath } from "./registry";
import { requireTf, type Tensor1D, type Tensor4D } from "./tf-lazy";

/** Class names of Fashion-MNIST: FASHION_MNIST_LABELS[classId]. */
export const FASHION_MNIST_LABELS: readonly string[] = Object.freeze([
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
]);

export const FASHION_MNIST_DIR = ["images", "fashion-mnist-subset"] as const;

const UNSIGNED_BYTE = 0x08;

/**
 * Reads an IDX file of unsigned bytes (gzip detected from its first bytes). A relative
 * path is taken from the project root.
 * @returns dims, e.g. [6000, 28, 28] for images or [6000] for labels, and the data in
 *   row-major order (length = product of dims)
 * @throws DataError naming the file for a missing file, bad gzip data, a wrong magic
 *   number, an unsupported data type, or a file shorter than its header says.
 */
export function readIdx(filePath: string): { dims: number[]; data: Uint8Array } {
  const shown = displayPath(filePath);
  let bytes: Uint8Array = readFileOrThrow(filePath);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes);
    } catch (error) {
      throw new DataError(`${shown}: could not decompress gzip data (${(error as Error).message})`);
    }
  }
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataError(`${shown} is not an IDX file: bad magic number (expected 00 00 08 <rank>)`);
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new DataError(
      `${shown}: IDX data type 0x${bytes[2]!.toString(16).padStart(2, "0")} is not supported (only 0x08, unsigned byte)`,
    );
  }
  const rank = bytes[3]!;
  const headerLength = 4 + 4 * rank;
  if (rank === 0 || bytes.length < headerLength) {
    throw new DataError(
      `${shown}: truncated IDX header (${rank} dimensions need ${headerLength} bytes, file has ${bytes.length})`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  const available = bytes.length - headerLength;
  if (available < size) {
    throw new DataError(
      `${shown}: truncated IDX data: dims [${dims.join(", ")}] need ${size} bytes, found ${available}`,
    );
  }
  return { dims, data: bytes.subarray(headerLength, headerLength + size) };
}

/** Fashion-MNIST images as bytes: image i is images[i*784 .. (i+1)*784), row by row. */
export interface FashionMnist {
  /** n·28·28 grey levels 0 (background) .. 255 */
  images: Uint8Array;
  /** n class ids 0..9 (see labelNames) */
  labels: Uint8Array;
  n: number;
  labelNames: string[];
}

/**
 * The bundled Fashion-MNIST subset: "train" has 6,000 images (600 per class), "test"
 * 1,000 (100 per class), in the original files' order.
 * @example const { images, labels, n } = loadFashionMnist("train");
 */
export function loadFashionMnist(split: "train" | "test"): FashionMnist {
  if (split !== "train" && split !== "test") {
    throw new DataError(`Unknown Fashion-MNIST split "${split}". Available: train, test`);
  }
  const prefix = split === "train" ? "train" : "t10k";
  const imagesFile = datasetPath(...FASHION_MNIST_DIR, `${prefix}-images-idx3-ubyte.gz`);
  const labelsFile = datasetPath(...FASHION_MNIST_DIR, `${prefix}-labels-idx1-ubyte.gz`);
  const images = readIdx(imagesFile);
  const labels = readIdx(labelsFile);
  const [n, height, width] = images.dims;
  if (images.dims.length !== 3 || height !== 28 || width !== 28) {
    throw new DataError(
      `${displayPath(imagesFile)}: expected images of shape [n, 28, 28], got [${images.dims.join(", ")}]`,
    );
  }
  if (labels.dims.length !== 1 || labels.dims[0] !== n) {
    throw new DataError(
      `${path.basename(imagesFile)} has ${n} images but ${path.basename(labelsFile)} has ${labels.dims[0]} labels`,
    );
  }
  return {
    images: images.data,
    labels: labels.data,
    n: n!,
    labelNames: FASHION_MNIST_LABELS.slice(),
  };
}

/**
 * The Fashion-MNIST subset as tensors, ready for a CNN:
 * xs float32 [n, 28, 28, 1] with pixels scaled to [0, 1], ys int32 [n] class ids.
 * Dispose them (or create them inside tf.tidy) when done.
 */
export function fashionMnistTensors(split: "train" | "test"): {
  xs: Tensor4D;
  ys: Tensor1D;
} {
  const { images, labels, n } = loadFashionMnist(split);
  const tf = requireTf();
  const pixels = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) pixels[i] = images[i]! / 255;
  return {
    xs: tf.tensor4d(pixels, [n, 28, 28, 1]),
    ys: tf.tensor1d(Int32Array.from(labels), "int32"),
  };
}
