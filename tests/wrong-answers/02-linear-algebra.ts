import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from "ml-matrix";
import * as solution from "../../solutions/02-linear-algebra";
import { seededRandom } from "../../src/data";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const { dot, PCA } = solution;

/** A PCA whose fit learns from a covariance computed some other (wrong) way. */
function pcaWithCovariance(
  covariance: (X: Matrix) => Matrix,
  options: { sortAscending?: boolean; ratioOverKept?: boolean } = {},
) {
  return class WrongPCA extends PCA {
    override fit(x: number[][]): this {
      this.validateFit(x);
      const X = new Matrix(x);
      this.mean = X.mean("column");
      const eig = new EigenvalueDecomposition(covariance(X), { assumeSymmetric: true });
      const values = eig.realEigenvalues;
      const order = values
        .map((_, j) => j)
        .sort((i, j) => (options.sortAscending ? values[i] - values[j] : values[j] - values[i]));
      const top = order.slice(0, this.params.nComponents);
      this.components = top.map((j) => eig.eigenvectorMatrix.getColumn(j));
      this.explainedVariance = top.map((j) => values[j]);
      const total = (options.ratioOverKept ? this.explainedVariance : values).reduce(
        (s, v) => s + v,
        0,
      );
      this.explainedVarianceRatio = this.explainedVariance.map((v) => v / total);
      return this;
    }
  };
}

const centred = (X: Matrix) => X.clone().subRowVector(X.mean("column"));

