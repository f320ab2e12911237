/**
 * Lab 08 — Support vector machines: your exercises.
 *
 * Work through `notebooks/08-support-vector-machines.ipynb`; it tells you when to fill in
 * each function below. Replace each `return todo();` with your code, then run the
 * notebook's check cell or `npm run labs -- check 08`.
 *
 * Conventions used throughout:
 *   x: number[][] with one row per sample, w: number[] (one weight per feature), b: a number.
 *   The score of a row is s = w·x + b. Inside the SVM maths labels are SIGNED: y ∈ {−1, +1};
 *   the model classes accept any two labels (e.g. 0/1) and translate.
 */
import { StandardScaler } from "../src/data/preprocess";
import { seededRandom } from "../src/data/random";
import { Estimator, ShapeError } from "../src/ml/estimator";
import { accuracy } from "../src/ml/metrics";
// stub: import { todo } from "../src/grading/todo";

/** The dot product a·b of two vectors of the same length. (Given: used everywhere below.) */
export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/**
 * Sorted distinct labels of a binary problem, and each y as −1 (first class) or +1 (second).
 * (Given.) Throws unless y holds exactly two distinct values.
 */
export function toSignedLabels(
  y: readonly number[],
  model: string,
): { classes: [number, number]; signs: number[] } {
  const classes = [...new Set(y)].sort((a, b) => a - b);
  if (classes.length !== 2) {
    throw new ShapeError(
      `${model}.fit: y must hold exactly two classes, got ${classes.length} (${classes.join(", ")}).`,
    );
  }
  return { classes: [classes[0], classes[1]], signs: y.map((v) => (v === classes[1] ? 1 : -1)) };
}

/**
 * Exercise 1 — the hinge loss and the soft-margin SVM objective.
 *
 * hingeLosses: for each sample, max(0, 1 − yᵢ·sᵢ), where sᵢ is its score and yᵢ ∈ {−1, +1}.
 *   A sample scores no loss only when it is on the right side AND at least 1 away: yᵢ·sᵢ ≥ 1.
 * TODO: e.g. scores [2, 0.5, −1], y [1, 1, 1]  →  [0, 0.5, 2]
 */
export function hingeLosses(scores: number[], y: number[]): number[] {
  // BEGIN SOLUTION
  return scores.map((s, i) => Math.max(0, 1 - y[i] * s));
  // END SOLUTION
}

/**
 * svmObjective: J(w, b) = ½‖w‖² + C · Σᵢ max(0, 1 − yᵢ(w·xᵢ + b)).
 *   The first term asks for a wide margin, the second for few margin violations; C trades them.
 *   The bias b is NOT in the penalty: shifting the boundary costs nothing.
 * TODO: e.g. w = [1, 0], b = 0, x = [[2, 0], [0.5, 1]], y = [1, 1], C = 1
 *   → ½·1 + 1·(max(0, 1 − 2) + max(0, 1 − 0.5)) = 0.5 + 0.5 = 1
 */
export function svmObjective(
  w: number[],
  b: number,
  x: number[][],
  y: number[],
  C: number,
): number {
  // BEGIN SOLUTION
  const scores = x.map((row) => dot(w, row) + b);
  const hinge = hingeLosses(scores, y).reduce((s, v) => s + v, 0);
  return 0.5 * dot(w, w) + C * hinge;
  // END SOLUTION
}

/**
 * Exercise 2 — a subgradient of the SVM objective.
 *
 * The hinge max(0, 1 − y·s) is flat (slope 0) when y·s ≥ 1 and has slope −y·x (w.r.t. w) and
 * −y (w.r.t. b) when y·s < 1. Adding the regulariser's gradient w:
 *   ∂J/∂w = w − C · Σ_{i: yᵢsᵢ < 1} yᵢ·xᵢ          ∂J/∂b = −C · Σ_{i: yᵢsᵢ < 1} yᵢ
 * TODO: return { w: number[] (same length as w), b: number }.
 *   e.g. w = [1, 0], b = 0, x = [[2, 0], [0.5, 1]], y = [1, 1], C = 1: only sample 1 has
 *   y·s = 0.5 < 1  →  { w: [1 − 0.5, 0 − 1], b: −1 } = { w: [0.5, −1], b: −1 }
 */
