import { Matrix, SingularValueDecomposition } from "ml-matrix";

/** A fitted linear model ŷ = intercept + x·weights. */
export interface LeastSquaresFit {
  /** One weight per column of x. */
  weights: number[];
  /** 0 when fitted without an intercept. */
  intercept: number;
  /** Predictions for the rows of x ([nSamples][nFeatures] → [nSamples]). */
  predict(x: number[][]): number[];
}

/**
 * Ordinary least squares: the weights minimising Σ (yᵢ − ŷᵢ)², solved with the SVD
 * pseudo-inverse. Unlike the normal equation, this also works when columns are collinear
 * (e.g. all k one-hot columns plus an intercept): it then returns the minimum-norm solution,
 * whose predictions are still the least-squares ones.
 *
 * @param x [nSamples][nFeatures], finite numbers
 * @param y [nSamples]
 * @param options.intercept add a constant term (default true)
 */
export function fitLeastSquares(
  x: number[][],
  y: number[],
  options: { intercept?: boolean } = {},
): LeastSquaresFit {
  const intercept = options.intercept ?? true;
  if (!Array.isArray(x) || x.length === 0)
    throw new Error("fitLeastSquares: x must be a non-empty number[][].");
  if (y.length !== x.length)
    throw new Error(`fitLeastSquares: x has ${x.length} rows but y has ${y.length} values.`);
  const d = x[0].length;
  x.forEach((row, i) => {
    if (row.length !== d)
      throw new Error(`fitLeastSquares: row ${i} has ${row.length} values; row 0 has ${d}.`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v))
        throw new Error(
          `fitLeastSquares: x[${i}][${j}] is ${v}; impute or drop missing values first.`,
        );
    });
  });
  const design = new Matrix(intercept ? x.map((row) => [1, ...row]) : x.map((row) => [...row]));
  const svd = new SingularValueDecomposition(design, { autoTranspose: true });
  const w = svd.solve(Matrix.columnVector(y)).getColumn(0);
  const weights = intercept ? w.slice(1) : w;
  const b = intercept ? w[0] : 0;
  return {
    weights,
    intercept: b,
    predict: (rows) =>
      rows.map((row, i) => {
        if (row.length !== d)
          throw new Error(
            `predict: row ${i} has ${row.length} values; the model was fitted on ${d}.`,
          );
        return row.reduce((s, v, j) => s + v * weights[j], b);
      }),
  };
}

/** Mean squared error (1/n)·Σ (yᵢ − ŷᵢ)². */
export function meanSquaredError(yTrue: readonly number[], yPred: readonly number[]): number {
  if (yTrue.length !== yPred.length || yTrue.length === 0) {
    throw new Error(
      `meanSquaredError: ${yTrue.length} true values but ${yPred.length} predictions.`,
    );
  }
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (yTrue[i] - yPred[i]) ** 2;
  return s / yTrue.length;
}