/** The reference power iteration with its start, loop count or defaults changed. */
function powerWith(change: {
  start?: (r: number) => number;
  iterations?: (given: number | undefined) => number;
  seed?: (given: number | undefined) => number;
}): Lab["powerIteration"] {
  return (A, options = {}) => {
    const iterations = change.iterations?.(options.iterations) ?? options.iterations ?? 200;
    const random = seededRandom(change.seed?.(options.seed) ?? options.seed ?? 0);
    const start = change.start ?? ((r: number) => 2 * r - 1);
    let v = Matrix.columnVector(Array.from({ length: A.rows }, () => start(random())));
    v = v.div(v.norm());
    for (let it = 0; it < iterations; it++) {
      const Av = A.mmul(v);
      v = Av.div(Av.norm());
    }
    return { value: v.transpose().mmul(A).mmul(v).get(0, 0), vector: v.getColumn(0) };
  };
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  {
    exercise: "dot-and-norm",
    mistake: "squared norm (no square root)",
    impl: { norm: (a) => dot(a, a) },
    expectMessage: /SQUARED norm/,
  },
  {
    exercise: "dot-and-norm",
    mistake: "L1 norm",
    impl: { norm: (a) => a.reduce((s, v) => s + Math.abs(v), 0) },
    expectMessage: /L1 norm/,
  },
  {
    exercise: "dot-and-norm",
    mistake: "dot silently ignores a length mismatch",
    impl: { dot: (a, b) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0) },
    expectMessage: /different lengths/,
  },
  {
    exercise: "projection",
    mistake: "divides by ‖b‖ instead of b·b",
    impl: {
      projectOnto: (a, b) => {
        const c = dot(a, b) / Math.sqrt(dot(b, b));
        return b.map((v) => c * v);
      },
    },
    expectMessage: /‖b‖²/,
  },
  {
    exercise: "projection",
    mistake: "projects b onto a (arguments swapped)",
    impl: { projectOnto: (a, b) => solution.projectOnto(b, a) },
    expectMessage: /swapped/,
  },
  {
    exercise: "projection",
    mistake: "no guard for the zero vector (returns NaN)",
    impl: {
      projectOnto: (a, b) => {
        const c = dot(a, b) / dot(b, b);
        return b.map((v) => c * v);
      },
    },
    expectMessage: /zero vector/,
  },
  {
    exercise: "mat-mul",
    mistake: "wrong index into B (B[j][t])",
    impl: {
      matMul: (A, B) =>
        A.map((row) => B[0].map((_, j) => row.reduce((s, a, t) => s + a * (B[j]?.[t] ?? 0), 0))),
    },
    expectMessage: /B's rows/,
  },
  {
    exercise: "mat-mul",
    mistake: "no shape check",
    impl: {
      matMul: (A, B) =>
        A.map((row) => B[0].map((_, j) => row.reduce((s, a, t) => s + a * B[t][j], 0))),
    },
    expectMessage: /before looping/,
  },
  {
    exercise: "covariance",
    mistake: "divides by n (population) instead of n − 1",
    impl: {
      covarianceMatrix: (X) => {
        const c = centred(X);
        return c.transpose().mmul(c).div(X.rows);
      },
    },
    expectMessage: /divided by n/,
  },
  {
    exercise: "covariance",
    mistake: "forgets to centre",
    impl: {
      covarianceMatrix: (X) =>
        X.transpose()
          .mmul(X)
          .div(X.rows - 1),
    },
    expectMessage: /Centre each column/,
  },
  {
    exercise: "covariance",
    mistake: "rows instead of columns (n×n)",
    impl: {
      covarianceMatrix: (X) => {
        const c = centred(X);
        return c.mmul(c.transpose()).div(X.rows - 1);
      },
    },
    expectMessage: /n×n/,
  },
  {
    exercise: "covariance",
    mistake: "centres X in place",
    impl: {
      covarianceMatrix: (X) => {
        const c = X.subRowVector(X.mean("column"));
        return c
          .transpose()
          .mmul(c)
          .div(X.rows - 1);
      },
    },
    expectMessage: /clone/,
  },
  {
    exercise: "power-iteration",
    mistake: "eigenvalue as ‖Av‖ (loses the sign)",
    impl: {
      powerIteration: (A, o) => {
        const r = solution.powerIteration(A, o);
        return { value: A.mmul(Matrix.columnVector(r.vector)).norm(), vector: r.vector };
      },
    },
    expectMessage: /Rayleigh/,
  },
  {
    exercise: "power-iteration",
    mistake: "normalises only at the end (overflow)",
    impl: {
      powerIteration: (A, o = {}) => {
        let v = Matrix.columnVector(new Array(A.rows).fill(1));
        for (let i = 0; i < (o.iterations ?? 200); i++) v = A.mmul(v);
        v = v.div(v.norm());
        return { value: v.transpose().mmul(A).mmul(v).get(0, 0), vector: v.getColumn(0) };
      },
    },
    expectMessage: /overflow|every iteration/,
  },
  {
    exercise: "power-iteration",
    mistake: "never normalises the returned vector",
    impl: {
      powerIteration: (A, o) => {
        const r = solution.powerIteration(A, o);
        return { value: r.value, vector: r.vector.map((v) => v * r.value) };
      },
    },
    expectMessage: /Normalise/,
  },
  {
    exercise: "power-iteration",
    mistake: "Math.random start",
    impl: {
      powerIteration: (A, o) =>
        solution.powerIteration(A, { ...o, seed: Math.floor(Math.random() * 1e9) }),
    },
    expectMessage: /seededRandom/,
  },
  {
    exercise: "pca-fit",
    mistake: "does not sort components by eigenvalue (ascending order)",
    impl: { PCA: pcaWithCovariance(solution.covarianceMatrix, { sortAscending: true }) },
    expectMessage: /ascending/,
  },
  {
    exercise: "pca-fit",
    mistake: "forgets to centre (uncentred XᵀX)",
    impl: {
      PCA: pcaWithCovariance((X) =>
        X.transpose()
          .mmul(X)
          .div(X.rows - 1),
      ),
    },
    expectMessage: /UNCENTRED/,
  },
  {
    exercise: "pca-fit",
    mistake: "explained variance divided by n",
    impl: {
      PCA: pcaWithCovariance((X) => {
        const c = centred(X);
        return c.transpose().mmul(c).div(X.rows);
      }),
    },
    expectMessage: /divided by n/,
  },
  {
    exercise: "pca-fit",
    mistake: "ratio over the kept components only",
    impl: { PCA: pcaWithCovariance(solution.covarianceMatrix, { ratioOverKept: true }) },
    expectMessage: /ALL d eigenvalues/,
  },
  {
    exercise: "pca-fit",
    mistake: "components as columns (d×k)",
    impl: {
      PCA: class extends PCA {
        override fit(x: number[][]): this {
          super.fit(x);
          this.components = new Matrix(this.components).transpose().to2DArray();
          return this;
        }
      },
    },
    expectMessage: /one ROW per kept component/,
  },
  {
    exercise: "pca-fit",
    mistake: "row means instead of column means",
    impl: {
      PCA: class extends PCA {
        override fit(x: number[][]): this {
          super.fit(x);
          this.mean = new Matrix(x).mean("row");
          return this;
        }
      },
    },
    expectMessage: /per FEATURE/,
  },
  {
    exercise: "pca-transform",
    mistake: "centres the data with its own mean (leakage)",
    impl: {
      PCA: class extends PCA {
        override transform(x: number[][]): number[][] {
          this.validatePredict(x, "transform");
          return centred(new Matrix(x)).mmul(new Matrix(this.components).transpose()).to2DArray();
        }
      },
    },
    expectMessage: /OWN mean/,
  },
  {
    exercise: "pca-transform",
    mistake: "forgets to centre",
    impl: {
      PCA: class extends PCA {
        override transform(x: number[][]): number[][] {
          this.validatePredict(x, "transform");
          return new Matrix(x).mmul(new Matrix(this.components).transpose()).to2DArray();
        }
      },
    },
    expectMessage: /Subtract the training mean/,
  },
  {
    exercise: "pca-transform",
    mistake: "inverseTransform forgets to add the mean back",
    impl: {
      PCA: class extends PCA {
        override inverseTransform(z: number[][]): number[][] {
          return new Matrix(z).mmul(new Matrix(this.components)).to2DArray();
        }
      },
    },
    expectMessage: /add the training mean back/,
  },
  {
    exercise: "pca-transform",
    mistake: "no fitted / shape validation in transform",
    impl: {
      PCA: class extends PCA {
        override transform(x: number[][]): number[][] {
          const c = new Matrix(x).subRowVector(this.mean ?? []);
          return c.mmul(new Matrix(this.components ?? [[]]).transpose()).to2DArray();
        }
      },
    },
    expectMessage: /NotFittedError/,
  },
  {
    exercise: "pca-transform",
    mistake: "inverseTransform without a width check",
    impl: {
      PCA: class extends PCA {
        override inverseTransform(z: number[][]): number[][] {
          if (!this.isFitted) return super.inverseTransform(z);
          const k = this.components.length;
          const padded = z.map((row) => Array.from({ length: k }, (_, j) => row[j] ?? 0));
          return super.inverseTransform(padded);
        }
      },
    },
    expectMessage: /k columns/,
  },
  {
    exercise: "reconstruction-error",
    mistake: "mean over all n·d entries",
    impl: {
      reconstructionError: (x, xHat) => solution.reconstructionError(x, xHat) / x[0].length,
    },
    expectMessage: /all n·d entries/,
  },
  {
    exercise: "reconstruction-error",
    mistake: "mean distance (square root per row)",
    impl: {
      reconstructionError: (x, xHat) =>
        x.reduce(
          (s, row, i) => s + Math.sqrt(row.reduce((t, v, j) => t + (v - xHat[i][j]) ** 2, 0)),
          0,
        ) / x.length,
    },
    expectMessage: /Square the distance/,
  },
  {
    exercise: "reconstruction-error",
    mistake: "sum instead of mean",
    impl: { reconstructionError: (x, xHat) => solution.reconstructionError(x, xHat) * x.length },
    expectMessage: /You summed/,
  },
  {
    exercise: "svd-variances",
    mistake: "forgets to square the singular values",
    impl: {
      svdVariances: (x) => {
        const X = centred(new Matrix(x));
        return new SingularValueDecomposition(X, { autoTranspose: true }).diagonal.map(
          (s) => s / (x.length - 1),
        );
      },
    },
    expectMessage: /Square the singular values/,
  },
  {
    exercise: "svd-variances",
    mistake: "forgets to centre",
    impl: {
      svdVariances: (x) =>
        new SingularValueDecomposition(new Matrix(x), { autoTranspose: true }).diagonal.map(
          (s) => (s * s) / (x.length - 1),
        ),
    },
    expectMessage: /Centre each column/,
  },
  {
    exercise: "svd-variances",
    mistake: "divides by n",
    impl: {
      svdVariances: (x) => solution.svdVariances(x).map((v) => (v * (x.length - 1)) / x.length),
    },
    expectMessage: /divided by n/,
  },
  {
    exercise: "dot-and-norm",
    mistake: "throws only when a is the longer vector",
    impl: {
      dot: (a, b) => {
        if (a.length > b.length) throw new Error("dot: lengths differ");
        return a.reduce((s, v, i) => s + v * b[i], 0);
      },
    },
    expectMessage: /whichever vector is longer/,
  },
  {
    exercise: "covariance",
    mistake: "subtracts each row's mean",
    impl: {
      covarianceMatrix: (X) => {
        const c = X.clone().subColumnVector(X.mean("row"));
        return c
          .transpose()
          .mmul(c)
          .div(X.rows - 1);
      },
    },
    expectMessage: /ROW's mean/,
  },
  {
    exercise: "power-iteration",
    mistake: "ignores options.iterations (always 200)",
    impl: { powerIteration: powerWith({ iterations: () => 200 }) },
    expectMessage: /options\.iterations/,
  },
  {
    exercise: "power-iteration",
    mistake: "ignores options.seed (always 0)",
    impl: { powerIteration: powerWith({ seed: () => 0 }) },
    expectMessage: /options\.seed/,
  },
  {
    exercise: "power-iteration",
    mistake: "start vector in [0, 1)",
    impl: { powerIteration: powerWith({ start: (r) => r }) },
    expectMessage: /\[-1, 1\)/,
  },
  {
    exercise: "power-iteration",
    mistake: "loop runs iterations + 1 times",
    impl: { powerIteration: powerWith({ iterations: (n) => (n ?? 200) + 1 }) },
    expectMessage: /Off by one/,
  },
  {
    exercise: "power-iteration",
    mistake: "default of 100 iterations",
    impl: { powerIteration: powerWith({ iterations: (n) => n ?? 100 }) },
    expectMessage: /defaults are iterations = 200/,
  },
  {
    exercise: "pca-fit",
    mistake: "eigenvalues sorted as strings (sort() without a comparator)",
    impl: {
      PCA: class extends PCA {
        override fit(x: number[][]): this {
          const X = new Matrix(x);
          this.mean = X.mean("column");
          const eig = new EigenvalueDecomposition(solution.covarianceMatrix(X), {
            assumeSymmetric: true,
          });
          const values = eig.realEigenvalues;
          const sorted = [...values].sort().reverse();
          const top = sorted.slice(0, this.params.nComponents).map((v) => values.indexOf(v));
          const total = values.reduce((s, v) => s + v, 0);
          this.components = top.map((j) => eig.eigenvectorMatrix.getColumn(j));
          this.explainedVariance = top.map((j) => values[j]);
          this.explainedVarianceRatio = this.explainedVariance.map((v) => v / total);
          return this;
        }
      },
    },
    expectMessage: /as strings|SMALLEST/,
  },
  {
    exercise: "pca-fit",
    mistake: "accepts nComponents = 0",
    impl: {
      PCA: class extends PCA {
        override fit(x: number[][]): this {
          // Only k > d is rejected: k = 0 "fits" with no components.
          if (this.params.nComponents > 0) return super.fit(x);
          this.mean = new Matrix(x).mean("column");
          this.components = [];
          this.explainedVariance = [];
          this.explainedVarianceRatio = [];
          return this;
        }
      },
    },
    expectMessage: /nComponents: 0/,
  },
  {
    exercise: "reconstruction-error",
    mistake: "divides by the number of columns",
    impl: {
      reconstructionError: (x, xHat) =>
        (solution.reconstructionError(x, xHat) * x.length) / x[0].length,
    },
    expectMessage: /number of columns/,
  },
  {
    exercise: "dot-and-norm",
    mistake: "dot throws an empty error message",
    impl: {
      dot: (a, b) => {
        if (a.length !== b.length) throw new Error("");
        return solution.dot(a, b);
      },
    },
    expectMessage: /does not say what is wrong/,
  },
  {
    exercise: "mat-mul",
    mistake: "reads A[0].length without a guard (TypeError on an empty matrix)",
    impl: {
      matMul: (A, B) => {
        if (B.length !== A[0].length)
          throw new Error(`A is ${A.length}×${A[0].length}, B has ${B.length} rows.`);
        return solution.matMul(A, B);
      },
    },
    expectMessage: /empty matrix has no row 0/,
  },
  {
    exercise: "covariance",
    mistake: "rejects 2 samples (X.rows <= 2)",
    impl: {
      covarianceMatrix: (X) => {
        if (X.rows <= 2) throw new Error(`need more than 2 rows, got ${X.rows}.`);
        return solution.covarianceMatrix(X);
      },
    },
    expectMessage: /2 samples should work/,
  },
  {
    exercise: "covariance",
    mistake: "no guard for a single sample (returns NaN)",
    impl: {
      covarianceMatrix: (X) => {
        const c = X.clone().subRowVector(X.mean("column"));
        return c
          .transpose()
          .mmul(c)
          .div(X.rows - 1);
      },
    },
    expectMessage: /single sample should throw/,
  },
  {
    exercise: "reconstruction-error",
    mistake: "ignores a row-count mismatch",
    impl: {
      reconstructionError: (x, xHat) => {
        let total = 0;
        for (let i = 0; i < x.length; i++) {
          for (let j = 0; j < x[i].length; j++) total += (x[i][j] - (xHat[i]?.[j] ?? 0)) ** 2;
        }
        return total / x.length;
      },
    },
    expectMessage: /3 rows against 2/,
  },
  {
    exercise: "svd-variances",
    mistake: "SVD without autoTranspose (wrong on wide data)",
    impl: {
      svdVariances: (x) => {
        const X = new Matrix(x);
        const c = X.clone().subRowVector(X.mean("column"));
        const svd = new SingularValueDecomposition(c, { computeLeftSingularVectors: false });
        return svd.diagonal.map((s) => (s * s) / (X.rows - 1));
      },
    },
    expectMessage: /autoTranspose/,
  },
];
