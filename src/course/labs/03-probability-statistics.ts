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
  formatNumber,
  gridsClose,
} from "../../grading/expect";
import { defineLab } from "../../grading/types";
import { gaussian } from "../../ml/toy-datasets";

type Lab = typeof import("../../../solutions/03-probability-statistics");

/*
 * Expected values come from plain loops, closed forms (Bayes by natural frequencies, the
 * normal CDF, known estimator biases) or statistical tests with generous margins, computed
 * independently of the reference solution.
 */

function loopMean(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function loopVariance(xs: number[], ddof: number): number {
  const m = loopMean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - ddof);
}

/** Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Kolmogorov–Smirnov distance between a sample and a CDF. */
function ksDistance(sample: number[], cdf: (x: number) => number): number {
  const s = sample.slice().sort((a, b) => a - b);
  let d = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs((i + 1) / s.length - f), Math.abs(i / s.length - f));
  });
  return d;
}

/** Seeded standard-normal values drawn by the check itself (not by the learner's sampler). */
function checkNormals(n: number, seed: number, mu = 0, sigma = 1): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => mu + sigma * gaussian(random));
}

/** Checks a sample array: the right length and every value finite. */
function expectSample(got: unknown, n: number, what: string): number[] {
  const grid = expectGridShape(got, n, 1, {
    what,
    likelyCause: `Return an array of exactly ${n} numbers.`,
  });
  const values = grid.map((r) => r[0]);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  expectThat(bad < 0, {
    message: `${what} contains ${values[bad]} at index ${bad}.`,
    likelyCause:
      "Math.log(0) is -Infinity: use Math.log(1 - u), since u = random() can be 0 but never 1.",
  });
  return values;
}

function expectReproducible(a: number[], b: number[], c: number[], what: string): void {
  expectThat(
    a.every((v, i) => v === b[i]),
    {
      message: `${what} is not reproducible: the same seed gave different values.`,
      likelyCause:
        "Draw from seededRandom(options.seed), created once per call — never Math.random().",
    },
  );
  expectThat(
    c.some((v, i) => v !== a[i]),
    {
      message: `${what} gave the same values for two different seeds.`,
      likelyCause: "Pass options.seed to seededRandom instead of a fixed number.",
    },
  );
}

/** How a sampler uses its generator: the documented way, equivalent forms, and mistakes. */
type DrawStyle = "one-generator" | "generator-per-draw" | "seed-plus-index";

/** Uniforms for n draws of `perDraw` numbers each, the way `style` would produce them. */
function uniformsFor(n: number, perDraw: number, seed: number, style: DrawStyle): number[][] {
  const shared = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const random =
      style === "one-generator"
        ? shared
        : seededRandom(style === "seed-plus-index" ? seed + i : seed);
    return Array.from({ length: perDraw }, () => random());
  });
}

/** Exponential draws −ln(1 − u)/rate (or −ln(u)/rate with `logU`), computed by the check. */
function exactExponential(
  n: number,
  rate: number,
  seed: number,
  style: DrawStyle = "one-generator",
  logU = false,
): number[] {
  return uniformsFor(n, 1, seed, style).map(([u]) => -Math.log(logU ? u : 1 - u) / rate);
}

/** Box–Muller normal draws computed by the check; the variants are equally valid forms. */
function exactNormal(
  n: number,
  mu: number,
  sigma: number,
  seed: number,
  form: "cos" | "sin" | "swapped" | "pairs" | "log-u" | "one-uniform" = "cos",
  style: DrawStyle = "one-generator",
): number[] {
  if (form === "pairs") {
    const random = seededRandom(seed);
    const out: number[] = [];
    while (out.length < n) {
      const r = Math.sqrt(-2 * Math.log(1 - random()));
      const theta = 2 * Math.PI * random();
      out.push(mu + sigma * r * Math.cos(theta), mu + sigma * r * Math.sin(theta));
    }
    return out.slice(0, n);
  }
  return uniformsFor(n, form === "one-uniform" ? 1 : 2, seed, style).map(([a, b]) => {
    const [u1, u2] = form === "swapped" ? [b, a] : form === "one-uniform" ? [a, a] : [a, b];
    const radius = Math.sqrt(-2 * Math.log(form === "log-u" ? u1 : 1 - u1));
    return (
      mu +
      sigma * radius * (form === "sin" ? Math.sin(2 * Math.PI * u2) : Math.cos(2 * Math.PI * u2))
    );
  });
}

