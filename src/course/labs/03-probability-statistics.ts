import { loadFixedSplit, seededRandom } from "../../data";
import {
  diagnose,
  expectClose,
  expectFiniteNumber,
  expectGridClose,
  expectGridShape,
  expectThat,
  formatNumber,
  expectToThrow,
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
        "const m = mean(values); let ss = 0; for (const v of values) ss += (v - m) ** 2; return ss / (values.length - ddof);",
      ],
      check: (lab) => {
        expectClose(lab.mean([...FIXTURE]), 5, { what: "mean([2, 4, 4, 4, 5, 5, 7, 9])" });
        expectToThrow(
          () => lab.mean([]),
          "mean([]) should throw: an empty sample has no mean.",
          "Throw an Error when values.length === 0 (otherwise 0/0 = NaN slips through).",
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
        expectToThrow(
          () => lab.variance([5], 1),
          "variance([5], 1) should throw: n − ddof = 0.",
          "Throw an Error when n − ddof ≤ 0: one value says nothing about spread.",
        );
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
        "const mx = mean(x), my = mean(y); accumulate sxy, sxx, syy in one loop; return sxy / Math.sqrt(sxx * syy);",
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
        expectToThrow(
          () => lab.pearsonCorrelation([1, 2, 3], [1, 2]),
          "pearsonCorrelation with 3 x values and 2 y values should throw.",
          "Throw an Error when x.length !== y.length: pairs must match up.",
        );
        expectToThrow(
          () => lab.pearsonCorrelation([1, 2, 3], [4, 4, 4]),
          "pearsonCorrelation of a constant y should throw: r is 0/0.",
          "Throw an Error when either sample has zero spread.",
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
        "const joint = priors.map((p, i) => p * likelihoods[i]); const z = joint.reduce((s, v) => s + v, 0); return joint.map((v) => v / z);",
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
        expectToThrow(
          () => lab.posterior([0.5, 0.5], [0.1, 0.2, 0.3]),
          "posterior with 2 priors and 3 likelihoods should throw.",
          "Throw an Error when priors.length !== likelihoods.length.",
        );
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
        "return posterior([prevalence, 1 - prevalence], [sensitivity, 1 - specificity])[0];",
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
        "const random = seededRandom(options.seed); return Array.from({ length: n }, () => mu + sigma * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));",
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
        "gaussianMle: return { mean: mean(values), variance: variance(values, 0) };",
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
        "const lo = Math.floor(h); const hi = Math.min(lo + 1, s.length - 1); return s[lo] + (h - lo) * (s[hi] - s[lo]);",
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
        expectToThrow(
          () => lab.quantile([1, 2], 1.5),
          "quantile(values, 1.5) should throw: q must be in [0, 1].",
          "Throw an Error when q < 0 or q > 1.",
        );
        expectToThrow(
          () => lab.quantile([], 0.5),
          "quantile([], 0.5) should throw: the sample is empty.",
          "Throw an Error for an empty array.",
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
        "const random = seededRandom(seed); for (let b = 0; b < resamples; b++) stats.push(statistic(Array.from({ length: n }, () => values[Math.floor(random() * n)]))); return { estimate: statistic(values), low: quantile(stats, (1 - c) / 2), high: quantile(stats, (1 + c) / 2) };",
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
        "const e = []; for (let t = 0; t < trials; t++) e.push(estimator(draw(t))); const m = mean(e); return { bias: m - trueValue, variance: variance(e, 0), mse: mean(e.map((v) => (v - trueValue) ** 2)) };",
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
