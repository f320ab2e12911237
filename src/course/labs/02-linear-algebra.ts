import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from "ml-matrix";
import { loadFixedSplit, seededRandom } from "../../data";
import {
  diagnose,
  diagnoseGrid,
  expectClose,
  expectFiniteNumber,
  expectGridClose,
  expectGridShape,
  expectMessageNames,
  expectNoThrow,
  expectThat,
  expectToThrow,
  tryToGrid,
} from "../../grading/expect";
import { defineLab } from "../../grading/types";

type Lab = typeof import("../../../solutions/02-linear-algebra");

/*
 * Expected values come from plain loops or from a different decomposition than the one the
 * reference solution uses (SVD of the centred data instead of the covariance's eigenvectors),
 * so a check and a solution cannot share a mistake.
 */

function loopDot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function columnMeans(x: number[][]): number[] {
  const means = new Array<number>(x[0].length).fill(0);
  for (const row of x) {
    for (let j = 0; j < row.length; j++) means[j] += row[j] / x.length;
  }
  return means;
}

/** Sample covariance (n − 1) with loops; `centre: false` gives the uncentred XᵀX/(n − 1). */
function loopCovariance(
  x: number[][],
  options: { denominator?: "n" | "n-1"; centre?: boolean } = {},
): number[][] {
  const n = x.length;
  const d = x[0].length;
  const mu = options.centre === false ? new Array<number>(d).fill(0) : columnMeans(x);
  const div = options.denominator === "n" ? n : n - 1;
  const c = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const row of x) {
    for (let j = 0; j < d; j++)
      for (let k = 0; k < d; k++) c[j][k] += ((row[j] - mu[j]) * (row[k] - mu[k])) / div;
  }
  return c;
}

/**
 * PCA the independent way: an SVD (not a symmetric eigensolver) of the centred data's d×d
 * Gram matrix X̃ᵀX̃ = V·S²·Vᵀ — the n×d SVD itself is several times slower on digits.
 * Rows of `axes` are unit principal axes.
 */
function pcaBySvd(x: number[][]): { mean: number[]; axes: number[][]; variances: number[] } {
  const mean = columnMeans(x);
  const centred = new Matrix(x.map((row) => row.map((v, j) => v - mean[j])));
  const svd = new SingularValueDecomposition(centred.transpose().mmul(centred));
  const order = svd.diagonal.map((_, i) => i).sort((i, j) => svd.diagonal[j] - svd.diagonal[i]);
  return {
    mean,
    axes: order.map((i) => svd.rightSingularVectors.getColumn(i)),
    variances: order.map((i) => svd.diagonal[i] / (x.length - 1)),
  };
}

/** Flips `want` to the sign of `got` (eigenvectors are only defined up to sign). */
function alignSign(want: number[], got: number[]): number[] {
  return loopDot(want, got) < 0 ? want.map((v) => -v) : want;
}

/** A seeded n×d matrix of values in [-scale, scale) plus a per-column offset. */
function randomData(n: number, d: number, seed: number, offset = 0): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () =>
    Array.from({ length: d }, (_, j) => (2 * random() - 1) * (j + 1) + offset * (j + 1)),
  );
}

function expectUnchanged(before: number[][], after: unknown, what: string): void {
  const grid = tryToGrid(after);
  const same = grid?.every((row, i) => row.every((v, j) => v === before[i][j])) === true;
  expectThat(same, {
    message: `${what} changed its input.`,
    likelyCause:
      "ml-matrix's add/sub/mul/div (and subRowVector…) change the matrix they are called on: .clone() first.",
  });
}

/** Checks a vector is numeric with the given length and returns it. */
function expectVector(got: unknown, length: number, what: string, likelyCause?: string): number[] {
  return expectGridShape(got, length, 1, { what, likelyCause }).map((r) => r[0]);
}

/** Checks covarianceMatrix on x against loops, naming the likely mistake. */
function expectCovariance(lab: Lab, x: number[][], what: string, X = new Matrix(x)): void {
  const got = lab.covarianceMatrix(X);
  const n = x.length;
  const want = loopCovariance(x);
  const grid = tryToGrid(got);
  const scaled = (k: number) => want.map((row) => row.map((v) => v * k));
  const rowCentred = x.map((row) => {
    const m = row.reduce((s, v) => s + v, 0) / row.length;
    return row.map((v) => v - m);
  });
  expectGridClose(got, want, {
    what,
    tolerance: 1e-9,
    shapeCause:
      grid?.length === n
        ? "The result is n×n: you computed X̃·X̃ᵀ (samples against samples). Use X̃ᵀ·X̃ for a d×d feature covariance."
        : "The covariance of d features is d×d.",
    likelyCause:
      diagnoseGrid(
        got,
        [
          {
            value: scaled((n - 1) / n),
            cause: "You divided by n: this lab uses the sample covariance, divided by n − 1.",
          },
          { value: scaled(n - 1), cause: "You forgot to divide by n − 1." },
          {
            value: loopCovariance(x, { centre: false }),
            cause: "Centre each column (subtract its mean) before multiplying.",
          },
          {
            value: loopCovariance(rowCentred, { centre: false }),
            cause: "You subtracted each ROW's mean: subtract each COLUMN's (feature's) mean.",
          },
        ],
        1e-9,
      ) ?? "Subtract each COLUMN's mean, then X̃ᵀX̃ / (n − 1).",
  });
}

/**
 * Power iteration as plain loops: the start vector's entries are `start(random())` (the lab's
 * is 2·random() − 1), then `iterations` normalised products. Returns the unit vector and vᵀAv.
 */
function loopPowerIteration(
  A: number[][],
  iterations: number,
  seed: number,
  start: (r: number) => number = (r) => 2 * r - 1,
): { value: number; vector: number[] } {
  const random = seededRandom(seed);
  let v = A.map(() => start(random()));
  v = v.map((x) => x / Math.sqrt(loopDot(v, v)));
  for (let it = 0; it < iterations; it++) {
    const Av = A.map((row) => loopDot(row, v));
    const length = Math.sqrt(loopDot(Av, Av));
    v = Av.map((x) => x / length);
  }
  return {
    value: loopDot(
      v,
      A.map((row) => loopDot(row, v)),
    ),
    vector: v,
  };
}

