import { Matrix, solve } from "ml-matrix";
import { loadFixedSplit, StandardScaler, seededRandom } from "../../data";
import { fail } from "../../grading/check-failure";
import {
  diagnose,
  diagnoseGrid,
  expectClose,
  expectGridClose,
  expectThat,
  gridsClose,
  describe as show,
  tryToGrid,
} from "../../grading/expect";
import { defineLab } from "../../grading/types";
import { columnVector, withBiasColumn } from "../../math/design-matrix";

type Lab = typeof import("../../../solutions/01-gradient-descent");

/*
 * The expected values below come from plain loops written independently of the reference
 * solution (which uses ml-matrix), so a check and a solution cannot share a mistake.
 */

function residuals(X: number[][], y: number[], w: number[]): number[] {
  return X.map((row, i) => row.reduce((s, v, j) => s + v * w[j], 0) - y[i]);
}

function loopMse(X: number[][], y: number[], w: number[]): number {
  return residuals(X, y, w).reduce((s, r) => s + r * r, 0) / X.length;
}

function loopGradient(X: number[][], y: number[], w: number[]): number[] {
  const r = residuals(X, y, w);
  return w.map((_, j) => (2 / X.length) * X.reduce((s, row, i) => s + row[j] * r[i], 0));
}

/** Plain GD (momentum 0) or heavy-ball GD, as loops: the loss history and final weights. */
function loopDescent(
  X: number[][],
  y: number[],
  lr: number,
  epochs: number,
  momentum = 0,
  w0?: number[],
  gradientScale = 1,
) {
  let w = w0 ? [...w0] : X[0].map(() => 0);
  let v = w.map(() => 0);
  const lossHistory = [loopMse(X, y, w)];
  for (let e = 0; e < epochs; e++) {
    const g = loopGradient(X, y, w);
    v = v.map((vj, j) => momentum * vj + gradientScale * g[j]);
    w = w.map((wj, j) => wj - lr * v[j]);
    lossHistory.push(loopMse(X, y, w));
  }
  return { w, lossHistory };
}

interface SgdRun {
  learningRate: number;
  epochs: number;
  batchSize: number;
  seed: number;
}

/** How a mini-batch SGD loop shuffles and batches: the correct ways and the usual mistakes. */
interface SgdVariant {
  /** Fisher–Yates from the end (the hint's), from the start, Sattolo's off-by-one, or none. */
  shuffle?: "backward" | "forward" | "sattolo" | "none";
  /** Restart from the identity order each epoch (still correct) instead of reshuffling the last order. */
  freshOrder?: boolean;
  reseedEachEpoch?: boolean;
  shuffleOnce?: boolean;
  dropShortBatch?: boolean;
  /** The gradient on all rows instead of the batch's rows. */
  fullGradient?: boolean;
}

function shuffleInPlace(order: number[], random: () => number, how: SgdVariant["shuffle"]): void {
  const n = order.length;
  const swap = (i: number, j: number) => {
    [order[i], order[j]] = [order[j], order[i]];
  };
  if (how === "backward") for (let i = n - 1; i > 0; i--) swap(i, Math.floor(random() * (i + 1)));
  if (how === "forward")
    for (let i = 0; i < n - 1; i++) swap(i, i + Math.floor(random() * (n - i)));
  if (how === "sattolo") for (let i = n - 1; i > 0; i--) swap(i, Math.floor(random() * i));
}

/** Mini-batch SGD as plain loops (seededRandom drives the shuffles): the loss history. */
function loopSgd(X: number[][], y: number[], run: SgdRun, variant: SgdVariant = {}): number[] {
  let random = seededRandom(run.seed);
  let order = X.map((_, i) => i);
  let w = X[0].map(() => 0);
  const lossHistory = [loopMse(X, y, w)];
  for (let epoch = 0; epoch < run.epochs; epoch++) {
    if (variant.reseedEachEpoch) random = seededRandom(run.seed);
    if (variant.freshOrder) order = X.map((_, i) => i);
    if (!variant.shuffleOnce || epoch === 0)
      shuffleInPlace(order, random, variant.shuffle ?? "backward");
    for (let start = 0; start < order.length; start += run.batchSize) {
      const rows = order.slice(start, start + run.batchSize);
      if (variant.dropShortBatch && rows.length < run.batchSize) break;
      const g = variant.fullGradient
        ? loopGradient(X, y, w)
        : loopGradient(
            rows.map((i) => X[i]),
            rows.map((i) => y[i]),
            w,
          );
      w = w.map((wj, j) => wj - run.learningRate * g[j]);
    }
    lossHistory.push(loopMse(X, y, w));
  }
  return lossHistory;
}