export function svmSubgradient(
  w: number[],
  b: number,
  x: number[][],
  y: number[],
  C: number,
): { w: number[]; b: number } {
  // BEGIN SOLUTION
  const gradW = [...w];
  let gradB = 0;
  x.forEach((row, i) => {
    if (y[i] * (dot(w, row) + b) < 1) {
      for (let j = 0; j < w.length; j++) gradW[j] -= C * y[i] * row[j];
      gradB -= C * y[i];
    }
  });
  return { w: gradW, b: gradB };
  // END SOLUTION
}

/** Hyperparameters of LinearSVC (and OneVsRestSVC). */
export interface LinearSVCParams {
  /** Penalty per unit of hinge loss: large C = fewer violations, narrower margin. */
  C: number;
  /** Passes over the training rows. */
  epochs: number;
  /** First step size η₀; later steps shrink as η₀ / (1 + η₀·λ·t). */
  learningRate: number;
  /** Seeds the order in which rows are visited. */
  seed: number;
}

/**
 * Exercise 3 — a linear SVM trained by stochastic subgradient descent (the Pegasos idea).
 *
 * It minimises the objective of exercise 1 divided by C·n, which has the same minimum:
 *   (λ/2)‖w‖² + (1/n)·Σ hingeᵢ   with  λ = 1 / (C·n).
 * TODO (fit): map y to signs with toSignedLabels(y, "LinearSVC") and keep `classes`.
 *   Start from w = zeros, b = 0, t = 0, random = seededRandom(seed). For each epoch, shuffle
 *   the row order (Fisher–Yates with `random`), then for each row i in that order:
 *     η = learningRate / (1 + learningRate·λ·t);  t = t + 1
 *     if yᵢ(w·xᵢ + b) < 1:  w ← (1 − ηλ)·w + η·yᵢ·xᵢ   and   b ← b + η·yᵢ
 *     else:                 w ← (1 − ηλ)·w                 (b is not regularised: it stays)
 *   (Compute the margin with the weights BEFORE this step's update.)
 * TODO (decisionFunction): the scores w·x + b, one per row.
 * TODO (predict): the second class where the score is > 0, else the first (original labels).
 *   e.g. trained on x = [[-2], [-1], [1], [2]], y = [0, 0, 1, 1]  →  predict([[-3], [3]]) = [0, 1]
 */
export class LinearSVC extends Estimator<LinearSVCParams> {
  /** Learned weights, one per feature. */
  w: number[] = [];
  /** Learned bias (intercept). */
  b = 0;
  /** The two labels seen in fit, sorted: classes[1] is the "+1" class. */
  classes: [number, number] = [0, 1];

  constructor(params: Partial<LinearSVCParams> = {}) {
    super({ C: 1, epochs: 20, learningRate: 0.1, seed: 0 }, params);
  }

  fit(x: number[][], y: number[]): this {
    this.validateFit(x, y); // given: clear errors for bad shapes
    // BEGIN SOLUTION
    const { classes, signs } = toSignedLabels(y, "LinearSVC");
    this.classes = classes;
    const n = x.length;
    const lambda = 1 / (this.params.C * n);
    const eta0 = this.params.learningRate;
    const random = seededRandom(this.params.seed);
    const order = Array.from({ length: n }, (_, i) => i);
    const w = new Array<number>(x[0].length).fill(0);
    let b = 0;
    let t = 0;
    for (let epoch = 0; epoch < this.params.epochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const i of order) {
        const eta = eta0 / (1 + eta0 * lambda * t);
        t++;
        const violates = signs[i] * (dot(w, x[i]) + b) < 1;
        // The regulariser shrinks w on every step; only violators pull w (and b) towards them.
        const shrink = 1 - eta * lambda;
        for (let j = 0; j < w.length; j++)
          w[j] = shrink * w[j] + (violates ? eta * signs[i] * x[i][j] : 0);
        if (violates) b += eta * signs[i];
      }
    }
    this.w = w;
    this.b = b;
    return this;
    // END SOLUTION
  }

  decisionFunction(x: number[][]): number[] {
    this.validatePredict(x, "decisionFunction"); // given: NotFittedError / ShapeError
    // BEGIN SOLUTION
    return x.map((row) => dot(this.w, row) + this.b);
    // END SOLUTION
  }

  predict(x: number[][]): number[] {
    this.validatePredict(x, "predict"); // given
    // BEGIN SOLUTION
    return this.decisionFunction(x).map((s) => (s > 0 ? this.classes[1] : this.classes[0]));
    // END SOLUTION
  }
}

/**
 * Exercise 4 — the margin and the support vectors of a linear SVM.
 *
 * marginWidth: the distance between the lines w·x + b = −1 and w·x + b = +1, i.e. 2 / ‖w‖.
 * TODO: e.g. w = [0.5, 0]  →  4;   w = [3, 4]  →  0.4
 */
