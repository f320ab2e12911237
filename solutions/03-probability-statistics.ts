/**
 * Lab 03 — Probability & statistics: your exercises.
 *
 * Work through `notebooks/03-probability-statistics.ipynb`; it tells you when to fill in
 * each function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 03`.
 *
 * Conventions: a sample is a number[]. Randomness ALWAYS comes from `seededRandom(seed)`
 * (from src/data), never Math.random(), so every result can be repeated exactly.
 */
import { seededRandom } from "../src/data/random";
// stub: import { todo } from "../src/grading/todo";

/**
 * Exercise 1a — the sample mean  x̄ = (1/n) · Σᵢ xᵢ.
 *
 * TODO: throw an Error for an empty array (the mean of nothing is undefined).
 *   e.g. mean([2, 4, 4, 4, 5, 5, 7, 9]) → 5
 */
export function mean(values: number[]): number {
  // BEGIN SOLUTION
  if (values.length === 0) throw new Error("mean: the sample is empty.");
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
  // END SOLUTION
}

/**
 * Exercise 1b — the variance with `ddof` "delta degrees of freedom":
 *   variance = Σᵢ (xᵢ − x̄)² / (n − ddof)
 * ddof = 1 (the default, as in pandas, danfo and R) is the SAMPLE variance, an unbiased
 * estimate of the population's variance; ddof = 0 (numpy's default) divides by n.
 *
 * TODO: throw an Error when n − ddof ≤ 0.
 *   e.g. variance([2, 4, 4, 4, 5, 5, 7, 9], 0) → 32 / 8 = 4;   variance([2, 4, 4, 4, 5, 5, 7, 9]) → 32 / 7
 */
export function variance(values: number[], ddof = 1): number {
  // BEGIN SOLUTION
  const n = values.length;
  if (n - ddof <= 0) throw new Error(`variance: need more than ${ddof} values, got ${n}.`);
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return ss / (n - ddof);
  // END SOLUTION
}

/**
 * Exercise 2 — Pearson's correlation coefficient:
 *   r = Σᵢ (xᵢ − x̄)(yᵢ − ȳ) / √( Σᵢ (xᵢ − x̄)² · Σᵢ (yᵢ − ȳ)² )
 *
 * TODO: return a number in [-1, 1]. Throw an Error when the lengths differ or when either
 * sample is constant (its spread is 0, so r is undefined).
 *   e.g. x = [1, 2, 3, 4], y = [2, 4, 6, 8] → 1;   x = [1, 2, 3], y = [1, 3, 2] → 0.5
 */
export function pearsonCorrelation(x: number[], y: number[]): number {
  // BEGIN SOLUTION
  if (x.length !== y.length)
    throw new Error(`pearsonCorrelation: ${x.length} x values but ${y.length} y values.`);
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0)
    throw new Error("pearsonCorrelation: a constant sample has no correlation.");
  // The 1/(n − 1) factors of the covariance and of both standard deviations cancel.
  return sxy / Math.sqrt(sxx * syy);
  // END SOLUTION
}

/**
 * Exercise 3 — Bayes' rule for k hypotheses:
 *   P(Hᵢ | data) = P(data | Hᵢ) · P(Hᵢ) / Σⱼ P(data | Hⱼ) · P(Hⱼ)
 *
 * TODO: multiply each prior by its likelihood, then divide by the sum so the posterior adds
 * up to 1. Throw an Error when the lengths differ or the sum is 0.
 *   e.g. priors [0.9, 0.1], likelihoods [0.2, 0.6] → products [0.18, 0.06] → [0.75, 0.25]
 */
export function posterior(priors: number[], likelihoods: number[]): number[] {
  // BEGIN SOLUTION
  if (priors.length !== likelihoods.length) {
    throw new Error(`posterior: ${priors.length} priors but ${likelihoods.length} likelihoods.`);
  }
  const joint = priors.map((p, i) => p * likelihoods[i]);
  const evidence = joint.reduce((s, v) => s + v, 0);
  if (evidence === 0)
    throw new Error("posterior: every hypothesis has probability 0 given the data.");
  return joint.map((v) => v / evidence);
  // END SOLUTION
}

