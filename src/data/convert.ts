/**
 * Conversions from plain arrays to ml-matrix matrices and TensorFlow.js tensors. Both
 * libraries are loaded on first use, so importing the data layer stays fast.
 */
import type { Matrix } from "ml-matrix";
import { DataError } from "./errors";
import type { Dataset } from "./tabular";
import { requireTf, type Tensor1D, type Tensor2D } from "./tf-lazy";

/** Checks x is a non-empty rectangular number[][] and returns [rows, columns]. */
function shapeOf(x: number[][], where: string): [number, number] {
  if (!Array.isArray(x) || x.length === 0 || !Array.isArray(x[0])) {
    throw new DataError(`${where}: expected a non-empty number[][] ([nSamples][nFeatures])`);
  }
  const cols = x[0].length;
  x.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new DataError(
        `${where}: row ${i} has ${Array.isArray(row) ? row.length : "no"} values, expected ${cols}`,
      );
    }
  });
  return [x.length, cols];
}

/** number[][] ([nSamples][nFeatures]) → ml-matrix Matrix of the same shape. */
export function toMatrix(x: number[][]): Matrix {
  shapeOf(x, "toMatrix");
  const { Matrix: MatrixClass } = require("ml-matrix") as typeof import("ml-matrix");
  return new MatrixClass(x);
}

/** number[] → ml-matrix column vector [n, 1]. */
export function toColumnMatrix(y: number[]): Matrix {
  const { Matrix: MatrixClass } = require("ml-matrix") as typeof import("ml-matrix");
  return MatrixClass.columnVector(y);
}

/** number[][] → float32 tf.Tensor2D [nSamples, nFeatures]. */
export function toTensor2d(x: number[][]): Tensor2D {
  const [rows, cols] = shapeOf(x, "toTensor2d");
  const flat = new Float32Array(rows * cols);
  x.forEach((row, i) => {
    flat.set(row, i * cols);
  });
  return requireTf().tensor2d(flat, [rows, cols]);
}

/** number[] → tf.Tensor1D; use "int32" for class ids (sparse categorical losses). */
export function toTensor1d(y: number[], dtype: "float32" | "int32" = "float32"): Tensor1D {
  const tf = requireTf();
  return dtype === "int32"
    ? tf.tensor1d(Int32Array.from(y), "int32")
    : tf.tensor1d(Float32Array.from(y), "float32");
}

/**
 * A Dataset as tensors: xs float32 [n, nFeatures]; ys int32 [n] for classification
 * datasets (those with labelNames), float32 [n] otherwise. Dispose them when done.
 */
export function datasetToTensors(dataset: Dataset): { xs: Tensor2D; ys: Tensor1D } {
  if (dataset.y.length !== dataset.x.length) {
    throw new DataError(
      `Dataset "${dataset.name}": x has ${dataset.x.length} rows but y has ${dataset.y.length}`,
    );
  }
  const xs = toTensor2d(dataset.x);
  return { xs, ys: toTensor1d(dataset.y, dataset.labelNames ? "int32" : "float32") };
}
