/**
 * The self-assessment: short questions across the six domains a certification path builds on.
 * Most are answered by computing something: a number (graded with a tolerance) or a small
 * function (run on test inputs). A few are multiple choice, where the idea matters more than
 * a calculation. Every question names the lab that teaches it (see `recommend.ts`).
 */

export type DomainId =
  | "linear-algebra"
  | "calculus"
  | "probability"
  | "statistics"
  | "programming"
  | "ml-concepts";

export const DOMAINS: { id: DomainId; title: string }[] = [
  { id: "linear-algebra", title: "Linear algebra" },
  { id: "calculus", title: "Calculus & optimisation" },
  { id: "probability", title: "Probability" },
  { id: "statistics", title: "Statistics" },
  { id: "programming", title: "TypeScript programming" },
  { id: "ml-concepts", title: "ML concepts" },
];

// biome-ignore lint/suspicious/noExplicitAny: learner functions are untyped until they run.
export type AnyFn = (...args: any[]) => any;

/** One test input for a function answer: true when the learner's function got it right. */
export interface FunctionCase {
  name: string;
  check: (fn: AnyFn) => boolean | Promise<boolean>;
}

interface Base {
  id: string;
  domain: DomainId;
  prompt: string;
}

export type Question =
  | (Base & { kind: "number"; answer: number; tolerance: number; explain: string })
  | (Base & {
      kind: "choice";
      options: Record<string, string>;
      answer: string;
      explain: string;
    })
  | (Base & {
      kind: "function";
      /** The signature to implement, e.g. `(a: number[][], x: number[]) => number[]`. */
      signature: string;
      /** A one-line example the learner can type in the terminal. */
      example: string;
      cases: FunctionCase[];
      explain: string;
    });

const close = (a: unknown, b: number, tol = 1e-6) =>
  typeof a === "number" && Number.isFinite(a) && Math.abs(a - b) <= tol;
