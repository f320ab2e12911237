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
import { seededRandom } from "../src/data/random";
import { checkMatrix, Estimator, ShapeError, type Transformer } from "../src/ml/estimator";
// stub: import { todo } from "../src/grading/todo";

/**
 * Exercise 1a — the dot product a·b = Σᵢ aᵢbᵢ.
 *
 * TODO: throw an Error when the lengths differ (a silent mismatch hides bugs), else sum the
 * element-wise products.
 *   e.g. dot([1, 2, 3], [4, 5, 6]) → 1·4 + 2·5 + 3·6 = 32
 */
export function dot(a: number[], b: number[]): number {
  // BEGIN SOLUTION
  if (a.length !== b.length)
    throw new Error(`dot: vectors have lengths ${a.length} and ${b.length}.`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
  // END SOLUTION
}

/**
 * Exercise 1b — the Euclidean (L2) norm ‖a‖ = √(a·a): the length of the vector.
 *
 * TODO: e.g. norm([3, 4]) → 5
 */
export function norm(a: number[]): number {
  // BEGIN SOLUTION
  return Math.sqrt(dot(a, a));
  // END SOLUTION
}

/**
 * Exercise 2 — the projection of a onto the line through b:  proj_b(a) = (a·b / b·b) · b.
 *
 * TODO: return a new vector with the length of b. Throw an Error when b is all zeros (there
 * is no line to project onto).
 *   e.g. projectOnto([2, 3], [1, 0]) → [2, 0];   projectOnto([1, 1], [2, 0]) → [1, 0]
 */
export function projectOnto(a: number[], b: number[]): number[] {
  // BEGIN SOLUTION
  const bb = dot(b, b);
  if (bb === 0) throw new Error("projectOnto: cannot project onto the zero vector.");
  // b·b (not ‖b‖) because b itself is not necessarily a unit vector.
  const scale = dot(a, b) / bb;
  return b.map((v) => scale * v);
  // END SOLUTION
}

/**
 * Exercise 3 — the matrix product C = A·B with plain loops: Cᵢⱼ = Σₖ Aᵢₖ·Bₖⱼ.
 *
 * TODO: A is m×k and B is k×p, so C is m×p. Throw an Error naming both shapes when A's
 * column count differs from B's row count.
 *   e.g. [[1, 2], [3, 4]] · [[5], [6]] → [[17], [39]]
 */
export function matMul(A: number[][], B: number[][]): number[][] {
  // BEGIN SOLUTION
  const m = A.length;
  const k = A[0]?.length ?? 0;
  const p = B[0]?.length ?? 0;
  if (B.length !== k) {
    throw new Error(
      `matMul: A is ${m}×${k} and B is ${B.length}×${p}; A's columns must equal B's rows.`,
    );
  }
  const C: number[][] = [];
  for (let i = 0; i < m; i++) {
    const row = new Array<number>(p).fill(0);
    for (let t = 0; t < k; t++) {
      const a = A[i][t];
      for (let j = 0; j < p; j++) row[j] += a * B[t][j];
    }
    C.push(row);
  }
  return C;
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (X.rows < 2) throw new Error(`covarianceMatrix: need at least 2 rows, got ${X.rows}.`);
  const centred = X.clone().subRowVector(X.mean("column"));
  return centred
    .transpose()
    .mmul(centred)
    .div(X.rows - 1);
  // END SOLUTION
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
  // BEGIN SOLUTION
  const iterations = options.iterations ?? 200;
  const random = seededRandom(options.seed ?? 0);
  let v = Matrix.columnVector(Array.from({ length: A.rows }, () => 2 * random() - 1));
  v = v.div(v.norm());
  for (let it = 0; it < iterations; it++) {
    const Av = A.mmul(v);
    v = Av.div(Av.norm());
  }
  // vᵀAv is a 1×1 matrix; since ‖v‖ = 1 it is the eigenvalue for an exact eigenvector.
  const value = v.transpose().mmul(A).mmul(v).get(0, 0);
  return { value, vector: v.getColumn(0) };
  // END SOLUTION
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
    // BEGIN SOLUTION
    this.validateFit(x);
    const d = x[0].length;
    const k = this.params.nComponents;
    if (!Number.isInteger(k) || k < 1 || k > d) {
      throw new ShapeError(
        `PCA: nComponents must be an integer from 1 to ${d} (the number of features), got ${k}.`,
      );
    }
    const X = new Matrix(x);
    this.mean = X.mean("column");
    const eig = new EigenvalueDecomposition(covarianceMatrix(X), { assumeSymmetric: true });
    // Tiny negative eigenvalues are round-off: a covariance matrix has none.
    const values = eig.realEigenvalues.map((v) => Math.max(v, 0));
    const order = values.map((_, j) => j).sort((i, j) => values[j] - values[i]);
    const top = order.slice(0, k);
    const total = values.reduce((s, v) => s + v, 0);
    this.components = top.map((j) => eig.eigenvectorMatrix.getColumn(j));
    this.explainedVariance = top.map((j) => values[j]);
    this.explainedVarianceRatio = this.explainedVariance.map((v) => v / total);
    return this;
    // END SOLUTION
  }

  /**
   * Exercise 7a — project x (n×d) onto the components: z = (x − mean) · componentsᵀ (n×k).
   *
   * TODO: call this.validatePredict(x, "transform") first (NotFittedError before fit, ShapeError
   * for the wrong width). Centre with the TRAINING mean stored by fit, never x's own mean.
   */
  transform(x: number[][]): number[][] {
    // BEGIN SOLUTION
    this.validatePredict(x, "transform");
    const centred = new Matrix(x).subRowVector(this.mean);
    return centred.mmul(new Matrix(this.components).transpose()).to2DArray();
    // END SOLUTION
  }

  /**
   * Exercise 7b — map coordinates z (n×k) back to feature space: x̂ = z · components + mean (n×d).
   *
   * TODO: throw a NotFittedError (from src/ml/estimator) before fit, and a ShapeError when z
   * does not have k columns.
   *   e.g. with the fit example above, inverseTransform([[Math.SQRT2 * 2]]) → [[2, 2]]
   */
  inverseTransform(z: number[][]): number[][] {
    // BEGIN SOLUTION
    if (!this.isFitted) this.validatePredict(z, "inverseTransform"); // throws NotFittedError
    checkMatrix(z, "PCA.inverseTransform(z)");
    const k = this.components.length;
    if (z[0].length !== k) {
      throw new ShapeError(
        `PCA.inverseTransform: z has ${z[0].length} columns but the model keeps ${k} components.`,
      );
    }
    return new Matrix(z).mmul(new Matrix(this.components)).addRowVector(this.mean).to2DArray();
    // END SOLUTION
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
  // BEGIN SOLUTION
  if (x.length !== xHat.length)
    throw new Error(`reconstructionError: ${x.length} rows vs ${xHat.length} rows.`);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < x[i].length; j++) total += (x[i][j] - xHat[i][j]) ** 2;
  }
  return total / x.length;
  // END SOLUTION
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
  // BEGIN SOLUTION
  const X = new Matrix(x);
  const centred = X.clone().subRowVector(X.mean("column"));
  const svd = new SingularValueDecomposition(centred, { autoTranspose: true });
  return svd.diagonal.map((s) => (s * s) / (X.rows - 1)).sort((a, b) => b - a);
  // END SOLUTION
}
