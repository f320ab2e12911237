/**
 * Lab 02 — Linear algebra for ML: your exercises.
 *
 * Work through `notebooks/02-linear-algebra.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 02`.
 *
 * Conventions used throughout:
 *   A vector is a number[]. A data matrix has one ROW per sample and one COLUMN per feature
 *   (n×d), as a number[][] or an ml-matrix Matrix. Covariances use the sample convention:
 *   divide by n − 1 (like numpy.cov and scikit-learn's PCA).
 */
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from "ml-matrix";
import { Estimator, ShapeError, checkMatrix, type Transformer } from "../src/ml/estimator";
import { seededRandom } from "../src/data";
import { todo } from "../src/grading/todo";

/**
 * Exercise 1a — the dot product a·b = Σᵢ aᵢbᵢ.
 *
 * TODO: throw an Error when the lengths differ (a silent mismatch hides bugs), else sum the
 * element-wise products.
 *   e.g. dot([1, 2, 3], [4, 5, 6]) → 1·4 + 2·5 + 3·6 = 32
 */
export function dot(a: number[], b: number[]): number {
  return todo();
}

/**
 * Exercise 1b — the Euclidean (L2) norm ‖a‖ = √(a·a): the length of the vector.
 *
 * TODO: e.g. norm([3, 4]) → 5
 */
export function norm(a: number[]): number {
  return todo();
}

/**
 * Exercise 2 — the projection of a onto the line through b:  proj_b(a) = (a·b / b·b) · b.
 *
 * TODO: return a new vector with the length of b. Throw an Error when b is all zeros (there
 * is no line to project onto).
 *   e.g. projectOnto([2, 3], [1, 0]) → [2, 0];   projectOnto([1, 1], [2, 0]) → [1, 0]
 */
export function projectOnto(a: number[], b: number[]): number[] {
  return todo();
}

/**
 * Exercise 3 — the matrix product C = A·B with plain loops: Cᵢⱼ = Σₖ Aᵢₖ·Bₖⱼ.
 *
 * TODO: A is m×k and B is k×p, so C is m×p. Throw an Error naming both shapes when A's
 * column count differs from B's row count.
 *   e.g. [[1, 2], [3, 4]] · [[5], [6]] → [[17], [39]]
 */
export function matMul(A: number[][], B: number[][]): number[][] {
  return todo();
}

/**
 * Exercise 4 — the sample covariance matrix of a data matrix X (n×d, rows = samples):
 *   C = (1/(n − 1)) · X̃ᵀX̃,  where X̃ is X with each COLUMN's mean subtracted.
 *
 * TODO: return a d×d Matrix. Cⱼⱼ is the variance of feature j, Cⱼₖ the covariance of
 * features j and k. Do not change X.
 *   e.g. X = [[1, 2], [3, 6]] → column means [2, 4] → X̃ = [[-1, -2], [1, 2]] → C = [[2, 4], [4, 8]]
 */
export function covarianceMatrix(X: Matrix): Matrix {
  return todo();
}

/** The dominant eigenpair found by power iteration. */
export interface Eigenpair {
  /** The eigenvalue λ with the largest absolute value. */
  value: number;
  /** Its eigenvector, with length 1 (‖v‖ = 1). The sign is arbitrary. */
  vector: number[];
}

/**
 * Exercise 5 — power iteration: the top eigenvector of a square matrix A.
 *
 * TODO: start from a random vector (seededRandom(seed), entries in [-1, 1)), then repeat
 * `iterations` times:  v ← A·v / ‖A·v‖   (normalise EVERY step, or the numbers overflow).
 * Return the Rayleigh quotient λ = vᵀAv (v has length 1) and v. Do not change A.
 *   e.g. A = [[2, 1], [1, 2]] → { value: 3, vector: ±[0.7071, 0.7071] }
 */
export function powerIteration(
  A: Matrix,
  options: { iterations?: number; seed?: number } = {},
): Eigenpair {
  return todo();
}

/** PCA's hyperparameters. */
export interface PCAParams {
  /** How many principal components to keep (1 ≤ k ≤ number of features). */
  nComponents: number;
}

