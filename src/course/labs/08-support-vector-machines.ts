import { loadFixedSplit, StandardScaler, seededRandom } from "../../data";
import { fail } from "../../grading/check-failure";
import {
  diagnose,
  expectClose,
  expectFiniteNumber,
  expectGridClose,
  expectGridShape,
  expectMessageNames,
  expectSameList,
  expectThat,
  describe as show,
} from "../../grading/expect";
import {
  expectEstimatorGuards,
  expectReturnsModel,
  expectThrows,
} from "../../grading/expect-estimator";
import { defineLab } from "../../grading/types";
import { solveSvmDual, svmDualObjective } from "../../ml/svm-smo";
import { makeBlobs, makeMoons } from "../../ml/toy-datasets";

type Lab = typeof import("../../../solutions/08-support-vector-machines");

/*
 * Expected values come from plain loops written here, independently of the reference
 * solution, and from an exact SMO solver (src/ml/svm-smo.ts) for the optima.
 */

const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
const dotLoop = (a: number[], b: number[]) => a.reduce((s, v, j) => s + v * b[j], 0);
const signsOf = (y: number[]) => y.map((v) => (v === 1 ? 1 : -1));

function hingeLoop(w: number[], b: number, x: number[][], y: number[]): number[] {
  return x.map((row, i) => Math.max(0, 1 - y[i] * (dotLoop(w, row) + b)));
}

function objectiveLoop(w: number[], b: number, x: number[][], y: number[], C: number): number {
  return 0.5 * dotLoop(w, w) + C * sum(hingeLoop(w, b, x, y));
}

function subgradientLoop(
  w: number[],
  b: number,
  x: number[][],
  y: number[],
  C: number,
  mistake?: "onMarginCounts" | "marginWithoutBias",
) {
  const gw = [...w];
  let gb = 0;
  for (let i = 0; i < x.length; i++) {
    const ys = y[i] * (dotLoop(w, x[i]) + (mistake === "marginWithoutBias" ? 0 : b));
    if (mistake === "onMarginCounts" ? ys <= 1 : ys < 1) {
      for (let j = 0; j < w.length; j++) gw[j] -= C * y[i] * x[i][j];
      gb -= C * y[i];
    }
  }
  return { w: gw, b: gb };
}

/** A seeded random problem: rows, ±1 labels, a weight vector and a bias. */
function randomProblem(n: number, d: number, seed: number) {
  const random = seededRandom(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: d }, () => 4 * random() - 2));
  const y = x.map(() => (random() < 0.5 ? -1 : 1));
  const w = Array.from({ length: d }, () => 2 * random() - 1);
  return { x, y, w, b: 0.3 };
}

type SgdVariant =
  | "correct"
  | "labels01"
  | "regularisedBias"
  | "noShrink"
  | "signFlip"
  | "constantStep"
  | "stepAfterCount"
  | "lambdaWithoutN"
  | "noShuffle"
  | "shuffleOnce";

/** The TODO's training loop, written as plainly as possible, with known mistakes switchable. */
function sgdLoop(
  x: number[][],
  y01: number[],
  p: { C: number; epochs: number; learningRate: number; seed: number },
  v: SgdVariant,
) {
  const s = y01.map((label) => (v === "labels01" ? label : label === 1 ? 1 : -1));
  const n = x.length;
  const lambda = v === "lambdaWithoutN" ? 1 / p.C : 1 / (p.C * n);
  const random = seededRandom(p.seed);
  const order = x.map((_, i) => i);
  const w = x[0].map(() => 0);
  let b = 0;
  let t = 0;
  for (let e = 0; e < p.epochs; e++) {
    const shuffles = v === "noShuffle" ? false : v === "shuffleOnce" ? e === 0 : true;
    for (let i = n - 1; shuffles && i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      if (v === "stepAfterCount") t++;
      const eta =
        v === "constantStep" ? p.learningRate : p.learningRate / (1 + p.learningRate * lambda * t);
      if (v !== "stepAfterCount") t++;
      const violates = s[i] * (dotLoop(w, x[i]) + b) < 1;
      const shrink = v === "noShrink" ? 1 : 1 - eta * lambda;
      const sign = v === "signFlip" ? -1 : 1;
      for (let j = 0; j < w.length; j++)
        w[j] = shrink * w[j] + (violates ? sign * eta * s[i] * x[i][j] : 0);
      if (v === "regularisedBias") b *= shrink;
      if (violates) b += sign * eta * s[i];
    }
  }
  return { w, b };
}

function rbfLoop(a: number[], b: number[], gamma: number): number {
  return Math.exp(-gamma * a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0));
}

type KernelParams = {
  C: number;
  gamma: number;
  tol: number;
  maxPasses: number;
  maxIter: number;
  seed: number;
};
const KERNEL_DEFAULTS: KernelParams = {
  C: 1,
  gamma: 1,
  tol: 1e-3,
  maxPasses: 10,
  maxIter: 10_000,
  seed: 0,
};

/** The TODO's simplified SMO, line by line (signs ∈ {−1, +1}): the run a learner must replay. */
function smoLoop(
  x: number[][],
  signs: number[],
  p: KernelParams,
  bLast = false,
): { alphas: number[]; b: number } {
  const n = x.length;
  const K = x.map((a) => x.map((c) => rbfLoop(a, c, p.gamma)));
  const alphas = x.map(() => 0);
  let b = 0;
  const random = seededRandom(p.seed);
  // Rounding differs with the order of the sum (b first or last); both orders are accepted.
  const f = (i: number) => {
    let v = bLast ? 0 : b;
    for (let k = 0; k < n; k++) if (alphas[k] !== 0) v += alphas[k] * signs[k] * K[k][i];
    return bLast ? v + b : v;
  };
  let passes = 0;
  let iter = 0;
  while (passes < p.maxPasses && iter < p.maxIter) {
    iter++;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const Ei = f(i) - signs[i];
      const r = signs[i] * Ei;
      if (!((r < -p.tol && alphas[i] < p.C) || (r > p.tol && alphas[i] > 0))) continue;
      let j = Math.floor(random() * (n - 1));
      if (j >= i) j++;
      const Ej = f(j) - signs[j];
      const ai0 = alphas[i];
      const aj0 = alphas[j];
      const L = signs[i] !== signs[j] ? Math.max(0, aj0 - ai0) : Math.max(0, ai0 + aj0 - p.C);
      const H = signs[i] !== signs[j] ? Math.min(p.C, p.C + aj0 - ai0) : Math.min(p.C, ai0 + aj0);
      if (L === H) continue;
      const eta = 2 * K[i][j] - K[i][i] - K[j][j];
      if (eta >= 0) continue;
      const aj = Math.min(H, Math.max(L, aj0 - (signs[j] * (Ei - Ej)) / eta));
      if (Math.abs(aj - aj0) < 1e-5) continue;
      const ai = ai0 + signs[i] * signs[j] * (aj0 - aj);
      alphas[i] = ai;
      alphas[j] = aj;
      const b1 = b - Ei - signs[i] * (ai - ai0) * K[i][i] - signs[j] * (aj - aj0) * K[i][j];
      const b2 = b - Ej - signs[i] * (ai - ai0) * K[i][j] - signs[j] * (aj - aj0) * K[j][j];
      b = ai > 0 && ai < p.C ? b1 : aj > 0 && aj < p.C ? b2 : (b1 + b2) / 2;
      changed++;
    }
    passes = changed === 0 ? passes + 1 : 0;
  }
  return { alphas, b };
}

/**
 * Fails unless the learner's KernelSVC, fitted with `p`, replays the TODO's run (α and b).
 * Names a hyperparameter as ignored only when running with its default reproduces the result.
 */