/** A small seeded regression problem: bias column + features, y = X·trueW + noise. */
function syntheticProblem(n: number, d: number, seed: number, scales?: number[]) {
  const random = seededRandom(seed);
  const trueW = Array.from({ length: d + 1 }, (_, j) => (j === 0 ? 3 : 2 * random() - 1));
  const X = Array.from({ length: n }, () => [
    1,
    ...Array.from({ length: d }, (_, j) => (2 * random() - 1) * (scales?.[j] ?? 1)),
  ]);
  const y = X.map((row) => row.reduce((s, v, j) => s + v * trueW[j], 0) + 0.1 * (random() - 0.5));
  return { X, y, Xm: new Matrix(X), ym: columnVector(y) };
}

/** Fails if a call changed a matrix it was given (learners' callers keep using their inputs). */
function expectUnchanged(
  before: number[][],
  after: Matrix,
  what: string,
  likelyCause: string,
): void {
  const same = after.to2DArray().every((row, i) => row.every((v, j) => v === before[i][j]));
  expectThat(same, { message: `${what} changed one of its input matrices.`, likelyCause });
}

/** Checks a TrainingResult's shape and returns its loss history. */
function expectHistory(result: unknown, epochs: number, what: string): number[] {
  const r = result as { w?: unknown; lossHistory?: unknown } | undefined;
  if (!r || !Array.isArray(r.lossHistory)) {
    fail({ message: `${what} should return { w, lossHistory }.`, got: show(result) });
  }
  const history = r.lossHistory as number[];
  if (history.length !== epochs + 1) {
    fail({
      message: `${what}: lossHistory has ${history.length} entries for ${epochs} epochs.`,
      expected: `${epochs + 1} entries (the loss before training, then one per epoch)`,
      got: `${history.length} entries`,
      likelyCause:
        history.length === epochs
          ? "Off by one: record the loss once before the loop as well as after each epoch."
          : "Record exactly one loss before training and one after each epoch.",
    });
  }
  return history;
}

const MUTATION_CAUSE =
  "ml-matrix's add/sub/mul change the matrix they are called on. Call .clone() first, e.g. w.clone().sub(...).";