export function marginWidth(w: number[]): number {
  // BEGIN SOLUTION
  return 2 / Math.sqrt(dot(w, w));
  // END SOLUTION
}

/**
 * supportVectorIndices: the rows ON or INSIDE the margin, i.e. yᵢ(w·xᵢ + b) ≤ 1 + tolerance
 *   (y ∈ {−1, +1}). Only these rows have a say in the hinge loss; misclassified rows count too.
 * TODO: return their indices in increasing order.
 *   e.g. w = [0.5, 0], b = 0, x = [[2, 0], [3, 1], [−2, 0], [−3, −1]], y = [1, 1, −1, −1]
 *   → y·s = [1, 1.5, 1, 1.5]  →  [0, 2]
 */
export function supportVectorIndices(
  w: number[],
  b: number,
  x: number[][],
  y: number[],
  tolerance = 1e-6,
): number[] {
  // BEGIN SOLUTION
  const out: number[] = [];
  x.forEach((row, i) => {
    if (y[i] * (dot(w, row) + b) <= 1 + tolerance) out.push(i);
  });
  return out;
  // END SOLUTION
}

/**
 * Exercise 5 — a leak-free pipeline: standardise, train, evaluate once.
 *
 * TODO: fit a StandardScaler on the TRAINING rows only, transform both sets with it, fit a
 *   LinearSVC (with `params`) on the scaled training set, and measure its accuracy on the
 *   scaled test set (use `accuracy(yTrue, yPred)`, already imported).
 *   Return { scaler, model, testAccuracy }.
 */
export function fitScaledLinearSVC(
  train: { x: number[][]; y: number[] },
  test: { x: number[][]; y: number[] },
  params: Partial<LinearSVCParams> = {},
): { scaler: StandardScaler; model: LinearSVC; testAccuracy: number } {
  // BEGIN SOLUTION
  const scaler = new StandardScaler().fit(train.x);
  const model = new LinearSVC(params).fit(scaler.transform(train.x), train.y);
  const testAccuracy = accuracy(test.y, model.predict(scaler.transform(test.x)));
  return { scaler, model, testAccuracy };
  // END SOLUTION
}

/**
 * Exercise 6 — more than two classes: one-vs-rest.
 *
 * TODO (fit): for each class c (sorted ascending, kept in `classes`), train a LinearSVC on
 *   "c versus everything else" (labels 1 for c, 0 for the rest), with this model's params but
 *   seed + k for the k-th class. Keep them in `models` (same order as `classes`).
 * TODO (decisionFunction): an n×K matrix: row i holds the K models' scores for row i.
 * TODO (predict): for each row, the CLASS (not its index) whose model scores highest.
 *   e.g. classes = [3, 5, 9] and scores [−1.2, 0.4, −0.3]  →  5
 */
export class OneVsRestSVC extends Estimator<LinearSVCParams> {
  classes: number[] = [];
  models: LinearSVC[] = [];

  constructor(params: Partial<LinearSVCParams> = {}) {
    super({ C: 1, epochs: 20, learningRate: 0.1, seed: 0 }, params);
  }

  fit(x: number[][], y: number[]): this {
    this.validateFit(x, y); // given
    // BEGIN SOLUTION
    this.classes = [...new Set(y)].sort((a, b) => a - b);
    this.models = this.classes.map((c, k) =>
      new LinearSVC({ ...this.params, seed: this.params.seed + k }).fit(
        x,
        y.map((v) => (v === c ? 1 : 0)),
      ),
    );
    return this;
    // END SOLUTION
  }

  decisionFunction(x: number[][]): number[][] {
    this.validatePredict(x, "decisionFunction"); // given
    // BEGIN SOLUTION
    const perModel = this.models.map((m) => m.decisionFunction(x)); // K×n
    return x.map((_, i) => perModel.map((scores) => scores[i]));
    // END SOLUTION
  }

  predict(x: number[][]): number[] {
    this.validatePredict(x, "predict"); // given
    // BEGIN SOLUTION
    return this.decisionFunction(x).map((scores) => {
      let best = 0;
      for (let k = 1; k < scores.length; k++) if (scores[k] > scores[best]) best = k;
      return this.classes[best];
    });
    // END SOLUTION
  }
}