/** A diagnostic test: how common the condition is, and how good the test is. */
export interface DiagnosticTest {
  /** P(condition): the share of the population that has it. */
  prevalence: number;
  /** P(positive | condition): the true-positive rate (recall). */
  sensitivity: number;
  /** P(negative | no condition): the true-negative rate. */
  specificity: number;
}

/**
 * Exercise 4 — the probability of having the condition after a POSITIVE test,
 * P(condition | positive), the positive predictive value.
 *
 * TODO: two hypotheses (condition / no condition); the likelihood of a positive result is
 * the sensitivity under the first and (1 − specificity) under the second. Your `posterior`
 * does the rest.
 *   e.g. prevalence 0.01, sensitivity 0.9, specificity 0.95 → 0.009 / (0.009 + 0.0495) ≈ 0.154
 */
export function positivePredictiveValue(test: DiagnosticTest): number {
  // BEGIN SOLUTION
  const { prevalence, sensitivity, specificity } = test;
  // A false positive happens to a healthy person with probability 1 − specificity.
  return posterior([prevalence, 1 - prevalence], [sensitivity, 1 - specificity])[0];
  // END SOLUTION
}

/**
 * Exercise 5a — sampling a uniform generator into any distribution with an inverse CDF.
 * The exponential distribution with rate λ has CDF F(x) = 1 − e^(−λx), so
 *   x = F⁻¹(u) = −ln(1 − u) / λ   for u uniform in [0, 1).
 *
 * TODO: create ONE generator with seededRandom(options.seed) and return n draws.
 *   e.g. the draws have mean ≈ 1/λ; sampleExponential(3, { rate: 2, seed: 1 }) → 3 positive numbers
 */
export function sampleExponential(n: number, options: { rate: number; seed: number }): number[] {
  // BEGIN SOLUTION
  const random = seededRandom(options.seed);
  // 1 − u lies in (0, 1], so the log is always finite.
  return Array.from({ length: n }, () => -Math.log(1 - random()) / options.rate);
  // END SOLUTION
}

/**
 * Exercise 5b — normal draws with the Box–Muller transform: for u₁, u₂ uniform in [0, 1),
 *   z = √(−2 ln(1 − u₁)) · cos(2π u₂)
 * is standard normal, N(0, 1). Then mean + std · z is N(mean, std²).
 *
 * TODO: one generator from seededRandom(options.seed); two uniforms per draw. Defaults:
 * mean 0, std 1. Note std is the standard deviation (σ), not the variance (σ²).
 *   e.g. sampleNormal(10000, { mean: 5, std: 2, seed: 1 }) has mean ≈ 5 and standard deviation ≈ 2
 */
export function sampleNormal(
  n: number,
  options: { mean?: number; std?: number; seed: number },
): number[] {
  // BEGIN SOLUTION
  const random = seededRandom(options.seed);
  const mu = options.mean ?? 0;
  const sigma = options.std ?? 1;
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return mu + sigma * z;
  });
  // END SOLUTION
}

/** The parameters of a normal distribution. */
export interface GaussianParams {
  mean: number;
  /** σ², not σ. */
  variance: number;
}

/**
 * Exercise 6a — the log-likelihood of a sample under N(mean, variance):
 *   ℓ(μ, σ²) = Σᵢ log N(xᵢ | μ, σ²) = −(n/2)·ln(2πσ²) − Σᵢ (xᵢ − μ)² / (2σ²)
 *
 * TODO: sum the log-densities (never multiply densities: the product underflows to 0).
 *   e.g. gaussianLogLikelihood([0], 0, 1) → −½·ln(2π) ≈ −0.9189
 */
export function gaussianLogLikelihood(values: number[], mu: number, sigma2: number): number {
  // BEGIN SOLUTION
  let ss = 0;
  for (const v of values) ss += (v - mu) ** 2;
  return -(values.length / 2) * Math.log(2 * Math.PI * sigma2) - ss / (2 * sigma2);
  // END SOLUTION
}

/**
 * Exercise 6b — the maximum-likelihood estimate of a normal distribution's parameters.
 * Setting the derivatives of ℓ to zero gives μ̂ = x̄ and σ̂² = (1/n) Σᵢ (xᵢ − x̄)².
 *
 * TODO: return { mean, variance } with the MLE variance (which ddof is that?).
 *   e.g. [2, 4, 4, 4, 5, 5, 7, 9] → { mean: 5, variance: 4 }
 */