/**
 * Exercises 6 and 7 — principal component analysis, a Transformer:
 *
 *   const pca = new PCA({ nComponents: 2 }).fit(xTrain);
 *   const z = pca.transform(xTest);           // n×2 coordinates along the components
 *   const back = pca.inverseTransform(z);     // n×d, the best rank-2 approximation
 *
 * The components are the eigenvectors of the TRAINING covariance matrix, sorted by
 * eigenvalue (largest first). Everything learned (mean, components) comes from fit's x only:
 * the test set is transformed with the training mean.
 */
export class PCA extends Estimator<PCAParams> implements Transformer {
  /** Per-feature means of the training data (length d). */
  mean!: number[];
  /** The principal axes as ROWS (k×d), each of length 1, largest variance first. */
  components!: number[][];
  /** The variance of the training data along each component (its eigenvalue), length k. */
  explainedVariance!: number[];
  /** explainedVariance divided by the TOTAL variance (the sum of all d eigenvalues), length k. */
  explainedVarianceRatio!: number[];

  constructor(params: Partial<PCAParams> = {}) {
    super({ nComponents: 2 }, params);
  }

  /**
   * Exercise 6 — learn the mean, the components and the explained variance from x (n×d).
   *
   * TODO: 1. this.validateFit(x) (clear errors for bad input), and throw a ShapeError unless
   *          1 ≤ nComponents ≤ d.
   *       2. mean = column means; C = covarianceMatrix(new Matrix(x)) (your exercise 4).
   *       3. new EigenvalueDecomposition(C, { assumeSymmetric: true }) gives realEigenvalues
   *          and eigenvectorMatrix (eigenvectors are its COLUMNS) — in ASCENDING order.
   *          Sort by eigenvalue, largest first, and keep the top k.
   *       4. Fill the four fields above; return this.
   *   e.g. x = [[3, 1], [1, 3], [-1, -3], [-3, -1]], k = 1 → eigenvalues 32/3 and 8/3:
   *        components ±[[0.7071, 0.7071]], explainedVariance [10.667], ratio [0.8]
   */
  fit(x: number[][]): this {
    return todo();
  }

  /**
   * Exercise 7a — project x (n×d) onto the components: z = (x − mean) · componentsᵀ (n×k).
   *
   * TODO: call this.validatePredict(x, "transform") first (NotFittedError before fit, ShapeError
   * for the wrong width). Centre with the TRAINING mean stored by fit, never x's own mean.
   */
  transform(x: number[][]): number[][] {
    return todo();
  }

  /**
   * Exercise 7b — map coordinates z (n×k) back to feature space: x̂ = z · components + mean (n×d).
   *
   * TODO: throw a NotFittedError (from src/ml/estimator) before fit, and a ShapeError when z
   * does not have k columns.
   *   e.g. with the fit example above, inverseTransform([[Math.SQRT2 * 2]]) → [[2, 2]]
   */
  inverseTransform(z: number[][]): number[][] {
    return todo();
  }
}

/**
 * Exercise 8 — the mean squared reconstruction error: (1/n) · Σᵢ ‖xᵢ − x̂ᵢ‖².
 *
 * TODO: for each row, the SQUARED Euclidean distance between the original and its
 * reconstruction; then the mean over the n rows (not over all n·d entries).
 *   e.g. x = [[1, 2], [3, 4]], xHat = [[1, 0], [3, 5]] → (4 + 1) / 2 = 2.5
 */
export function reconstructionError(x: number[][], xHat: number[][]): number {
  return todo();
}

/**
 * Exercise 9 — PCA's variances from the singular value decomposition (an independent route).
 *
 * If X̃ (n×d) is the centred data and X̃ = U·S·Vᵀ, then X̃ᵀX̃ = V·S²·Vᵀ, so the covariance's
 * eigenvalues are sᵢ² / (n − 1) and its eigenvectors are V's columns — no covariance needed.
 *
 * TODO: centre the columns, run new SingularValueDecomposition(X̃, { autoTranspose: true }),
 * and return sᵢ² / (n − 1) for every singular value (`.diagonal`), largest first.
 *   e.g. x = [[3, 1], [1, 3], [-1, -3], [-3, -1]] → singular values [5.657, 2.828] → [10.667, 2.667]
 */
export function svdVariances(x: number[][]): number[] {
  return todo();
}