/**
 * Exercise 7 — the RBF (Gaussian) kernel: a similarity that is 1 for identical points and
 * falls towards 0 with distance.
 *
 * rbfKernel: K(a, b) = exp(−γ · ‖a − b‖²)   (the SQUARED Euclidean distance).
 * TODO: e.g. a = [0, 0], b = [1, 1], γ = 0.5  →  exp(−0.5 · 2) = exp(−1) ≈ 0.3679
 */
export function rbfKernel(a: number[], b: number[], gamma: number): number {
  // BEGIN SOLUTION
  let squared = 0;
  for (let j = 0; j < a.length; j++) squared += (a[j] - b[j]) ** 2;
  return Math.exp(-gamma * squared);
  // END SOLUTION
}

/**
 * kernelMatrix: K[i][j] = rbfKernel(A[i], B[j], γ), shape A.length × B.length.
 * TODO: e.g. A = [[0], [1]], B = [[0], [2], [3]], γ = 1  →  [[1, e⁻⁴, e⁻⁹], [e⁻¹, e⁻¹, e⁻⁴]]
 */
export function kernelMatrix(A: number[][], B: number[][], gamma: number): number[][] {
  // BEGIN SOLUTION
  return A.map((a) => B.map((b) => rbfKernel(a, b, gamma)));
  // END SOLUTION
}

/** Hyperparameters of KernelSVC. */
export interface KernelSVCParams {
  /** Upper bound on each αᵢ: large C = fewer violations allowed. */
  C: number;
  /** RBF width: large γ = each point's influence is very local (wiggly boundaries). */
  gamma: number;
  /** KKT tolerance: how far from optimal a multiplier may be and still count as done. */
  tol: number;
  /** Stop after this many consecutive passes in which no α changed. */
  maxPasses: number;
  /** Safety cap on the total number of passes. */
  maxIter: number;
  /** Seeds the choice of the second multiplier j. */
  seed: number;
}

/**
 * Exercise 8 — a kernel SVM trained by simplified SMO (sequential minimal optimisation).
 *
 * The dual problem: maximise Σαᵢ − ½ΣᵢΣⱼ αᵢαⱼyᵢyⱼKᵢⱼ subject to 0 ≤ αᵢ ≤ C and Σαᵢyᵢ = 0.
 * The model is f(x) = Σᵢ αᵢyᵢK(xᵢ, x) + b; rows with αᵢ > 0 are the support vectors.
 * SMO changes two multipliers at a time, which keeps Σαᵢyᵢ = 0 exactly.
 *
 * TODO (fit): y → signs (toSignedLabels(y, "KernelSVC")); store xTrain and ySigned;
 *   K = kernelMatrix(x, x, γ); α = zeros, b = 0, random = seededRandom(seed); passes = 0, iter = 0.
 *   while passes < maxPasses and iter < maxIter:  iter++, changed = 0, and for each i:
 *     Eᵢ = f(xᵢ) − yᵢ          (f uses the cached K: Σₖ αₖyₖKₖᵢ + b)
 *     if (yᵢEᵢ < −tol and αᵢ < C) or (yᵢEᵢ > tol and αᵢ > 0):        (αᵢ breaks the KKT rules)
 *       j = a random index ≠ i:  j = floor(random()·(n − 1)); if j ≥ i then j++
 *       Eⱼ = f(xⱼ) − yⱼ;  remember αᵢ_old, αⱼ_old
 *       bounds: if yᵢ ≠ yⱼ: L = max(0, αⱼ − αᵢ), H = min(C, C + αⱼ − αᵢ)
 *               else:      L = max(0, αᵢ + αⱼ − C), H = min(C, αᵢ + αⱼ)
 *       if L == H: skip.   η = 2Kᵢⱼ − Kᵢᵢ − Kⱼⱼ;  if η ≥ 0: skip
 *       αⱼ ← clip(αⱼ − yⱼ(Eᵢ − Eⱼ)/η, L, H);  if |αⱼ − αⱼ_old| < 1e-5: skip
 *       αᵢ ← αᵢ + yᵢyⱼ(αⱼ_old − αⱼ)
 *       b₁ = b − Eᵢ − yᵢ(αᵢ − αᵢ_old)Kᵢᵢ − yⱼ(αⱼ − αⱼ_old)Kᵢⱼ
 *       b₂ = b − Eⱼ − yᵢ(αᵢ − αᵢ_old)Kᵢⱼ − yⱼ(αⱼ − αⱼ_old)Kⱼⱼ
 *       b = b₁ if 0 < αᵢ < C, else b₂ if 0 < αⱼ < C, else (b₁ + b₂)/2;   changed++
 *     after the loop over i: passes = (changed == 0) ? passes + 1 : 0
 *   Keep `alphas`, `b`, and `supportIndices` (the i with αᵢ > 1e-8, increasing).
 * TODO (decisionFunction): f(x) for each row, using only the support vectors.
 * TODO (predict): the second class where f(x) > 0, else the first (original labels).
 */