/** The 2-D fixture used by several PCA checks: eigenvalues 32/3 and 8/3, top axis (1, 1)/√2. */
const FIXTURE = [
  [3, 1],
  [1, 3],
  [-1, -3],
  [-3, -1],
];
const SHIFT = [10, 5];
const SHIFTED = FIXTURE.map((row) => row.map((v, j) => v + SHIFT[j]));

let irisCache: number[][] | undefined;
function irisTrain(): number[][] {
  irisCache ??= loadFixedSplit("iris").train.x;
  return irisCache;
}

export const linearAlgebraLab = defineLab<Lab>({
  id: "02-linear-algebra",
  title: "Linear algebra for ML",
  summary:
    "Compute with vectors and matrices, find eigenvectors, and build PCA from scratch two ways.",
  exercises: [
    {
      id: "dot-and-norm",
      title: "Dot product and norm",
      points: 1,
      exports: ["dot", "norm"],
      hints: [
        "The dot product multiplies matching entries and adds them up. What should happen if the vectors have different lengths?",
        "dot: Σᵢ aᵢ·bᵢ with a for loop (throw new Error(...) first if a.length !== b.length). norm: √(a·a).",
        "dot is a running sum of products over the indices, and the length check comes first so a mismatch is an error, not a silent NaN. norm needs no loop of its own: ‖a‖ is the square root of a·a, so reuse dot.",
      ],
      check: (lab) => {
        expectClose(lab.dot([1, 2, 3], [4, 5, 6]), 32, { what: "dot([1, 2, 3], [4, 5, 6])" });
        const a = [0.5, -2, 3, 1.25, -0.75];
        const b = [2, 1, -1, 4, 0.5];
        expectClose(lab.dot(a, b), loopDot(a, b), { what: "dot on two 5-vectors" });
        const mismatch = expectToThrow(
          () => lab.dot([1, 2, 3], [1, 2]),
          "dot([1, 2, 3], [1, 2]) should throw: the vectors have different lengths.",
          "Throw an Error when a.length !== b.length; a silent answer hides a shape bug.",
        );
        expectThat(!(mismatch instanceof TypeError), {
          message: "dot([1, 2, 3], [1, 2]) threw a TypeError, not your own Error.",
          likelyCause:
            "Throw an Error when a.length !== b.length; a silent answer hides a shape bug.",
        });
        expectMessageNames(
          mismatch,
          /length|size|dimension|differ|match/i,
          "dot([1, 2, 3], [1, 2])",
          "Say what is wrong, e.g. `dot: vectors have lengths 3 and 2.`",
        );
        expectToThrow(
          () => lab.dot([1, 2], [1, 2, 3]),
          "dot([1, 2], [1, 2, 3]) should throw: the vectors have different lengths (the longer one may be either).",
          "Throw an Error whenever a.length !== b.length, whichever vector is longer.",
        );
        const got = lab.norm([3, 4]);
        expectClose(got, 5, {
          what: "norm([3, 4])",
          likelyCause: diagnose(got, [
            { value: 25, cause: "That is the SQUARED norm a·a: take the square root." },
            { value: 7, cause: "That is the L1 norm Σ|aᵢ|: the Euclidean norm is √(Σ aᵢ²)." },
            { value: 4, cause: "That is the max (L∞) norm: the Euclidean norm is √(Σ aᵢ²)." },
          ]),
        });
        const v = [1, -2, 2, -4];
        expectClose(lab.norm(v), 5, {
          what: "norm([1, -2, 2, -4])",
          likelyCause: diagnose(lab.norm(v), [
            { value: 9, cause: "That is the L1 norm Σ|aᵢ|: the Euclidean norm is √(Σ aᵢ²)." },
          ]),
        });
      },
    },
    {
      id: "projection",
      title: "Projection onto a vector",
      points: 1,
      exports: ["projectOnto"],
      hints: [
        "The projection of a onto b lies on the line through b, so it is some multiple c·b. Which c makes a − c·b perpendicular to b?",
        "(a − c·b)·b = 0 gives c = (a·b)/(b·b). Note b·b = ‖b‖², not ‖b‖. Use your dot function.",
        "The result is a multiple of b: compute the scale c = (a·b)/(b·b) once, then multiply every entry of b by it. Throw a clear error when b·b is 0: there is no direction to project onto.",
      ],
      check: (lab) => {
        const basic = tryToGrid(lab.projectOnto([2, 3], [1, 0]));
        const swappedBasic =
          Math.abs((basic?.[0]?.[0] ?? 0) - 4 / 13) < 1e-9 &&
          Math.abs((basic?.[1]?.[0] ?? 0) - 6 / 13) < 1e-9;
        expectGridClose(basic ?? lab.projectOnto([2, 3], [1, 0]), [2, 0], {
          what: "projectOnto([2, 3], [1, 0])",
          likelyCause: swappedBasic
            ? "The arguments are swapped: project a onto b, so the result is a multiple of b."
            : undefined,
        });
        const got = lab.projectOnto([1, 1], [2, 0]);
        const first = tryToGrid(got)?.[0]?.[0];
        expectGridClose(got, [1, 0], {
          what: "projectOnto([1, 1], [2, 0])",
          likelyCause: diagnose(first, [
            {
              value: 2,
              cause: "Divide a·b by b·b = ‖b‖², not by ‖b‖: b is not a unit vector here.",
            },
            { value: 4, cause: "Divide by b·b: (a·b)·b alone is too long unless ‖b‖ = 1." },
          ]),
        });
        const swapped = tryToGrid(lab.projectOnto([3, 0], [1, 1]));
        expectGridClose(swapped, [1.5, 1.5], {
          what: "projectOnto([3, 0], [1, 1])",
          likelyCause:
            swapped?.[1]?.[0] === 0
              ? "The arguments are swapped: project a onto b, so the result is a multiple of b."
              : undefined,
        });
        const random = seededRandom(4);
        const a = Array.from({ length: 6 }, () => 2 * random() - 1);
        const b = Array.from({ length: 6 }, () => 2 * random() - 1);
        const aCopy = [...a];
        const bCopy = [...b];
        const p = expectVector(lab.projectOnto(a, b), 6, "projectOnto on 6-vectors");
        const c = loopDot(a, b) / loopDot(b, b);
        expectGridClose(
          p,
          b.map((v) => c * v),
          { what: "projectOnto on 6-vectors" },
        );
        expectClose(
          loopDot(
            a.map((v, i) => v - p[i]),
            b,
          ),
          0,
          {
            what: "(a − proj)·b, which must be 0 (the residual is perpendicular to b)",
          },
        );
        expectThat(a.every((v, i) => v === aCopy[i]) && b.every((v, i) => v === bCopy[i]), {
          message: "projectOnto changed one of its input vectors.",
          likelyCause: "Build a new array (b.map(...)) instead of writing into a or b.",
        });
        const zero = expectToThrow(
          () => lab.projectOnto([1, 2], [0, 0]),
          "projectOnto(a, [0, 0]) should throw: there is no line through the zero vector.",
          "Check b·b === 0 before dividing by it (0/0 is NaN).",
        );
        expectMessageNames(
          zero,
          /zero/i,
          "projectOnto([1, 2], [0, 0])",
          "Say what is wrong, e.g. `cannot project onto the zero vector.`",
        );
      },
    },
    {
      id: "mat-mul",
      title: "Matrix product with loops",
      points: 2,
      exports: ["matMul"],
      hints: [
        "Entry (i, j) of A·B is the dot product of row i of A with column j of B. What must be true of the shapes for that to make sense?",
        "A is m×k and B is k×p: loop i over m, j over p, and t over k: C[i][j] += A[i][t] * B[t][j]. Check A[0].length === B.length first.",
        "Give the error message both shapes (m×k and k'×p) so the caller sees what did not match. Start every entry of C at 0 and build fresh rows (new Array(p).fill(0)), never alias A's or B's rows. The innermost update is C[i][j] += A[i][t] * B[t][j].",
      ],
      check: (lab) => {
        expectGridClose(
          lab.matMul(
            [
              [1, 2],
              [3, 4],
            ],
            [[5], [6]],
          ),
          [[17], [39]],
          {
            what: "matMul([[1, 2], [3, 4]], [[5], [6]])",
            shapeCause: "A (m×k) times B (k×p) is m×p: here 2×1.",
            likelyCause:
              "Entry (i, j) is Σₜ A[i][t]·B[t][j]: check which index runs over B's rows.",
          },
        );
        const A = randomData(3, 4, 1);
        const B = randomData(4, 2, 2);
        const before = A.map((r) => [...r]);
        const want = new Matrix(A).mmul(new Matrix(B));
        expectGridClose(lab.matMul(A, B), want, {
          what: "matMul of a 3×4 and a 4×2 matrix",
          shapeCause:
            "A (m×k) times B (k×p) is m×p: one row per row of A, one column per column of B.",
          likelyCause: "Entry (i, j) is Σₜ A[i][t]·B[t][j]: check which index runs over B's rows.",
        });
        expectUnchanged(before, A, "matMul");
        const silent = expectToThrow(
          () =>
            lab.matMul(
              [
                [1, 2],
                [3, 4],
              ],
              [
                [1, 0],
                [0, 1],
                [1, 1],
              ],
            ),
          "matMul of a 2×2 and a 3×2 matrix should throw: A has 2 columns but B has 3 rows.",
          "Compare A's column count with B's row count before looping, and throw an Error naming both shapes.",
        );
        expectThat(!(silent instanceof TypeError), {
          message:
            "matMul of a 2×2 and a 3×2 matrix threw a TypeError instead of your own shape error.",
          likelyCause: "Compare A's column count with B's row count before looping.",
        });
        const tooShort = expectToThrow(
          () =>
            lab.matMul(
              [
                [1, 2, 3],
                [4, 5, 6],
              ],
              [
                [1, 0],
                [0, 1],
              ],
            ),
          "matMul of a 2×3 and a 2×2 matrix should throw: A has 3 columns but B has 2 rows.",
          "Compare A's column count with B's row count before looping.",
        );
        expectThat(!(tooShort instanceof TypeError), {
          message: `matMul of a 2×3 and a 2×2 matrix threw "${tooShort.message}" from deep inside the loop.`,
          likelyCause:
            "Compare A's column count with B's row count before looping, and throw an Error naming both shapes.",
        });
        expectMessageNames(
          tooShort,
          /\b3\b.*\b2\b|\b2\b.*\b3\b/s,
          "matMul of a 2×3 and a 2×2 matrix",
          "Name both shapes in the message, e.g. `A is 2×3 and B is 2×2`.",
        );
        // Empty operands: A = [] has no row 0 and B = [] none either; still a clear shape error.
        for (const [A, B, shapes] of [
          [[], [[1, 2]], "a 0×0 and a 1×2"],
          [[[1, 2]], [], "a 1×2 and an empty"],
        ] as const) {
          const empty = expectToThrow(
            () =>
              lab.matMul(
                A.map((r) => [...r]),
                B.map((r) => [...r]),
              ),
            `matMul of ${shapes} matrix should throw: the inner sizes differ.`,
            "Compare A's column count with B's row count before looping.",
          );
          expectThat(!(empty instanceof TypeError), {
            message: `matMul of ${shapes} matrix threw "${empty.message}" instead of your own shape error.`,
            likelyCause:
              "An empty matrix has no row 0: read widths as A[0]?.length ?? 0 and compare before looping.",
          });
        }
      },
    },
    {
      id: "covariance",
      title: "The covariance matrix",
      points: 2,
      exports: ["covarianceMatrix"],
      hints: [
        "Covariance measures how two features vary TOGETHER around their means. Which means: of each row (sample) or of each column (feature)? What shape is the result?",
        "Subtract each column's mean (X.mean('column') gives them), then C = X̃ᵀ·X̃ / (n − 1): a d×d matrix.",
        "subRowVector subtracts a row from every row, in place: clone X first. With the centred matrix X̃, the product X̃ᵀ·X̃ is already d×d; divide it by n − 1, not n. Fewer than 2 rows deserve a clear error.",
      ],
      check: (lab) => {
        // 3 samples × 2 features: means [3, 4], centred rows [-2, -2], [0, 2], [2, 0].
        expectCovariance(
          lab,
          [
            [1, 2],
            [3, 6],
            [5, 4],
          ],
          "covarianceMatrix([[1, 2], [3, 6], [5, 4]])",
        );
        // Two samples are enough for a sample covariance (n − 1 = 1).
        const two = [
          [1, 2],
          [3, 6],
        ];
        expectNoThrow(
          () => lab.covarianceMatrix(new Matrix(two)),
          "covarianceMatrix of 2 samples should work: n − 1 = 1.",
          "Only fewer than 2 rows are too few: check X.rows < 2.",
        );
        expectCovariance(lab, two, "covarianceMatrix([[1, 2], [3, 6]])");
        const oneRow = expectToThrow(
          () => lab.covarianceMatrix(new Matrix([[1, 2]])),
          "covarianceMatrix of a single sample should throw: n − 1 = 0 gives 0/0.",
          "Throw an Error when X.rows < 2.",
        );
        expectMessageNames(
          oneRow,
          /row|sample|least|\b2\b|\b1\b/i,
          "covarianceMatrix of one row",
          "Say what is wrong, e.g. `need at least 2 rows, got 1.`",
        );
        const x = irisTrain();
        const X = new Matrix(x);
        const before = X.to2DArray();
        expectCovariance(lab, x, `covarianceMatrix of the iris training set (${x.length}×4)`, X);
        expectUnchanged(before, X, "covarianceMatrix");
      },
    },
    {
      id: "power-iteration",
      title: "Power iteration",
      points: 2,
      exports: ["powerIteration", "Eigenpair"],
      hints: [
        "Multiplying by A stretches every vector most along the top eigenvector. What happens to a vector if you multiply by A again and again?",
        "Repeat v ← A·v / ‖A·v‖ so the length stays 1. Then the eigenvalue is the Rayleigh quotient vᵀ·A·v.",
        "Start from a random column vector drawn with seededRandom (e.g. entries 2·random() − 1) and normalise it. Each iteration multiplies by A and divides by the new norm. At the end, vᵀ·A·v is a 1×1 matrix: read its single entry with get(0, 0).",
      ],
      check: (lab) => {
        const small = new Matrix([
          [2, 1],
          [1, 2],
        ]);
        const r = lab.powerIteration(small, { iterations: 100, seed: 1 });
        expectClose(r?.value, 3, {
          what: "powerIteration([[2, 1], [1, 2]]).value",
          tolerance: 1e-8,
        });
        const v = expectVector(r.vector, 2, "powerIteration([[2, 1], [1, 2]]).vector");
        expectGridClose(v, alignSign([Math.SQRT1_2, Math.SQRT1_2], v), {
          what: "powerIteration([[2, 1], [1, 2]]).vector",
          tolerance: 1e-6,
          likelyCause: "Normalise v to length 1 (divide by its norm) after every multiplication.",
        });
        expectUnchanged(
          [
            [2, 1],
            [1, 2],
          ],
          small,
          "powerIteration",
        );
        // A negative dominant eigenvalue: ‖A·v‖ would wrongly report +3.
        const negative = lab.powerIteration(
          new Matrix([
            [-3, 0],
            [0, 1],
          ]),
          { iterations: 100, seed: 3 },
        );
        expectClose(negative?.value, -3, {
          what: "powerIteration([[-3, 0], [0, 1]]).value",
          tolerance: 1e-8,
          likelyCause: diagnose(negative?.value, [
            { value: 3, cause: "‖A·v‖ loses the sign: return the Rayleigh quotient vᵀAv." },
            { value: 1, cause: "vᵀv is always 1 for a unit vector: the eigenvalue is vᵀ·A·v." },
          ]),
        });
        // Iris covariance: compare with ml-matrix's symmetric eigensolver.
        const C = new Matrix(loopCovariance(irisTrain()));
        const eig = new EigenvalueDecomposition(C, { assumeSymmetric: true });
        const top = eig.realEigenvalues.indexOf(Math.max(...eig.realEigenvalues));
        const iris = lab.powerIteration(C, { seed: 7 });
        const value = expectFiniteNumber(iris?.value, {
          what: "powerIteration(iris covariance).value",
        });
        expectClose(value, eig.realEigenvalues[top], {
          what: "powerIteration(iris covariance).value",
          tolerance: 1e-8,
          likelyCause: diagnose(value, [
            { value: 1, cause: "vᵀv is always 1 for a unit vector: the eigenvalue is vᵀ·A·v." },
          ]),
        });
        const vi = expectVector(iris.vector, 4, "powerIteration(iris covariance).vector");
        expectClose(Math.sqrt(loopDot(vi, vi)), 1, {
          what: "the length ‖v‖ of the returned eigenvector",
          likelyCause:
            "Normalise v (divide by its norm) after every multiplication, including the last.",
        });
        expectGridClose(vi, alignSign(eig.eigenvectorMatrix.getColumn(top), vi), {
          what: "powerIteration(iris covariance).vector",
          tolerance: 1e-6,
        });
        // A large eigenvalue: without normalising every step, 200 products overflow to Infinity.
        const big = new Matrix([
          [900, 300, 0],
          [300, 800, 100],
          [0, 100, 500],
        ]);
        const bigEig = new EigenvalueDecomposition(big, { assumeSymmetric: true });
        const bigTop = Math.max(...bigEig.realEigenvalues);
        const bigResult = lab.powerIteration(big, { iterations: 200, seed: 5 });
        expectClose(bigResult?.value, bigTop, {
          what: "powerIteration on a matrix with eigenvalues near 1000 (200 iterations)",
          tolerance: 1e-8,
          likelyCause:
            "1000²⁰⁰ overflows to Infinity: divide by the norm inside the loop, every iteration.",
        });
        // After only 2 iterations the result still depends on the start: it must repeat exactly.
        const early = lab.powerIteration(C, { iterations: 2, seed: 7 });
        const again = lab.powerIteration(C, { iterations: 2, seed: 7 });
        expectThat(
          again.vector.every((x, i) => x === early.vector[i]),
          {
            message: "powerIteration is not reproducible: the same seed gave a different vector.",
            likelyCause:
              "Draw the starting vector from seededRandom(options.seed), not Math.random().",
          },
        );
        // Before convergence the answer depends on the seed and the iteration count: compare
        // exact runs (a fixed seed or iteration count, or a start in [0, 1), must fail).
        const c = C.to2DArray();
        for (const run of [
          { iterations: 2, seed: 7 },
          { iterations: 3, seed: 8 },
        ]) {
          const want = loopPowerIteration(c, run.iterations, run.seed);
          const got = lab.powerIteration(C, run);
          const gotVector = expectVector(got?.vector, 4, "powerIteration(...).vector");
          expectGridClose(gotVector, alignSign(want.vector, gotVector), {
            what: `powerIteration(iris covariance, { iterations: ${run.iterations}, seed: ${run.seed} }).vector (not converged yet)`,
            tolerance: 1e-9,
            likelyCause: diagnoseGrid(
              gotVector,
              [
                {
                  value: loopPowerIteration(c, run.iterations + 1, run.seed).vector,
                  cause: "Off by one: the loop runs options.iterations + 1 times.",
                },
                {
                  value: loopPowerIteration(c, run.iterations - 1, run.seed).vector,
                  cause: "Off by one: the loop runs options.iterations − 1 times.",
                },
                {
                  value: loopPowerIteration(c, 200, run.seed).vector,
                  cause: "Use options.iterations: the loop ran the default 200 times.",
                },
                {
                  value: loopPowerIteration(c, run.iterations, 0).vector,
                  cause: "Use options.seed: the start was drawn with seed 0.",
                },
                {
                  value: loopPowerIteration(c, run.iterations, run.seed, (r) => r).vector,
                  cause:
                    "The start vector's entries must be in [-1, 1): 2·random() − 1, not random().",
                },
              ].map((m) => ({ ...m, value: alignSign(m.value, gotVector) })),
              1e-9,
            ),
          });
          expectClose(got.value, want.value, {
            what: `powerIteration(iris covariance, { iterations: ${run.iterations}, seed: ${run.seed} }).value`,
            tolerance: 1e-9,
            likelyCause: "Return the Rayleigh quotient vᵀ·A·v of the final unit vector v.",
          });
        }
        // The defaults (200 iterations, seed 0) on a matrix whose top two eigenvalues are close
        // (1 and 0.98), so 200 iterations are not yet converged and the count shows.
        const slow = [
          [0.99, 0.01, 0],
          [0.01, 0.99, 0],
          [0, 0, 0.5],
        ];
        const slowWant = loopPowerIteration(slow, 200, 0);
        const slowGot = expectVector(
          lab.powerIteration(new Matrix(slow))?.vector,
          3,
          "powerIteration(A).vector",
        );
        expectGridClose(slowGot, alignSign(slowWant.vector, slowGot), {
          what: "powerIteration(A) with the default options on a slowly converging matrix (eigenvalues 1, 0.98, 0.5)",
          tolerance: 1e-9,
          likelyCause:
            "The defaults are iterations = 200 and seed = 0: options.iterations ?? 200, options.seed ?? 0.",
        });
      },
    },
    {
      id: "pca-fit",
      title: "PCA: fit",
      points: 3,
      exports: ["PCA", "PCAParams"],
      hints: [
        "PCA's axes are the directions of largest variance of the TRAINING data: the eigenvectors of its covariance matrix. In which order does EigenvalueDecomposition return them?",
        "mean = X.mean('column'); C = covarianceMatrix(X); eig = new EigenvalueDecomposition(C, { assumeSymmetric: true }). Sort indices by eigenvalue descending, keep k, components[i] = eig.eigenvectorMatrix.getColumn(index); ratio = value / (sum of ALL eigenvalues).",
        "const order = values.map((_, j) => j).sort((i, j) => values[j] - values[i]).slice(0, k); this.components = order.map((j) => eig.eigenvectorMatrix.getColumn(j)); this.explainedVariance = order.map((j) => values[j]); this.explainedVarianceRatio = this.explainedVariance.map((v) => v / total);",
      ],
      check: (lab) => {
        const pca = new lab.PCA({ nComponents: 1 });
        const fitted = pca.fit(SHIFTED.map((r) => [...r]));
        expectThat(fitted === pca, {
          message: "PCA.fit should return the model itself (this), so calls can be chained.",
          likelyCause: "End fit with `return this;`.",
        });
        const mean = expectVector(
          pca.mean,
          2,
          "pca.mean after fitting 4 samples × 2 features",
          "mean holds one value per FEATURE (column means), not per sample.",
        );
        expectGridClose(mean, SHIFT, {
          what: "pca.mean",
          likelyCause: "Use the column means of the training data.",
        });
        const comps = expectGridShape(pca.components, 1, 2, {
          what: "pca.components with nComponents = 1",
          likelyCause: "components holds one ROW per kept component (k×d).",
        });
        const centredTop = [Math.SQRT1_2, Math.SQRT1_2];
        const uncentred = new EigenvalueDecomposition(
          new Matrix(loopCovariance(SHIFTED, { centre: false })),
          { assumeSymmetric: true },
        );
        const uncentredTop = uncentred.eigenvectorMatrix.getColumn(1);
        const isUncentred = Math.abs(Math.abs(loopDot(comps[0], uncentredTop)) - 1) < 1e-6;
        expectGridClose(comps[0], alignSign(centredTop, comps[0]), {
          what: "pca.components[0] on the fixture [[13, 6], [11, 8], [9, 2], [7, 4]]",
          likelyCause: isUncentred
            ? "These are the eigenvectors of the UNCENTRED XᵀX: subtract the mean (use covarianceMatrix)."
            : Math.abs(loopDot(comps[0], centredTop)) < 1e-6
              ? "That is the SMALLEST-variance axis: EigenvalueDecomposition lists eigenvalues in ascending order; sort descending."
              : "The top axis of this cloud is the diagonal (1, 1)/√2.",
        });
        const n = SHIFTED.length;
        const ev = expectVector(pca.explainedVariance, 1, "pca.explainedVariance");
        expectClose(ev[0], 32 / 3, {
          what: "pca.explainedVariance[0] on the fixture",
          likelyCause: diagnose(ev[0], [
            {
              value: (32 / 3) * ((n - 1) / n),
              cause:
                "That is the variance divided by n: use the sample covariance (n − 1), as covarianceMatrix does.",
            },
            {
              value: 8 / 3,
              cause: "That is the SMALLEST eigenvalue: sort eigenvalues in descending order.",
            },
          ]),
        });
        const ratio = expectVector(pca.explainedVarianceRatio, 1, "pca.explainedVarianceRatio");
        expectClose(ratio[0], 0.8, {
          what: "pca.explainedVarianceRatio[0] on the fixture (32/3 of a total 40/3)",
          likelyCause: diagnose(ratio[0], [
            {
              value: 1,
              cause:
                "Divide by the sum of ALL d eigenvalues (the total variance), not only the k you keep.",
            },
            {
              value: 0.2,
              cause:
                "That is the smallest component's share: sort eigenvalues in descending order.",
            },
          ]),
        });

        // Axis-aligned variances 0.9, 40 and 6.4 (by column): the order is numeric, not by
        // position and not as strings ("6.4" > "40" when sorted as text), and k = 2 keeps two.
        const axisData = [
          [1.5, 0, 0],
          [-1.5, 0, 0],
          [0, 10, 0],
          [0, -10, 0],
          [0, 0, 4],
          [0, 0, -4],
        ];
        const axisPca = new lab.PCA({ nComponents: 2 }).fit(axisData.map((r) => [...r]));
        const axisEv = expectVector(
          axisPca.explainedVariance,
          2,
          "pca.explainedVariance with nComponents = 2",
        );
        expectGridClose(axisEv, [40, 6.4], {
          what: "pca.explainedVariance on data with per-axis variances [0.9, 40, 6.4] (nComponents = 2)",
          tolerance: 1e-9,
          likelyCause: diagnoseGrid(axisEv, [
            {
              value: [6.4, 40],
              cause:
                "The eigenvalues were sorted as strings (sort() without a comparator): use sort((a, b) => b − a).",
            },
            {
              value: [0.9, 40],
              cause:
                "Keep the components with the largest eigenvalues, sorted by value, not by position.",
            },
          ]),
        });
        const axisComps = expectGridShape(axisPca.components, 2, 3, {
          what: "pca.components with nComponents = 2 on 3 features",
          likelyCause: "components holds one ROW per kept component (k×d).",
        });
        [
          [0, 1, 0],
          [0, 0, 1],
        ].forEach((axis, i) => {
          expectGridClose(axisComps[i], alignSign(axis, axisComps[i]), {
            what: `pca.components[${i}] on data with per-axis variances [0.9, 40, 6.4]`,
            tolerance: 1e-9,
            likelyCause: "components[i] is the eigenvector of the i-th LARGEST eigenvalue.",
          });
        });
        expectGridClose(axisPca.explainedVarianceRatio, [40 / 47.3, 6.4 / 47.3], {
          what: "pca.explainedVarianceRatio on data with per-axis variances [0.9, 40, 6.4]",
          tolerance: 1e-9,
          likelyCause:
            "Divide by the sum of ALL d eigenvalues (the total variance), not only the k you keep.",
        });
        for (const k of [0, -1]) {
          const bad = expectToThrow(
            () => new lab.PCA({ nComponents: k }).fit(axisData),
            `new PCA({ nComponents: ${k} }).fit(x) should throw: nComponents must be from 1 to d.`,
            "Throw a ShapeError unless 1 ≤ nComponents ≤ d.",
          );
          expectThat(bad.name === "ShapeError", {
            message: `new PCA({ nComponents: ${k} }).fit(x) threw ${bad.name} ("${bad.message}"), not a ShapeError.`,
            likelyCause: "Throw a ShapeError unless 1 ≤ nComponents ≤ d.",
          });
          expectMessageNames(
            bad,
            /nComponents|component/i,
            `new PCA({ nComponents: ${k} }).fit(x)`,
            "Name the bad parameter, e.g. `nComponents must be an integer from 1 to d, got 0.`",
          );
        }

        // Iris (4 features), k = 2 by default: compare with the SVD of the centred data.
        const x = irisTrain();
        const ref = pcaBySvd(x);
        const iris = new lab.PCA().fit(x);
        const irisComps = expectGridShape(iris.components, 2, 4, {
          what: "pca.components on iris with the default nComponents (2)",
          likelyCause:
            "The default nComponents is 2, and components holds one row of length d per component.",
        });
        irisComps.forEach((c, i) => {
          expectClose(Math.sqrt(loopDot(c, c)), 1, {
            what: `the length of component ${i}`,
            likelyCause: "Components are unit vectors (eigenvectors have length 1).",
          });
          expectGridClose(c, alignSign(ref.axes[i], c), {
            what: `pca.components[${i}] on the iris training set`,
            tolerance: 1e-6,
            likelyCause:
              Math.abs(loopDot(c, ref.axes[3 - i])) > 0.999
                ? "The order is reversed: EigenvalueDecomposition lists eigenvalues in ascending order; sort descending."
                : "Components are the covariance eigenvectors with the LARGEST eigenvalues, as rows.",
          });
        });
        const irisEv = expectVector(iris.explainedVariance, 2, "pca.explainedVariance on iris");
        expectGridClose(irisEv, ref.variances.slice(0, 2), {
          what: "pca.explainedVariance on iris",
          tolerance: 1e-8,
        });
        const irisRatio = expectVector(
          iris.explainedVarianceRatio,
          2,
          "pca.explainedVarianceRatio on iris",
        );
        const total = ref.variances.reduce((s, v) => s + v, 0);
        expectGridClose(
          irisRatio,
          ref.variances.slice(0, 2).map((v) => v / total),
          {
            what: "pca.explainedVarianceRatio on iris",
            tolerance: 1e-8,
            likelyCause:
              Math.abs(irisRatio[0] + irisRatio[1] - 1) < 1e-9
                ? "Divide by the sum of ALL d eigenvalues (the total variance), not only the k you keep."
                : undefined,
          },
        );
        expectToThrow(
          () => new lab.PCA({ nComponents: 5 }).fit(x),
          "new PCA({ nComponents: 5 }).fit(iris) should throw: iris has only 4 features.",
          "Throw a ShapeError unless 1 ≤ nComponents ≤ d.",
        );
      },
    },
    {
      id: "pca-transform",
      title: "PCA: transform and inverseTransform",
      points: 2,
      exports: ["PCA"],
      hints: [
        "transform measures each centred sample along each component: a dot product per (sample, component). Which mean must you subtract from a TEST sample?",
        "z = (x − trainMean)·componentsᵀ (n×k) and back: x̂ = z·components + trainMean (n×d). Call validatePredict first.",
        "this.validatePredict(x, 'transform'); return new Matrix(x).subRowVector(this.mean).mmul(new Matrix(this.components).transpose()).to2DArray();",
      ],
      check: (lab) => {
        const pca = new lab.PCA({ nComponents: 1 }).fit(SHIFTED.map((r) => [...r]));
        const sign = Math.sign(tryToGrid(pca.components)?.[0]?.[0] ?? 1) || 1;
        const z = pca.transform([
          [12, 7],
          [10, 5],
        ]);
        const zGrid = tryToGrid(z);
        expectGridClose(z, [[sign * 2 * Math.SQRT2], [0]], {
          what: "transform([[12, 7], [10, 5]]) after fitting the fixture (mean [10, 5], axis (1, 1)/√2)",
          shapeCause: "transform returns n×k: one row per sample, one column per component.",
          likelyCause:
            zGrid && Math.abs(zGrid[0]?.[0] ?? 0) > 10
              ? "Subtract the training mean before projecting."
              : zGrid && Math.abs(zGrid[0]?.[0] - sign * Math.SQRT2) < 1e-6
                ? "You centred x with its OWN mean: use the TRAINING mean stored by fit."
                : undefined,
        });
        const back = pca.inverseTransform([[sign * 2 * Math.SQRT2]]);
        expectGridClose(back, [[12, 7]], {
          what: "inverseTransform of the coordinate of [12, 7]",
          shapeCause: "inverseTransform returns n×d: z (n×k) times components (k×d).",
          likelyCause: "x̂ = z·components + mean: add the training mean back.",
        });
        // Fit on the digits training set, transform the TEST set: compare with the SVD route.
        const { train, test } = loadFixedSplit("digits");
        const ref = pcaBySvd(train.x);
        const k = 10;
        const digits = new lab.PCA({ nComponents: k }).fit(train.x);
        const comps = expectGridShape(digits.components, k, 64, {
          what: "pca.components on digits",
        });
        const axes = ref.axes.slice(0, k).map((a, i) => alignSign(a, comps[i]));
        const rows = test.x.slice(0, 40);
        const want = rows.map((row) =>
          axes.map((a) =>
            loopDot(
              a,
              row.map((v, j) => v - ref.mean[j]),
            ),
          ),
        );
        const ownMean = columnMeans(rows);
        const leaky = rows.map((row) =>
          axes.map((a) =>
            loopDot(
              a,
              row.map((v, j) => v - ownMean[j]),
            ),
          ),
        );
        const gotZ = digits.transform(rows);
        const gotGrid = tryToGrid(gotZ);
        const usedOwnMean =
          gotGrid !== undefined && Math.abs((gotGrid[0]?.[0] ?? 0) - leaky[0][0]) < 1e-6;
        expectGridClose(gotZ, want, {
          what: "transform of 40 digits test images (PCA with 10 components fitted on the training set)",
          tolerance: 1e-6,
          shapeCause: "transform returns n×k.",
          likelyCause: usedOwnMean
            ? "You centred the test set with its OWN mean: that leaks test statistics. Use the training mean from fit."
            : "z = (x − trainMean)·componentsᵀ.",
        });
        const zTrain = digits.transform(train.x);
        const recon = digits.inverseTransform(zTrain);
        const reconGrid = expectGridShape(recon, train.x.length, 64, {
          what: "inverseTransform(transform(xTrain)) on digits",
        });
        // The residual of an orthogonal projection is perpendicular to every kept axis.
        const residual = reconGrid.map((row, i) => row.map((v, j) => train.x[i][j] - v));
        const leak = Math.max(
          ...axes.map((a) =>
            Math.abs(residual.slice(0, 50).reduce((s, r) => s + loopDot(a, r), 0)),
          ),
        );
        expectThat(leak < 1e-6, {
          message:
            "x − inverseTransform(transform(x)) should be perpendicular to every kept component.",
          got: `largest projection of the residual: ${leak.toExponential(2)}`,
          likelyCause: "x̂ = z·components + mean (components as rows, k×d).",
        });
        const full = new lab.PCA({ nComponents: 4 }).fit(irisTrain());
        expectGridClose(full.inverseTransform(full.transform(irisTrain())), irisTrain(), {
          what: "inverseTransform(transform(x)) with all 4 iris components (must give x back)",
          tolerance: 1e-8,
        });
        // The estimator contract: clear errors when unfitted or given the wrong shape.
        const unfitted = expectToThrow(
          () => new lab.PCA().transform([[1, 2]]),
          "transform before fit should throw a NotFittedError.",
          "Call this.validatePredict(x, 'transform') first thing in transform.",
        );
        expectThat(unfitted.name === "NotFittedError", {
          message: `transform before fit threw ${unfitted.name} ("${unfitted.message}") instead of a NotFittedError.`,
          likelyCause: "Call this.validatePredict(x, 'transform') first thing in transform.",
        });
        expectMessageNames(
          unfitted,
          /\btransform/,
          "transform before fit",
          "Name the method that was called: this.validatePredict(x, 'transform').",
        );
        const unfittedBack = expectToThrow(
          () => new lab.PCA().inverseTransform([[1, 2]]),
          "inverseTransform before fit should throw a NotFittedError.",
          "Check this.isFitted first and throw new NotFittedError('PCA', 'inverseTransform').",
        );
        expectThat(unfittedBack.name === "NotFittedError", {
          message: `inverseTransform before fit threw ${unfittedBack.name} ("${unfittedBack.message}") instead of a NotFittedError.`,
          likelyCause:
            "Check this.isFitted first and throw new NotFittedError('PCA', 'inverseTransform').",
        });
        expectMessageNames(
          unfittedBack,
          /inverseTransform/,
          "inverseTransform before fit",
          "Name the method that was called: new NotFittedError('PCA', 'inverseTransform').",
        );
        const wide = expectToThrow(
          () => digits.transform([[1, 2, 3]]),
          "transform of a 3-feature row on a PCA fitted to 64 features should throw a ShapeError.",
          "Call this.validatePredict(x, 'transform'): it checks the width.",
        );
        expectThat(wide.name === "ShapeError", {
          message: `transform with the wrong number of features threw ${wide.name}, not a ShapeError.`,
          likelyCause: "Call this.validatePredict(x, 'transform'): it checks the width.",
        });
        const wrongK = expectToThrow(
          () => digits.inverseTransform([[1, 2, 3]]),
          "inverseTransform of a row with 3 values on a PCA keeping 10 components should throw a ShapeError.",
          "z must have k columns: throw a ShapeError otherwise.",
        );
        expectThat(wrongK.name === "ShapeError", {
          message: `inverseTransform with the wrong number of columns threw ${wrongK.name}, not a ShapeError.`,
          likelyCause: "z must have k columns: throw a ShapeError otherwise.",
        });
        expectMessageNames(
          wrongK,
          /column|component|\b3\b|\b10\b/i,
          "inverseTransform of a 3-column z on a 10-component PCA",
          "Say what is wrong, e.g. `z has 3 columns but the model keeps 10 components.`",
        );
      },
    },
    {
      id: "reconstruction-error",
      title: "Reconstruction error",
      points: 1,
      exports: ["reconstructionError"],
      hints: [
        "For one sample, how far is its reconstruction from the original? Then average that over the samples.",
        "(1/n)·Σᵢ Σⱼ (xᵢⱼ − x̂ᵢⱼ)²: square each difference, sum over a row, then divide the grand total by the number of ROWS.",
        "A double loop over rows i and columns j adds up (x[i][j] − xHat[i][j])². Divide by x.length (rows), not by the number of entries, and throw a clear error when the two matrices have different row counts.",
      ],
      check: (lab) => {
        const got = lab.reconstructionError(
          [
            [1, 2],
            [3, 4],
          ],
          [
            [1, 0],
            [3, 5],
          ],
        );
        expectClose(got, 2.5, {
          what: "reconstructionError([[1, 2], [3, 4]], [[1, 0], [3, 5]])",
          likelyCause: diagnose(got, [
            {
              value: 1.25,
              cause:
                "You averaged over all n·d entries: average the per-SAMPLE squared distance over the n rows.",
            },
            { value: 5, cause: "You summed: divide by the number of rows n." },
            { value: 1.5, cause: "Square the distance: Σⱼ (xᵢⱼ − x̂ᵢⱼ)², without a square root." },
          ]),
        });
        // Identity: projecting the training data onto the top k axes loses exactly the
        // discarded eigenvalues' variance: error = (n − 1)/n · Σ discarded eigenvalues.
        const x = irisTrain();
        const ref = pcaBySvd(x);
        const n = x.length;
        const xHat = x.map((row) => {
          const c = row.map((v, j) => v - ref.mean[j]);
          const out = [...ref.mean];
          for (const a of ref.axes.slice(0, 2)) {
            const t = loopDot(a, c);
            for (let j = 0; j < a.length; j++) out[j] += t * a[j];
          }
          return out;
        });
        const rows = expectToThrow(
          () => lab.reconstructionError(x.slice(0, 3), xHat.slice(0, 2)),
          "reconstructionError of 3 rows against 2 reconstructions should throw.",
          "Throw an Error when x.length !== xHat.length: a missing row is not a zero error.",
        );
        expectMessageNames(
          rows,
          /row|length|sample|\b3\b/i,
          "reconstructionError of 3 rows vs 2",
          "Say what is wrong, e.g. `3 rows vs 2 rows.`",
        );
        const discarded = ref.variances.slice(2).reduce((s, v) => s + v, 0);
        const irisError = lab.reconstructionError(x, xHat);
        const wantError = ((n - 1) / n) * discarded;
        expectClose(irisError, wantError, {
          what: "reconstructionError of iris rebuilt from 2 components",
          tolerance: 1e-8,
          likelyCause: diagnose(
            irisError,
            [
              {
                value: wantError * (n / x[0].length),
                cause:
                  "You divided by the number of columns d: divide by the number of rows n (x.length).",
              },
              {
                value: wantError / x[0].length,
                cause:
                  "You averaged over all n·d entries: average the per-SAMPLE squared distance over the n rows.",
              },
              { value: wantError * n, cause: "You summed: divide by the number of rows n." },
            ],
            1e-8,
          ),
        });
      },
    },
    {
      id: "svd-variances",
      title: "PCA variances from the SVD",
      points: 2,
      exports: ["svdVariances"],
      hints: [
        "The SVD works on the data matrix directly. Which preprocessing step does covarianceMatrix do that you must now do yourself?",
        "Centre each column, then svd = new SingularValueDecomposition(X̃, { autoTranspose: true }); each variance is s² / (n − 1).",
        'Forget centring and the first "variance" is mostly the mean. The singular values come from svd.diagonal; square each, divide by n − 1, and sort descending with a numeric comparator, so they line up with PCA\'s explained variances.',
      ],
      check: (lab) => {
        const got = lab.svdVariances(SHIFTED.map((r) => [...r]));
        const first = tryToGrid(got)?.[0]?.[0];
        expectGridClose(got, [32 / 3, 8 / 3], {
          what: "svdVariances([[13, 6], [11, 8], [9, 2], [7, 4]])",
          likelyCause:
            diagnose(first, [
              { value: 8, cause: "You divided by n: the covariance here divides by n − 1." },
              {
                value: Math.sqrt(32) / 3,
                cause: "Square the singular values: variance = s² / (n − 1).",
              },
              { value: 8 / 3, cause: "Return the variances largest first." },
            ]) ??
            (first !== undefined && first > 50 ? "Centre each column before the SVD." : undefined),
        });
        const x = irisTrain();
        const eig = new EigenvalueDecomposition(new Matrix(loopCovariance(x)), {
          assumeSymmetric: true,
        });
        const want = [...eig.realEigenvalues].sort((a, b) => b - a);
        expectGridClose(lab.svdVariances(x), want, {
          what: "svdVariances on the iris training set (vs the covariance eigenvalues)",
          tolerance: 1e-8,
          shapeCause: "Return one variance per singular value: d = 4 for iris.",
        });
        // Fewer samples than features (3×5): min(n, d) = 3 singular values, and the SVD only
        // gets them right on the transpose (autoTranspose).
        const wide = randomData(3, 5, 11);
        const wideEig = new EigenvalueDecomposition(new Matrix(loopCovariance(wide)), {
          assumeSymmetric: true,
        });
        const wideWant = [...wideEig.realEigenvalues]
          .sort((a, b) => b - a)
          .slice(0, 3)
          .map((v) => Math.max(v, 0));
        expectGridClose(lab.svdVariances(wide), wideWant, {
          what: "svdVariances on 3 samples × 5 features",
          tolerance: 1e-8,
          shapeCause:
            "One variance per singular value: min(n, d) = 3 here. Pass { autoTranspose: true } for wide data.",
          likelyCause: "Pass { autoTranspose: true }: ml-matrix's SVD needs rows ≥ columns.",
        });
      },
    },
  ],
});