export function gaussianMle(values: number[]): GaussianParams {
  // BEGIN SOLUTION
  return { mean: mean(values), variance: variance(values, 0) };
  // END SOLUTION
}

/**
 * Exercise 7 — the q-quantile with linear interpolation (numpy's and pandas' default):
 * sort a copy ascending into s, let h = (n − 1)·q, then
 *   quantile = s[⌊h⌋] + (h − ⌊h⌋) · (s[⌊h⌋ + 1] − s[⌊h⌋])
 *
 * TODO: do not reorder the caller's array. Throw an Error for an empty array or q outside [0, 1].
 *   e.g. quantile([1, 2, 3, 4], 0.5) → 2.5;   quantile([10, 1, 9], 0.25) → 5;   quantile([3, 1, 2], 1) → 3
 */
export function quantile(values: number[], q: number): number {
  // BEGIN SOLUTION
  if (values.length === 0) throw new Error("quantile: the sample is empty.");
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile: q must be in [0, 1], got ${q}.`);
  // slice() first: sort() reorders in place. Without a comparator, sort() compares strings.
  const s = values.slice().sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
  // END SOLUTION
}

/** A statistic's value on the data, and a confidence interval around it. */
export interface ConfidenceInterval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * Exercise 8 — a percentile bootstrap confidence interval.
 *
 * TODO: estimate = statistic(values). Then `resamples` times: draw n values WITH replacement
 * (n random indices Math.floor(random() * n), from ONE seededRandom(seed) generator) and
 * compute the statistic on that resample. The interval is the (1 − confidence)/2 and
 * (1 + confidence)/2 quantiles of those statistics (use your `quantile`).
 * Defaults: resamples 1000, confidence 0.95, seed 0.
 *   e.g. for the mean of 200 values with standard deviation s, high − low ≈ 2 · 1.96 · s / √200
 */
export function bootstrapCi(
  values: number[],
  statistic: (sample: number[]) => number,
  options: { resamples?: number; confidence?: number; seed?: number } = {},
): ConfidenceInterval {
  // BEGIN SOLUTION
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? 0);
  const n = values.length;
  const stats: number[] = [];
  for (let b = 0; b < resamples; b++) {
    // With replacement: some values appear twice, others not at all, like a new sample would.
    const resample = Array.from({ length: n }, () => values[Math.floor(random() * n)]);
    stats.push(statistic(resample));
  }
  return {
    estimate: statistic(values),
    low: quantile(stats, (1 - confidence) / 2),
    high: quantile(stats, (1 + confidence) / 2),
  };
  // END SOLUTION
}

/** How an estimator behaves over many repeated samples. */
export interface EstimatorStats {
  /** mean(estimates) − trueValue */
  bias: number;
  /** The spread of the estimates around their own mean: Σ (eₜ − ē)² / trials (ddof 0). */
  variance: number;
  /** mean((eₜ − trueValue)²); always equals bias² + variance. */
  mse: number;
}

/**
 * Exercise 9 — measure an estimator's bias, variance and mean squared error by simulation.
 *
 * TODO: for t = 0 … trials − 1, draw a FRESH sample with draw(t), apply the estimator, and
 * collect the estimates eₜ. Then compute the three fields of EstimatorStats (variance with
 * ddof 0, so that mse = bias² + variance holds exactly).
 *   e.g. estimator = the mean, draw(t) = 5 values from N(0, 1)  →  bias ≈ 0, variance ≈ 1/5
 */
export function simulateEstimator(
  estimator: (sample: number[]) => number,
  draw: (trial: number) => number[],
  options: { trueValue: number; trials: number },
): EstimatorStats {
  // BEGIN SOLUTION
  const estimates: number[] = [];
  for (let t = 0; t < options.trials; t++) estimates.push(estimator(draw(t)));
  const centre = mean(estimates);
  return {
    bias: centre - options.trueValue,
    variance: variance(estimates, 0),
    mse: mean(estimates.map((e) => (e - options.trueValue) ** 2)),
  };
  // END SOLUTION
}
