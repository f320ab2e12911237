import { Matrix, solve } from "ml-matrix";
import { StandardScaler, loadFixedSplit, seededRandom } from "../../data";
import { expectClose, expectGridClose, expectThat, diagnose, describe as show, tryToGrid } from "../../grading/expect";
import { fail } from "../../grading/check-failure";
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
function loopDescent(X: number[][], y: number[], lr: number, epochs: number, momentum = 0, w0?: number[]) {
  let w = w0 ? [...w0] : X[0].map(() => 0);
  let v = w.map(() => 0);
  const lossHistory = [loopMse(X, y, w)];
  for (let e = 0; e < epochs; e++) {
    const g = loopGradient(X, y, w);
    v = v.map((vj, j) => momentum * vj + g[j]);
    w = w.map((wj, j) => wj - lr * v[j]);
    lossHistory.push(loopMse(X, y, w));
  }
  return { w, lossHistory };
}

/** A small seeded regression problem: bias column + features, y = X·trueW + noise. */
function syntheticProblem(n: number, d: number, seed: number, scales?: number[]) {
  const random = seededRandom(seed);
  const trueW = Array.from({ length: d + 1 }, (_, j) => (j === 0 ? 3 : 2 * random() - 1));
  const X = Array.from({ length: n }, () => [1, ...Array.from({ length: d }, (_, j) => (2 * random() - 1) * (scales?.[j] ?? 1))]);
  const y = X.map((row) => row.reduce((s, v, j) => s + v * trueW[j], 0) + 0.1 * (random() - 0.5));
  return { X, y, Xm: new Matrix(X), ym: columnVector(y) };
}