export const gradientDescentLab = defineLab<Lab>({
  id: "01-gradient-descent",
  title: "Gradient descent from scratch",
  summary:
    "Fit linear regression by following the gradient of the loss, and know when it will work.",
  exercises: [
    {
      id: "mse-loss",
      title: "Mean squared error",
      points: 1,
      exports: ["mseLoss"],
      hints: [
        "Compute the predictions X·w with X.mmul(w); the residuals are predictions minus y.",
        "The loss is the MEAN of the squared residuals: sum the squares, then divide by the number of rows (X.rows).",
        "Square element-wise, not with mmul: r.mmul(r) fails for an n×1 r, while mul multiplies entry by entry (on a clone, since mul works in place). Then sum() the entries and divide by the number of rows, not columns.",
      ],
      check: (lab) => {
        const { X, y, Xm, ym } = syntheticProblem(7, 2, 11);
        const w = [0.5, -1, 2];
        const wm = columnVector(w);
        const before = Xm.to2DArray();
        const got = lab.mseLoss(Xm, ym, wm);
        const expected = loopMse(X, y, w);
        const r = residuals(X, y, w);
        expectClose(got, expected, {
          what: "mseLoss on a 7-sample example",
          likelyCause: diagnose(got, [
            {
              value: expected * X.length,
              cause: "You summed the squares but did not divide by n (X.rows).",
            },
            { value: Math.sqrt(expected), cause: "That is the RMSE: the MSE has no square root." },
            { value: expected / 2, cause: "Did you divide by 2n? The MSE here divides by n only." },
            {
              value: r.reduce((s, v) => s + Math.abs(v), 0) / X.length,
              cause: "That is the mean ABSOLUTE error: square the residuals instead.",
            },
            {
              value: (expected * X.length) / (X.length - 1),
              cause: "Divide by n (X.rows), not n − 1: the loss is a plain mean.",
            },
            {
              value: (expected * X.length) / X[0].length,
              cause: "Divide by the number of rows n (X.rows), not the number of columns.",
            },
          ]),
        });
        expectUnchanged(before, Xm, "mseLoss", MUTATION_CAUSE);
        // The docstring example after the 7-sample one: with n = 2, n − 1 = 1 makes "no mean" ambiguous.
        const tiny = lab.mseLoss(
          new Matrix([
            [1, 1],
            [1, 2],
          ]),
          columnVector([1, 3]),
          columnVector([0, 1]),
        );
        expectClose(tiny, 0.5, {
          what: "mseLoss on the docstring example",
          likelyCause:
            diagnose(tiny, [
              { value: 1, cause: "You summed the squares but did not divide by n (X.rows)." },
              { value: Math.sqrt(0.5), cause: "That is the RMSE: the MSE has no square root." },
            ]) ?? "Residuals are [0, -1]: their squares average to 0.5.",
        });
      },
    },
    {
      id: "mse-gradient",
      title: "Gradient of the MSE",
      points: 2,
      exports: ["mseGradient"],
      hints: [
        "The gradient has one entry per weight, so its shape is d×1 — the same as w.",
        "Differentiate (1/n)·Σ(xᵢ·w − yᵢ)²: the chain rule brings down a 2 and multiplies by xᵢ. In matrix form: (2/n)·Xᵀ(Xw − y).",
        "Build it right to left: the residuals r = X·w − y (mmul, then sub), then Xᵀ·r with transpose() and mmul, then scale by 2 / n with mul. Sanity check: the result must be d×1; an n×1 or 1×d result means a product is in the wrong order.",
      ],
      check: (lab) => {
        // The 9-sample case first: on the 2-sample example, n = 2 and the factor 2 look alike.
        const cases = [
          {
            what: "mseGradient on a 9-sample example",
            ...syntheticProblem(9, 3, 5),
            w: [0.2, -0.4, 1, 0.5],
          },
          {
            what: "mseGradient on the docstring example",
            X: [
              [1, 1],
              [1, 2],
            ],
            y: [1, 3],
            w: [0, 1],
          },
        ];
        for (const c of cases) {
          const expected = loopGradient(c.X, c.y, c.w);
          const got = lab.mseGradient(new Matrix(c.X), columnVector(c.y), columnVector(c.w));
          const scaled = (k: number) => expected.map((v) => v * k);
          expectGridClose(got, expected, {
            what: c.what,
            shapeCause: "The gradient must be d×1 like w: compute Xᵀ·r (d×n times n×1), not rᵀ·X.",
            likelyCause: diagnoseGrid(got, [
              {
                value: scaled(0.5),
                cause: "Missing the factor 2 that comes from differentiating the square.",
              },
              {
                value: scaled(c.X.length),
                cause: "You did not divide by n: the loss is a mean, so is its gradient.",
              },
              { value: scaled(-1), cause: "The sign is flipped: use Xᵀ(Xw − y), not Xᵀ(y − Xw)." },
              {
                value: scaled(c.X.length / c.X[0].length),
                cause: "Divide by the number of rows n (X.rows), not the number of columns.",
              },
              {
                value: scaled(c.X.length / (c.X.length - 1)),
                cause: "Divide by n (X.rows), not n − 1: the loss is a plain mean.",
              },
            ]),
          });
        }
      },
    },
    {
      id: "gradient-step",
      title: "One gradient-descent step",
      points: 1,
      exports: ["gradientStep"],
      hints: [
        "Move AGAINST the gradient: it points uphill.",
        "w_new = w − learningRate·gradient. ml-matrix's sub() and mul() change the matrix in place: clone first.",
        "Common mistake: calling sub and mul directly on w and on the gradient. The numbers come out right, but both arguments are changed in place and the caller's next step goes wrong. Call clone() on each before the in-place operations.",
      ],
      check: (lab) => {
        const w = columnVector([1, 1]);
        const g = columnVector([2, -4]);
        const got = lab.gradientStep(w, g, 0.5);
        expectGridClose(got, [[0], [3]], {
          what: "gradientStep(w=[1, 1], gradient=[2, -4], learningRate=0.5)",
          likelyCause:
            tryToGrid(got)?.[0]?.[0] === 2
              ? "You stepped uphill (w + lr·g): subtract the gradient."
              : undefined,
        });
        expectUnchanged([[1], [1]], w, "gradientStep", MUTATION_CAUSE);
        expectUnchanged([[2], [-4]], g, "gradientStep", MUTATION_CAUSE);
        // A second learning rate and three weights: the step must scale with learningRate.
        const w3 = [0.5, -2, 4];
        const g3 = [10, -20, 5];
        const got3 = lab.gradientStep(columnVector(w3), columnVector(g3), 0.01);
        expectGridClose(
          got3,
          w3.map((v, j) => v - 0.01 * g3[j]),
          {
            what: "gradientStep(w=[0.5, -2, 4], gradient=[10, -20, 5], learningRate=0.01)",
            likelyCause: diagnoseGrid(got3, [
              {
                value: w3.map((v, j) => v - 0.5 * g3[j]),
                cause:
                  "The step ignores learningRate: multiply the gradient by the learningRate argument.",
              },
              {
                value: w3.map((v, j) => v - g3[j]),
                cause:
                  "The step ignores learningRate: multiply the gradient by the learningRate argument.",
              },
              {
                value: w3.map((v, j) => v + 0.01 * g3[j]),
                cause: "You stepped uphill (w + lr·g): subtract the gradient.",
              },
              {
                value: w3.map((v, j) => v - g3[j] / 0.01),
                cause: "Multiply the gradient by learningRate, do not divide by it.",
              },
            ]),
          },
        );
      },
    },
    {
      id: "batch-gradient-descent",
      title: "Batch gradient descent",
      points: 2,
      exports: ["batchGradientDescent", "TrainingResult"],
      hints: [
        "Initialise w (zeros, or a clone of options.w0), record the first loss, then loop `epochs` times: gradient → step → record loss.",
        "Use your own mseLoss, mseGradient and gradientStep inside the loop. lossHistory must have epochs + 1 entries.",
        "Start from a clone of options.w0, or new Matrix(X.columns, 1) (zeros, d×1) when it is missing: never update the caller's w0. In the loop, reassign w to gradientStep's result, then push the loss after that step.",
      ],
      check: (lab) => {
        const { X, y, Xm, ym } = syntheticProblem(30, 2, 3);
        // Two learning rates and epoch counts, and a run from options.w0: each argument must matter.
        const runs = [
          { learningRate: 0.1, epochs: 15 },
          { learningRate: 0.03, epochs: 6 },
          { learningRate: 0.05, epochs: 4, w0: [1, 2, -1] },
        ];
        for (const run of runs) {
          const label = `batchGradientDescent(learningRate=${run.learningRate}, epochs=${run.epochs}${run.w0 ? `, w0=[${run.w0.join(", ")}]` : ""})`;
          const expected = loopDescent(X, y, run.learningRate, run.epochs, 0, run.w0);
          const result = lab.batchGradientDescent(Xm, ym, {
            learningRate: run.learningRate,
            epochs: run.epochs,
            ...(run.w0 ? { w0: columnVector(run.w0) } : {}),
          });
          const history = expectHistory(result, run.epochs, label);
          const fromZeros = loopDescent(X, y, run.learningRate, run.epochs).lossHistory;
          expectGridClose(history, expected.lossHistory, {
            what: `${label}'s lossHistory`,
            tolerance: 1e-6,
            likelyCause: history.every((v) => v === history[0])
              ? "The loss never changes: do you assign the new weights back to w?"
              : diagnoseGrid(history, [
                  {
                    value: [expected.lossHistory[0], ...fromZeros.slice(1)],
                    cause:
                      "The first loss is from options.w0 but training starts from zeros: start w itself from options.w0.",
                  },
                  {
                    value: fromZeros,
                    cause: "Start from options.w0 when it is given (zeros only when it is not).",
                  },
                  {
                    value: [expected.lossHistory[0], ...expected.lossHistory.slice(0, -1)],
                    cause:
                      "Each epoch records the loss from BEFORE its step: push the loss after w is updated.",
                  },
                ]),
          });
          expectGridClose(result.w, expected.w, { what: `${label}'s final w`, tolerance: 1e-6 });
        }
      },
    },
    {
      id: "is-diverging",
      title: "Detect divergence",
      points: 1,
      exports: ["isDiverging"],
      hints: [
        "Two ways to blow up: values that are no longer numbers, and a loss that ends higher than it started.",
        "Number.isFinite(v) is false for NaN, Infinity and -Infinity. Remember NaN > x and NaN < x are both false.",
        "Look for a non-finite loss anywhere in the history first (some with Number.isFinite): once a NaN appears, every later comparison is false. Only then compare the last loss with the first.",
      ],
      check: (lab) => {
        const cases: { history: number[]; diverging: boolean; why: string }[] = [
          { history: [10, 5, 2], diverging: false, why: "a steadily decreasing loss is healthy" },
          {
            history: [10, 12, 8, 3],
            diverging: false,
            why: "a small bump that ends lower is still converging",
          },
          { history: [10, 50, 900], diverging: true, why: "the loss grows" },
          { history: [5, 4, 6], diverging: true, why: "the last loss is above the first" },
          {
            history: [10, Number.NaN],
            diverging: true,
            why: "NaN means the arithmetic overflowed",
          },
          {
            history: [10, 1e200, Number.POSITIVE_INFINITY, Number.NaN, Number.NaN],
            diverging: true,
            why: "Infinity then NaN: a blown-up run",
          },
          { history: [3, 3], diverging: false, why: "a flat loss is not diverging" },
          {
            history: [10, Number.POSITIVE_INFINITY, 5],
            diverging: true,
            why: "an Infinity anywhere (not just at the end) means the run blew up",
          },
          {
            history: [10, Number.NaN, 2],
            diverging: true,
            why: "a NaN anywhere (not just at the end) means the run blew up",
          },
          {
            history: [10, Number.NEGATIVE_INFINITY, 1],
            diverging: true,
            why: "-Infinity is not a finite loss either",
          },
          {
            history: [10, 4, 6],
            diverging: false,
            why: "the last loss is above the previous one but below the first",
          },
          { history: [8], diverging: false, why: "a single loss cannot be diverging" },
        ];
        for (const c of cases) {
          const got = lab.isDiverging([...c.history]);
          expectThat(got === c.diverging, {
            message: `isDiverging([${c.history.join(", ")}]) should be ${c.diverging}: ${c.why}.`,
            expected: String(c.diverging),
            got: String(got),
            likelyCause: c.history.some((v) => Number.isNaN(v))
              ? "Comparisons with NaN are always false: test Number.isFinite for every loss."
              : c.history.some((v) => !Number.isFinite(v))
                ? "Test every loss with Number.isFinite (which is false for ±Infinity too), not only the last one."
                : c.why.includes("bump") || c.why.includes("previous")
                  ? "Compare the last loss with the FIRST; one step up is not divergence."
                  : undefined,
          });
        }
      },
    },
    {
      id: "mini-batch-sgd",
      title: "Mini-batch stochastic gradient descent",
      points: 2,
      exports: ["miniBatchSgd"],
      hints: [
        "Each epoch: shuffle the row order, then take one step per batch of rows. Record the full-data loss once per epoch.",
        "Create `const random = seededRandom(options.seed)` once, before the epochs. Select a batch's rows with X.selection(rows, allColumns) and y.selection(rows, [0]).",
        "The check replays the random draws, so shuffle at the start of EVERY epoch with Fisher–Yates: i from n − 1 down to 1, j = Math.floor(random() * (i + 1)), swap. Then take batches as consecutive slices of that order (the last one may be smaller), one gradient step per batch, and record the full-data loss once per epoch.",
      ],
      check: (lab) => {
        const { X, y, Xm, ym } = syntheticProblem(64, 3, 21);
        const n = X.length;
        const full = lab.miniBatchSgd(Xm, ym, {
          learningRate: 0.1,
          epochs: 4,
          batchSize: n,
          seed: 1,
        });
        expectGridClose(
          expectHistory(full, 4, "miniBatchSgd"),
          loopDescent(X, y, 0.1, 4).lossHistory,
          {
            what: "miniBatchSgd with batchSize = n (which must equal batch gradient descent)",
            tolerance: 1e-6,
            likelyCause:
              "With one batch holding every row, each epoch is exactly one full gradient step from zeros.",
          },
        );
        // 30 rows: batches of 8 leave a short last batch of 6, batches of 7 one of 2 — neither may be dropped.
        const small = syntheticProblem(30, 2, 13);
        const runs: SgdRun[] = [
          { learningRate: 0.05, epochs: 3, batchSize: 8, seed: 4 },
          { learningRate: 0.1, epochs: 2, batchSize: 7, seed: 9 },
        ];
        for (const run of runs) {
          const label = `miniBatchSgd(learningRate=${run.learningRate}, epochs=${run.epochs}, batchSize=${run.batchSize}, seed=${run.seed}) on 30 rows`;
          const got = expectHistory(lab.miniBatchSgd(small.Xm, small.ym, run), run.epochs, label);
          const again = expectHistory(lab.miniBatchSgd(small.Xm, small.ym, run), run.epochs, label);
          expectThat(
            again.every((v, i) => v === got[i]),
            {
              message: "miniBatchSgd is not reproducible: the same seed gave different results.",
              likelyCause:
                "Shuffle with seededRandom(options.seed), created once per call — not Math.random().",
            },
          );
          // Any correct Fisher–Yates loop (from either end, reshuffling the last order or a fresh one).
          const correct = (["backward", "forward"] as const).flatMap((shuffle) =>
            [false, true].map((freshOrder) =>
              loopSgd(small.X, small.y, run, { shuffle, freshOrder }),
            ),
          );
          if (correct.some((expected) => gridsClose(got, expected, 1e-8))) continue;
          const mistake = (variant: SgdVariant) => loopSgd(small.X, small.y, run, variant);
          fail({
            message: `${label} took the wrong steps.`,
            expected: show(correct[0]),
            got: show(got),
            likelyCause:
              diagnoseGrid(
                got,
                [
                  {
                    value: loopDescent(small.X, small.y, run.learningRate, run.epochs).lossHistory,
                    cause: "Take one step per batch inside each epoch, not one step per epoch.",
                  },
                  {
                    value: mistake({ dropShortBatch: true }),
                    cause:
                      "The short last batch was dropped: when n is not a multiple of batchSize, the last batch is smaller but still takes a step.",
                  },
                  {
                    value: mistake({ dropShortBatch: true, freshOrder: true }),
                    cause:
                      "The short last batch was dropped: when n is not a multiple of batchSize, the last batch is smaller but still takes a step.",
                  },
                  {
                    value: mistake({ shuffleOnce: true }),
                    cause:
                      "The rows are shuffled only once: shuffle again at the start of EVERY epoch.",
                  },
                  {
                    value: mistake({ shuffle: "none" }),
                    cause:
                      "The rows are never shuffled: shuffle the row order at the start of every epoch.",
                  },
                  {
                    value: mistake({ reseedEachEpoch: true }),
                    cause:
                      "seededRandom(seed) is created inside the epoch loop: create it once, before the epochs, so each epoch gets a new shuffle.",
                  },
                  {
                    value: mistake({ reseedEachEpoch: true, freshOrder: true }),
                    cause:
                      "seededRandom(seed) is created inside the epoch loop: create it once, before the epochs, so each epoch gets a new shuffle.",
                  },
                  {
                    value: mistake({ shuffle: "sattolo" }),
                    cause:
                      "Off by one in Fisher–Yates: j = Math.floor(random() * (i + 1)), so an element may stay where it is (random() * i is Sattolo's algorithm).",
                  },
                  {
                    value: mistake({ shuffle: "sattolo", freshOrder: true }),
                    cause:
                      "Off by one in Fisher–Yates: j = Math.floor(random() * (i + 1)), so an element may stay where it is (random() * i is Sattolo's algorithm).",
                  },
                  {
                    value: mistake({ fullGradient: true }),
                    cause:
                      "Each step uses the gradient on ALL rows: compute it on the batch's rows only (Xb, yb).",
                  },
                ],
                1e-8,
              ) ??
              "Per epoch: shuffle the row order with Fisher–Yates using one seededRandom(seed), then one step per batch of batchSize rows (the last may be smaller), with the gradient on that batch.",
          });
        }
      },
    },
    {
      id: "momentum",
      title: "Momentum",
      points: 2,
      exports: ["momentumGradientDescent"],
      hints: [
        "Keep a velocity matrix v next to w. It must survive from one epoch to the next.",
        "Each epoch: v = momentum·v + gradient, then w = w − learningRate·v. Clone before in-place ml-matrix operations.",
        "Keep v as a d×1 matrix of zeros from before the loop. Update v first (scale the old v by momentum, add this epoch's gradient), then step w with v in place of the gradient. Remember: mul and add change v in place, so clone it first.",
      ],
      check: (lab) => {
        // An elongated bowl (features on very different scales): where momentum helps.
        const { X, y, Xm, ym } = syntheticProblem(40, 2, 8, [0.2, 1]);
        const plain = lab.momentumGradientDescent(Xm, ym, {
          learningRate: 0.2,
          momentum: 0,
          epochs: 10,
        });
        expectGridClose(
          expectHistory(plain, 10, "momentumGradientDescent"),
          loopDescent(X, y, 0.2, 10).lossHistory,
          {
            what: "momentumGradientDescent with momentum = 0 (which must equal batch gradient descent)",
            tolerance: 1e-6,
          },
        );
        // Two momentum values, learning rates and epoch counts: each argument must matter.
        for (const run of [
          { learningRate: 0.2, momentum: 0.9, epochs: 25 },
          { learningRate: 0.1, momentum: 0.5, epochs: 12 },
        ]) {
          const { learningRate: lr, momentum: m, epochs } = run;
          const got = lab.momentumGradientDescent(Xm, ym, run);
          const history = expectHistory(got, epochs, "momentumGradientDescent");
          const expected = loopDescent(X, y, lr, epochs, m);
          const otherMomentum = m === 0.9 ? 0.5 : 0.9;
          expectGridClose(history, expected.lossHistory, {
            what: `momentumGradientDescent's lossHistory with learningRate ${lr}, momentum ${m}, ${epochs} epochs`,
            tolerance: 1e-6,
            likelyCause:
              diagnoseGrid(history, [
                {
                  value: loopDescent(X, y, lr, epochs).lossHistory,
                  cause:
                    "This equals plain gradient descent: is v carried over between epochs (v = momentum·v + gradient)?",
                },
                {
                  value: loopDescent(X, y, lr, epochs, m, undefined, 1 - m).lossHistory,
                  cause:
                    "That is an exponential moving average, v = momentum·v + (1 − momentum)·gradient: add the full gradient, v = momentum·v + gradient.",
                },
                {
                  value: loopDescent(X, y, lr, epochs, otherMomentum).lossHistory,
                  cause: `This is the run for momentum ${otherMomentum}: use options.momentum, not a fixed value.`,
                },
              ]) ?? "Update v first (v = momentum·v + gradient), then w = w − learningRate·v.",
          });
          expectGridClose(got.w, expected.w, {
            what: `momentumGradientDescent's final w (momentum ${m})`,
            tolerance: 1e-6,
          });
        }
      },
    },
    {
      id: "normal-equation",
      title: "The normal equation",
      points: 1,
      exports: ["normalEquation"],
      hints: [
        "Setting the gradient (2/n)·Xᵀ(Xw − y) to zero gives XᵀX·w = Xᵀy.",
        "Solve for w: w = (XᵀX)⁻¹·Xᵀ·y. inverse(M) inverts a square matrix; X.transpose() gives Xᵀ.",
        "Build it inside out: XᵀX is d×d (transpose X once and mmul it with X), inverse(...) of that, then multiply by Xᵀ and finally by y. Keep that order: matrix products do not commute, and the answer must be d×1.",
      ],
      check: (lab) => {
        const orderCause =
          "Check the order of the products: (XᵀX)⁻¹ · Xᵀ · y, and that nothing (like a penalty) is added to XᵀX.";
        expectGridClose(
          lab.normalEquation(
            new Matrix([
              [1, 0],
              [1, 1],
              [1, 2],
            ]),
            columnVector([1, 3, 5]),
          ),
          [[1], [2]],
          {
            what: "normalEquation on the docstring example (y = 1 + 2x)",
            tolerance: 1e-6,
            likelyCause: orderCause,
          },
        );
        // Real data: standardised diabetes features. QR least squares is the independent answer.
        const { train } = loadFixedSplit("diabetes");
        const X = withBiasColumn(new StandardScaler().fit(train.x).transform(train.x));
        const y = columnVector(train.y);
        expectGridClose(lab.normalEquation(X, y), solve(X, y), {
          what: "normalEquation on the diabetes training set",
          tolerance: 1e-6,
          likelyCause: orderCause,
        });
      },
    },
  ],
});
