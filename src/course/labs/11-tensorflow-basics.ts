import { seededRandom } from "../../data/random";
import { bandScore } from "../../grading/bands";
import { fail } from "../../grading/check-failure";
import { expectThat, formatNumber, describe as show } from "../../grading/expect";
import {
  expectModel,
  expectNoLeak,
  expectOutputLayer,
  expectParamCount,
  liveTensors,
  summarizeModel,
} from "../../grading/expect-model";
import { isTodoError } from "../../grading/todo";
import { checkCallbacks } from "../../grading/training";
import { defineLab } from "../../grading/types";
import { ready, tf } from "../../tf";
import { buildLinearRegressor } from "../../tf/models/basics";
import { withSeed } from "../../tf/seed";

type Lab = typeof import("../../../solutions/11-tensorflow-basics");

/*
 * Expected values come from plain loops written here (means, gradients, SGD and Adam
 * updates), independently of the reference solution; leaks are counted with
 * tf.memory().numTensors around the learner's calls.
 *
 * Calibration of fit-evaluate (the only check that trains through the Layers API): the
 * reference fitAndEvaluate on the check's data (y = 2·x1 − x2 + 0.5·x3 + 1 + N(0, 0.3²),
 * 240 train / 80 test rows, buildLinearRegressor(3, 0.1) = Adam 0.1, 40 epochs, batch 32),
 * wasm backend, seeds 11–15 (seed = weight init + fit shuffle + data):
 *   test MSE 0.0899, 0.0961, 0.0924, 0.1014, 0.1040 (mean 0.097, spread 0.090–0.104; the
 *   noise floor is 0.09). After only 2 epochs (a fit that ignores `epochs`): 0.12–1.25
 *   (0.39 on seed 11). Band: full marks at MSE ≤ 0.13, none at ≥ 0.5. The check trains on
 *   seed 11 (the spy on fit also rejects wrong epochs / batchSize / missing callbacks).
 * Timings: the reference fit takes 0.3–0.5 s (wasm); in-process the whole fit-evaluate check
 * takes 2.5 s, from a notebook (child process start + tfjs load) ≈ 4.5–5.5 s on the busy
 * 2-core box. Every other check runs in 5–400 ms in-process (1.7–4.7 s per check cell in the
 * notebook, worker start included). Mutation score 100 % (48 mutants, 2 listed equivalent).
 */

// ---------- helpers ----------

type Grid = number[][];

function isTensor(value: unknown): value is tf.Tensor {
  return value instanceof tf.Tensor;
}

/** Fails unless `value` is a live tf.Tensor; returns it typed. */
function expectTensor(value: unknown, what: string): tf.Tensor {
  if (isTensor(value)) {
    expectThat(!value.isDisposed, {
      message: `${what} returned a tensor that is already disposed.`,
      likelyCause:
        "Return the result of tf.tidy (it is kept), or do not dispose the tensor you return.",
    });
    return value;
  }
  return fail({
    message: `${what} should return a tf.Tensor.`,
    expected: "a tf.Tensor",
    got: show(value),
    likelyCause: Array.isArray(value)
      ? "You returned a plain array: return the tensor itself (the caller reads it)."
      : "Return the tensor you computed.",
  });
}

const shapeText = (shape: readonly (number | null)[]) => `[${shape.join(", ")}]`;
const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

function expectShape(t: tf.Tensor, shape: number[], what: string, likelyCause?: string): void {
  if (sameShape(t.shape, shape)) return;
  fail({
    message: `${what} has the wrong shape.`,
    expected: `shape ${shapeText(shape)}`,
    got: `shape ${shapeText(t.shape)}`,
    likelyCause,
  });
}

function expectDtype(t: tf.Tensor, dtype: tf.DataType, what: string, likelyCause: string): void {
  if (t.dtype === dtype) return;
  fail({
    message: `${what} has dtype "${t.dtype}"; it should be "${dtype}".`,
    expected: `dtype "${dtype}"`,
    got: `dtype "${t.dtype}"`,
    likelyCause,
  });
}

const flat = (g: Grid) => g.flat();
const valuesOf = (t: tf.Tensor) => Array.from(t.dataSync());
const close = (a: number, b: number, tol: number) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const allClose = (got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-4) =>
  got.length === want.length &&
  Array.from(want).every((v, i) => Number.isFinite(got[i]!) && close(got[i]!, v, tol));

/** Fails unless `got` holds `want` element by element (same length), naming the first bad one. */
function expectValues(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  what: string,
  likelyCause?: string,
  tol = 1e-4,
): void {
  if (allClose(got, want, tol)) return;
  const i = Array.from(want).findIndex((v, k) => !close(got[k] ?? Number.NaN, v, tol));
  fail({
    message:
      got.length !== want.length
        ? `${what} has ${got.length} values; expected ${want.length}.`
        : `${what} is wrong at element ${i}: expected ${formatNumber(want[i]!)}, got ${formatNumber(got[i]!)}.`,
    expected: show(Array.from(want).slice(0, 8)),
    got: show(Array.from(got).slice(0, 8)),
    likelyCause,
  });
}

function randomGrid(rows: number, cols: number, seed: number, scale: number[] = []): Grid {
  const random = seededRandom(seed);
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, (_, j) => (scale[j] ?? 1) * (2 * random() - 1) + j),
  );
}

/** Runs `fn`; a learner error whose message names broadcasting becomes a clear failure. */
function callWithBroadcastHint<T>(fn: () => T, what: string, likelyCause: string): T {
  try {
    return fn();
  } catch (err) {
    if (isTodoError(err)) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/broadcast/i.test(message)) {
      return fail({
        message: `${what} threw: ${message}`,
        expected: "shapes that broadcast",
        got: "an error from TF.js",
        likelyCause,
      });
    }
    throw err;
  }
}

/** The column statistics by loops: means and population stds over the rows. */
function columnStats(x: Grid, sample = false) {
  const n = x.length;
  const d = x[0].length;
  const means = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j], 0) / n);
  const stds = means.map((m, j) =>
    Math.sqrt(x.reduce((s, r) => s + (r[j] - m) ** 2, 0) / (sample ? n - 1 : n)),
  );
  return { means, stds };
}

function standardizeLoop(x: Grid, sample = false): Grid {
  const { means, stds } = columnStats(x, sample);
  return x.map((r) => r.map((v, j) => (v - means[j]) / stds[j]));
}

const transpose = (g: Grid): Grid => g[0].map((_, j) => g.map((r) => r[j]));

/** Predictions X·w (+ b) of a linear model, by loops. */
function predictLoop(X: Grid, w: number[], b = 0): number[] {
  return X.map((row) => row.reduce((s, v, j) => s + v * w[j], b));
}

function mseLoop(X: Grid, y: number[], w: number[], b = 0): number {
  const p = predictLoop(X, w, b);
  return p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / y.length;
}