/** Fails if a call changed a matrix it was given (learners' callers keep using their inputs). */
function expectUnchanged(before: number[][], after: Matrix, what: string, likelyCause: string): void {
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
  summary: "Fit linear regression by following the gradient of the loss, and know when it will work.",
  exercises: [
    {
      id: "mse-loss",
      title: "Mean squared error",
      points: 1,
      exports: ["mseLoss"],
      hints: [
        "Compute the predictions X·w with X.mmul(w); the residuals are predictions minus y.",
        "The loss is the MEAN of the squared residuals: sum the squares, then divide by the number of rows (X.rows).",
        "const r = X.mmul(w).sub(y); return r.clone().mul(r).sum() / X.rows;  (mul is element-wise)",
      ],
      check: (lab) => {
        const tiny = lab.mseLoss(new Matrix([[1, 1], [1, 2]]), columnVector([1, 3]), columnVector([0, 1]));
        expectClose(tiny, 0.5, {
          what: "mseLoss on the docstring example",
          likelyCause:
            diagnose(tiny, [
              { value: 1, cause: "You summed the squares but did not divide by n (X.rows)." },
              { value: Math.sqrt(0.5), cause: "That is the RMSE: the MSE has no square root." },
            ]) ?? "Residuals are [0, -1]: their squares average to 0.5.",
        });
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
            { value: expected * X.length, cause: "You summed the squares but did not divide by n (X.rows)." },
            { value: Math.sqrt(expected), cause: "That is the RMSE: the MSE has no square root." },
            { value: expected / 2, cause: "Did you divide by 2n? The MSE here divides by n only." },
            { value: r.reduce((s, v) => s + Math.abs(v), 0) / X.length, cause: "That is the mean ABSOLUTE error: square the residuals instead." },
          ]),
        });
        expectUnchanged(before, Xm, "mseLoss", MUTATION_CAUSE);
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
        "const r = X.mmul(w).sub(y); return X.transpose().mmul(r).mul(2 / X.rows);",
      ],
      check: (lab) => {
        const cases = [
          { what: "mseGradient on the docstring example", X: [[1, 1], [1, 2]], y: [1, 3], w: [0, 1] },
          { what: "mseGradient on a 9-sample example", ...syntheticProblem(9, 3, 5), w: [0.2, -0.4, 1, 0.5] },
        ];
        for (const c of cases) {
          const expected = loopGradient(c.X, c.y, c.w);
          const got = lab.mseGradient(new Matrix(c.X), columnVector(c.y), columnVector(c.w));
          const grid = tryToGrid(got);
          const ratio = grid && grid.length === expected.length ? grid[0][0] / expected[0] : Number.NaN;
          expectGridClose(got, expected, {
            what: c.what,
            shapeCause: "The gradient must be d×1 like w: compute Xᵀ·r (d×n times n×1), not rᵀ·X.",
            likelyCause: diagnose(ratio, [
              { value: 0.5, cause: "Missing the factor 2 that comes from differentiating the square." },
              { value: c.X.length, cause: "You did not divide by n: the loss is a mean, so is its gradient." },
              { value: -1, cause: "The sign is flipped: use Xᵀ(Xw − y), not Xᵀ(y − Xw)." },
            ], 1e-4),
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
        "return w.clone().sub(gradient.clone().mul(learningRate));",
      ],
      check: (lab) => {
        const w = columnVector([1, 1]);
        const g = columnVector([2, -4]);
        const got = lab.gradientStep(w, g, 0.5);
        expectGridClose(got, [[0], [3]], {
          what: "gradientStep(w=[1, 1], gradient=[2, -4], learningRate=0.5)",
          likelyCause: tryToGrid(got)?.[0]?.[0] === 2 ? "You stepped uphill (w + lr·g): subtract the gradient." : undefined,
        });
        expectUnchanged([[1], [1]], w, "gradientStep", MUTATION_CAUSE);
        expectUnchanged([[2], [-4]], g, "gradientStep", MUTATION_CAUSE);
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
        "let w = options.w0?.clone() ?? new Matrix(X.columns, 1); const lossHistory = [mseLoss(X, y, w)]; for (...) { w = gradientStep(w, mseGradient(X, y, w), lr); lossHistory.push(mseLoss(X, y, w)); }",
      ],
      check: (lab) => {
        const { X, y, Xm, ym } = syntheticProblem(30, 2, 3);
        const expected = loopDescent(X, y, 0.1, 15);
        const result = lab.batchGradientDescent(Xm, ym, { learningRate: 0.1, epochs: 15 });
        const history = expectHistory(result, 15, "batchGradientDescent");
        expectGridClose(history, expected.lossHistory, {
          what: "batchGradientDescent's lossHistory",
          tolerance: 1e-6,
          likelyCause: history[1] === history[0] ? "The loss never changes: do you assign the new weights back to w?" : undefined,
        });
        expectGridClose(result.w, expected.w, { what: "batchGradientDescent's final w", tolerance: 1e-6 });
        const w0 = [1, 2, -1];
        const fromW0 = lab.batchGradientDescent(Xm, ym, { learningRate: 0.1, epochs: 3, w0: columnVector(w0) });
        expectClose(expectHistory(fromW0, 3, "batchGradientDescent with w0")[0], loopMse(X, y, w0), {
          what: "lossHistory[0] when options.w0 is given",
          likelyCause: "Start from options.w0 when it is given (zeros only when it is not).",
        });
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
        "if (lossHistory.some((l) => !Number.isFinite(l))) return true; return last > first;",
      ],
      check: (lab) => {
        const cases: { history: number[]; diverging: boolean; why: string }[] = [
          { history: [10, 5, 2], diverging: false, why: "a steadily decreasing loss is healthy" },
          { history: [10, 12, 8, 3], diverging: false, why: "a small bump that ends lower is still converging" },
          { history: [10, 50, 900], diverging: true, why: "the loss grows" },
          { history: [5, 4, 6], diverging: true, why: "the last loss is above the first" },
          { history: [10, Number.NaN], diverging: true, why: "NaN means the arithmetic overflowed" },
          { history: [10, 1e200, Number.POSITIVE_INFINITY, Number.NaN, Number.NaN], diverging: true, why: "Infinity then NaN: a blown-up run" },
          { history: [3, 3], diverging: false, why: "a flat loss is not diverging" },
        ];
        for (const c of cases) {
          const got = lab.isDiverging([...c.history]);
          expectThat(got === c.diverging, {
            message: `isDiverging([${c.history.join(", ")}]) should be ${c.diverging}: ${c.why}.`,
            expected: String(c.diverging),
            got: String(got),
            likelyCause: c.history.some((v) => Number.isNaN(v))
              ? "Comparisons with NaN are always false: test Number.isFinite for every loss."
              : c.why.includes("bump")
                ? "Compare the last loss with the first; one step up is not divergence."
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
        "Fisher–Yates: for (let i = n − 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); swap order[i], order[j]; } then for (let start = 0; start < n; start += batchSize) { rows = order.slice(start, start + batchSize); ... }",
      ],
      check: (lab) => {
        const { X, y, Xm, ym } = syntheticProblem(64, 3, 21);
        const n = X.length;
        const full = lab.miniBatchSgd(Xm, ym, { learningRate: 0.1, epochs: 4, batchSize: n, seed: 1 });
        expectGridClose(expectHistory(full, 4, "miniBatchSgd"), loopDescent(X, y, 0.1, 4).lossHistory, {
          what: "miniBatchSgd with batchSize = n (which must equal batch gradient descent)",
          tolerance: 1e-6,
          likelyCause: "With one batch holding every row, each epoch is exactly one full gradient step from zeros.",
        });
        const opts = { learningRate: 0.05, epochs: 3, batchSize: 8, seed: 7 };
        const sgd = expectHistory(lab.miniBatchSgd(Xm, ym, opts), 3, "miniBatchSgd");
        const batch = loopDescent(X, y, 0.05, 3).lossHistory;
        expectThat(sgd[3] < 0.5 * batch[3], {
          message: "After 3 epochs with batches of 8, mini-batch SGD should be far ahead of batch GD (8 steps per epoch instead of 1).",
          expected: `a loss well below batch GD's ${batch[3].toFixed(4)}`,
          got: sgd[3].toFixed(4),
          likelyCause: "Take one step per batch inside each epoch, not one step per epoch.",
        });
        const again = expectHistory(lab.miniBatchSgd(Xm, ym, opts), 3, "miniBatchSgd");
        expectThat(again.every((v, i) => v === sgd[i]), {
          message: "miniBatchSgd is not reproducible: the same seed gave different results.",
          likelyCause: "Shuffle with seededRandom(options.seed), created once per call — not Math.random().",
        });
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
        "v = v.clone().mul(momentum).add(mseGradient(X, y, w)); w = gradientStep(w, v, learningRate);",
      ],
      check: (lab) => {
        // An elongated bowl (features on very different scales): where momentum helps.
        const { X, y, Xm, ym } = syntheticProblem(40, 2, 8, [0.2, 1]);
        const plain = lab.momentumGradientDescent(Xm, ym, { learningRate: 0.2, momentum: 0, epochs: 10 });
        expectGridClose(expectHistory(plain, 10, "momentumGradientDescent"), loopDescent(X, y, 0.2, 10).lossHistory, {
          what: "momentumGradientDescent with momentum = 0 (which must equal batch gradient descent)",
          tolerance: 1e-6,
        });
        const got = lab.momentumGradientDescent(Xm, ym, { learningRate: 0.2, momentum: 0.9, epochs: 25 });
        const history = expectHistory(got, 25, "momentumGradientDescent");
        const expected = loopDescent(X, y, 0.2, 25, 0.9);
        const plainHistory = loopDescent(X, y, 0.2, 25).lossHistory;
        expectGridClose(history, expected.lossHistory, {
          what: "momentumGradientDescent's lossHistory with momentum 0.9",
          tolerance: 1e-6,
          likelyCause: history.every((v, i) => Math.abs(v - plainHistory[i]) < 1e-9)
            ? "This equals plain gradient descent: is v carried over between epochs (v = momentum·v + gradient)?"
            : "Update v first (v = momentum·v + gradient), then w = w − learningRate·v.",
        });
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
        "const Xt = X.transpose(); return inverse(Xt.mmul(X)).mmul(Xt).mmul(y);",
      ],
      check: (lab) => {
        const orderCause =
          "Check the order of the products: (XᵀX)⁻¹ · Xᵀ · y, and that nothing (like a penalty) is added to XᵀX.";
        expectGridClose(lab.normalEquation(new Matrix([[1, 0], [1, 1], [1, 2]]), columnVector([1, 3, 5])), [[1], [2]], {
          what: "normalEquation on the docstring example (y = 1 + 2x)",
          tolerance: 1e-6,
          likelyCause: orderCause,
        });
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