function expectExactSmoRun(
  model: { alphas: unknown; b: unknown; decisionFunction(x: number[][]): unknown },
  x: number[][],
  signs: number[],
  p: KernelParams,
  what: string,
): void {
  const want = smoLoop(x, signs, p);
  const alphas = expectGridShape(model.alphas, x.length, 1, {
    what: `${what}: KernelSVC.alphas`,
  }).map((r) => r[0]);
  const b = expectFiniteNumber(model.b, { what: `${what}: KernelSVC.b` });
  const matches = (r: { alphas: number[]; b: number }) =>
    Math.abs(r.b - b) <= 1e-6 * Math.max(1, Math.abs(r.b)) &&
    r.alphas.every((a, i) => Math.abs(a - alphas[i]) <= 1e-6);
  if (!matches(want) && !matches(smoLoop(x, signs, p, true))) {
    const ignored = (Object.keys(KERNEL_DEFAULTS) as (keyof KernelParams)[]).find(
      (k) =>
        p[k] !== KERNEL_DEFAULTS[k] &&
        matches(smoLoop(x, signs, { ...p, [k]: KERNEL_DEFAULTS[k] })),
    );
    fail({
      message: `${what}: KernelSVC's multipliers differ from the run the TODO describes.`,
      expected: `α = ${show(want.alphas)}, b = ${want.b.toFixed(6)}`,
      got: `α = ${show(alphas)}, b = ${b.toFixed(6)}`,
      likelyCause: ignored
        ? `this.params.${ignored} is ignored: the run matches the default ${ignored} = ${KERNEL_DEFAULTS[ignored]}.`
        : "Follow the TODO line by line: the check replays it (one seededRandom for the whole fit, j = floor(random()·(n − 1)), skipping i; the KKT test with tol; passes reset to 0 after any change; at most maxIter passes).",
    });
  }
  const probe = [
    [0, 0.5],
    [1, -0.2],
    [-0.5, 1],
  ];
  expectGridClose(
    model.decisionFunction(probe),
    probe.map(
      (r) => want.b + sum(x.map((xk, k) => want.alphas[k] * signs[k] * rbfLoop(xk, r, p.gamma))),
    ),
    {
      what: `${what}: KernelSVC.decisionFunction on 3 new rows`,
      likelyCause: `f(x) = Σ αₖyₖ·exp(−γ‖xₖ − x‖²) + b with this model's γ (${p.gamma}).`,
    },
  );
}