/** numpy's linear-interpolation quantile, written independently of the learner's. */
function loopQuantile(values: number[], q: number): number {
  const s = values.slice().sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

/** The percentile bootstrap as loops, with optional learner mistakes switched on. */
function exactBootstrap(
  values: number[],
  statistic: (sample: number[]) => number,
  o: { resamples: number; confidence: number; seed: number },
  mistake: { indexRange?: number; reseedEachResample?: boolean; tails?: "one-minus-c" } = {},
): { low: number; high: number } {
  const n = values.length;
  let random = seededRandom(o.seed);
  const stats: number[] = [];
  for (let b = 0; b < o.resamples; b++) {
    if (mistake.reseedEachResample) random = seededRandom(o.seed);
    const resample = Array.from(
      { length: n },
      () => values[Math.floor(random() * (mistake.indexRange ?? n))],
    );
    stats.push(statistic(resample));
  }
  const [qLow, qHigh] =
    mistake.tails === "one-minus-c"
      ? [1 - o.confidence, o.confidence]
      : [(1 - o.confidence) / 2, (1 + o.confidence) / 2];
  return { low: loopQuantile(stats, qLow), high: loopQuantile(stats, qHigh) };
}

const FIXTURE = [2, 4, 4, 4, 5, 5, 7, 9];

export const probabilityStatisticsLab = defineLab<Lab>({
  id: "03-probability-statistics",
  title: "Probability & statistics",
  summary:
    "Summarise samples, reason with Bayes' rule, sample from distributions, fit by maximum likelihood and quantify uncertainty with the bootstrap.",
  exercises: [
    {
      id: "mean-variance",
      title: "Mean and variance (ddof)",
      points: 1,
      exports: ["mean", "variance"],
      hints: [
        "The variance averages the squared distances from the mean. Should you divide by n or by n − 1? What does the ddof parameter say?",
        "variance = Σ(xᵢ − x̄)² / (n − ddof). With ddof = 1 (the default) that is the sample variance; with ddof = 0 the population formula.",
        "Compute the mean once (reuse your mean), then the sum of squared deviations from it; divide by n − ddof. Guard the edge cases with clear errors: mean of an empty sample, and variance when n − ddof ≤ 0.",
      ],
      check: (lab) => {
        expectClose(lab.mean([...FIXTURE]), 5, { what: "mean([2, 4, 4, 4, 5, 5, 7, 9])" });
        const emptyMean = expectToThrow(
          () => lab.mean([]),
          "mean([]) should throw: an empty sample has no mean.",
          "Throw an Error when values.length === 0 (otherwise 0/0 = NaN slips through).",
        );
        expectMessageNames(
          emptyMean,
          /empty|no values|length|\b0\b/i,
          "mean([])",
          "Say what is wrong, e.g. `mean: the sample is empty.`",
        );
        const cases: { ddof: number | undefined; want: number }[] = [
          { ddof: 0, want: 4 },
          { ddof: undefined, want: 32 / 7 },
          { ddof: 1, want: 32 / 7 },
          { ddof: 2, want: 32 / 6 },
        ];
        for (const c of cases) {
          const got =
            c.ddof === undefined ? lab.variance([...FIXTURE]) : lab.variance([...FIXTURE], c.ddof);
          expectClose(got, c.want, {
            what: `variance([2, 4, 4, 4, 5, 5, 7, 9]${c.ddof === undefined ? "" : `, ${c.ddof}`})`,
            likelyCause: diagnose(got, [
              {
                value: Math.sqrt(c.want),
                cause: "That is the standard deviation: the variance has no square root.",
              },
              {
                value: 4,
                cause:
                  c.ddof === undefined
                    ? "The default is ddof = 1 (the sample variance, divided by n − 1)."
                    : "You divided by n: divide by n − ddof.",
              },
              {
                value: 32 / 7,
                cause: "You divided by n − 1: divide by n − ddof (ddof = 0 means divide by n).",
              },
            ]),
          });
        }
        const xs = checkNormals(37, 5, 3, 2);
        expectClose(lab.variance(xs, 1), loopVariance(xs, 1), {
          what: "variance of 37 values (ddof 1)",
          tolerance: 1e-9,
        });
        const tooFew = expectToThrow(
          () => lab.variance([5], 1),
          "variance([5], 1) should throw: n − ddof = 0.",
          "Throw an Error when n − ddof ≤ 0: one value says nothing about spread.",
        );
        expectMessageNames(
          tooFew,
          /ddof|value|sample|degree|\d/i,
          "variance([5], 1)",
          "Say what is wrong, e.g. `variance: need more than 1 values, got 1.`",
        );
        expectToThrow(
          () => lab.variance([1, 2], 2),
          "variance([1, 2], 2) should throw: n − ddof = 0.",
          "Throw an Error when n − ddof ≤ 0 (compare with ddof, not with a fixed 1).",
        );
        expectToThrow(
          () => lab.variance([], 0),
          "variance([], 0) should throw: n − ddof = 0.",
          "Throw an Error when n − ddof ≤ 0.",
        );
        const single = expectNoThrow(
          () => lab.variance([5], 0),
          "variance([5], 0) threw, but n − ddof = 1 so it is defined (0).",
          "Only n − ddof ≤ 0 is an error: compare n with ddof, not with a fixed 2.",
        );
        expectClose(single, 0, {
          what: "variance([5], 0) (n − ddof = 1, so it is defined: 0)",
          likelyCause: "Only n − ddof ≤ 0 is an error: with ddof = 0 one value has variance 0.",
        });
        expectClose(lab.variance(xs, 0), loopVariance(xs, 0), {
          what: "variance of 37 values (ddof 0)",
          tolerance: 1e-9,
        });
      },
    },
    {
      id: "correlation",
      title: "Pearson correlation",
      points: 2,
      exports: ["pearsonCorrelation"],
      hints: [
        "Correlation is covariance made scale-free: divide by how much x and y each vary. What range must the result be in?",
        "r = Σ(xᵢ − x̄)(yᵢ − ȳ) / √(Σ(xᵢ − x̄)² · Σ(yᵢ − ȳ)²). Any 1/(n − 1) factors cancel if you use the same one everywhere.",
        "One loop over i can build all three sums of deviations from the means: Σ(x−x̄)(y−ȳ), Σ(x−x̄)² and Σ(y−ȳ)². A constant sample makes a denominator 0: throw a clear error instead of returning NaN; likewise for samples of different lengths.",
      ],
      check: (lab) => {
        const fixtures: { x: number[]; y: number[]; want: number }[] = [
          { x: [1, 2, 3, 4], y: [2, 4, 6, 8], want: 1 },
          { x: [1, 2, 3], y: [1, 3, 2], want: 0.5 },
          { x: [1, 2, 3, 4], y: [8, 6, 4, 2], want: -1 },
        ];
        for (const f of fixtures) {
          const got = lab.pearsonCorrelation([...f.x], [...f.y]);
          const n = f.x.length;
          const sampleCov = (() => {
            const mx = loopMean(f.x);
            const my = loopMean(f.y);
            return f.x.reduce((s, v, i) => s + (v - mx) * (f.y[i] - my), 0) / (n - 1);
          })();
          expectClose(got, f.want, {
            what: `pearsonCorrelation([${f.x.join(", ")}], [${f.y.join(", ")}])`,
            likelyCause: diagnose(got, [
              {
                value: sampleCov,
                cause: "That is the covariance: divide by the product of the two spreads to get r.",
              },
              {
                value: (f.want * n) / (n - 1),
                cause:
                  "You mixed conventions: the covariance divides by n − 1 but the standard deviations by n (or vice versa).",
              },
              {
                value: (f.want * (n - 1)) / n,
                cause:
                  "You mixed conventions: the covariance divides by n but the standard deviations by n − 1 (or vice versa).",
              },
              {
                value: Math.abs(f.want),
                cause: "Keep the sign: a negative r means y falls as x rises.",
              },
            ]),
          });
        }
        const { train } = loadFixedSplit("iris");
        const petalLength = train.x.map((r) => r[2]);
        const sepalWidth = train.x.map((r) => r[1]);
        const mx = loopMean(petalLength);
        const my = loopMean(sepalWidth);
        let sxy = 0;
        let sxx = 0;
        let syy = 0;
        petalLength.forEach((x, i) => {
          sxy += (x - mx) * (sepalWidth[i] - my);
          sxx += (x - mx) ** 2;
          syy += (sepalWidth[i] - my) ** 2;
        });
        expectClose(lab.pearsonCorrelation(petalLength, sepalWidth), sxy / Math.sqrt(sxx * syy), {
          what: "pearsonCorrelation(iris petal length, sepal width)",
          tolerance: 1e-9,
        });
        // r is shift-invariant; far from 0, only the centred (two-pass) sums stay accurate.
        const far = lab.pearsonCorrelation(
          petalLength.map((v) => v + 1e8),
          sepalWidth.map((v) => v + 7e7),
        );
        expectClose(far, sxy / Math.sqrt(sxx * syy), {
          what: "pearsonCorrelation(iris petal length + 1e8, sepal width + 7e7) (r ignores shifts)",
          tolerance: 1e-6,
          likelyCause:
            "Subtract the means inside every sum: (xᵢ − x̄)(yᵢ − ȳ). Shortcuts such as Σxy − n·x̄ȳ (or a + for a −) cancel catastrophically far from 0.",
        });
        const lengths = expectToThrow(
          () => lab.pearsonCorrelation([1, 2, 3], [1, 2]),
          "pearsonCorrelation with 3 x values and 2 y values should throw.",
          "Throw an Error when x.length !== y.length: pairs must match up.",
        );
        expectMessageNames(
          lengths,
          /length|value|differ|match|\d/i,
          "pearsonCorrelation([1, 2, 3], [1, 2])",
          "Say what is wrong, e.g. `3 x values but 2 y values.`",
        );
        const constant = expectToThrow(
          () => lab.pearsonCorrelation([1, 2, 3], [4, 4, 4]),
          "pearsonCorrelation of a constant y should throw: r is 0/0.",
          "Throw an Error when either sample has zero spread.",
        );
        expectMessageNames(
          constant,
          /constant|spread|zero|variance|deviation|\b0\b/i,
          "pearsonCorrelation of a constant y",
          "Say what is wrong, e.g. `a constant sample has no correlation.`",
        );
        expectToThrow(
          () => lab.pearsonCorrelation([4, 4, 4], [1, 2, 3]),
          "pearsonCorrelation of a constant x should throw: r is 0/0.",
          "Throw an Error when EITHER sample has zero spread (x as well as y).",
        );
      },
    },
    {
      id: "bayes-posterior",
      title: "Bayes' rule",
      points: 1,
      exports: ["posterior"],
      hints: [
        "A posterior is a probability distribution over the hypotheses: what must its entries add up to?",
        "P(Hᵢ | data) ∝ P(data | Hᵢ)·P(Hᵢ). Compute the products, then divide each by their sum (the evidence P(data)).",
        "Two passes: first the unnormalised products prior × likelihood, then divide each by their total so the posteriors sum to 1. Throw a clear error when the arrays differ in length or the total is 0 (no hypothesis explains the data).",
      ],
      check: (lab) => {
        const got = lab.posterior([0.9, 0.1], [0.2, 0.6]);
        const first = expectGridShape(got, 2, 1, {
          what: "posterior([0.9, 0.1], [0.2, 0.6])",
        })[0][0];
        expectGridClose(got, [0.75, 0.25], {
          what: "posterior([0.9, 0.1], [0.2, 0.6])",
          likelyCause: diagnose(first, [
            {
              value: 0.18,
              cause:
                "Normalise: divide each prior·likelihood by their sum so the posterior adds up to 1.",
            },
            {
              value: 0.25,
              cause:
                "Multiply each likelihood by its prior: the likelihoods alone ignore what you knew before.",
            },
            { value: 0.2, cause: "Multiply each likelihood by its prior, then normalise." },
          ]),
        });
        const random = seededRandom(8);
        const priors = [0.5, 0.3, 0.2];
        const likelihoods = [random(), random(), random()];
        const joint = priors.map((p, i) => p * likelihoods[i]);
        const total = joint[0] + joint[1] + joint[2];
        expectGridClose(
          lab.posterior(priors, likelihoods),
          joint.map((v) => v / total),
          {
            what: "posterior with three hypotheses",
            tolerance: 1e-9,
          },
        );
        const counts = expectToThrow(
          () => lab.posterior([0.5, 0.5], [0.1, 0.2, 0.3]),
          "posterior with 2 priors and 3 likelihoods should throw.",
          "Throw an Error when priors.length !== likelihoods.length.",
        );
        expectMessageNames(
          counts,
          /length|prior|likelihood|differ|match|\d/i,
          "posterior with 2 priors and 3 likelihoods",
          "Say what is wrong, e.g. `2 priors but 3 likelihoods.`",
        );
        const noEvidence = expectToThrow(
          () => lab.posterior([0.5, 0.3, 0.2], [0, 0, 0]),
          "posterior([0.5, 0.3, 0.2], [0, 0, 0]) should throw: the evidence Σ prior·likelihood is 0.",
          "Throw an Error when the sum of prior·likelihood is 0 (dividing by it gives NaN).",
        );
        expectMessageNames(
          noEvidence,
          /zero|\b0\b|sum|evidence|probability/i,
          "posterior([0.5, 0.3, 0.2], [0, 0, 0])",
          "Say what is wrong, e.g. `every hypothesis has probability 0 given the data.`",
        );
        expectToThrow(
          () => lab.posterior([1, 0], [0, 0.7]),
          "posterior([1, 0], [0, 0.7]) should throw: every hypothesis has prior·likelihood 0.",
          "Throw an Error when the sum of prior·likelihood is 0 — check the products, not the priors or likelihoods alone.",
        );
        // Priors that do not add up to 1 are fine: normalising by the evidence fixes the scale.
        const unnormalised = lab.posterior([2, 1, 1], [0.1, 0.4, 0.5]);
        expectGridClose(unnormalised, [0.2 / 1.1, 0.4 / 1.1, 0.5 / 1.1], {
          what: "posterior([2, 1, 1], [0.1, 0.4, 0.5])",
          tolerance: 1e-9,
          likelyCause: "Divide each prior·likelihood by the sum of ALL prior·likelihood products.",
        });
      },
    },
    {
      id: "diagnostic-test",
      title: "A positive test result",
      points: 2,
      exports: ["positivePredictiveValue", "DiagnosticTest"],
      hints: [
        "Picture 1,000,000 people. How many have the condition and test positive? How many are healthy but test positive anyway?",
        "P(condition | +) = sensitivity·prevalence / (sensitivity·prevalence + (1 − specificity)·(1 − prevalence)).",
        'You wrote posterior(priors, likelihoods) earlier: use it with two hypotheses, "has the condition" and "healthy". Their priors are the prevalence and its complement; the chances of a positive test are the sensitivity and 1 − specificity (a false positive). The answer is the first posterior.',
      ],
      check: (lab) => {
        const cases = [
          { prevalence: 0.01, sensitivity: 0.9, specificity: 0.95 },
          { prevalence: 0.3, sensitivity: 0.8, specificity: 0.7 },
          { prevalence: 0.001, sensitivity: 0.99, specificity: 0.99 },
        ];
        for (const c of cases) {
          // Natural frequencies: count people in a population of a million.
          const people = 1_000_000;
          const sick = people * c.prevalence;
          const truePositives = sick * c.sensitivity;
          const falsePositives = (people - sick) * (1 - c.specificity);
          const want = truePositives / (truePositives + falsePositives);
          const got = lab.positivePredictiveValue({ ...c });
          expectClose(got, want, {
            what: `positivePredictiveValue(prevalence ${c.prevalence}, sensitivity ${c.sensitivity}, specificity ${c.specificity})`,
            tolerance: 1e-9,
            likelyCause: diagnose(got, [
              {
                value: c.sensitivity,
                cause:
                  "That is P(positive | condition), the sensitivity. You need the reverse, P(condition | positive): apply Bayes' rule with the prevalence.",
              },
              {
                value: c.prevalence * c.sensitivity,
                cause: "Normalise: divide by P(positive), which includes the false positives.",
              },
              {
                value:
                  (c.prevalence * c.sensitivity) /
                  (c.prevalence * c.sensitivity + c.specificity * (1 - c.prevalence)),
                cause:
                  "A healthy person tests positive with probability 1 − specificity, not the specificity.",
              },
            ]),
          });
        }
      },
    },
    {
      id: "sampling",
      title: "Sampling: inverse CDF and Box–Muller",
      points: 2,
      exports: ["sampleExponential", "sampleNormal"],
      hints: [
        "Both samplers turn uniform numbers from seededRandom into another distribution. Which function maps u ∈ [0, 1) to an exponential value? And can u be exactly 0?",
        "Exponential: −ln(1 − u)/rate. Normal: z = √(−2 ln(1 − u₁))·cos(2π u₂), then mean + std·z. Create ONE generator per call with seededRandom(options.seed).",
        "The check replays the draws: one random() per exponential value; for each normal value, the FIRST random() goes into the √(−2 ln(1 − u)) factor and the SECOND into the cosine. Use 1 − u, not u: random() can return 0 and ln 0 is −Infinity.",
      ],
      check: (lab) => {
        const n = 20000;
        const expo = expectSample(
          lab.sampleExponential(n, { rate: 2, seed: 1 }),
          n,
          "sampleExponential(20000, { rate: 2, seed: 1 })",
        );
        const expoMean = loopMean(expo);
        expectThat(Math.abs(expoMean - 0.5) < 5 * (0.5 / Math.sqrt(n)), {
          message: "sampleExponential with rate 2 should have mean 1/2.",
          expected: "≈ 0.5",
          got: formatNumber(expoMean),
          likelyCause:
            Math.abs(expoMean - 2) < 0.1
              ? "You multiplied by the rate: the inverse CDF divides, x = −ln(1 − u)/rate."
              : expoMean < 0
                ? "−ln(1 − u) is positive: check the sign."
                : "x = −ln(1 − u)/rate.",
        });
        const ksExpo = ksDistance(expo, (x) => (x <= 0 ? 0 : 1 - Math.exp(-2 * x)));
        expectThat(ksExpo < 0.02, {
          message: "sampleExponential's values do not follow the exponential distribution.",
          expected: "a Kolmogorov–Smirnov distance below 0.02",
          got: formatNumber(ksExpo),
          likelyCause: "Apply the inverse CDF x = −ln(1 − u)/rate to each uniform u.",
        });
        expectReproducible(
          lab.sampleExponential(50, { rate: 1, seed: 4 }),
          lab.sampleExponential(50, { rate: 1, seed: 4 }),
          lab.sampleExponential(50, { rate: 1, seed: 5 }),
          "sampleExponential",
        );

        const normal = expectSample(
          lab.sampleNormal(n, { mean: 5, std: 2, seed: 3 }),
          n,
          "sampleNormal(20000, { mean: 5, std: 2, seed: 3 })",
        );
        const m = loopMean(normal);
        const sd = Math.sqrt(loopVariance(normal, 1));
        expectThat(Math.abs(m - 5) < 5 * (2 / Math.sqrt(n)), {
          message: "sampleNormal with mean 5 should have mean ≈ 5.",
          expected: "≈ 5",
          got: formatNumber(m),
          likelyCause: "Return mean + std·z: shift by the mean.",
        });
        expectThat(Math.abs(sd - 2) < 0.06, {
          message: "sampleNormal with std 2 should have a standard deviation ≈ 2.",
          expected: "≈ 2",
          got: formatNumber(sd),
          likelyCause:
            Math.abs(sd - 4) < 0.2
              ? "You scaled by std² (the variance): multiply z by the standard deviation std."
              : "Return mean + std·z, with z = √(−2 ln(1 − u₁))·cos(2π u₂).",
        });
        const ksNormal = ksDistance(normal, (x) => normalCdf((x - 5) / 2));
        expectThat(ksNormal < 0.02, {
          message: "sampleNormal's values do not follow a normal distribution.",
          expected: "a Kolmogorov–Smirnov distance below 0.02",
          got: formatNumber(ksNormal),
          likelyCause:
            "Use Box–Muller: z = √(−2 ln(1 − u₁))·cos(2π u₂) with two fresh uniforms per draw.",
        });
        const standard = expectSample(
          lab.sampleNormal(5000, { seed: 9 }),
          5000,
          "sampleNormal(5000, { seed: 9 })",
        );
        expectThat(
          Math.abs(loopMean(standard)) < 0.08 &&
            Math.abs(Math.sqrt(loopVariance(standard, 1)) - 1) < 0.05,
          {
            message: "sampleNormal without mean/std should draw from N(0, 1).",
            got: `mean ${formatNumber(loopMean(standard))}, std ${formatNumber(Math.sqrt(loopVariance(standard, 1)))}`,
            likelyCause:
              "Default to mean 0 and std 1 when options.mean / options.std are not given (options.mean ?? 0).",
          },
        );
        expectReproducible(
          lab.sampleNormal(50, { seed: 4 }),
          lab.sampleNormal(50, { seed: 4 }),
          lab.sampleNormal(50, { seed: 5 }),
          "sampleNormal",
        );
        // Exact draws: the documented transforms applied to ONE seededRandom(seed) generator.
        const perDraw =
          "Create ONE generator with seededRandom(options.seed) before drawing, and take every uniform from it.";
        for (const o of [
          { n: 8, rate: 2, seed: 6 },
          { n: 5, rate: 0.25, seed: 13 },
        ]) {
          const what = `sampleExponential(${o.n}, { rate: ${o.rate}, seed: ${o.seed} })`;
          const got = expectSample(
            lab.sampleExponential(o.n, { rate: o.rate, seed: o.seed }),
            o.n,
            what,
          );
          expectGridClose(got, exactExponential(o.n, o.rate, o.seed), {
            what,
            tolerance: 1e-12,
            likelyCause:
              diagnoseGrid(
                got,
                [
                  {
                    value: exactExponential(o.n, o.rate, o.seed, "one-generator", true),
                    cause:
                      "Use −ln(1 − u)/rate as documented: u = random() can be 0, and ln(0) = −∞.",
                  },
                  {
                    value: exactExponential(o.n, o.rate, o.seed, "generator-per-draw"),
                    cause: `Every draw restarts the generator. ${perDraw}`,
                  },
                  {
                    value: exactExponential(o.n, o.rate, o.seed, "seed-plus-index"),
                    cause: `Each draw has its own generator. ${perDraw}`,
                  },
                ],
                1e-12,
              ) ?? "x = −ln(1 − u)/rate for each u = random() from one seededRandom(options.seed).",
          });
        }
        for (const o of [
          { n: 7, mean: -1, std: 3, seed: 2 },
          { n: 4, mean: 10, std: 0.5, seed: 17 },
        ]) {
          const what = `sampleNormal(${o.n}, { mean: ${o.mean}, std: ${o.std}, seed: ${o.seed} })`;
          const got = expectSample(
            lab.sampleNormal(o.n, { mean: o.mean, std: o.std, seed: o.seed }),
            o.n,
            what,
          );
          const valid = (["cos", "sin", "swapped", "pairs"] as const).map((form) =>
            exactNormal(o.n, o.mean, o.std, o.seed, form),
          );
          if (valid.some((want) => gridsClose(got, want, 1e-12))) continue;
          expectGridClose(got, valid[0], {
            what,
            tolerance: 1e-12,
            likelyCause:
              diagnoseGrid(
                got,
                [
                  {
                    value: exactNormal(o.n, o.mean, o.std, o.seed, "log-u"),
                    cause: "Use √(−2 ln(1 − u₁)): u = random() can be 0, and ln(0) = −∞.",
                  },
                  {
                    value: exactNormal(o.n, o.mean, o.std, o.seed, "one-uniform"),
                    cause:
                      "Box–Muller needs TWO different uniforms per draw: call random() twice (u₁ and u₂).",
                  },
                  {
                    value: exactNormal(o.n, o.mean, o.std, o.seed, "cos", "generator-per-draw"),
                    cause: `Every draw restarts the generator. ${perDraw}`,
                  },
                  {
                    value: exactNormal(o.n, o.mean, o.std, o.seed, "cos", "seed-plus-index"),
                    cause: `Each draw has its own generator. ${perDraw}`,
                  },
                  {
                    value: exactNormal(o.n, o.std, o.mean, o.seed),
                    cause: "mean and std are swapped: return mean + std·z.",
                  },
                ],
                1e-12,
              ) ??
              "z = √(−2 ln(1 − u₁))·cos(2π u₂) with u₁, u₂ from one seededRandom(options.seed), then mean + std·z.",
          });
        }
      },
    },
    {
      id: "gaussian-mle",
      title: "Maximum likelihood for a Gaussian",
      points: 2,
      exports: ["gaussianLogLikelihood", "gaussianMle", "GaussianParams"],
      hints: [
        "The log of a product is a sum of logs. What is the log of the normal density (1/√(2πσ²))·exp(−(x − μ)²/(2σ²))?",
        "ℓ = −(n/2)·ln(2πσ²) − Σ(xᵢ − μ)²/(2σ²). The MLE is μ̂ = x̄ and σ̂² = Σ(xᵢ − x̄)²/n: which ddof is that?",
        "The log-likelihood needs Σ(xᵢ − μ)² around the GIVEN μ (not the sample mean), then the two terms above. For the MLE, reuse your mean and variance: the MLE divides by n, so pass ddof = 0 instead of the default 1.",
      ],
      check: (lab) => {
        const one = lab.gaussianLogLikelihood([0], 0, 1);
        expectClose(one, -0.5 * Math.log(2 * Math.PI), {
          what: "gaussianLogLikelihood([0], 0, 1)",
          likelyCause: diagnose(one, [
            { value: 0, cause: "Include the normalising term −(n/2)·ln(2πσ²)." },
            {
              value: 1 / Math.sqrt(2 * Math.PI),
              cause: "That is the density itself: take its log.",
            },
          ]),
        });
        const xs = checkNormals(25, 12, 1.5, 0.7);
        const mu = 1.2;
        const s2 = 0.6;
        const want = xs.reduce(
          (s, x) => s - 0.5 * Math.log(2 * Math.PI * s2) - (x - mu) ** 2 / (2 * s2),
          0,
        );
        const got = lab.gaussianLogLikelihood(xs, mu, s2);
        const withStd = xs.reduce(
          (s, x) => s - 0.5 * Math.log(2 * Math.PI * s2 ** 2) - (x - mu) ** 2 / (2 * s2 ** 2),
          0,
        );
        const noConstant = want + (xs.length / 2) * Math.log(2 * Math.PI * s2);
        expectClose(got, want, {
          what: "gaussianLogLikelihood of 25 values at μ = 1.2, σ² = 0.6",
          tolerance: 1e-9,
          likelyCause:
            diagnose(got, [
              {
                value: withStd,
                cause: "The third argument is the VARIANCE σ²: do not square it again.",
              },
              { value: noConstant, cause: "Include the normalising term −(n/2)·ln(2πσ²)." },
              {
                value: Math.exp(want),
                cause: "Return the LOG-likelihood (a sum of log densities), not the likelihood.",
              },
            ]) ??
            (got > 0 && got < 1
              ? "Return the LOG-likelihood (a sum of log densities), not a product of densities."
              : undefined),
        });
        const mle = lab.gaussianMle([...FIXTURE]);
        expectClose(mle?.mean, 5, { what: "gaussianMle([2, 4, 4, 4, 5, 5, 7, 9]).mean" });
        expectClose(mle.variance, 4, {
          what: "gaussianMle([2, 4, 4, 4, 5, 5, 7, 9]).variance",
          likelyCause: diagnose(mle.variance, [
            {
              value: 32 / 7,
              cause:
                "That is the sample variance (n − 1). Maximising the likelihood gives Σ(xᵢ − x̄)²/n (ddof 0).",
            },
            { value: 2, cause: "That is the standard deviation: return the variance σ²." },
          ]),
        });
        const fit = lab.gaussianMle(xs);
        const ownLl = (m: number, v: number) =>
          xs.reduce((s, x) => s - 0.5 * Math.log(2 * Math.PI * v) - (x - m) ** 2 / (2 * v), 0);
        const best = ownLl(
          expectFiniteNumber(fit.mean, { what: "gaussianMle(...).mean" }),
          expectFiniteNumber(fit.variance, { what: "gaussianMle(...).variance" }),
        );
        for (const [dm, dv] of [
          [0.01, 0],
          [-0.01, 0],
          [0, 0.01],
          [0, -0.01],
        ]) {
          expectThat(ownLl(fit.mean + dm, fit.variance + dv) < best, {
            message: `The log-likelihood is higher at μ = ${formatNumber(fit.mean + dm)}, σ² = ${formatNumber(fit.variance + dv)} than at your estimate: it is not the maximum.`,
            likelyCause: "μ̂ = x̄ and σ̂² = Σ(xᵢ − x̄)²/n (divide by n, not n − 1).",
          });
        }
      },
    },
    {
      id: "quantile",
      title: "Quantiles",
      points: 1,
      exports: ["quantile"],
      hints: [
        "A quantile needs the values in order. What does JavaScript's sort() do to the array you call it on, and how does it compare numbers by default?",
        "s = values.slice().sort((a, b) => a - b); h = (n − 1)·q; interpolate between s[⌊h⌋] and s[⌊h⌋ + 1].",
        "The tricky part is the top end: for q = 1, h = n − 1 and ⌊h⌋ + 1 is past the end of the array, so clamp the upper index to s.length − 1. The result is s[lo] + (h − lo)·(s[hi] − s[lo]) with lo = ⌊h⌋. Throw a clear error for an empty sample or a q outside [0, 1].",
      ],
      check: (lab) => {
        const cases: {
          values: number[];
          q: number;
          want: number;
          mistakes: { value: number; cause: string }[];
        }[] = [
          {
            values: [1, 2, 3, 4],
            q: 0.5,
            want: 2.5,
            mistakes: [
              {
                value: 2,
                cause:
                  "Interpolate between the two middle values: h = (n − 1)·q = 1.5 lies between s[1] and s[2].",
              },
              { value: 3, cause: "Use h = (n − 1)·q (here 1.5), and interpolate; n·q overshoots." },
            ],
          },
          {
            values: [10, 1, 9],
            q: 0.25,
            want: 5,
            mistakes: [
              {
                value: 5.5,
                cause:
                  "sort() without a comparator compares numbers as strings ([1, 10, 9]): use sort((a, b) => a - b).",
              },
            ],
          },
          { values: [3, 1, 2], q: 1, want: 3, mistakes: [] },
          { values: [3, 1, 2], q: 0, want: 1, mistakes: [] },
        ];
        for (const c of cases) {
          const input = [...c.values];
          const got = lab.quantile(input, c.q);
          expectClose(got, c.want, {
            what: `quantile([${c.values.join(", ")}], ${c.q})`,
            likelyCause:
              diagnose(got, c.mistakes) ??
              "Sort a copy ascending, h = (n − 1)·q, then interpolate linearly.",
          });
          expectThat(
            input.every((v, i) => v === c.values[i]),
            {
              message: `quantile([${c.values.join(", ")}], ${c.q}) reordered the caller's array.`,
              likelyCause:
                "sort() sorts in place: sort a copy, values.slice().sort((a, b) => a - b).",
            },
          );
        }
        const xs = checkNormals(41, 21);
        const sorted = xs.slice().sort((a, b) => a - b);
        for (const q of [0.1, 0.33, 0.9]) {
          const h = 40 * q;
          const lo = Math.floor(h);
          expectClose(lab.quantile(xs, q), sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]), {
            what: `quantile of 41 values at q = ${q}`,
            tolerance: 1e-9,
          });
        }
        const badQ = expectToThrow(
          () => lab.quantile([1, 2], 1.5),
          "quantile(values, 1.5) should throw: q must be in [0, 1].",
          "Throw an Error when q < 0 or q > 1.",
        );
        expectMessageNames(
          badQ,
          /\bq\b|range|\[0, 1\]|1\.5/i,
          "quantile(values, 1.5)",
          "Name the bad argument, e.g. `q must be in [0, 1], got 1.5.`",
        );
        expectToThrow(
          () => lab.quantile([1, 2], -0.1),
          "quantile(values, -0.1) should throw: q must be in [0, 1].",
          "Throw an Error when q < 0 as well as when q > 1.",
        );
        expectClose(lab.quantile([7], 0.3), 7, {
          what: "quantile([7], 0.3) (one value: every quantile is that value)",
          likelyCause: "With one value there is no s[⌊h⌋ + 1]: clamp the upper index to n − 1.",
        });
        // An even count with unsorted, repeated and negative values: the median averages the two middle values.
        const even = [5, -3, 12, 5, 0, 40];
        const stringSort =
          "sort() without a comparator compares numbers as strings ([-3, 0, 12, 40, 5, 5]): use sort((a, b) => a - b).";
        const median = lab.quantile([...even], 0.5);
        expectClose(median, 5, {
          what: "quantile([5, -3, 12, 5, 0, 40], 0.5)",
          likelyCause:
            diagnose(median, [{ value: 26, cause: stringSort }]) ??
            "Sort a copy numerically: [-3, 0, 5, 5, 12, 40]; h = 2.5 lies between s[2] = 5 and s[3] = 5.",
        });
        const q70 = lab.quantile([...even], 0.7);
        expectClose(q70, 8.5, {
          what: "quantile([5, -3, 12, 5, 0, 40], 0.7)",
          likelyCause:
            diagnose(q70, [
              { value: 22.5, cause: stringSort },
              { value: 17.6, cause: "Use h = (n − 1)·q (here 3.5), not n·q." },
              {
                value: 5,
                cause: "Interpolate: h = 3.5 lies halfway between s[3] = 5 and s[4] = 12.",
              },
              {
                value: 12,
                cause: "Interpolate: h = 3.5 lies halfway between s[3] = 5 and s[4] = 12.",
              },
            ]) ?? "h = (n − 1)·q = 3.5: halfway between s[3] = 5 and s[4] = 12 gives 8.5.",
        });
        const emptyQ = expectToThrow(
          () => lab.quantile([], 0.5),
          "quantile([], 0.5) should throw: the sample is empty.",
          "Throw an Error for an empty array.",
        );
        expectMessageNames(
          emptyQ,
          /empty|no values|length|\b0\b/i,
          "quantile([], 0.5)",
          "Say what is wrong, e.g. `quantile: the sample is empty.`",
        );
      },
    },
    {
      id: "bootstrap",
      title: "Bootstrap confidence interval",
      points: 2,
      exports: ["bootstrapCi", "ConfidenceInterval"],
      hints: [
        "The bootstrap pretends the sample is the population and draws new samples from it. Must a resample be allowed to contain the same value twice?",
        "For each of `resamples` rounds: n indices Math.floor(random() * n) → resample → statistic. Then low/high = quantile(stats, (1 − confidence)/2) and quantile(stats, (1 + confidence)/2).",
        "Create the generator once, before the rounds, and draw a resample's n indices in order, one random() each: the check replays them. The estimate is the statistic of the ORIGINAL sample, not the mean of the resampled statistics; the interval ends are quantiles of those statistics.",
      ],
      check: (lab) => {
        const n = 200;
        const data = checkNormals(n, 31, 10, 2);
        const s = Math.sqrt(loopVariance(data, 1));
        let calls = 0;
        const countedMean = (sample: number[]) => {
          calls++;
          return loopMean(sample);
        };
        const ci = lab.bootstrapCi(data, countedMean, { resamples: 5000, seed: 11 });
        expectThat(calls >= 5000, {
          message: `bootstrapCi called the statistic ${calls} times for 5000 resamples.`,
          expected: "at least 5000 calls (one per resample)",
          got: String(calls),
          likelyCause: "Compute the statistic on every resample (options.resamples of them).",
        });
        expectClose(ci?.estimate, loopMean(data), {
          what: "bootstrapCi(...).estimate",
          tolerance: 1e-9,
          likelyCause:
            "The estimate is the statistic on the ORIGINAL values, statistic(values), not an average of the bootstrap statistics.",
        });
        const low = expectFiniteNumber(ci.low, { what: "bootstrapCi(...).low" });
        const high = expectFiniteNumber(ci.high, { what: "bootstrapCi(...).high" });
        const width = high - low;
        // Closed form for comparison: the mean's standard error is s/√n (times √((n−1)/n) for the bootstrap).
        const se = (s / Math.sqrt(n)) * Math.sqrt((n - 1) / n);
        const want = 2 * 1.959964 * se;
        expectThat(width > 1e-9, {
          message: "The bootstrap interval has width 0: every resample gave the same mean.",
          got: `[${formatNumber(low)}, ${formatNumber(high)}]`,
          likelyCause:
            "Resample WITH replacement (random indices); a shuffled copy (without replacement) always has the same mean.",
        });
        expectThat(Math.abs(width / want - 1) < 0.1, {
          message:
            "The 95% bootstrap interval for the mean of 200 normal values has the wrong width.",
          expected: `≈ ${formatNumber(want)} (2 · 1.96 · s/√n)`,
          got: formatNumber(width),
          likelyCause:
            Math.abs(width / want - 1.645 / 1.96) < 0.06
              ? "A 95% interval cuts 2.5% from each tail: use the quantiles (1 − confidence)/2 and (1 + confidence)/2."
              : "low and high are the (1 − confidence)/2 and (1 + confidence)/2 quantiles of the resampled statistics.",
        });
        expectThat(low < loopMean(data) && loopMean(data) < high, {
          message: "The bootstrap interval for the mean does not contain the sample mean.",
          got: `[${formatNumber(low)}, ${formatNumber(high)}] vs mean ${formatNumber(loopMean(data))}`,
          likelyCause: "Resample the values themselves (values[index]), not the indices.",
        });
        const narrow = lab.bootstrapCi(data, loopMean, {
          resamples: 5000,
          confidence: 0.5,
          seed: 11,
        });
        expectThat(Math.abs((narrow.high - narrow.low) / (2 * 0.67449 * se) - 1) < 0.15, {
          message:
            "With confidence 0.5 the interval should be about a third as wide as the 95% one.",
          expected: `≈ ${formatNumber(2 * 0.67449 * se)}`,
          got: formatNumber(narrow.high - narrow.low),
          likelyCause: "Use options.confidence (default 0.95) to pick the quantiles.",
        });
        const again = lab.bootstrapCi(data, loopMean, { resamples: 300, seed: 11 });
        const again2 = lab.bootstrapCi(data, loopMean, { resamples: 300, seed: 11 });
        expectThat(again.low === again2.low && again.high === again2.high, {
          message: "bootstrapCi is not reproducible: the same seed gave different intervals.",
          likelyCause:
            "Draw indices from seededRandom(options.seed), created once per call — never Math.random().",
        });
        // Exact intervals on a small sample: every option (and every default) must be used.
        const small = [3, 8, 1, 9, 4, 7, 2];
        const maxOf = (xs: number[]) => Math.max(...xs);
        for (const run of [
          {
            statistic: loopMean,
            name: "mean",
            options: { resamples: 9, confidence: 0.8, seed: 3 },
          },
          { statistic: maxOf, name: "max", options: { resamples: 40, confidence: 0.5, seed: 8 } },
          { statistic: loopMean, name: "mean", options: {} },
        ]) {
          const o = { resamples: 1000, confidence: 0.95, seed: 0, ...run.options };
          const what = `bootstrapCi([${small.join(", ")}], ${run.name}, ${JSON.stringify(run.options)})`;
          const got = lab.bootstrapCi([...small], run.statistic, run.options);
          const want = exactBootstrap(small, run.statistic, o);
          const pair = [got?.low, got?.high];
          const mistake = (
            m: Parameters<typeof exactBootstrap>[3],
            changed: Partial<typeof o> = {},
          ) => {
            const r = exactBootstrap(small, run.statistic, { ...o, ...changed }, m);
            return [r.low, r.high];
          };
          expectGridClose(pair, [want.low, want.high], {
            what: `[low, high] of ${what}`,
            tolerance: 1e-12,
            likelyCause:
              diagnoseGrid(
                pair,
                [
                  {
                    value: mistake({ indexRange: small.length - 1 }),
                    cause:
                      "The last value is never drawn: the index is Math.floor(random() * n), not random() * (n − 1).",
                  },
                  {
                    value: mistake({ tails: "one-minus-c" }),
                    cause:
                      "Split the leftover probability between both tails: quantiles (1 − confidence)/2 and (1 + confidence)/2.",
                  },
                  {
                    value: mistake({}, { resamples: o.resamples + 1 }),
                    cause: "Off by one: draw exactly options.resamples resamples.",
                  },
                  {
                    value: mistake({}, { resamples: o.resamples - 1 }),
                    cause: "Off by one: draw exactly options.resamples resamples.",
                  },
                  {
                    value: mistake({}, { confidence: 0.95 }),
                    cause: "Use options.confidence (0.95 only by default).",
                  },
                  {
                    value: mistake({}, { resamples: 1000 }),
                    cause: "Use options.resamples (1000 only by default).",
                  },
                  {
                    value: mistake({}, { seed: 0 }),
                    cause: "Use options.seed (0 only by default).",
                  },
                ],
                1e-12,
              ) ??
              (Object.keys(run.options).length === 0
                ? "The defaults are resamples 1000, confidence 0.95 and seed 0."
                : "Draw n indices Math.floor(random() * n) per resample from ONE seededRandom(seed); low/high are quantiles (1 ∓ confidence)/2 of the statistics."),
          });
        }
      },
    },
    {
      id: "bias-variance",
      title: "Bias and variance of an estimator",
      points: 2,
      exports: ["simulateEstimator", "EstimatorStats"],
      hints: [
        "Repeat the experiment many times: each trial gets a new sample and gives one estimate. How far is their average from the truth, and how much do they scatter?",
        "bias = mean(e) − θ; variance = Σ(eₜ − ē)²/trials (ddof 0); mse = mean((eₜ − θ)²). Check: mse = bias² + variance.",
        "Call draw(t) with the trial number t = 0, 1, … and apply the estimator to each sample to collect the estimates. Then everything is about that list: its mean minus the true value, its variance with ddof 0, and the mean of its squared errors around the true value.",
      ],
      check: (lab) => {
        // Fixture: draw(t) = [t], estimator = mean, trials 4 → estimates 0, 1, 2, 3; θ = 1.
        const trialsSeen: number[] = [];
        const r = lab.simulateEstimator(
          (sample) => sample[0],
          (t) => {
            trialsSeen.push(t);
            return [t];
          },
          { trueValue: 1, trials: 4 },
        );
        expectThat(
          [0, 1, 2, 3].every((t) => trialsSeen.includes(t)),
          {
            message: "simulateEstimator should call draw(t) for t = 0, 1, …, trials − 1.",
            got: `draw was called with [${trialsSeen.join(", ")}]`,
            likelyCause:
              "Each trial needs a FRESH sample: call draw(t) with the trial number inside the loop.",
          },
        );
        expectClose(r?.bias, 0.5, {
          what: "bias for estimates [0, 1, 2, 3] with true value 1",
          likelyCause: diagnose(r?.bias, [
            { value: -0.5, cause: "bias = mean(estimates) − trueValue (you flipped the sign)." },
          ]),
        });
        expectClose(r.variance, 1.25, {
          what: "variance for estimates [0, 1, 2, 3]",
          likelyCause: diagnose(r.variance, [
            {
              value: 5 / 3,
              cause:
                "Use ddof 0 here (divide by the number of trials), so that mse = bias² + variance exactly.",
            },
            {
              value: 1.5,
              cause:
                "That is the MSE: the variance measures the spread around the estimates' own mean.",
            },
          ]),
        });
        expectClose(r.mse, 1.5, {
          what: "mse for estimates [0, 1, 2, 3] with true value 1",
          likelyCause: diagnose(r.mse, [
            {
              value: 1.25,
              cause: "mse = mean((eₜ − trueValue)²): measure the distance to the TRUE value.",
            },
          ]),
        });
        // A second fixture (trueValue −2, 3 trials, estimates 0, 1, 4): both options must be used.
        let draws = 0;
        const r2 = lab.simulateEstimator(
          (sample) => sample[0],
          (t) => {
            draws++;
            return [t * t];
          },
          { trueValue: -2, trials: 3 },
        );
        expectThat(draws === 3, {
          message: `simulateEstimator with trials = 3 called draw ${draws} times.`,
          expected: "3 calls, one per trial",
          got: String(draws),
          likelyCause: "Loop t = 0 … options.trials − 1 and call draw(t) once per trial.",
        });
        expectGridClose([r2?.bias, r2?.variance, r2?.mse], [11 / 3, 26 / 9, 49 / 3], {
          what: "[bias, variance, mse] for estimates [0, 1, 4] with true value −2",
          tolerance: 1e-12,
          likelyCause:
            diagnoseGrid(
              [r2?.bias, r2?.variance, r2?.mse],
              [
                {
                  value: [5 / 3 - 1, 26 / 9, 4 / 9 + 26 / 9],
                  cause:
                    "Use options.trueValue: bias and mse are measured against the true value given.",
                },
                {
                  value: [5 / 3, 26 / 9, 17 / 3],
                  cause:
                    "Use options.trueValue: bias and mse are measured against the true value given.",
                },
              ],
            ) ??
            "bias = mean(e) − trueValue; variance = Σ(eₜ − ē)²/trials; mse = mean((eₜ − trueValue)²).",
        });
        // The variance estimators on samples of 5 from N(0, 1): closed forms for bias and variance.
        const n = 5;
        const draw = (t: number) => checkNormals(n, 1000 + t);
        const popVar = (xs: number[]) => loopVariance(xs, 0);
        const biased = lab.simulateEstimator(popVar, draw, { trueValue: 1, trials: 20000 });
        expectThat(Math.abs(biased.bias - -1 / n) < 0.02, {
          message:
            "The ddof-0 variance estimator on samples of 5 from N(0, 1) should have bias −σ²/n = −0.2.",
          expected: "≈ −0.2",
          got: formatNumber(biased.bias),
          likelyCause:
            Math.abs(biased.bias) < 1e-9 && biased.variance < 1e-9
              ? "Every trial gave the same estimate: call draw(t) with a different t each trial."
              : "bias = mean(estimates) − trueValue.",
        });
        expectThat(Math.abs(biased.variance - (2 * (n - 1)) / (n * n)) < 0.03, {
          message: "The ddof-0 variance estimator's variance should be 2(n − 1)σ⁴/n² = 0.32.",
          expected: "≈ 0.32",
          got: formatNumber(biased.variance),
        });
        const unbiased = lab.simulateEstimator((xs) => loopVariance(xs, 1), draw, {
          trueValue: 1,
          trials: 20000,
        });
        expectThat(
          Math.abs(unbiased.bias) < 0.02 && Math.abs(unbiased.variance - 2 / (n - 1)) < 0.05,
          {
            message:
              "The ddof-1 variance estimator should be unbiased with variance 2σ⁴/(n − 1) = 0.5.",
            got: `bias ${formatNumber(unbiased.bias)}, variance ${formatNumber(unbiased.variance)}`,
          },
        );
        expectClose(unbiased.mse, unbiased.bias ** 2 + unbiased.variance, {
          what: "mse vs bias² + variance (they must be equal)",
          tolerance: 1e-9,
          likelyCause:
            "Compute the variance of the estimates with ddof 0 and mse = mean((eₜ − trueValue)²).",
        });
      },
    },
  ],
});