/** Lab 01's gradient (2/n)·Xᵀ(Xw + b − y), and the bias gradient (2/n)·Σ residuals. */
function gradientLoop(X: Grid, y: number[], w: number[], b = 0) {
  const n = X.length;
  const r = predictLoop(X, w, b).map((p, i) => p - y[i]);
  const dw = w.map((_, j) => (2 / n) * X.reduce((s, row, i) => s + row[j] * r[i], 0));
  const db = (2 / n) * r.reduce((s, v) => s + v, 0);
  return { dw, db };
}

/** Full-batch SGD or Adam (tfjs defaults: β1 0.9, β2 0.999, ε 1e-7) from zeros, by loops. */
function trainLoop(
  X: Grid,
  y: number[],
  options: { epochs: number; learningRate: number; optimizer: "sgd" | "adam" },
) {
  const d = X[0].length;
  const params = new Array<number>(d + 1).fill(0); // w…, b
  const m = new Array<number>(d + 1).fill(0);
  const v = new Array<number>(d + 1).fill(0);
  const losses: number[] = [];
  for (let t = 1; t <= options.epochs; t++) {
    const w = params.slice(0, d);
    const b = params[d];
    losses.push(mseLoop(X, y, w, b));
    const { dw, db } = gradientLoop(X, y, w, b);
    const g = [...dw, db];
    for (let k = 0; k <= d; k++) {
      if (options.optimizer === "sgd") {
        params[k] -= options.learningRate * g[k];
      } else {
        m[k] = 0.9 * m[k] + 0.1 * g[k];
        v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k];
        const mHat = m[k] / (1 - 0.9 ** t);
        const vHat = v[k] / (1 - 0.999 ** t);
        params[k] -= (options.learningRate * mHat) / (Math.sqrt(vHat) + 1e-7);
      }
    }
  }
  return { w: params.slice(0, d), b: params[d], losses };
}

/** Regression rows: y = x·coef + 1 + noise (features uniform in [−1, 1]). */
function regressionRows(n: number, coef: number[], noise: number, seed: number) {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const x = Array.from({ length: n }, () => coef.map(() => 2 * random() - 1));
  const y = x.map((row) => row.reduce((s, v, j) => s + v * coef[j], 1) + noise * gauss());
  return { x, y };
}

const column = (y: number[]) => tf.tensor2d(y, [y.length, 1]);

/** Disposes every tensor in `values` (skipping non-tensors and ones already gone). */
function disposeAll(...values: unknown[]): void {
  for (const v of values) if (isTensor(v) && !v.isDisposed) v.dispose();
}

// ---------- the lab ----------