function accuracyLoop(yTrue: number[], yPred: number[]): number {
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

function columnMeans(x: number[][]): number[] {
  return x[0].map((_, j) => sum(x.map((row) => row[j])) / x.length);
}

/** A 2-D fixture whose best boundary is off the origin, so the bias matters (and is learnable). */
const offsetBlobs = () =>
  makeBlobs(60, {
    centers: [
      [0.5, 1],
      [2, 2.5],
    ],
    spread: 0.6,
    seed: 4,
  });

/** Two moons with only a third of class 1 kept: the best boundary then needs a clearly nonzero b. */
function unbalancedMoons() {
  const moons = makeMoons(120, { noise: 0.2, seed: 3 });
  const keep = moons.y.map((v, i) => v === 0 || i % 3 === 0);
  return { x: moons.x.filter((_, i) => keep[i]), y: moons.y.filter((_, i) => keep[i]) };
}

const LINEAR_CAUSES: Record<SgdVariant, string> = {
  correct: "",
  labels01:
    "The labels were used as 0/1: a 0 label makes every update vanish. Map y to −1/+1 with toSignedLabels first.",
  regularisedBias:
    "The bias is shrunk by (1 − ηλ) too: only w is regularised; b changes only on violations.",
  noShrink: "w is never shrunk: multiply w by (1 − ηλ) on EVERY step (the regulariser's gradient).",
  signFlip: "The update has the wrong sign: a violating row pulls w TOWARDS yᵢ·xᵢ (w + η·yᵢ·xᵢ).",
  constantStep:
    "The step size is constant: use η = learningRate / (1 + learningRate·λ·t), t counting steps.",
  stepAfterCount:
    "t is counted one step too early: compute η with the current t (0 on the very first step), then t++.",
  lambdaWithoutN:
    "λ = 1/(C·n) — you used 1/C (the objective is divided by C·n, n the number of rows).",
  noShuffle:
    "The rows are never shuffled: Fisher–Yates shuffle the order at the start of EVERY epoch.",
  shuffleOnce:
    "The rows are shuffled only once: shuffle the same order array again at the start of EVERY epoch.",
};

type LinearParams = { C: number; epochs: number; learningRate: number; seed: number };
const LINEAR_DEFAULTS: LinearParams = { C: 1, epochs: 20, learningRate: 0.1, seed: 0 };

/**
 * Fails unless the learner's LinearSVC, fitted with `p`, reproduces the TODO's exact run. The
 * likely cause is shown only when re-running a known mistake (or a parameter left at its
 * default) reproduces the learner's weights.
 */
function expectExactLinearRun(
  got: { w: unknown; b: unknown },
  x: number[][],
  y01: number[],
  p: LinearParams,
  what: string,
): void {
  const want = sgdLoop(x, y01, p, "correct");
  const w = expectGridShape(got.w, want.w.length, 1, { what: `${what}: LinearSVC.w` }).map(
    (r) => r[0],
  );
  const b = expectFiniteNumber(got.b, { what: `${what}: LinearSVC.b` });
  const matches = (r: { w: number[]; b: number }) =>
    Math.abs(r.b - b) <= 1e-6 * Math.max(1, Math.abs(r.b)) &&
    r.w.every((v, j) => Math.abs(v - w[j]) <= 1e-6 * Math.max(1, Math.abs(v)));
  if (matches(want)) return;
  const mistake = (Object.keys(LINEAR_CAUSES) as SgdVariant[])
    .slice(1)
    .find((v) => matches(sgdLoop(x, y01, p, v)));
  const ignored = (Object.keys(LINEAR_DEFAULTS) as (keyof LinearParams)[]).find(
    (k) =>
      p[k] !== LINEAR_DEFAULTS[k] &&
      matches(sgdLoop(x, y01, { ...p, [k]: LINEAR_DEFAULTS[k] }, "correct")),
  );
  fail({
    message: `${what}: LinearSVC's weights differ from the run the TODO describes.`,
    expected: `w = ${show(want.w)}, b = ${want.b.toFixed(6)}`,
    got: `w = ${show(w)}, b = ${b.toFixed(6)}`,
    likelyCause: mistake
      ? LINEAR_CAUSES[mistake]
      : ignored
        ? `this.params.${ignored} is ignored: the run matches the default ${ignored} = ${LINEAR_DEFAULTS[ignored]}.`
        : "Follow the TODO step by step: the check replays it exactly (labels −1/+1, one seededRandom for the whole fit, a shuffle per epoch, η before t++, the margin test with w and b BEFORE the update).",
  });
}

export const supportVectorMachinesLab = defineLab<Lab>({
  id: "08-support-vector-machines",
  title: "Support vector machines",
  summary:
    "Train linear and kernel SVMs yourself, read their margins and support vectors, and tune C and gamma.",
  exercises: [
    {
      id: "hinge-loss",
      title: "Hinge loss and the SVM objective",
      points: 1,
      exports: ["hingeLosses", "svmObjective"],
      hints: [
        "When does a sample cost nothing? When it is on the correct side AND at least 1 away from the boundary: y·s ≥ 1.",
        "hingeᵢ = max(0, 1 − yᵢ·sᵢ). The objective adds ½‖w‖² (no bias in it) to C times the SUM of the hinge losses.",
        "hingeLosses is a single map over the scores, with Math.max(0, …) so rows beyond the margin cost 0. svmObjective: compute every row's score w·x + b, reuse hingeLosses on them, and remember that b is not in the ½‖w‖² term.",
      ],
      check: (lab) => {
        const { x, y, w, b } = randomProblem(12, 3, 7);
        const scores = x.map((row) => dotLoop(w, row) + b);
        const got = lab.hingeLosses(scores, y);
        const expected = hingeLoop(w, b, x, y);
        const grid = expectGridShape(got, expected.length, 1, {
          what: "hingeLosses on 12 samples",
        });
        const flat = grid.map((r) => r[0]);
        expectGridClose(got, expected, {
          what: "hingeLosses on 12 samples with labels −1 and +1",
          likelyCause: flat.some((v) => v < 0)
            ? "Some losses are negative: take max(0, …)."
            : flat.every((v, i) => Math.abs(v - Math.max(0, 1 + y[i] * scores[i])) < 1e-9)
              ? "The sign is flipped: the loss is max(0, 1 − y·s)."
              : flat.every((v, i) => Math.abs(v - Math.max(0, -y[i] * scores[i])) < 1e-9)
                ? "That is the perceptron loss max(0, −y·s): the hinge asks for a margin of 1, max(0, 1 − y·s)."
                : undefined,
        });
        const C = 0.7;
        const want = objectiveLoop(w, b, x, y, C);
        const hinge = sum(expected);
        const gotObjective = lab.svmObjective(w, b, x, y, C);
        expectClose(gotObjective, want, {
          what: "svmObjective on 12 samples (C = 0.7, b = 0.3)",
          likelyCause: diagnose(gotObjective, [
            { value: dotLoop(w, w) + C * hinge, cause: "Missing the ½ in ½‖w‖²." },
            {
              value: want + 0.5 * b * b,
              cause: "The bias is regularised: the penalty is ½‖w‖² only, without b².",
            },
            {
              value: 0.5 * dotLoop(w, w) + (C * hinge) / x.length,
              cause: "You averaged the hinge losses: this objective SUMS them (C·Σ).",
            },
            {
              value: 0.5 * C * dotLoop(w, w) + hinge,
              cause: "C multiplies the hinge term, not the regulariser.",
            },
            { value: C * hinge, cause: "The regulariser ½‖w‖² is missing." },
          ]),
        });
        const docExample = lab.hingeLosses([2, 0.5, -1], [1, 1, 1]);
        expectGridClose(docExample, [0, 0.5, 2], {
          what: "hingeLosses([2, 0.5, −1], [1, 1, 1])",
          likelyCause:
            Array.isArray(docExample) && docExample.some((v) => v < 0)
              ? "A loss is negative: take max(0, 1 − y·s), so samples beyond the margin cost 0."
              : "max(0, 1 − y·s): a score of 2 is beyond the margin (loss 0), −1 is on the wrong side (loss 2).",
        });
        expectClose(
          lab.svmObjective(
            [1, 0],
            0,
            [
              [2, 0],
              [0.5, 1],
            ],
            [1, 1],
            1,
          ),
          1,
          {
            what: "svmObjective on the docstring example",
          },
        );
      },
    },
    {
      id: "hinge-subgradient",
      title: "Subgradient of the SVM objective",
      points: 2,
      exports: ["svmSubgradient"],
      hints: [
        "Which samples contribute? Only those with yᵢ·sᵢ < 1: for the others the hinge is flat, so its slope is 0.",
        "∂J/∂w = w − C·Σ_{violators} yᵢxᵢ and ∂J/∂b = −C·Σ_{violators} yᵢ. The bias has no regulariser term.",
        "Start the w-gradient as a COPY of w (the ½‖w‖² part) and the b-gradient at 0. Only rows with y·(w·x + b) < 1 (strictly) contribute, each subtracting C·yᵢ·xᵢ and C·yᵢ. Score every row with the original w and b, not with a half-updated gradient.",
      ],
      check: (lab) => {
        const { x, y, w, b } = randomProblem(15, 4, 3);
        const C = 0.8;
        const want = subgradientLoop(w, b, x, y, C);
        const got = lab.svmSubgradient(w, b, x, y, C);
        const gw = expectGridShape(got?.w, w.length, 1, {
          what: "svmSubgradient(...).w",
          likelyCause: "Return { w, b } with w as a plain array, one entry per weight.",
        }).map((r) => r[0]);
        const regulariserFree = want.w.map((v, j) => v - w[j]);
        expectGridClose(gw, want.w, {
          what: "svmSubgradient(...).w on 15 samples",
          likelyCause: gw.every((v, j) => Math.abs(v - regulariserFree[j]) < 1e-9)
            ? "The regulariser's gradient w is missing: start from a copy of w."
            : gw.every((v, j) => Math.abs(v - (2 * w[j] - want.w[j])) < 1e-9)
              ? "The hinge part has the wrong sign: it is −C·Σ yᵢxᵢ over the violators."
              : gw.every(
                    (v, j) =>
                      Math.abs(v - subgradientLoop(w, b, x, y, C, "marginWithoutBias").w[j]) < 1e-9,
                  )
                ? "The margin test forgets b: use yᵢ·(w·xᵢ + b) < 1."
                : gw.every(
                      (v, j) => Math.abs(v - (w[j] - C * sum(x.map((r, i) => y[i] * r[j])))) < 1e-9,
                    )
                  ? "Only rows with yᵢ(w·xᵢ + b) < 1 contribute, each with −C·yᵢ·xᵢ."
                  : undefined,
        });
        const gb = expectFiniteNumber(got.b, { what: "svmSubgradient(...).b" });
        expectClose(gb, want.b, {
          what: "svmSubgradient(...).b on 15 samples (b = 0.3)",
          likelyCause: diagnose(gb, [
            {
              value: want.b + b,
              cause: "The bias is not regularised: ∂J/∂b has no b term, only −C·Σ yᵢ.",
            },
            { value: -want.b, cause: "Wrong sign: ∂J/∂b = −C·Σ_{violators} yᵢ." },
          ]),
        });
        const tiny = lab.svmSubgradient(
          [1, 0],
          0,
          [
            [2, 0],
            [0.5, 1],
          ],
          [1, 1],
          1,
        );
        expectGridClose(tiny?.w, [0.5, -1], {
          what: "svmSubgradient(...).w on the docstring example",
        });
        expectClose(tiny?.b, -1, { what: "svmSubgradient(...).b on the docstring example" });
        // Row 0 is exactly ON the margin (y·s = 1 with b = 0.5): the hinge is flat there (< 1, not ≤ 1).
        const edge = {
          w: [1, 0],
          b: 0.5,
          x: [
            [0.5, 3],
            [2, 1],
            [0.8, 0],
          ],
          y: [1, -1, 1],
          C: 2,
        };
        const edgeGot = lab.svmSubgradient(edge.w, edge.b, edge.x, edge.y, edge.C);
        const edgeWant = subgradientLoop(edge.w, edge.b, edge.x, edge.y, edge.C);
        const edgeCause = (["onMarginCounts", "marginWithoutBias"] as const).find((m) => {
          const v = subgradientLoop(edge.w, edge.b, edge.x, edge.y, edge.C, m);
          return (
            Array.isArray(edgeGot?.w) &&
            edgeGot.w.every((g, j) => Math.abs(g - v.w[j]) < 1e-9) &&
            Math.abs(edgeGot.b - v.b) < 1e-9
          );
        });
        const edgeHint =
          edgeCause === "onMarginCounts"
            ? "A row exactly ON the margin (yᵢsᵢ = 1) does not contribute: test yᵢsᵢ < 1, not ≤ 1."
            : edgeCause === "marginWithoutBias"
              ? "The margin test forgets b: use yᵢ·(w·xᵢ + b) < 1."
              : undefined;
        expectGridClose(edgeGot?.w, edgeWant.w, {
          what: "svmSubgradient(...).w with a row exactly on the margin (w = [1, 0], b = 0.5, C = 2)",
          likelyCause: edgeHint,
        });
        expectClose(edgeGot?.b, edgeWant.b, {
          what: "svmSubgradient(...).b with a row exactly on the margin",
          likelyCause: edgeHint,
        });
        // Where the objective is differentiable, the subgradient IS the gradient: compare numerically.
        const h = 1e-6;
        const numeric = w.map((_, j) => {
          const up = [...w];
          const down = [...w];
          up[j] += h;
          down[j] -= h;
          return (objectiveLoop(up, b, x, y, C) - objectiveLoop(down, b, x, y, C)) / (2 * h);
        });
        expectGridClose(gw, numeric, {
          what: "svmSubgradient(...).w against a numerical gradient",
          tolerance: 1e-4,
        });
      },
    },
    {
      id: "linear-svc",
      title: "LinearSVC by stochastic subgradient descent",
      points: 3,
      exports: ["LinearSVC", "LinearSVCParams"],
      hints: [
        "Each step looks at ONE row. If it violates the margin (yᵢ·sᵢ < 1), pull w and b towards it; on every step, shrink w a little (that is the ½‖w‖² term).",
        "λ = 1/(C·n), η = learningRate/(1 + learningRate·λ·t). Violation: w ← (1 − ηλ)w + η·yᵢ·xᵢ, b ← b + η·yᵢ. Otherwise: w ← (1 − ηλ)w. Labels must be −1/+1 (toSignedLabels).",
        "The order of random draws matters: one generator seededRandom(seed) for the whole fit, and at the start of EVERY epoch a Fisher–Yates shuffle of the row order (i from n − 1 down to 1, j = Math.floor(random() * (i + 1))). Compute η from t before incrementing it (t starts at 0), and test the margin with w and b as they were before this step's update.",
      ],
      check: (lab) => {
        const data = offsetBlobs();
        const params = { C: 0.1, epochs: 50, learningRate: 0.1, seed: 2 };
        const fitted = new lab.LinearSVC(params);
        expectReturnsModel(fitted.fit(data.x, data.y), fitted, "LinearSVC.fit");
        const w = expectGridShape(fitted.w, 2, 1, {
          what: "LinearSVC.w after fitting 2 features",
        }).map((r) => r[0]);
        const b = expectFiniteNumber(fitted.b, { what: "LinearSVC.b" });
        const again = new lab.LinearSVC(params).fit(data.x, data.y);
        expectThat(again.b === b && again.w.every((v, j) => v === w[j]), {
          message:
            "LinearSVC is not reproducible: two fits with the same seed gave different weights.",
          likelyCause:
            "Shuffle with seededRandom(this.params.seed), created once in fit — not Math.random().",
        });
        expectExactLinearRun(
          fitted,
          data.x,
          data.y,
          params,
          "On two blobs (C = 0.1, 50 epochs, seed 2)",
        );
        // Every hyperparameter matters: a second, quite different setting must replay exactly too.
        const other = { C: 2, epochs: 7, learningRate: 0.5, seed: 9 };
        expectExactLinearRun(
          new lab.LinearSVC(other).fit(data.x, data.y),
          data.x,
          data.y,
          other,
          "On two blobs (C = 2, 7 epochs, learningRate 0.5, seed 9)",
        );
        const probe = data.x.slice(0, 5);
        expectGridClose(
          fitted.decisionFunction(probe),
          probe.map((r) => dotLoop(w, r) + b),
          {
            what: "LinearSVC.decisionFunction on 5 rows",
            likelyCause: "The score of a row is w·x + b (with the learned b).",
          },
        );
        const trainPred = fitted.predict(data.x);
        const acc = accuracyLoop(data.y, trainPred);
        expectThat(acc >= 0.9, {
          message: "LinearSVC misclassifies too many training points on two well-separated blobs.",
          expected: "training accuracy ≥ 0.9",
          got: acc.toFixed(3),
          likelyCause:
            Array.isArray(trainPred) && trainPred.some((p) => p !== 0 && p !== 1)
              ? "predict must return the ORIGINAL labels (here 0 and 1), not −1/+1: classes[1] where w·x + b > 0, else classes[0]."
              : "predict returns classes[1] where w·x + b > 0 and classes[0] elsewhere.",
        });
        const x1 = [[-2], [-1], [1], [2]];
        const model = new lab.LinearSVC();
        expectReturnsModel(model.fit(x1, [0, 0, 1, 1]), model, "LinearSVC.fit");
        expectSameList(
          model.predict([[-3], [3]]),
          [0, 1],
          "LinearSVC.predict([[−3], [3]]) after training on the docstring example",
        );
        const renamed = new lab.LinearSVC().fit(x1, [3, 3, 7, 7]);
        expectSameList(
          renamed.predict([[-3], [3]]),
          [3, 7],
          "LinearSVC trained with labels 3 and 7",
          "predict must return the ORIGINAL labels (classes[0] or classes[1]), not −1/+1.",
        );
        // A score of exactly 0 is not > 0: it goes to the first class.
        renamed.w = [2];
        renamed.b = -1;
        expectSameList(
          renamed.predict([[0.5], [0.6], [0.4]]),
          [3, 7, 3],
          "LinearSVC.predict with w = [2], b = −1 on rows scoring 0, 0.2 and −0.2",
          "Only a score > 0 gives classes[1]; a score of exactly 0 gives classes[0] (use > 0, not ≥ 0).",
        );
        expectEstimatorGuards({
          name: "LinearSVC",
          unfitted: new lab.LinearSVC(),
          fitted: model,
          width: 1,
        });
        const three = expectThrows(() => new lab.LinearSVC().fit([[0], [1], [2]], [0, 1, 2]), {
          what: "LinearSVC.fit with three classes",
          errorName: "ShapeError",
        });
        expectMessageNames(
          three,
          /LinearSVC/,
          "LinearSVC.fit with three classes",
          'Pass the model\'s name: toSignedLabels(y, "LinearSVC"), so the error says which model failed.',
        );
      },
    },
    {
      id: "margin-support",
      title: "Margin width and support vectors",
      points: 2,
      exports: ["marginWidth", "supportVectorIndices"],
      hints: [
        "The two margin lines are w·x + b = +1 and −1. How far apart are two parallel lines w·x = c₁ and w·x = c₂?",
        "Distance = |c₁ − c₂| / ‖w‖ = 2/‖w‖. A support vector has yᵢ(w·xᵢ + b) ≤ 1: on the margin, inside it, or misclassified.",
        "marginWidth is 2 over the norm of w (reuse dot). For the support vectors, compare each row's yᵢ(w·xᵢ + b) with 1 + tolerance using <=, so rows exactly on the margin count despite rounding; return their indices in increasing order.",
      ],
      check: (lab) => {
        for (const [w, width] of [
          [[0.5, 0], 4],
          [[3, 4], 0.4],
          [[1, 1, 1, 1], 1],
        ] as [number[], number][]) {
          const got = lab.marginWidth(w);
          const norm = Math.sqrt(dotLoop(w, w));
          expectClose(got, width, {
            what: `marginWidth([${w.join(", ")}])`,
            likelyCause: diagnose(got, [
              {
                value: 1 / norm,
                cause:
                  "That is the distance from the boundary to ONE margin line: the width is 2/‖w‖.",
              },
              {
                value: 2 / (norm * norm),
                cause: "Divide by ‖w‖, not ‖w‖² (take the square root).",
              },
              {
                value: norm / 2,
                cause: "Upside down: the width is 2/‖w‖ — small weights mean a WIDE margin.",
              },
            ]),
          });
        }
        const x = [
          [2, 0],
          [3, 1],
          [-2, 0],
          [-3, -1],
        ];
        const y = [1, 1, -1, -1];
        expectSameList(
          lab.supportVectorIndices([0.5, 0], 0, x, y),
          [0, 2],
          "supportVectorIndices on the docstring example",
          "Keep rows with yᵢ(w·xᵢ + b) ≤ 1 + tolerance: rows exactly ON the margin count.",
        );
        // Add a misclassified point (deep on the wrong side) and one inside the margin.
        const x2 = [...x, [-4, 0], [1, 2]];
        const y2 = [...y, 1, 1];
        const got = lab.supportVectorIndices([0.5, 0], 0, x2, y2);
        const withoutMisclassified = [0, 2, 5];
        const ok =
          Array.isArray(got) && got.length === 4 && [0, 2, 4, 5].every((v, i) => got[i] === v);
        expectThat(ok, {
          message:
            "supportVectorIndices missed or added rows on a fixture with a misclassified row (4) and a row inside the margin (5).",
          expected: "[0, 2, 4, 5]",
          got: show(got),
          likelyCause:
            Array.isArray(got) &&
            got.length === 3 &&
            got.every((v, i) => v === withoutMisclassified[i])
              ? "A misclassified row (y·s < 0) is a support vector too: test y·s ≤ 1, not |s| ≤ 1."
              : "Test yᵢ(w·xᵢ + b) ≤ 1 + tolerance with the SIGNED label yᵢ; return indices in increasing order.",
        });
        // b ≠ 0 and an explicit tolerance: both take part in the test.
        const x3 = [
          [1, 0],
          [0.7, 0],
          [0, 1],
          [0.9, 0],
          [2, 0],
          [-1, 1],
        ];
        const y3 = [1, 1, -1, 1, -1, -1];
        const svLoop = (bias: number, tol: number) =>
          x3.flatMap((r, i) => (y3[i] * (dotLoop([1, -1], r) + bias) <= 1 + tol ? [i] : []));
        const got3 = lab.supportVectorIndices([1, -1], 0.5, x3, y3, 0.25);
        const same = (want: number[]) =>
          Array.isArray(got3) && got3.length === want.length && want.every((v, i) => got3[i] === v);
        expectSameList(
          got3,
          svLoop(0.5, 0.25),
          "supportVectorIndices(w = [1, −1], b = 0.5, …, tolerance = 0.25)",
          same(svLoop(0, 0.25))
            ? "The bias is missing: the test is yᵢ(w·xᵢ + b) ≤ 1 + tolerance."
            : same(svLoop(0.5, 1e-6)) || same(svLoop(0.5, 0)) || same(svLoop(0.5, -0.25))
              ? "Use the tolerance argument: keep rows with yᵢ(w·xᵢ + b) ≤ 1 + tolerance."
              : undefined,
        );
        // Rounding puts a row on the margin at y·s = 1 + 1e-9: the default tolerance (1e-6) keeps it.
        expectSameList(
          lab.supportVectorIndices(
            [0.1, 0],
            0,
            [
              [10.00000001, 0],
              [10.1, 0],
            ],
            [1, 1],
          ),
          [0],
          "supportVectorIndices with a row at y·s = 1.000000001 (default tolerance 1e-6)",
          "Compare with 1 + tolerance (default 1e-6), so rows ON the margin survive rounding.",
        );
      },
    },
    {
      id: "scaled-pipeline",
      title: "Standardise, train, evaluate once",
      points: 2,
      exports: ["fitScaledLinearSVC"],
      hints: [
        "The scaler may only learn from the training rows; the test rows are for the final measurement.",
        "scaler = new StandardScaler().fit(train.x); train the model on scaler.transform(train.x); predict on scaler.transform(test.x).",
        "Fit the scaler once, on train.x only, and reuse that same scaler for test.x: a scaler fitted on the test rows (or on all rows) leaks the test set into training. Return all three: the scaler, the fitted model and the accuracy of its predictions on the scaled test rows.",
      ],
      check: (lab) => {
        const { train, test } = loadFixedSplit("breast_cancer");
        const result = lab.fitScaledLinearSVC(train, test, { C: 0.1 });
        if (!result || typeof result !== "object" || !result.scaler || !result.model) {
          fail({
            message: "fitScaledLinearSVC should return { scaler, model, testAccuracy }.",
            got: show(result),
          });
        }
        const { scaler, model } = result;
        const trainMeans = columnMeans(train.x);
        const mean = expectGridShape(scaler.mean, trainMeans.length, 1, {
          what: "scaler.mean",
        }).map((r) => r[0]);
        const allMeans = columnMeans([...train.x, ...test.x]);
        const testMeans = columnMeans(test.x);
        const near = (a: number[], b: number[]) =>
          a.every((v, j) => Math.abs(v - b[j]) <= 1e-6 * Math.max(1, Math.abs(b[j])));
        expectThat(near(mean, trainMeans), {
          message: "The scaler was not fitted on the training rows.",
          expected: `means of the training rows, e.g. ${trainMeans[0].toFixed(4)} for ${train.featureNames[0]}`,
          got: `${mean[0].toFixed(4)}`,
          likelyCause: near(mean, allMeans)
            ? "Test data leaked into the scaler: fit it on train.x only, never on train and test together."
            : near(mean, testMeans)
              ? "The scaler was fitted on the TEST rows: fit on train.x, then transform both sets."
              : "Fit the StandardScaler on train.x.",
        });
        const testAccuracy = expectFiniteNumber(result.testAccuracy, { what: "testAccuracy" });
        const onScaled = accuracyLoop(test.y, model.predict(scaler.transform(test.x)));
        let onRaw = Number.NaN;
        try {
          onRaw = accuracyLoop(test.y, model.predict(test.x));
        } catch {
          // a model that refuses raw rows is fine
        }
        expectThat(Math.abs(testAccuracy - onScaled) < 1e-9, {
          message: "testAccuracy is not the accuracy of model on the scaled test set.",
          expected: `${onScaled.toFixed(4)} (accuracy of model.predict(scaler.transform(test.x)))`,
          got: testAccuracy.toFixed(4),
          likelyCause:
            Math.abs(testAccuracy - onRaw) < 1e-9
              ? "You forgot to scale: the model was trained and tested on raw features. Transform both sets with the scaler."
              : "Transform the test rows with the SAME scaler (fitted on train) before predicting, and compare with test.y.",
        });
        expectThat(testAccuracy >= 0.95, {
          message:
            "LinearSVC (C = 0.1) on standardised breast-cancer features should score well above 95% on the test set.",
          expected: "testAccuracy ≥ 0.95 (the reference scores about 0.98)",
          got: testAccuracy.toFixed(4),
          likelyCause:
            "Train on scaler.transform(train.x) with the params given; make sure the LinearSVC check passes first.",
        });
        // Other params must reach the model, trained on the scaled TRAINING rows.
        const params = { C: 0.5, epochs: 3, learningRate: 0.05, seed: 4 };
        const second = lab.fitScaledLinearSVC(train, test, params);
        const trainScaler = new StandardScaler().fit(train.x);
        const direct = new lab.LinearSVC(params).fit(trainScaler.transform(train.x), train.y);
        const sameWeights = (m: { w: number[]; b: number } | undefined) =>
          !!m &&
          Array.isArray(m.w) &&
          m.w.length === direct.w.length &&
          m.w.every((v, j) => Math.abs(v - direct.w[j]) <= 1e-9 * Math.max(1, Math.abs(v))) &&
          Math.abs(m.b - direct.b) <= 1e-9 * Math.max(1, Math.abs(m.b));
        const paramsSeen = second?.model?.params as Partial<typeof params> | undefined;
        expectThat(sameWeights(second?.model), {
          message:
            "fitScaledLinearSVC(train, test, { C: 0.5, epochs: 3, learningRate: 0.05, seed: 4 }) did not train the model the TODO describes.",
          expected: "the weights of new LinearSVC(params).fit(scaler.transform(train.x), train.y)",
          got: show(second?.model?.w),
          likelyCause: (Object.keys(params) as (keyof typeof params)[]).some(
            (k) => paramsSeen?.[k] !== params[k],
          )
            ? "Pass `params` on: new LinearSVC(params)."
            : sameWeights(new lab.LinearSVC(params).fit(train.x, train.y))
              ? "The model was trained on the raw training rows: fit it on scaler.transform(train.x)."
              : undefined,
        });
        expectClose(
          second.testAccuracy,
          accuracyLoop(test.y, direct.predict(trainScaler.transform(test.x))),
          {
            what: "testAccuracy with { C: 0.5, epochs: 3, learningRate: 0.05, seed: 4 }",
            likelyCause: "Measure accuracy(test.y, model.predict(scaler.transform(test.x))).",
          },
        );
      },
    },
    {
      id: "one-vs-rest",
      title: "One-vs-rest for many classes",
      points: 2,
      exports: ["OneVsRestSVC"],
      hints: [
        "Train K binary SVMs: model k answers 'is it class k?'. Each scores every row; which class wins?",
        "fit: classes = sorted distinct labels; model k = new LinearSVC({ ...this.params, seed: seed + k }).fit(x, y.map(v => v === c ? 1 : 0)). predict: the class of the highest score.",
        "decisionFunction: ask each model once for the scores of all rows (a list per class), then turn that around into one row of K scores per sample. predict returns this.classes[k] for the highest score, a label rather than the index k; the first class wins a tie.",
      ],
      check: (lab) => {
        const blobs = makeBlobs(90, {
          centers: [
            [0, 3],
            [3, -1],
            [-3, -1],
          ],
          spread: 0.7,
          seed: 11,
        });
        // Rows come as 10, 2, 7, 10, …: first-seen order and string order ([10, 2, 7]) are both wrong.
        const labels = [10, 2, 7];
        const y = blobs.y.map((c) => labels[c]);
        const sorted = [2, 7, 10];
        const params = { C: 0.5, epochs: 10, learningRate: 0.2, seed: 3 };
        const model = new lab.OneVsRestSVC(params);
        expectReturnsModel(model.fit(blobs.x, y), model, "OneVsRestSVC.fit");
        expectSameList(
          model.classes,
          sorted,
          "OneVsRestSVC.classes",
          Array.isArray(model.classes) && model.classes.join() === labels.join()
            ? "Sort the classes NUMERICALLY: .sort((a, b) => a - b) (plain .sort() compares them as strings; first-seen order is not sorted)."
            : "The distinct labels, sorted ascending.",
        );
        expectThat(Array.isArray(model.models) && model.models.length === 3, {
          message: "OneVsRestSVC should train one LinearSVC per class.",
          expected: "3 models for classes [2, 7, 10]",
          got: Array.isArray(model.models) ? `${model.models.length} models` : show(model.models),
        });
        model.models.forEach((m, k) => {
          const want = { ...params, seed: params.seed + k };
          const got = m?.params as Partial<typeof params> | undefined;
          expectThat(
            (Object.keys(want) as (keyof typeof want)[]).every((key) => got?.[key] === want[key]),
            {
              message: `Binary model ${k} (class ${sorted[k]}) did not get the right hyperparameters.`,
              expected: JSON.stringify(want),
              got: show(got),
              likelyCause:
                got?.seed === params.seed && k > 0
                  ? "Model k uses seed + k (this.params.seed + k), so the K models shuffle differently."
                  : "Create each LinearSVC with { ...this.params, seed: this.params.seed + k }.",
            },
          );
          const c = sorted[k];
          const direct = new lab.LinearSVC(want).fit(
            blobs.x,
            y.map((v) => (v === c ? 1 : 0)),
          );
          const inverted = new lab.LinearSVC(want).fit(
            blobs.x,
            y.map((v) => (v === c ? 0 : 1)),
          );
          const same = (a: { w: number[]; b: number }) =>
            Array.isArray(m.w) &&
            m.w.length === a.w.length &&
            m.w.every((v, j) => Math.abs(v - a.w[j]) <= 1e-9 * Math.max(1, Math.abs(v))) &&
            Math.abs(m.b - a.b) <= 1e-9 * Math.max(1, Math.abs(a.b));
          expectThat(same(direct), {
            message: `Binary model ${k} is not "class ${c} versus the rest".`,
            expected: `the weights of new LinearSVC(${JSON.stringify(want)}).fit(x, y.map(v => v === ${c} ? 1 : 0))`,
            got: show(m.w),
            likelyCause: same(inverted)
              ? `Label class ${c} as 1 and the rest as 0 (yours are the other way round).`
              : undefined,
          });
        });
        const scores = expectGridShape(model.decisionFunction(blobs.x.slice(0, 4)), 4, 3, {
          what: "OneVsRestSVC.decisionFunction on 4 rows, 3 classes",
          likelyCause:
            "Return one row per sample with one score per class (n×K), not one row per class.",
        });
        const direct = model.models.map((m) => m.decisionFunction(blobs.x.slice(0, 4)));
        expectGridClose(
          scores,
          blobs.x.slice(0, 4).map((_, i) => direct.map((s) => s[i])),
          {
            what: "OneVsRestSVC.decisionFunction (row i, column k = model k's score)",
          },
        );
        const pred = model.predict(blobs.x);
        const valid = Array.isArray(pred) && pred.every((p) => labels.includes(p));
        expectThat(valid, {
          message: "OneVsRestSVC.predict should return class labels (here 2, 7 or 10).",
          got: show(pred),
          likelyCause: "Return this.classes[k] for the winning k, not k itself.",
        });
        const acc = accuracyLoop(y, pred);
        expectThat(acc >= 0.95, {
          message: "OneVsRestSVC misclassifies too many points on three separated blobs.",
          expected: "training accuracy ≥ 0.95",
          got: acc.toFixed(3),
          likelyCause:
            "Predict the class whose model gives the HIGHEST score (not the lowest), and label class c as 1 for model c.",
        });
        // Real data: handwritten digits, standardised (fit on train), 10 classes.
        const { train, test } = loadFixedSplit("digits");
        const means = columnMeans(train.x);
        const stds = means.map(
          (m, j) => Math.sqrt(sum(train.x.map((r) => (r[j] - m) ** 2)) / train.x.length) || 1,
        );
        const scale = (x: number[][]) => x.map((r) => r.map((v, j) => (v - means[j]) / stds[j]));
        const digits = new lab.OneVsRestSVC({ C: 0.1 }).fit(scale(train.x), train.y);
        const digitsAcc = accuracyLoop(test.y, digits.predict(scale(test.x)));
        expectThat(digitsAcc >= 0.93, {
          message:
            "OneVsRestSVC (C = 0.1) on standardised digits should score above 93% on the test set.",
          expected: "test accuracy ≥ 0.93 (the reference scores about 0.96)",
          got: digitsAcc.toFixed(4),
          likelyCause:
            "Compare the models' SCORES (decisionFunction): 0/1 votes from predict tie often.",
        });
      },
    },
    {
      id: "rbf-kernel",
      title: "The RBF kernel",
      points: 1,
      exports: ["rbfKernel", "kernelMatrix"],
      hints: [
        "The kernel is a similarity: 1 when a = b, near 0 when far apart. Which distance goes in the exponent?",
        "K(a, b) = exp(−γ·‖a − b‖²) with the SQUARED Euclidean distance Σⱼ(aⱼ − bⱼ)². The matrix has one row per row of A, one column per row of B.",
        "rbfKernel: add up the squared differences entry by entry, with no square root, then Math.exp of −γ times that sum. kernelMatrix is a map over A's rows with a map over B's rows inside, so entry [i][j] is K(A[i], B[j]); A and B may differ in length.",
      ],
      check: (lab) => {
        const random = seededRandom(5);
        for (let k = 0; k < 5; k++) {
          const a = [random() * 4 - 2, random() * 4 - 2, random() * 4 - 2];
          const b = [random() * 4 - 2, random() * 4 - 2, random() * 4 - 2];
          const gamma = 0.2 + random();
          const d2 = a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
          const got = lab.rbfKernel(a, b, gamma);
          expectClose(got, rbfLoop(a, b, gamma), {
            what: `rbfKernel(a, b, γ = ${gamma.toFixed(3)}) for 3-D points`,
            likelyCause: diagnose(got, [
              {
                value: Math.exp(-gamma * Math.sqrt(d2)),
                cause: "γ multiplies the SQUARED distance ‖a − b‖², not the distance.",
              },
              {
                value: Math.exp(-d2 / gamma),
                cause: "Multiply by γ, do not divide: exp(−γ·‖a − b‖²).",
              },
              {
                value: Math.exp(gamma * d2),
                cause: "Missing the minus sign: the similarity must fall with distance.",
              },
              {
                value: Math.exp((-gamma * d2) / 2),
                cause: "No ½ here: sklearn's RBF is exp(−γ·‖a − b‖²).",
              },
            ]),
          });
        }
        expectClose(lab.rbfKernel([0, 0], [1, 1], 0.5), Math.exp(-1), {
          what: "rbfKernel([0, 0], [1, 1], 0.5)",
        });
        const e = Math.exp;
        expectGridClose(
          lab.kernelMatrix([[0], [1]], [[0], [2], [3]], 1),
          [
            [1, e(-4), e(-9)],
            [e(-1), e(-1), e(-4)],
          ],
          {
            what: "kernelMatrix([[0], [1]], [[0], [2], [3]], 1)",
            shapeCause: "K[i][j] compares A[i] with B[j]: A.length rows, B.length columns.",
          },
        );
        // 2-D rows, γ ≠ 1: the matrix must pass γ on.
        const A = [
          [0, 1],
          [2, -1],
          [0.5, 0.5],
        ];
        const B = [
          [1, 1],
          [-1, 0],
        ];
        const gotMatrix = lab.kernelMatrix(A, B, 0.3);
        const atGammaOne = A.map((a) => B.map((b) => rbfLoop(a, b, 1)));
        expectGridClose(
          gotMatrix,
          A.map((a) => B.map((b) => rbfLoop(a, b, 0.3))),
          {
            what: "kernelMatrix(A (3×2), B (2×2), γ = 0.3)",
            shapeCause: "K[i][j] compares A[i] with B[j]: A.length rows, B.length columns.",
            likelyCause:
              Array.isArray(gotMatrix) &&
              gotMatrix.every(
                (r, i) =>
                  Array.isArray(r) && r.every((v, j) => Math.abs(v - atGammaOne[i][j]) < 1e-9),
              )
                ? "γ is not passed on: call rbfKernel(a, b, gamma) with the gamma argument."
                : undefined,
          },
        );
      },
    },
    {
      id: "kernel-svc",
      title: "A kernel SVM by simplified SMO",
      points: 3,
      exports: ["KernelSVC", "KernelSVCParams"],
      timeoutMs: 15_000,
      hints: [
        "SMO improves two multipliers αᵢ, αⱼ at a time, so Σαᵢyᵢ stays 0. Which αᵢ need work? Those breaking the KKT rules (see the TODO).",
        "After the unconstrained step αⱼ − yⱼ(Eᵢ − Eⱼ)/η, CLIP αⱼ into [L, H], then move αᵢ the opposite way: αᵢ + yᵢyⱼ(αⱼ_old − αⱼ). Update b from b₁/b₂.",
        "Follow the TODO line by line; f(i) = b + Σₖ αₖ·yₖ·K[k][i] with the kernel matrix computed once. decisionFunction: kernelMatrix(x, support vectors) then Σ αₖyₖK + b.",
      ],
      check: (lab) => {
        // KernelSVC builds on the kernel: make sure it is right first, so the message is useful.
        const probe = lab.kernelMatrix([[0, 0]], [[1, 2]], 0.5)?.[0]?.[0];
        expectThat(typeof probe === "number" && Math.abs(probe - Math.exp(-2.5)) < 1e-9, {
          message: "KernelSVC uses your kernelMatrix, which is not right yet.",
          likelyCause: "Make the rbf-kernel check pass first.",
        });
        const C = 1;
        const gamma = 1;
        const train = unbalancedMoons();
        const model = new lab.KernelSVC({ C, gamma, seed: 1 });
        expectReturnsModel(model.fit(train.x, train.y), model, "KernelSVC.fit");
        expectEstimatorGuards({
          name: "KernelSVC",
          unfitted: new lab.KernelSVC(),
          fitted: model,
          width: 2,
        });
        const three = expectThrows(() => new lab.KernelSVC().fit([[0], [1], [2]], [0, 1, 2]), {
          what: "KernelSVC.fit with three classes",
          errorName: "ShapeError",
        });
        expectMessageNames(
          three,
          /KernelSVC/,
          "KernelSVC.fit with three classes",
          'Pass the model\'s name: toSignedLabels(y, "KernelSVC"), so the error says which model failed.',
        );
        const alphas = expectGridShape(model.alphas, train.x.length, 1, {
          what: "KernelSVC.alphas",
        }).map((r) => r[0]);
        const y = signsOf(train.y);
        const stored = model.ySigned;
        expectThat(
          Array.isArray(stored) && stored.length === y.length && stored.every((v, i) => v === y[i]),
          {
            message: "KernelSVC.ySigned should hold the training labels as −1/+1.",
            got: show(stored),
            likelyCause:
              'Use the signed labels from toSignedLabels(y, "KernelSVC"): with 0/1 labels SMO\'s formulas break.',
          },
        );
        const outside = alphas.findIndex((a) => a < -1e-9 || a > C + 1e-9);
        expectThat(outside < 0, {
          message: `alphas[${outside}] = ${alphas[outside]} is outside the box [0, C] = [0, ${C}].`,
          likelyCause: "Clip the new αⱼ into [L, H] before using it.",
        });
        const balance = sum(alphas.map((a, i) => a * y[i]));
        expectThat(Math.abs(balance) < 1e-6, {
          message: "The constraint Σαᵢyᵢ = 0 is broken.",
          expected: "0",
          got: balance.toExponential(3),
          likelyCause:
            train.y.some((v) => v === 0) && alphas.some((a, i) => a > 0 && train.y[i] === 0)
              ? "Use the signed labels (−1/+1 from toSignedLabels), and update αᵢ by yᵢyⱼ(αⱼ_old − αⱼ)."
              : "Update αᵢ by yᵢyⱼ(αⱼ_old − αⱼ): αᵢ and αⱼ must move together.",
        });
        const K = train.x.map((a) => train.x.map((b) => rbfLoop(a, b, gamma)));
        const reference = solveSvmDual(K, y, C);
        const dual = svmDualObjective(alphas, y, K);
        expectThat(dual >= reference.dualObjective - 1e-2 * Math.abs(reference.dualObjective), {
          message: "KernelSVC's multipliers are far from optimal: the dual objective is too low.",
          expected: `about ${reference.dualObjective.toFixed(4)} (an exact SMO solver's optimum)`,
          got: dual.toFixed(4),
          likelyCause:
            "Check the step αⱼ − yⱼ(Eᵢ − Eⱼ)/η (η = 2Kᵢⱼ − Kᵢᵢ − Kⱼⱼ < 0), the KKT test on yᵢEᵢ, and that E uses the current α and b.",
        });
        const scores = expectGridShape(model.decisionFunction(train.x), train.x.length, 1, {
          what: "KernelSVC.decisionFunction on the training rows",
        }).map((r) => r[0]);
        const fromAlphas = train.x.map((_, i) => sum(alphas.map((a, k) => a * y[k] * K[k][i])));
        const impliedB = sum(scores.map((s, i) => s - fromAlphas[i])) / scores.length;
        expectGridClose(
          scores,
          fromAlphas.map((v) => v + impliedB),
          {
            what: "KernelSVC.decisionFunction compared with Σₖ αₖyₖK(xₖ, x) + b",
            tolerance: 1e-6,
            likelyCause:
              "f(x) = Σ over support vectors of αₖ·yₖ·K(xₖ, x), plus b — with the signed labels.",
          },
        );
        expectClose(impliedB, expectFiniteNumber(model.b, { what: "KernelSVC.b" }), {
          what: "The b inside decisionFunction (compared with model.b)",
          likelyCause: "Add model.b to every score.",
        });
        // KKT: zero α ⇒ y·f ≥ 1; 0 < α < C ⇒ y·f = 1; α = C ⇒ y·f ≤ 1 (SMO stops within tol, b adds a little).
        let worst = 0;
        let worstIndex = -1;
        alphas.forEach((a, i) => {
          const yf = y[i] * scores[i];
          const violation = a < 1e-8 ? 1 - yf : a > C - 1e-8 ? yf - 1 : Math.abs(yf - 1);
          if (violation > worst) [worst, worstIndex] = [violation, i];
        });
        expectThat(worst < 0.05, {
          message: `The KKT conditions are far from met at row ${worstIndex} (α = ${alphas[worstIndex]?.toFixed(4)}, y·f = ${(y[worstIndex] * scores[worstIndex]).toFixed(4)}).`,
          expected: "α = 0 ⇒ y·f ≥ 1, 0 < α < C ⇒ y·f = 1, α = C ⇒ y·f ≤ 1 (within 0.05)",
          likelyCause:
            model.b === 0
              ? "b is never updated: set it from b₁ / b₂ after each successful pair step."
              : "Update b after each pair step (b₁ if 0 < αᵢ < C, b₂ if 0 < αⱼ < C, else their mean).",
        });
        const expectedSupport = alphas.flatMap((a, i) => (a > 1e-8 ? [i] : []));
        expectSameList(
          model.supportIndices,
          expectedSupport,
          "KernelSVC.supportIndices",
          "Keep the indices with αᵢ > 1e-8, in increasing order.",
        );
        const again = new lab.KernelSVC({ C, gamma, seed: 1 }).fit(train.x, train.y);
        expectThat(
          again.alphas.every((a, i) => a === alphas[i]),
          {
            message: "KernelSVC is not reproducible: the same seed gave different multipliers.",
            likelyCause:
              "Choose j with seededRandom(this.params.seed), created once in fit — not Math.random().",
          },
        );
        // Every hyperparameter matters. A whole SMO run amplifies rounding differences, so it is
        // replayed exactly only for ONE pass (maxIter = 1); full runs are judged by the optimum.
        const small = makeMoons(40, { noise: 0.25, seed: 6 });
        const smallSigns = signsOf(small.y);
        const settings: [KernelParams, string][] = [
          [
            { ...KERNEL_DEFAULTS, C: 0.5, gamma: 2, tol: 0.3, maxIter: 1, seed: 1 },
            "one pass, C = 0.5, γ = 2, tol = 0.3, seed 1",
          ],
          [
            { ...KERNEL_DEFAULTS, C: 3, gamma: 0.5, tol: 0.05, maxIter: 1, seed: 1 },
            "one pass, C = 3, γ = 0.5, tol = 0.05, seed 1",
          ],
          [
            { ...KERNEL_DEFAULTS, C: 3, gamma: 2, maxIter: 1, seed: 4 },
            "one pass, C = 3, γ = 2, seed 4",
          ],
          // A small C puts many αs on the box in one pass: each of the three bias updates gets used.
          [
            { ...KERNEL_DEFAULTS, C: 0.05, gamma: 2, maxIter: 1, seed: 2 },
            "one pass, C = 0.05, γ = 2, seed 2",
          ],
          [
            { ...KERNEL_DEFAULTS, C: 0.1, gamma: 1, maxIter: 1, seed: 3 },
            "one pass, C = 0.1, γ = 1, seed 3",
          ],
        ];
        for (const [p, label] of settings) {
          const fittedSmall = new lab.KernelSVC(p).fit(small.x, small.y);
          expectExactSmoRun(fittedSmall, small.x, smallSigns, p, `On 40 moons (${label})`);
        }
        // A full run at C = 0.5, γ = 2 reaches that problem's optimum (and stays in its box).
        const full = new lab.KernelSVC({ C: 0.5, gamma: 2, seed: 3 }).fit(small.x, small.y);
        const fullAlphas = expectGridShape(full.alphas, small.x.length, 1, {
          what: "KernelSVC.alphas (C = 0.5, γ = 2)",
        }).map((r) => r[0]);
        const outsideBox = fullAlphas.findIndex((a) => a < -1e-9 || a > 0.5 + 1e-9);
        expectThat(outsideBox < 0, {
          message: `With C = 0.5, alphas[${outsideBox}] = ${fullAlphas[outsideBox]} is outside the box [0, 0.5].`,
          likelyCause: "Use this.params.C for the bounds L, H and the KKT test.",
        });
        const Kfull = small.x.map((a) => small.x.map((c) => rbfLoop(a, c, 2)));
        const fullOptimum = solveSvmDual(Kfull, smallSigns, 0.5).dualObjective;
        const fullDual = svmDualObjective(fullAlphas, smallSigns, Kfull);
        expectThat(Math.abs(fullDual - fullOptimum) <= 1e-2 * Math.abs(fullOptimum), {
          message:
            "KernelSVC (C = 0.5, γ = 2) on 40 moons: the dual objective is far from that problem's optimum.",
          expected: `about ${fullOptimum.toFixed(4)}`,
          got: fullDual.toFixed(4),
          likelyCause: "Use this.params.gamma for the kernel matrix and this.params.C for the box.",
        });
        const moons = makeMoons(120, { noise: 0.2, seed: 3 });
        const test = makeMoons(200, { noise: 0.2, seed: 4 });
        const renamed = new lab.KernelSVC({ C, gamma, seed: 1 }).fit(
          moons.x,
          moons.y.map((v) => (v === 1 ? 8 : 3)),
        );
        const pred = renamed.predict(test.x);
        const acc = accuracyLoop(
          test.y.map((v) => (v === 1 ? 8 : 3)),
          pred,
        );
        expectThat(acc >= 0.9, {
          message: "KernelSVC (trained with labels 3 and 8) should classify fresh moons well.",
          expected: "test accuracy ≥ 0.9 (the reference scores about 0.95)",
          got: `${acc.toFixed(3)} (first predictions: ${show(pred)})`,
          likelyCause:
            "predict returns the ORIGINAL labels: classes[1] where f(x) > 0, else classes[0].",
        });
        // Duplicate rows: for such a pair η = 2K[i][j] − K[i][i] − K[j][j] = 0, so the step is 0/0.
        const dup = new lab.KernelSVC({ C: 1, gamma: 1, seed: 0 }).fit(
          [[0], [0], [0.5], [2], [2], [2.5]],
          [0, 0, 0, 1, 1, 1],
        );
        expectThat(
          Array.isArray(dup.alphas) &&
            dup.alphas.every((a) => Number.isFinite(a) && a >= 0 && a <= 1) &&
            Number.isFinite(dup.b),
          {
            message:
              "KernelSVC.fit on data with duplicate rows: every αᵢ should be a finite number in [0, C] and b finite.",
            got: `alphas ${show(dup.alphas)}, b = ${show(dup.b)}`,
            likelyCause:
              "Skip the pair when η ≥ 0 (identical rows give η = 0, and dividing by it gives NaN or ±Infinity).",
          },
        );
        expectSameList(
          dup.predict([[0], [2.5], [0.2], [2.2]]),
          [0, 1, 0, 1],
          "KernelSVC.predict after training on data with duplicate rows",
          "Skip the pair when η ≥ 0 (if (eta >= 0) continue;).",
        );
      },
    },
  ],
});