export class KernelSVC extends Estimator<KernelSVCParams> {
  alphas: number[] = [];
  b = 0;
  supportIndices: number[] = [];
  classes: [number, number] = [0, 1];
  xTrain: number[][] = [];
  ySigned: number[] = [];

  constructor(params: Partial<KernelSVCParams> = {}) {
    super({ C: 1, gamma: 1, tol: 1e-3, maxPasses: 10, maxIter: 10_000, seed: 0 }, params);
  }

  fit(x: number[][], y: number[]): this {
    this.validateFit(x, y); // given
    // BEGIN SOLUTION
    const { classes, signs } = toSignedLabels(y, "KernelSVC");
    const { C, tol, maxPasses, maxIter } = this.params;
    const n = x.length;
    const K = kernelMatrix(x, x, this.params.gamma);
    const alphas = new Array<number>(n).fill(0);
    let b = 0;
    const random = seededRandom(this.params.seed);
    const f = (i: number) => {
      let s = b;
      for (let k = 0; k < n; k++) if (alphas[k] !== 0) s += alphas[k] * signs[k] * K[k][i];
      return s;
    };
    let passes = 0;
    let iter = 0;
    while (passes < maxPasses && iter < maxIter) {
      iter++;
      let changed = 0;
      for (let i = 0; i < n; i++) {
        const Ei = f(i) - signs[i];
        const violates =
          (signs[i] * Ei < -tol && alphas[i] < C) || (signs[i] * Ei > tol && alphas[i] > 0);
        if (!violates) continue;
        let j = Math.floor(random() * (n - 1));
        if (j >= i) j++;
        const Ej = f(j) - signs[j];
        const aiOld = alphas[i];
        const ajOld = alphas[j];
        const [L, H] =
          signs[i] !== signs[j]
            ? [Math.max(0, ajOld - aiOld), Math.min(C, C + ajOld - aiOld)]
            : [Math.max(0, aiOld + ajOld - C), Math.min(C, aiOld + ajOld)];
        if (L === H) continue;
        const eta = 2 * K[i][j] - K[i][i] - K[j][j];
        if (eta >= 0) continue;
        // Moving along the line Σαy = const, the dual is a parabola in αⱼ: jump to its top, then clip.
        const aj = Math.min(H, Math.max(L, ajOld - (signs[j] * (Ei - Ej)) / eta));
        if (Math.abs(aj - ajOld) < 1e-5) continue;
        const ai = aiOld + signs[i] * signs[j] * (ajOld - aj);
        alphas[i] = ai;
        alphas[j] = aj;
        const b1 = b - Ei - signs[i] * (ai - aiOld) * K[i][i] - signs[j] * (aj - ajOld) * K[i][j];
        const b2 = b - Ej - signs[i] * (ai - aiOld) * K[i][j] - signs[j] * (aj - ajOld) * K[j][j];
        b = ai > 0 && ai < C ? b1 : aj > 0 && aj < C ? b2 : (b1 + b2) / 2;
        changed++;
      }
      passes = changed === 0 ? passes + 1 : 0;
    }
    this.classes = classes;
    this.xTrain = x.map((row) => [...row]);
    this.ySigned = signs;
    this.alphas = alphas;
    this.b = b;
    this.supportIndices = alphas.flatMap((a, i) => (a > 1e-8 ? [i] : []));
    return this;
    // END SOLUTION
  }

  decisionFunction(x: number[][]): number[] {
    this.validatePredict(x, "decisionFunction"); // given
    // BEGIN SOLUTION
    const sv = this.supportIndices;
    const K = kernelMatrix(
      x,
      sv.map((i) => this.xTrain[i]),
      this.params.gamma,
    );
    return K.map((row) =>
      row.reduce((s, k, m) => s + this.alphas[sv[m]] * this.ySigned[sv[m]] * k, this.b),
    );
    // END SOLUTION
  }

  predict(x: number[][]): number[] {
    this.validatePredict(x, "predict"); // given
    // BEGIN SOLUTION
    return this.decisionFunction(x).map((s) => (s > 0 ? this.classes[1] : this.classes[0]));
    // END SOLUTION
  }
}