export const tensorflowBasicsLab = defineLab<Lab>({
  id: "11-tensorflow-basics",
  title: "TensorFlow.js fundamentals",
  summary:
    "Work with tensors (shapes, dtypes, broadcasting) without leaking memory, let TF.js differentiate lab 01's loss, and train a linear model three ways: a hand-written loop, tf.sequential and the functional tf.model, with a custom callback.",
  exercises: [
    {
      id: "tensors-dtypes",
      title: "Tensors, shapes and dtypes",
      points: 2,
      exports: ["pixelsToTensor", "oneHotLabels"],
      hints: [
        "tf.tensor4d(values, shape) builds a tensor of a given shape from flat values; .toFloat() (or tf.cast(t, 'float32')) changes its dtype; .div(255) scales it.",
        "A Uint8Array becomes an int32 tensor. Images for a Conv2D need a channel axis: [count, height, width, 1]. tf.oneHot needs an int32 tensor of indices (tf.tensor1d(labels, 'int32')) and returns int32.",
        "Inside tf.tidy: build a 4-D tensor from the bytes with the shape [count, height, width, 1], cast it to float32, divide by 255, and return that from the tidy function. For the labels: an int32 tensor1d of the labels, tf.oneHot with numClasses, then a cast of the result to float32.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        await ctx.case("pixelsToTensor: shape, dtype and values", async () => {
          const random = seededRandom(111);
          const [count, height, width] = [3, 4, 5];
          const bytes = Uint8Array.from({ length: count * height * width }, () =>
            Math.floor(256 * random()),
          );
          const copy = Uint8Array.from(bytes);
          const got = await expectNoLeak(() => lab.pixelsToTensor(bytes, count, height, width), {
            allowed: 1,
            what: "pixelsToTensor",
            likelyCause:
              "Every op makes a new tensor (tensor4d, toFloat, div): wrap them in tf.tidy and return its result.",
            dispose: disposeAll,
          });
          try {
            const t = expectTensor(got, "pixelsToTensor(pixels, 3, 4, 5)");
            const s = t.shape;
            expectShape(
              t,
              [count, height, width, 1],
              "pixelsToTensor(pixels, 3, 4, 5)",
              sameShape(s, [count, height, width])
                ? "The channel axis is missing: grey images are [count, height, width, 1]."
                : sameShape(s, [count, height * width])
                  ? "The images are flattened to rows: keep height and width as separate axes, plus a channel axis of 1."
                  : sameShape(s, [count, width, height, 1])
                    ? "Height and width are swapped: the shape is [count, height, width, 1]."
                    : "The shape is [count, height, width, 1].",
            );
            expectDtype(
              t,
              "float32",
              "pixelsToTensor",
              t.dtype === "int32"
                ? "An int32 tensor holds whole numbers only (a Uint8Array becomes int32, and casting to int32 turns every scaled pixel into 0): cast to float32 (.toFloat()) before dividing."
                : "Cast with .toFloat().",
            );
            const values = valuesOf(t);
            const want = Array.from(bytes, (b) => b / 255);
            expectValues(
              values,
              want,
              "pixelsToTensor's values",
              allClose(values, Array.from(bytes))
                ? "The values are still 0 … 255: divide by 255."
                : "Each value is the byte divided by 255, in the same order.",
              1e-5,
            );
            expectThat(
              bytes.every((b, i) => b === copy[i]),
              { message: "pixelsToTensor changed the pixels it was given." },
            );
          } finally {
            disposeAll(got);
          }
        });
        await ctx.case("oneHotLabels: float32 one-hot rows", async () => {
          const labels = [2, 0, 3, 1, 3];
          const got = await expectNoLeak(() => lab.oneHotLabels(labels, 4), {
            allowed: 1,
            what: "oneHotLabels",
            likelyCause:
              "The int32 index tensor and tf.oneHot's int32 result are tensors too: wrap everything in tf.tidy.",
            dispose: disposeAll,
          });
          try {
            const t = expectTensor(got, "oneHotLabels([2, 0, 3, 1, 3], 4)");
            expectShape(
              t,
              [5, 4],
              "oneHotLabels([2, 0, 3, 1, 3], 4)",
              "One row per label, one column per class: [labels.length, numClasses].",
            );
            expectDtype(
              t,
              "float32",
              "oneHotLabels",
              t.dtype === "int32"
                ? "tf.oneHot returns an int32 tensor: cast the result to float32 (.toFloat()) for a categorical cross-entropy."
                : "Cast with .toFloat().",
            );
            const want = labels.flatMap((l) => [0, 1, 2, 3].map((c) => (c === l ? 1 : 0)));
            expectValues(
              valuesOf(t),
              want,
              "oneHotLabels' values",
              "Row i has a 1 in column labels[i].",
            );
          } finally {
            disposeAll(got);
          }
        });
      },
    },
    {
      id: "broadcasting",
      title: "Broadcasting",
      points: 2,
      exports: ["standardizeColumns", "pairwiseDifferences"],
      hints: [
        "Broadcasting lines shapes up from the RIGHT: [n, d] with [d] works (the [d] row is repeated n times); [n, d] with [n] does not. A size-1 axis stretches: [n, 1] with [1, m] gives [n, m].",
        "tf.moments(x, 0) returns the mean and variance of every column (over axis 0, the rows), both of shape [d]. For the table, reshape a to [n, 1] and b to [1, m] (or a.expandDims(1), b.expandDims(0)).",
        "standardizeColumns: inside tf.tidy, take { mean, variance } = tf.moments(x, 0) and return x.sub(mean).div(variance.sqrt()). pairwiseDifferences: inside tf.tidy, subtract the [1, m] row from the [n, 1] column.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        await ctx.case("standardizeColumns: per-column statistics", async () => {
          // n ≠ d, so an axis mix-up shows up as a shape error or wrong values; then n = d.
          for (const [n, d, seed] of [
            [6, 3, 21],
            [3, 3, 22],
          ]) {
            const rows = randomGrid(n, d, seed, [1, 10, 100]);
            const x = tf.tensor2d(rows);
            const what = `standardizeColumns on a ${n}×${d} matrix`;
            try {
              const got = await expectNoLeak(
                () =>
                  callWithBroadcastHint(
                    () => lab.standardizeColumns(x as tf.Tensor2D),
                    what,
                    "Statistics over axis 1 have shape [n] (one per ROW); they do not line up with the columns. Take them over axis 0 (the rows), shape [d].",
                  ),
                {
                  allowed: 1,
                  what,
                  likelyCause:
                    "The mean, the variance, the differences … are all tensors: wrap the work in tf.tidy.",
                  dispose: disposeAll,
                },
              );
              try {
                expectThat(!x.isDisposed, {
                  message: "standardizeColumns disposed its input x.",
                  likelyCause: "x belongs to the caller; dispose only what you create.",
                });
                const t = expectTensor(got, what);
                expectShape(
                  t,
                  [n, d],
                  what,
                  "The result has the shape of x: broadcasting stretches the [d] statistics, it does not change x's shape.",
                );
                const values = valuesOf(t);
                const byRows = flat(transpose(standardizeLoop(transpose(rows))));
                expectValues(
                  values,
                  flat(standardizeLoop(rows)),
                  what,
                  allClose(values, byRows)
                    ? "Wrong axis: you standardised each ROW (statistics over axis 1). Column statistics are over axis 0, the rows."
                    : allClose(values, flat(standardizeLoop(rows, true)))
                      ? "You divided by the sample std (n − 1); use the population std (divide by n), as tf.moments does."
                      : allClose(
                            values,
                            flat(rows.map((r) => r.map((v, j) => v - columnStats(rows).means[j]))),
                          )
                        ? "The columns are centred but not divided by their std."
                        : "Subtract each column's mean, then divide by that column's std.",
                );
              } finally {
                disposeAll(got);
              }
            } finally {
              x.dispose();
            }
          }
        });
        await ctx.case("pairwiseDifferences: an [n, m] table", async () => {
          const av = [1.5, -2, 4, 0.25];
          const bv = [10, -3, 0.5];
          const a = tf.tensor1d(av);
          const b = tf.tensor1d(bv);
          const what = "pairwiseDifferences(a of length 4, b of length 3)";
          try {
            const got = await expectNoLeak(
              () =>
                callWithBroadcastHint(
                  () => lab.pairwiseDifferences(a as tf.Tensor1D, b as tf.Tensor1D),
                  what,
                  "Shapes [4] and [3] do not broadcast: make a a column [4, 1] and b a row [1, 3].",
                ),
              {
                allowed: 1,
                what,
                likelyCause: "The reshaped copies are tensors too: wrap the work in tf.tidy.",
                dispose: disposeAll,
              },
            );
            try {
              const t = expectTensor(got, what);
              expectShape(
                t,
                [4, 3],
                what,
                sameShape(t.shape, [3, 4])
                  ? "The table is transposed: a must be the column ([n, 1]) and b the row ([1, m])."
                  : "An [n, 1] column minus a [1, m] row broadcasts to [n, m].",
              );
              const want = av.flatMap((x) => bv.map((y) => x - y));
              const values = valuesOf(t);
              expectValues(
                values,
                want,
                what,
                allClose(
                  values,
                  want.map((v) => -v),
                )
                  ? "The sign is flipped: out[i][j] = a[i] − b[j], not b[j] − a[i]."
                  : "out[i][j] = a[i] − b[j].",
              );
            } finally {
              disposeAll(got);
            }
          } finally {
            a.dispose();
            b.dispose();
          }
        });
      },
    },
    {
      id: "memory",
      title: "Memory: tf.memory, tf.tidy and dispose",
      points: 2,
      exports: ["tensorsLeftBy", "rowNorms"],
      hints: [
        "tf.memory().numTensors counts the tensors alive right now. Anything a function leaves alive and nobody disposes is a leak: in a loop it grows every step until the process runs out of memory.",
        "tensorsLeftBy: read the count, run fn, read it again. rowNorms: tf.tidy(() => …) disposes every tensor made inside it except the one it returns; read that one with dataSync() and then dispose it.",
        "rowNorms: const norms = tf.tidy(() => x.square().sum(1).sqrt()); copy Array.from(norms.dataSync()), then norms.dispose(). Leave x alone.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        await ctx.case("tensorsLeftBy counts the tensors fn leaves", () => {
          const made: tf.Tensor[] = [];
          try {
            const cases: { fn: () => void; want: number; bytes: number; label: string }[] = [
              {
                fn: () => void made.push(tf.ones([3]), tf.zeros([2, 2]), tf.scalar(1)),
                want: 3,
                bytes: 32,
                label: "a fn that leaves 3 tensors",
              },
              {
                fn: () => tf.tidy(() => void tf.ones([4]).add(1)),
                want: 0,
                bytes: 0,
                label: "a fn that tidies everything",
              },
              {
                fn: () => void made.push(tf.tidy(() => tf.ones([100, 100]).mul(2))),
                want: 1,
                bytes: 40_000,
                label: "a fn that keeps one 100×100 tensor",
              },
            ];
            for (const c of cases) {
              const got = lab.tensorsLeftBy(c.fn);
              expectThat(got === c.want, {
                message: `tensorsLeftBy(${c.label}) returned ${show(got)}.`,
                expected: String(c.want),
                got: show(got),
                likelyCause:
                  typeof got === "number" && got === -c.want && c.want !== 0
                    ? "The difference is reversed: after − before."
                    : typeof got === "number" && got === c.bytes && c.bytes !== c.want
                      ? "That looks like bytes (tf.memory().numBytes): count tensors with tf.memory().numTensors."
                      : "Read tf.memory().numTensors before and after calling fn, and return after − before.",
              });
            }
          } finally {
            disposeAll(...made);
          }
        });
        await ctx.case("rowNorms returns numbers and leaves no tensor", async () => {
          const rows = randomGrid(5, 3, 31, [2, 3, 4]);
          const x = tf.tensor2d(rows);
          try {
            const got = await expectNoLeak(() => lab.rowNorms(x as tf.Tensor2D), {
              allowed: 0,
              what: "rowNorms",
              likelyCause:
                "Wrap the tensor work in tf.tidy, read the result with dataSync(), and dispose the tensor you read (a returned tensor would have to be disposed by someone).",
              dispose: disposeAll,
            });
            expectThat(!x.isDisposed, {
              message: "rowNorms disposed its input x.",
              likelyCause: "x belongs to the caller: dispose only the tensors you create.",
            });
            expectThat(Array.isArray(got) && got.every((v) => typeof v === "number"), {
              message: "rowNorms should return plain numbers (number[]).",
              got: isTensor(got) ? `a ${got.rank}-D tensor` : show(got),
              likelyCause: "Read the tensor with Array.from(t.dataSync()).",
            });
            const want = rows.map((r) => Math.sqrt(r.reduce((s, v) => s + v * v, 0)));
            const squares = rows.map((r) => r.reduce((s, v) => s + v * v, 0));
            expectValues(
              got,
              want,
              "rowNorms on a 5×3 matrix",
              allClose(got, squares)
                ? "These are the squared lengths: take the square root."
                : got.length === 3
                  ? "One value per COLUMN: sum over axis 1 (within each row)."
                  : "The norm of a row is sqrt(Σ x²) over that row (axis 1).",
            );
          } finally {
            x.dispose();
          }
        });
      },
    },
    {
      id: "autodiff",
      title: "Automatic differentiation",
      points: 2,
      exports: ["mseLoss", "mseGradient", "linearGradients"],
      hints: [
        "tf.grad(f) takes a function of one tensor that returns a scalar, and returns a function that computes f's gradient at a point: tf.grad(f)(w). tf.variableGrads(f, [w, b]) returns { value, grads } for variables, grads keyed by each variable's name.",
        "The loss must be the MEAN of the squared residuals (that is where lab 01's 2/n comes from: 2 from the square, 1/n from the mean). Only the gradient may survive the call (tf.tidy around it is a good habit).",
        "mseGradient: return tf.tidy(() => tf.grad((wv) => mseLoss(X, y, wv))(w)). linearGradients: call tf.variableGrads with a function returning the mean of (x·w + b − y)² and the list [w, b]; read and dispose `value`, and return grads[w.name] and grads[b.name].",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        await ctx.case("mseLoss and mseGradient match lab 01", async () => {
          const n = 7;
          const random = seededRandom(41);
          const X = Array.from({ length: n }, () => [1, 4 * random() - 2, 3 * random()]);
          const y = X.map((r) => 2 * r[1] - r[2] + 0.5 + random() - 0.5);
          const w = [0.3, -0.7, 1.2];
          const Xt = tf.tensor2d(X);
          const yt = column(y);
          const wt = tf.tensor2d(w, [3, 1]);
          try {
            const loss = await expectNoLeak(
              () => lab.mseLoss(Xt as tf.Tensor2D, yt as tf.Tensor2D, wt as tf.Tensor2D),
              {
                allowed: 1,
                what: "mseLoss",
                likelyCause: "Wrap the work in tf.tidy and return the scalar.",
                dispose: disposeAll,
              },
            );
            try {
              const want = mseLoop(X, y, w);
              const got = valuesOf(expectTensor(loss, "mseLoss"));
              expectValues(
                got,
                [want],
                "mseLoss on a 7-row example",
                close(got[0] ?? Number.NaN, want * n, 1e-4)
                  ? "That is the SUM of squares: take the mean (divide by n)."
                  : "L = mean((X·w − y)²), one number.",
              );
            } finally {
              disposeAll(loss);
            }
            const grad = await expectNoLeak(
              () => lab.mseGradient(Xt as tf.Tensor2D, yt as tf.Tensor2D, wt as tf.Tensor2D),
              {
                allowed: 1,
                what: "mseGradient",
                likelyCause:
                  "Only the gradient may survive: compute anything else (a residual, a loss you read) inside tf.tidy.",
                dispose: disposeAll,
              },
            );
            try {
              const t = expectTensor(grad, "mseGradient");
              expectShape(t, [3, 1], "mseGradient", "The gradient has the shape of w (d×1).");
              const want = gradientLoop(X, y, w).dw;
              const got = valuesOf(t);
              const scaled = (k: number) => want.map((v) => v * k);
              expectValues(
                got,
                want,
                "mseGradient on a 7-row example (vs (2/n)·Xᵀ(X·w − y) by loops)",
                allClose(got, scaled(-1))
                  ? "Wrong sign: the gradient points UPHILL, (2/n)·Xᵀ(X·w − y); the step subtracts it later."
                  : allClose(got, scaled(n / 2))
                    ? "Missing the 2/n factor: that is Xᵀ(X·w − y), the gradient of half the SUM of squares. Differentiate the MEAN."
                    : allClose(got, scaled(n))
                      ? "Missing the 1/n of the 2/n factor: you differentiated the SUM of squares, not the mean."
                      : allClose(got, scaled(0.5))
                        ? "Missing the 2 of the 2/n factor: you differentiated half the mean (or divided by 2n)."
                        : "Let tf.grad differentiate mseLoss with respect to w.",
              );
            } finally {
              disposeAll(grad);
            }
            expectThat(!Xt.isDisposed && !yt.isDisposed && !wt.isDisposed, {
              message: "mseLoss or mseGradient disposed one of its inputs.",
              likelyCause: "X, y and w belong to the caller.",
            });
          } finally {
            disposeAll(Xt, yt, wt);
          }
        });
        await ctx.case("linearGradients: loss and both gradients", async () => {
          const { x, y } = regressionRows(9, [1.5, -0.5], 0.4, 42);
          const w0 = [0.2, 0.4];
          const b0 = -0.3;
          const xt = tf.tensor2d(x);
          const yt = column(y);
          const w = tf.variable(tf.tensor2d(w0, [2, 1]));
          const b = tf.variable(tf.tensor1d([b0]));
          try {
            const got = await expectNoLeak(
              () => lab.linearGradients(xt as tf.Tensor2D, yt as tf.Tensor2D, w, b),
              {
                allowed: 2,
                what: "linearGradients",
                likelyCause:
                  "Only dw and db may survive: dispose `value` after reading it (or read the loss inside the gradient call without keeping tensors).",
                dispose: (r) => disposeAll(r?.dw, r?.db),
              },
            );
            try {
              expectThat(got !== null && typeof got === "object", {
                message: "linearGradients should return { loss, dw, db }.",
                got: show(got),
              });
              const wantLoss = mseLoop(x, y, w0, b0);
              const want = gradientLoop(x, y, w0, b0);
              expectThat(typeof got.loss === "number" && close(got.loss, wantLoss, 1e-4), {
                message: "linearGradients returned the wrong loss.",
                expected: formatNumber(wantLoss),
                got: show(got.loss),
                likelyCause: isTensor(got.loss)
                  ? "loss should be a plain number: read the tensor with dataSync()[0]."
                  : "The loss is the mean of (x·w + b − y)² at the current w and b.",
              });
              const dw = expectTensor(got.dw, "linearGradients' dw");
              const db = expectTensor(got.db, "linearGradients' db");
              const dwv = valuesOf(dw);
              const dbv = valuesOf(db);
              const cause = (g: number[], target: number[]) =>
                allClose(
                  g,
                  target.map((v) => -v),
                )
                  ? "Wrong sign: the gradient of the loss points uphill."
                  : allClose(
                        g,
                        target.map((v) => (v * x.length) / 2),
                      )
                    ? "Missing the 2/n factor: differentiate the MEAN of the squares."
                    : allClose(dwv, [want.db]) || allClose(dbv, want.dw)
                      ? "dw and db are swapped: grads are keyed by each variable's name (grads[w.name], grads[b.name])."
                      : "Differentiate the mean of (x·w + b − y)² with respect to w and b.";
              expectValues(dwv, want.dw, "linearGradients' dw", cause(dwv, want.dw));
              expectValues(dbv, [want.db], "linearGradients' db", cause(dbv, [want.db]));
              expectValues(
                [...valuesOf(w), ...valuesOf(b)],
                [...w0, b0],
                "w and b after linearGradients",
                "Computing gradients must not change the variables (that is the optimizer's job).",
              );
            } finally {
              disposeAll(got?.dw, got?.db);
            }
          } finally {
            disposeAll(xt, yt, w, b);
          }
        });
      },
    },
    {
      id: "training-loop",
      title: "A hand-written training loop with an optimizer",
      points: 3,
      exports: ["trainStep", "trainLinear"],
      hints: [
        "optimizer.minimize(f, returnCost, varList) computes f's gradient with respect to the variables in varList and applies one update to them, in place. With returnCost = true it also returns the loss tensor, which you must dispose.",
        "A leak in a loop grows with every step: anything a step creates and does not dispose stays alive. trainLinear creates variables and an optimizer: dispose them at the end (tf.variable copies its initial value, so make that inside tf.tidy or dispose it).",
        "trainStep: const cost = optimizer.minimize(() => x.matMul(w).add(b).sub(y).square().mean(), true, [w, b]); read cost.dataSync()[0], dispose cost, return the number. trainLinear: make w (zeros [d, 1]) and b (zeros [1]) variables and the optimizer, call trainStep epochs times collecting the losses, read w and b, then dispose w, b and the optimizer.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        const { x, y } = regressionRows(8, [2, -1], 0.3, 51);
        const xt = tf.tensor2d(x) as tf.Tensor2D;
        const yt = column(y) as tf.Tensor2D;
        try {
          await ctx.case("trainStep: one SGD update of w and b", () => {
            const w0 = [0.5, 0.1];
            const b0 = 0.2;
            const lr = 0.05;
            const w = tf.variable(tf.tensor2d(w0, [2, 1]));
            const b = tf.variable(tf.tensor1d([b0]));
            const optimizer = tf.train.sgd(lr);
            try {
              const got = lab.trainStep(optimizer, xt, yt, w, b);
              const wAfter = valuesOf(w);
              const bAfter = valuesOf(b)[0]!;
              const { dw, db } = gradientLoop(x, y, w0, b0);
              const wantW = w0.map((v, j) => v - lr * dw[j]);
              const wantB = b0 - lr * db;
              const lossBefore = mseLoop(x, y, w0, b0);
              const wMoved = !allClose(wAfter, w0, 1e-7);
              const bMoved = !close(bAfter, b0, 1e-7);
              expectThat(wMoved || bMoved, {
                message: "After trainStep, w and b have not changed: the optimizer step never ran.",
                expected: `w ≈ ${show(wantW)}, b ≈ ${formatNumber(wantB)}`,
                got: `w = ${show(wAfter)}, b = ${formatNumber(bAfter)}`,
                likelyCause:
                  "Computing the loss (or its gradient) does not change anything: call optimizer.minimize(() => loss, true, [w, b]) (or optimizer.applyGradients) on THESE variables, not on copies of them.",
              });
              expectThat(wMoved && bMoved, {
                message: `After trainStep, ${wMoved ? "b" : "w"} has not changed: only one variable was trained.`,
                expected: `w ≈ ${show(wantW)}, b ≈ ${formatNumber(wantB)}`,
                got: `w = ${show(wAfter)}, b = ${formatNumber(bAfter)}`,
                likelyCause:
                  "Pass both variables to minimize (varList [w, b]), and compute the loss from the very variables you were given.",
              });
              expectValues(
                [...wAfter, bAfter],
                [...wantW, wantB],
                "w and b after one SGD step (learning rate 0.05)",
                allClose([...wAfter, bAfter], [...w0.map((v, j) => v + lr * dw[j]), b0 + lr * db])
                  ? "The step went uphill: minimize the loss itself, not its negative."
                  : "One step: w ← w − lr·∂L/∂w, b ← b − lr·∂L/∂b, for the MEAN squared error of x·w + b.",
              );
              expectThat(typeof got === "number" && close(got, lossBefore, 1e-4), {
                message: "trainStep returned the wrong loss.",
                expected: `${formatNumber(lossBefore)} (the loss before the update)`,
                got: show(got),
                likelyCause: isTensor(got)
                  ? "Return a plain number: read the loss tensor with dataSync()[0], then dispose it."
                  : typeof got === "number" && close(got, mseLoop(x, y, wantW, wantB), 1e-4)
                    ? "That is the loss AFTER the update; return the one minimize computed (before it)."
                    : "minimize(f, true, [w, b]) returns the loss f computed: return its value.",
              });
            } finally {
              disposeAll(w, b);
              optimizer.dispose();
            }
          });
          await ctx.case("trainStep leaks no tensors (5 vs 10 steps)", async () => {
            const w = tf.tidy(() => tf.variable(tf.zeros([2, 1])));
            const b = tf.tidy(() => tf.variable(tf.zeros([1])));
            const optimizer = tf.train.adam(0.05);
            try {
              const k = 5;
              // The first steps may create the optimizer's own state (Adam's moments): warm up.
              for (let i = 0; i < k; i++) lab.trainStep(optimizer, xt, yt, w, b);
              // k steps have run; k more must leave exactly as many tensors (a leak grows per step).
              await expectNoLeak(
                () => {
                  for (let i = 0; i < k; i++) lab.trainStep(optimizer, xt, yt, w, b);
                },
                {
                  allowed: 0,
                  what: `trainStep leaks: ${k} more steps (after ${k} warm-up steps)`,
                  likelyCause:
                    "A leak in a training loop grows every step until memory runs out. minimize(f, true, …) returns the loss tensor: dispose it after reading it. Any other tensor you make outside f (a prediction, a loss computed again) needs tf.tidy or dispose too.",
                },
              );
            } finally {
              disposeAll(w, b);
              optimizer.dispose();
            }
          });
          await ctx.case("trainLinear: SGD and Adam loops, nothing left behind", async () => {
            const runs = [
              { epochs: 4, learningRate: 0.1, optimizer: "sgd" as const },
              { epochs: 8, learningRate: 0.1, optimizer: "sgd" as const },
              { epochs: 5, learningRate: 0.05, optimizer: "adam" as const },
            ];
            const left: number[] = [];
            for (const run of runs) {
              const before = liveTensors();
              const got = lab.trainLinear(xt, yt, run);
              left.push(liveTensors() - before);
              const want = trainLoop(x, y, run);
              const what = `trainLinear with ${run.optimizer} (learning rate ${run.learningRate}, ${run.epochs} epochs)`;
              expectThat(got !== null && typeof got === "object" && Array.isArray(got.losses), {
                message: `${what} should return { w, b, losses }.`,
                got: show(got),
              });
              expectThat(got.losses.length === run.epochs, {
                message: `${what} returned ${got.losses.length} losses.`,
                expected: `${run.epochs} (one per epoch)`,
                got: String(got.losses.length),
                likelyCause: "Run exactly options.epochs steps and keep each step's loss.",
              });
              const sgdTwin = trainLoop(x, y, { ...run, optimizer: "sgd" });
              expectValues(
                got.losses,
                want.losses,
                `${what}: the loss history`,
                run.optimizer === "adam" && allClose(got.losses, sgdTwin.losses)
                  ? 'options.optimizer "adam" was ignored: that is plain SGD. Use tf.train.adam(learningRate) when it asks for Adam.'
                  : close(got.losses[0] ?? Number.NaN, want.losses[0]!, 1e-4)
                    ? "The first loss is right, so the start is right; the updates are not. Does every step call trainStep on the same variables and the same optimizer?"
                    : "Start from w = 0 and b = 0: the first loss is the MSE of predicting 0.",
                run.optimizer === "adam" ? 1e-3 : 1e-4,
              );
              expectValues(
                [...(got.w ?? []), got.b],
                [...want.w, want.b],
                `${what}: the learned w and b`,
                "Read w and b (as numbers) after the last step.",
                run.optimizer === "adam" ? 1e-3 : 1e-4,
              );
            }
            const perEpoch = (left[1]! - left[0]!) / (runs[1].epochs - runs[0].epochs);
            expectThat(perEpoch <= 0, {
              message: `trainLinear leaks ${formatNumber(perEpoch)} tensor(s) per epoch (${left[0]} left after ${runs[0].epochs} epochs, ${left[1]} after ${runs[1].epochs}).`,
              expected: "no tensor left behind, however many epochs",
              got: `${left[1]} tensors left after ${runs[1].epochs} epochs`,
              likelyCause:
                "Something inside the loop survives every epoch: the loss tensor a step returns, or a prediction made outside tf.tidy.",
            });
            expectThat(
              left.every((l) => l <= 0),
              {
                message: `trainLinear leaves ${Math.max(...left)} tensor(s) behind after it returns.`,
                expected: "0 tensors left behind",
                got: `${left.join(", ")} tensors left after the three runs`,
                likelyCause:
                  "Dispose what trainLinear made once the loop is done: the variables w and b, the optimizer (optimizer.dispose()), and the initial zeros (tf.variable copies them: create them inside tf.tidy).",
              },
            );
          });
        } finally {
          disposeAll(xt, yt);
        }
      },
    },
    {
      id: "layers-models",
      title: "The Layers API: tf.sequential and tf.model",
      points: 2,
      exports: ["buildLinearSequential", "buildLinearFunctional"],
      hints: [
        "A linear model is one Dense layer with 1 unit and no activation. The first layer of a tf.sequential needs inputShape; in the functional API the shape goes on tf.input({ shape }).",
        "Both models are compiled the same way: model.compile({ optimizer: tf.train.adam(learningRate), loss: 'meanSquaredError' }). The functional model is tf.model({ inputs, outputs }) where outputs = denseLayer.apply(inputs).",
        "Functional: const inputs = tf.input({ shape: [inputDim] }); const outputs = tf.layers.dense({ units: 1 }).apply(inputs) as tf.SymbolicTensor; then build with tf.model({ inputs, outputs }), compile it, and return it.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        const expectLinearModel = (
          build: (inputDim: number, learningRate: number) => tf.LayersModel,
          name: string,
          kind: "sequential" | "functional",
        ) => {
          for (const [dim, lr] of [
            [3, 0.05],
            [5, 0.2],
          ]) {
            const what = `${name}(${dim}, ${lr})`;
            const model = expectModel(build(dim, lr), what);
            try {
              const isSequential = model instanceof tf.Sequential;
              expectThat(kind === "sequential" ? isSequential : !isSequential, {
                message:
                  kind === "sequential"
                    ? `${what} is not a tf.Sequential model.`
                    : `${what} is a tf.Sequential: this exercise is about the functional API.`,
                got: model.getClassName(),
                likelyCause:
                  kind === "sequential"
                    ? "Build it with tf.sequential() and model.add(...)."
                    : "Build it with tf.input({ shape }), layer.apply(input) and tf.model({ inputs, outputs }).",
              });
              const summary = summarizeModel(model);
              expectThat(shapeText(summary.inputShape) === shapeText([dim]), {
                message: `${what}: the model's input shape is ${shapeText(summary.inputShape)}.`,
                expected: `input shape [${dim}] (without the batch axis)`,
                got: shapeText(summary.inputShape),
                likelyCause:
                  kind === "sequential"
                    ? "Give the first layer inputShape: [inputDim]."
                    : "tf.input({ shape: [inputDim] }).",
              });
              expectOutputLayer(
                summary,
                { units: 1, activation: "linear" },
                what,
                "A linear regressor ends in Dense(1) with NO activation: relu would clip negative predictions to 0, sigmoid squeeze them into (0, 1).",
              );
              expectParamCount(
                summary,
                dim + 1,
                what,
                "One Dense layer with 1 unit: inputDim weights + 1 bias. No hidden layers.",
              );
              expectThat(summary.loss === "meanSquaredError", {
                message: `${what} is compiled with the loss ${show(summary.loss)}.`,
                expected: '"meanSquaredError"',
                got: show(summary.loss),
                likelyCause:
                  summary.loss === undefined
                    ? "Call model.compile({ optimizer, loss }) before returning the model."
                    : "Regression with the MSE: loss 'meanSquaredError'.",
              });
              const optimizer = (model as { optimizer?: tf.Optimizer }).optimizer;
              const config = (optimizer?.getConfig?.() ?? {}) as { learningRate?: number };
              expectThat(
                optimizer?.getClassName() === "Adam" &&
                  close(config.learningRate ?? Number.NaN, lr, 1e-6),
                {
                  message: `${what} is compiled with ${optimizer?.getClassName() ?? "no optimizer"} (learning rate ${show(config.learningRate)}).`,
                  expected: `Adam with learning rate ${lr}`,
                  got: `${optimizer?.getClassName() ?? "none"}, learning rate ${show(config.learningRate)}`,
                  likelyCause:
                    optimizer?.getClassName() === "Adam"
                      ? "The string 'adam' uses Adam's default learning rate 0.001: pass tf.train.adam(learningRate)."
                      : "optimizer: tf.train.adam(learningRate).",
                },
              );
            } finally {
              model.dispose();
            }
          }
        };
        await ctx.case("buildLinearSequential", () =>
          expectLinearModel(lab.buildLinearSequential, "buildLinearSequential", "sequential"),
        );
        await ctx.case("buildLinearFunctional", () =>
          expectLinearModel(lab.buildLinearFunctional, "buildLinearFunctional", "functional"),
        );
      },
    },
    {
      id: "fit-evaluate",
      title: "compile, fit, evaluate, predict",
      points: 2,
      exports: ["fitAndEvaluate"],
      runner: "process",
      timeoutMs: 60_000,
      hints: [
        "model.fit(x, y, options) is async: await it. It returns a History whose history.loss holds one loss per epoch. model.evaluate(x, y) returns the compiled loss as a scalar tensor; model.predict(x) an [n, 1] tensor.",
        "Pass epochs, batchSize and callbacks from options straight into fit's options. Evaluate and predict on the TEST tensors (the check compares with the training rows too), then read both with dataSync() and dispose them.",
        "const history = await model.fit(data.xTrain, data.yTrain, { epochs, batchSize, callbacks, verbose: 0 }); then evaluate on xTest/yTest and read the scalar, predict on xTest and Array.from its values, dispose both tensors, and return { losses: history.history.loss as number[], testLoss, predictions }.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        const seed = 11;
        const epochs = 40;
        const batchSize = 32;
        const train = regressionRows(240, [2, -1, 0.5], 0.3, 1100 + seed);
        const test = regressionRows(80, [2, -1, 0.5], 0.3, 1200 + seed);
        const data = {
          xTrain: tf.tensor2d(train.x) as tf.Tensor2D,
          yTrain: column(train.y) as tf.Tensor2D,
          xTest: tf.tensor2d(test.x) as tf.Tensor2D,
          yTest: column(test.y) as tf.Tensor2D,
        };
        const model = await withSeed(seed, () => buildLinearRegressor(3, 0.1));
        const calls: {
          epochs?: number;
          batchSize?: number;
          callbacks?: unknown;
          history?: tf.History;
        }[] = [];
        const realFit = model.fit.bind(model);
        model.fit = async (x, y, args) => {
          const call: (typeof calls)[number] = {
            epochs: args?.epochs,
            batchSize: args?.batchSize,
            callbacks: args?.callbacks,
          };
          calls.push(call);
          call.history = await realFit(x, y, args);
          return call.history;
        };
        let epochsSeen = 0;
        const streamed = checkCallbacks(ctx, { epochs, model });
        const callbacks = {
          onEpochEnd: async (epoch: number, logs?: tf.Logs) => {
            epochsSeen++;
            await streamed.onEpochEnd(epoch, logs);
          },
        };
        // The model's own state after a fit (Adam's moments), measured on a twin trained 1 epoch.
        const twin = await withSeed(seed, () => buildLinearRegressor(3, 0.1));
        const beforeTwin = liveTensors();
        await twin.fit(data.xTrain, data.yTrain, { epochs: 1, batchSize, verbose: 0 });
        const modelState = liveTensors() - beforeTwin;
        twin.dispose();
        try {
          const before = liveTensors();
          const report = await withSeed(seed, () =>
            lab.fitAndEvaluate(model, data, { epochs, batchSize, callbacks }),
          );
          const left = liveTensors() - before - modelState;
          expectThat(calls.length > 0, {
            message: "fitAndEvaluate never called model.fit.",
            likelyCause:
              "Train the model: await model.fit(xTrain, yTrain, { epochs, batchSize, … }).",
          });
          expectThat(calls.length === 1, {
            message: `fitAndEvaluate called model.fit ${calls.length} times.`,
            expected: "1 call with options.epochs epochs",
            likelyCause: "Call fit once, with epochs: options.epochs (not once per epoch).",
          });
          const call = calls[0]!;
          expectThat(call.epochs === epochs && call.batchSize === batchSize, {
            message: `model.fit was called with epochs ${show(call.epochs)} and batchSize ${show(call.batchSize)}.`,
            expected: `epochs ${epochs}, batchSize ${batchSize} (from options)`,
            got: `epochs ${show(call.epochs)}, batchSize ${show(call.batchSize)}`,
            likelyCause:
              "Pass options.epochs and options.batchSize to fit (the defaults are 1 epoch and batch 32).",
          });
          expectThat(epochsSeen === epochs, {
            message: `The callbacks in options were called for ${epochsSeen} of ${epochs} epochs.`,
            expected: `${epochs} calls of options.callbacks.onEpochEnd`,
            got: String(epochsSeen),
            likelyCause:
              "Pass options.callbacks to fit ({ callbacks: options.callbacks }): that is how the notebook shows live progress.",
          });
          expectThat(report !== null && typeof report === "object", {
            message: "fitAndEvaluate should return { losses, testLoss, predictions }.",
            got: show(report),
            likelyCause: "Return an object with the three fields (and await fit inside).",
          });
          const historyLoss = (call.history?.history.loss ?? []) as number[];
          expectValues(
            Array.isArray(report.losses) ? report.losses : [],
            historyLoss,
            "losses",
            "Return history.history.loss from the History that `await model.fit(...)` gives you.",
            1e-6,
          );
          // What the trained model really predicts, read by the check.
          const readPredictions = (x: tf.Tensor2D) =>
            tf.tidy(() => Array.from((model.predict(x) as tf.Tensor).dataSync()));
          const testPredictions = readPredictions(data.xTest);
          const trainPredictions = readPredictions(data.xTrain);
          const predictions = Array.isArray(report.predictions) ? report.predictions : [];
          expectValues(
            predictions,
            testPredictions,
            "predictions",
            isTensor(report.predictions)
              ? "Return plain numbers: Array.from(predictTensor.dataSync()), then dispose the tensor."
              : predictions.length === trainPredictions.length
                ? "These are predictions for the TRAINING rows: predict on data.xTest."
                : "model.predict(data.xTest), one number per test row.",
            1e-5,
          );
          const mse = (p: number[], t: number[]) =>
            p.reduce((s, v, i) => s + (v - t[i]!) ** 2, 0) / t.length;
          const testMse = mse(testPredictions, test.y);
          const trainMse = mse(trainPredictions, train.y);
          expectThat(typeof report.testLoss === "number" && close(report.testLoss, testMse, 1e-3), {
            message: "testLoss is not the model's loss on the test rows.",
            expected: `${formatNumber(testMse)} (the MSE on the 80 test rows)`,
            got: show(report.testLoss),
            likelyCause: isTensor(report.testLoss)
              ? "Return a number: read the scalar that evaluate returns with dataSync()[0]."
              : typeof report.testLoss === "number" && close(report.testLoss, trainMse, 1e-3)
                ? "You evaluated on the TRAINING data: model.evaluate(data.xTest, data.yTest)."
                : "testLoss = model.evaluate(data.xTest, data.yTest), read as a number.",
          });
          expectThat(left <= 0, {
            message: `fitAndEvaluate left ${left} tensor(s) behind (beyond the model's own weights and optimizer state).`,
            expected: "0",
            got: String(left),
            likelyCause:
              "evaluate and predict return tensors: dispose them after reading their values.",
          });
          return bandScore(
            testMse,
            { metric: "test MSE", full: 0.13, zero: 0.5 },
            "The data's noise alone gives an MSE of about 0.09; train for all of options.epochs.",
          );
        } finally {
          disposeAll(...Object.values(data));
          model.dispose();
        }
      },
    },
    {
      id: "loss-target-callback",
      title: "A custom callback: record the loss, stop at a target",
      points: 2,
      exports: ["lossTargetCallback"],
      hints: [
        "fit calls callbacks.onEpochEnd(epoch, logs) after every epoch; logs.loss is that epoch's training loss. Training stops after the epoch in which model.stopTraining becomes true.",
        "Keep the record in the object you return (a fresh `losses` array per call, not one shared by every callback). Compare with `<` (strictly below) and decide in the same call that sees the low loss: waiting for the next epoch stops one epoch late.",
        "Make one object (call it record) holding an empty losses array, stoppedEpoch null, and an async onEpochEnd(epoch, logs). In onEpochEnd, append logs.loss to record.losses; when that loss is below target, store the epoch in record.stoppedEpoch and switch on the model's stopTraining flag. Return the object.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        /** A spy fit: feeds fabricated logs epoch by epoch and stops when asked. */
        const spyFit = async (losses: number[], target: number, valLosses?: number[]) => {
          const model = { stopTraining: false };
          const cb = lab.lossTargetCallback(model, target);
          expectThat(cb !== null && typeof cb === "object" && typeof cb.onEpochEnd === "function", {
            message: "lossTargetCallback should return an object with an onEpochEnd function.",
            got: show(cb),
          });
          let ran = 0;
          for (let epoch = 0; epoch < losses.length; epoch++) {
            const logs: tf.Logs = { loss: losses[epoch]! };
            if (valLosses) logs.val_loss = valLosses[epoch]!;
            await cb.onEpochEnd(epoch, logs);
            ran++;
            if (model.stopTraining) break;
          }
          return { cb, ran };
        };
        const firstBelow = (losses: number[], target: number) =>
          losses.findIndex((l) => l < target);
        const scenarios: { name: string; losses: number[]; target: number; val?: number[] }[] = [
          { name: "a falling loss", losses: [2, 1.1, 0.7, 0.45, 0.3, 0.2, 0.1], target: 0.5 },
          {
            name: "a loss that touches the target before falling below it",
            losses: [1, 0.8, 0.5, 0.49, 0.2],
            target: 0.5,
          },
          { name: "a loss that never reaches the target", losses: [3, 2, 1.5, 1.2], target: 0.1 },
          {
            name: "a validation loss far below the training loss",
            losses: [1.2, 0.9, 0.6, 0.35, 0.2],
            target: 0.4,
            val: [0.5, 0.3, 0.2, 0.1, 0.05],
          },
        ];
        for (const s of scenarios) {
          await ctx.case(`stops in the right epoch: ${s.name}`, async () => {
            const { cb, ran } = await spyFit(s.losses, s.target, s.val);
            const stop = firstBelow(s.losses, s.target);
            const wantRan = stop < 0 ? s.losses.length : stop + 1;
            const atOrBelow = s.losses.findIndex((l) => l <= s.target);
            const valStop = s.val ? s.val.findIndex((l) => l < s.target) : -1;
            const what = `With target ${s.target} and losses [${s.losses.join(", ")}]${s.val ? ` (val_loss [${s.val.join(", ")}])` : ""}`;
            expectThat(ran === wantRan, {
              message:
                stop < 0
                  ? `${what}, training stopped after ${ran} epochs, but the loss never fell below the target.`
                  : ran === s.losses.length
                    ? `${what}, the callback never stopped training.`
                    : `${what}, training stopped after epoch ${ran - 1}; it should stop after epoch ${stop}.`,
              expected: stop < 0 ? `all ${s.losses.length} epochs` : `stop after epoch ${stop}`,
              got: `${ran} epochs ran`,
              likelyCause:
                ran === s.losses.length && stop >= 0
                  ? "Set model.stopTraining = true on the MODEL you were given (not on the callback object or a local variable)."
                  : ran === wantRan + 1
                    ? "It stops one epoch late: decide in the same onEpochEnd call that sees the low loss (not at the start of the next epoch, or from the previous epoch's loss)."
                    : s.val && ran === valStop + 1
                      ? "You read logs.val_loss; the target is on the training loss, logs.loss."
                      : ran === atOrBelow + 1
                        ? "It stops when the loss EQUALS the target; stop only when it is strictly below (<)."
                        : "Stop when logs.loss < target.",
            });
            const wantLosses = s.losses.slice(0, wantRan);
            expectValues(
              Array.isArray(cb.losses) ? cb.losses : [],
              wantLosses,
              "The recorded loss list",
              Array.isArray(cb.losses) && cb.losses.length > wantLosses.length
                ? "`losses` is shared between callbacks: create a new array inside lossTargetCallback."
                : s.val && allClose(cb.losses ?? [], s.val.slice(0, wantRan))
                  ? "You recorded logs.val_loss; record the training loss, logs.loss."
                  : "Append logs.loss in every onEpochEnd call.",
              1e-9,
            );
            expectThat(cb.stoppedEpoch === (stop < 0 ? null : stop), {
              message: `stoppedEpoch is ${show(cb.stoppedEpoch)}.`,
              expected: stop < 0 ? "null (never stopped)" : String(stop),
              got: show(cb.stoppedEpoch),
              likelyCause: "Set stoppedEpoch to the epoch number fit passed in, when you stop.",
            });
          });
        }
        await ctx.case("stops a real model.fit", async () => {
          const { x, y } = regressionRows(32, [1, -2], 0.05, 61);
          const xt = tf.tensor2d(x);
          const yt = column(y);
          const model = await withSeed(62, () => buildLinearRegressor(2, 0.1));
          try {
            const cb = lab.lossTargetCallback(model, 0.5);
            const history = await withSeed(63, () =>
              model.fit(xt, yt, { epochs: 200, batchSize: 32, verbose: 0, callbacks: cb }),
            );
            const losses = history.history.loss as number[];
            const stop = firstBelow(losses, 0.5);
            expectThat(stop >= 0 && losses.length === stop + 1 && cb.stoppedEpoch === stop, {
              message: `In a real fit (target 0.5), training ran ${losses.length} epochs and stoppedEpoch is ${show(cb.stoppedEpoch)}.`,
              expected: `training stops in the first epoch whose loss is below 0.5${stop >= 0 ? ` (epoch ${stop})` : ""}`,
              got: `${losses.length} epochs; losses ${show(losses.slice(-3))}`,
              likelyCause:
                "Read logs.loss (a number in a callback object) and set model.stopTraining = true on the model passed in.",
            });
          } finally {
            disposeAll(xt, yt);
            model.dispose();
          }
        });
      },
    },
  ],
});