const closeAll = (a: unknown, b: number[], tol = 1e-6) =>
  Array.isArray(a) && a.length === b.length && a.every((v, i) => close(v, b[i], tol));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const QUESTIONS: Question[] = [
  // ── Linear algebra ─────────────────────────────────────────────────────────────────
  {
    id: "la-dot",
    domain: "linear-algebra",
    kind: "number",
    prompt: "The dot product of [1, 2, 3] and [4, 5, 6].",
    answer: 32,
    tolerance: 1e-9,
    explain: "1·4 + 2·5 + 3·6 = 32.",
  },
  {
    id: "la-norm",
    domain: "linear-algebra",
    kind: "number",
    prompt: "The Euclidean (L2) norm of [3, 4, 12].",
    answer: 13,
    tolerance: 1e-6,
    explain: "√(9 + 16 + 144) = √169 = 13.",
  },
  {
    id: "la-det",
    domain: "linear-algebra",
    kind: "number",
    prompt: "The determinant of the 2×2 matrix [[2, 1], [5, 3]].",
    answer: 1,
    tolerance: 1e-9,
    explain: "ad − bc = 2·3 − 1·5 = 1.",
  },
  {
    id: "la-eigen",
    domain: "linear-algebra",
    kind: "number",
    prompt: "The largest eigenvalue of [[2, 1], [1, 2]].",
    answer: 3,
    tolerance: 1e-6,
    explain: "Eigenvalues are 2 ± 1 (eigenvectors [1, 1] and [1, −1]); the largest is 3.",
  },
  {
    id: "la-matvec",
    domain: "linear-algebra",
    kind: "function",
    prompt: "Write matVec(a, x): the matrix–vector product a·x (a is a list of rows).",
    signature: "(a: number[][], x: number[]) => number[]",
    example: "(a, x) => a.map((row) => row.reduce((s, v, j) => s + v * x[j], 0))",
    cases: [
      {
        name: "identity",
        check: (f) =>
          closeAll(
            f(
              [
                [1, 0],
                [0, 1],
              ],
              [3, 4],
            ),
            [3, 4],
          ),
      },
      {
        name: "2×3 matrix",
        check: (f) =>
          closeAll(
            f(
              [
                [1, 2, 3],
                [4, 5, 6],
              ],
              [1, 0, -1],
            ),
            [-2, -2],
          ),
      },
      { name: "one row", check: (f) => closeAll(f([[2, -1]], [0.5, 3]), [-2]) },
    ],
    explain: "Each output entry is the dot product of one row with x.",
  },

  // ── Calculus & optimisation ────────────────────────────────────────────────────────
  {
    id: "calc-derivative",
    domain: "calculus",
    kind: "number",
    prompt: "f(x) = x³ − 2x. What is f′(2)?",
    answer: 10,
    tolerance: 1e-6,
    explain: "f′(x) = 3x² − 2, so f′(2) = 12 − 2 = 10.",
  },
  {
    id: "calc-sigmoid",
    domain: "calculus",
    kind: "number",
    prompt: "The derivative of the sigmoid σ(x) = 1 / (1 + e^−x) at x = 0.",
    answer: 0.25,
    tolerance: 1e-4,
    explain: "σ′(x) = σ(x)(1 − σ(x)) = 0.5 · 0.5 = 0.25.",
  },
  {
    id: "calc-gd-step",
    domain: "calculus",
    kind: "number",
    prompt:
      "Gradient descent on f(w) = (w − 3)² starts at w = 0 with learning rate 0.1. What is w after one step?",
    answer: 0.6,
    tolerance: 1e-6,
    explain: "f′(0) = 2(0 − 3) = −6; w ← 0 − 0.1 · (−6) = 0.6.",
  },
  {
    id: "calc-numeric-gradient",
    domain: "calculus",
    kind: "function",
    prompt:
      "Write numericalGradient(f, x): the gradient of f at the point x by central differences (h = 1e-5).",
    signature: "(f: (x: number[]) => number, x: number[]) => number[]",
    example:
      "(f, x) => x.map((_, i) => { const h = 1e-5; const p = [...x], m = [...x]; p[i] += h; m[i] -= h; return (f(p) - f(m)) / (2 * h); })",
    cases: [
      {
        name: "x₀² + 3x₁ at [1, 2]",
        check: (g) =>
          closeAll(
            g((v: number[]) => v[0] ** 2 + 3 * v[1], [1, 2]),
            [2, 3],
            1e-4,
          ),
      },
      {
        name: "sin(x₀)·x₁ at [0, 5]",
        check: (g) =>
          closeAll(
            g((v: number[]) => Math.sin(v[0]) * v[1], [0, 5]),
            [5, 0],
            1e-4,
          ),
      },
      {
        name: "leaves x unchanged",
        check: (g) => {
          const x = [1, 2, 3];
          g((v: number[]) => v[0] + v[1] + v[2], x);
          return closeAll(x, [1, 2, 3], 0);
        },
      },
    ],
    explain: "∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, changing one coordinate at a time.",
  },
  {
    id: "calc-lr",
    domain: "calculus",
    kind: "choice",
    prompt:
      "Your training loss jumps up and down and grows from epoch to epoch. The most likely cause?",
    options: {
      a: "The learning rate is too small",
      b: "The learning rate is too large",
      c: "Too few epochs",
      d: "The batch size is too large",
    },
    answer: "b",
    explain: "Steps that overshoot the minimum make the loss oscillate and diverge (lab 01).",
  },

  // ── Probability ───────────────────────────────────────────────────────────────────
  {
    id: "prob-dice",
    domain: "probability",
    kind: "number",
    prompt: "Two fair dice are rolled. The probability that they sum to 7.",
    answer: 1 / 6,
    tolerance: 2e-3,
    explain: "6 of the 36 equally likely outcomes sum to 7: 1/6 ≈ 0.1667.",
  },
  {
    id: "prob-at-least-one",
    domain: "probability",
    kind: "number",
    prompt: "Three fair coin flips. The probability of at least one head.",
    answer: 0.875,
    tolerance: 1e-3,
    explain: "1 − P(no heads) = 1 − (1/2)³ = 0.875.",
  },
  {
    id: "prob-bayes",
    domain: "probability",
    kind: "number",
    prompt:
      "1% of people have a condition. A test detects it 90% of the time and gives a false positive 5% of the time. P(condition | positive test)?",
    answer: 0.009 / (0.009 + 0.0495),
    tolerance: 2e-3,
    explain: "Bayes: 0.01·0.9 / (0.01·0.9 + 0.99·0.05) = 0.009 / 0.0585 ≈ 0.154.",
  },
  {
    id: "prob-binomial-mean",
    domain: "probability",
    kind: "number",
    prompt:
      "X counts successes in 10 independent trials, each succeeding with probability 0.3. E[X]?",
    answer: 3,
    tolerance: 1e-6,
    explain: "The mean of a Binomial(n, p) is n·p = 3.",
  },
  {
    id: "prob-sample",
    domain: "probability",
    kind: "function",
    prompt:
      "Write sampleIndex(probs, u): the category drawn by inverse-CDF sampling — the first index i whose cumulative probability probs[0] + … + probs[i] exceeds u (0 ≤ u < 1).",
    signature: "(probs: number[], u: number) => number",
    example:
      "(probs, u) => { let c = 0; for (let i = 0; i < probs.length; i++) { c += probs[i]; if (u < c) return i; } return probs.length - 1; }",
    cases: [
      { name: "u = 0 picks the first category", check: (f) => f([0.2, 0.5, 0.3], 0) === 0 },
      { name: "u = 0.25 falls in the second", check: (f) => f([0.2, 0.5, 0.3], 0.25) === 1 },
      { name: "u = 0.75 falls in the third", check: (f) => f([0.2, 0.5, 0.3], 0.75) === 2 },
      { name: "u just below 1", check: (f) => f([0.5, 0.5], 0.999999) === 1 },
      { name: "skips a zero-probability category", check: (f) => f([0.5, 0, 0.5], 0.5) === 2 },
    ],
    explain: "Walk the running sum until it passes u; a zero-probability category is never chosen.",
  },

  // ── Statistics ────────────────────────────────────────────────────────────────────
  {
    id: "stat-median",
    domain: "statistics",
    kind: "number",
    prompt: "The median of [7, 1, 3, 9, 4, 10].",
    answer: 5.5,
    tolerance: 1e-9,
    explain: "Sorted: 1 3 4 7 9 10; with an even count, the mean of the middle two: (4 + 7) / 2.",
  },
  {
    id: "stat-sample-sd",
    domain: "statistics",
    kind: "number",
    prompt: "The sample standard deviation (divide by n − 1) of [2, 4, 4, 4, 5, 5, 7, 9].",
    answer: Math.sqrt(32 / 7),
    tolerance: 2e-3,
    explain: "Mean 5, squared deviations sum to 32, 32 / 7 ≈ 4.571, √ ≈ 2.138.",
  },
  {
    id: "stat-zscore",
    domain: "statistics",
    kind: "number",
    prompt: "Scores have mean 100 and standard deviation 15. The z-score of 130.",
    answer: 2,
    tolerance: 1e-6,
    explain: "(130 − 100) / 15 = 2.",
  },
  {
    id: "stat-mean-variance",
    domain: "statistics",
    kind: "function",
    prompt:
      "Write meanVariance(xs): { mean, variance } of a list, with the population variance (divide by n).",
    signature: "(xs: number[]) => { mean: number; variance: number }",
    example:
      "(xs) => { const mean = xs.reduce((s, v) => s + v, 0) / xs.length; return { mean, variance: xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length }; }",
    cases: [
      {
        name: "[2, 4, 4, 4, 5, 5, 7, 9]",
        check: (f) => {
          const r = f([2, 4, 4, 4, 5, 5, 7, 9]);
          return close(r?.mean, 5) && close(r?.variance, 4);
        },
      },
      {
        name: "a constant list has variance 0",
        check: (f) => {
          const r = f([3, 3, 3]);
          return close(r?.mean, 3) && close(r?.variance, 0);
        },
      },
      {
        name: "[1, 2] (population, not sample)",
        check: (f) => {
          const r = f([1, 2]);
          return close(r?.mean, 1.5) && close(r?.variance, 0.25);
        },
      },
    ],
    explain: "variance = mean of squared deviations from the mean; n − 1 is the sample version.",
  },
  {
    id: "stat-correlation",
    domain: "statistics",
    kind: "choice",
    prompt:
      "Across a year of days, ice-cream sales and drownings have correlation 0.9. What does this tell you?",
    options: {
      a: "Ice cream causes drowning",
      b: "Drowning causes ice-cream sales",
      c: "They move together; a third factor (hot weather) may drive both",
      d: "Nothing: 0.9 is too weak to mean anything",
    },
    answer: "c",
    explain: "Correlation is not causation; a confounder (temperature) explains both.",
  },

  // ── TypeScript programming ───────────────────────────────────────────────────────
  {
    id: "prog-word-counts",
    domain: "programming",
    kind: "function",
    prompt:
      "Write wordCounts(text): how often each word occurs, as an object. Words are runs of letters a–z, case-insensitive.",
    signature: "(text: string) => Record<string, number>",
    example:
      "(text) => { const c = {}; for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) c[w] = (c[w] ?? 0) + 1; return c; }",
    cases: [
      {
        name: '"the cat and the hat"',
        check: (f) => {
          const r = f("the cat and the hat");
          return r?.the === 2 && r?.cat === 1 && r?.hat === 1 && Object.keys(r).length === 4;
        },
      },
      {
        name: "case and punctuation",
        check: (f) => {
          const r = f("Go, go! GO.");
          return r?.go === 3 && Object.keys(r).length === 1;
        },
      },
      { name: "empty text", check: (f) => Object.keys(f("") ?? { x: 1 }).length === 0 },
    ],
    explain: "Normalise case, split on non-letters, count into an object (or a Map).",
  },
  {
    id: "prog-closure-loop",
    domain: "programming",
    kind: "choice",
    prompt:
      "const fns = []; for (var i = 0; i < 3; i++) fns.push(() => i); What is fns.map((f) => f())?",
    options: {
      a: "[0, 1, 2]",
      b: "[3, 3, 3]",
      c: "[undefined, undefined, undefined]",
      d: "[2, 2, 2]",
    },
    answer: "b",
    explain:
      "`var` is one function-scoped variable: every closure sees its final value, 3. With `let`, each iteration gets its own i and the answer is [0, 1, 2].",
  },
  {
    id: "prog-counter",
    domain: "programming",
    kind: "function",
    prompt:
      "Write makeCounter(): it returns a function that returns 1, 2, 3, … on successive calls. Two counters count independently.",
    signature: "() => () => number",
    example: "() => { let n = 0; return () => ++n; }",
    cases: [
      {
        name: "counts 1, 2, 3",
        check: (f) => {
          const next = f();
          return next() === 1 && next() === 2 && next() === 3;
        },
      },
      {
        name: "two counters are independent",
        check: (f) => {
          const a = f();
          const b = f();
          a();
          a();
          return b() === 1 && a() === 3;
        },
      },
    ],
    explain: "A closure over a variable local to each makeCounter() call.",
  },
  {
    id: "prog-sequential",
    domain: "programming",
    kind: "function",
    prompt:
      "Write async mapSequential(items, fn): awaits fn(item) for each item one at a time (never two at once) and returns the results in order.",
    signature: "<T, R>(items: T[], fn: (item: T) => Promise<R>) => Promise<R[]>",
    example:
      "async (items, fn) => { const out = []; for (const x of items) out.push(await fn(x)); return out; }",
    cases: [
      {
        name: "results in order",
        check: async (f) => {
          const r = await f([30, 10, 20], async (ms: number) => {
            await sleep(ms / 10);
            return ms * 2;
          });
          return closeAll(r, [60, 20, 40], 0);
        },
      },
      {
        name: "one call at a time",
        check: async (f) => {
          let running = 0;
          let most = 0;
          await f([1, 2, 3, 4], async () => {
            running++;
            most = Math.max(most, running);
            await sleep(2);
            running--;
          });
          return most === 1;
        },
      },
      {
        name: "returns a promise",
        check: (f) => {
          const r = f([], async () => 0);
          return typeof r?.then === "function";
        },
      },
    ],
    explain:
      "`for … of` with `await` inside runs one at a time; `Promise.all(items.map(fn))` runs all at once.",
  },
  {
    id: "prog-safe-parse",
    domain: "programming",
    kind: "function",
    prompt:
      "Write safeParse(text): { ok: true, value } with the parsed JSON, or { ok: false, error } (the error message, a string) when the text is not valid JSON. It never throws.",
    signature: "(text: string) => { ok: true; value: unknown } | { ok: false; error: string }",
    example:
      "(text) => { try { return { ok: true, value: JSON.parse(text) }; } catch (e) { return { ok: false, error: String(e.message) }; } }",
    cases: [
      {
        name: "valid JSON",
        check: (f) => {
          const r = f('{"a": [1, 2]}');
          return r?.ok === true && r.value?.a?.[1] === 2;
        },
      },
      {
        name: "invalid JSON gives ok: false with a message",
        check: (f) => {
          try {
            const r = f("{oops");
            return r?.ok === false && typeof r.error === "string" && r.error.length > 0;
          } catch {
            return false;
          }
        },
      },
      {
        name: "null is valid JSON",
        check: (f) => {
          const r = f("null");
          return r?.ok === true && r.value === null;
        },
      },
    ],
    explain: "try/catch around JSON.parse; return the error as data instead of throwing.",
  },

  // ── ML concepts ──────────────────────────────────────────────────────────────────
  {
    id: "ml-overfitting",
    domain: "ml-concepts",
    kind: "choice",
    prompt: "Training accuracy 99%, validation accuracy 70%. What is happening?",
    options: {
      a: "Underfitting: the model is too simple",
      b: "Overfitting: the model memorises the training set",
      c: "Data leakage from validation into training",
      d: "The model is well tuned",
    },
    answer: "b",
    explain: "A large train–validation gap is overfitting: regularise, add data or simplify.",
  },
  {
    id: "ml-leakage",
    domain: "ml-concepts",
    kind: "choice",
    prompt:
      "You standardise all rows (mean and standard deviation of the whole dataset), then split into train and test. The problem?",
    options: {
      a: "None: standardising first is the usual order",
      b: "The test set's statistics leak into training, so the test score is optimistic",
      c: "Standardisation must come after training",
      d: "The model will not converge",
    },
    answer: "b",
    explain: "Fit preprocessing on training rows only, then apply it to test rows (lab 04).",
  },
  {
    id: "ml-f1",
    domain: "ml-concepts",
    kind: "number",
    prompt:
      "A classifier has 30 true positives, 10 false positives and 20 false negatives. Its F1 score?",
    answer: 2 / 3,
    tolerance: 2e-3,
    explain: "precision 30/40 = 0.75, recall 30/50 = 0.6, F1 = 2·0.75·0.6 / 1.35 ≈ 0.667.",
  },
  {
    id: "ml-dense-params",
    domain: "ml-concepts",
    kind: "number",
    prompt: "A Dense layer with 128 units takes 784 inputs. How many trainable parameters?",
    answer: 784 * 128 + 128,
    tolerance: 0,
    explain: "784·128 weights + 128 biases = 100,480.",
  },
  {
    id: "ml-loss-choice",
    domain: "ml-concepts",
    kind: "choice",
    prompt:
      "10 classes, labels are integers 0–9, the output layer is Dense(10, softmax). Which loss?",
    options: {
      a: "meanSquaredError",
      b: "binaryCrossentropy",
      c: "sparseCategoricalCrossentropy",
      d: "categoricalCrossentropy",
    },
    answer: "c",
    explain: "Integer labels → sparse categorical; one-hot labels → categorical (lab 13).",
  },
  {
    id: "ml-softmax",
    domain: "ml-concepts",
    kind: "function",
    prompt:
      "Write softmax(logits): probabilities that sum to 1. It must not overflow for large logits such as [1000, 1000].",
    signature: "(logits: number[]) => number[]",
    example:
      "(z) => { const m = Math.max(...z); const e = z.map((v) => Math.exp(v - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); }",
    cases: [
      {
        name: "[1, 2, 3]",
        check: (f) => {
          const e = [1, 2, 3].map(Math.exp);
          const s = e[0] + e[1] + e[2];
          return closeAll(
            f([1, 2, 3]),
            e.map((v) => v / s),
            1e-6,
          );
        },
      },
      { name: "[1000, 1000] (no overflow)", check: (f) => closeAll(f([1000, 1000]), [0.5, 0.5]) },
      { name: "[-1000, 0]", check: (f) => closeAll(f([-1000, 0]), [0, 1], 1e-9) },
    ],
    explain:
      "Subtract the largest logit before exp: the result is the same, and exp never overflows.",
  },
];

export function findQuestion(id: string): Question {
  const q = QUESTIONS.find((x) => x.id === id);
  if (!q) throw new Error(`No assessment question "${id}".`);
  return q;
}
