import { Matrix } from "ml-matrix";

/**
 * The design matrix for linear models: a column of ones (the bias / intercept) followed by
 * the features. Shape: [nSamples, 1 + nFeatures].
 */
export function withBiasColumn(x: number[][]): Matrix {
  return new Matrix(x.map((row) => [1, ...row]));
}

/** Targets as an n×1 column matrix. */
export function columnVector(values: number[]): Matrix {
  return Matrix.columnVector(values);
}
