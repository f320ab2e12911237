import * as solution from "../../solutions/03-probability-statistics";
import { seededRandom } from "../../src/data";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const { mean, variance, posterior, quantile } = solution;

/** A shuffled copy: resampling WITHOUT replacement. */
function permuted(values: number[], random: () => number): number[] {
  const out = values.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The reference bootstrap with the resample index range or an option changed. */
function bootstrapWith(change: {
  indexRange?: (n: number) => number;
  options?: (o: { resamples?: number; confidence?: number; seed?: number }) => object;
}): Lab["bootstrapCi"] {
  return (values, statistic, options = {}) => {
    const o = { ...options, ...change.options?.(options) } as typeof options;
    const random = seededRandom(o.seed ?? 0);
    const c = o.confidence ?? 0.95;
    const range = change.indexRange?.(values.length) ?? values.length;
    const stats = Array.from({ length: o.resamples ?? 1000 }, () =>
      statistic(Array.from({ length: values.length }, () => values[Math.floor(random() * range)])),
    );
    return {
      estimate: statistic(values),
      low: quantile(stats, (1 - c) / 2),
      high: quantile(stats, (1 + c) / 2),
    };
  };
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  {
    exercise: "mean-variance",
    mistake: "ignores ddof (always divides by n)",
    impl: { variance: (values) => variance(values, 0) },
    expectMessage: /default is ddof = 1/,
  },
  {
    exercise: "mean-variance",
    mistake: "always divides by n − 1",
    impl: { variance: (values) => variance(values, 1) },
    expectMessage: /divide by n − ddof/,
  },
  {
    exercise: "mean-variance",
    mistake: "returns the standard deviation",
    impl: { variance: (values, ddof) => Math.sqrt(variance(values, ddof)) },
    expectMessage: /standard deviation/,
  },
  {
    exercise: "mean-variance",
    mistake: "mean of an empty sample is NaN",
    impl: { mean: (values) => values.reduce((s, v) => s + v, 0) / values.length },
    expectMessage: /values\.length === 0/,
  },
  {
    exercise: "correlation",
    mistake: "returns the covariance",
    impl: {
      pearsonCorrelation: (x, y) => {
        const mx = mean(x);
        const my = mean(y);
        return x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / (x.length - 1);
      },
    },
    expectMessage: /covariance/,
  },
  {
    exercise: "correlation",
    mistake: "sample covariance over population standard deviations",
    impl: {
      pearsonCorrelation: (x, y) => (solution.pearsonCorrelation(x, y) * x.length) / (x.length - 1),
    },
    expectMessage: /mixed conventions/,
  },
  {
    exercise: "correlation",
    mistake: "drops the sign",
    impl: { pearsonCorrelation: (x, y) => Math.abs(solution.pearsonCorrelation(x, y)) },
    expectMessage: /sign/,
  },
  {
    exercise: "correlation",
    mistake: "no length check (zips to the shorter)",
    impl: {
      pearsonCorrelation: (x, y) => {
        const n = Math.min(x.length, y.length);
        return solution.pearsonCorrelation(x.slice(0, n), y.slice(0, n));
      },
    },
    expectMessage: /x\.length !== y\.length/,
  },
  {
    exercise: "bayes-posterior",
    mistake: "forgets to normalise",
    impl: { posterior: (priors, likelihoods) => priors.map((p, i) => p * likelihoods[i]) },
    expectMessage: /Normalise/,
  },
  {
    exercise: "bayes-posterior",
    mistake: "ignores the prior",
    impl: {
      posterior: (_priors, likelihoods) => {
        const total = likelihoods.reduce((s, v) => s + v, 0);
        return likelihoods.map((v) => v / total);
      },
    },
    expectMessage: /prior/,
  },
  {
    exercise: "diagnostic-test",
    mistake: "confuses P(+|D) with P(D|+)",
    impl: { positivePredictiveValue: (t) => t.sensitivity },
    expectMessage: /sensitivity/,
  },
  {
    exercise: "diagnostic-test",
    mistake: "specificity as the false-positive rate",
    impl: {
      positivePredictiveValue: (t) =>
        posterior([t.prevalence, 1 - t.prevalence], [t.sensitivity, t.specificity])[0],
    },
    expectMessage: /1 − specificity/,
  },
  {
    exercise: "diagnostic-test",
    mistake: "forgets to normalise (joint probability)",
    impl: { positivePredictiveValue: (t) => t.prevalence * t.sensitivity },
    expectMessage: /Normalise/,
  },
  {
    exercise: "sampling",
    mistake: "exponential: multiplies by the rate",
    impl: {
      sampleExponential: (n, o) => {
        const random = seededRandom(o.seed);
        return Array.from({ length: n }, () => -Math.log(1 - random()) * o.rate);
      },
    },
    expectMessage: /multiplied by the rate/,
  },
  {
    exercise: "sampling",
    mistake: "exponential with Math.random",
    impl: {
      sampleExponential: (n, o) =>
        Array.from({ length: n }, () => -Math.log(1 - Math.random()) / o.rate),
    },
    expectMessage: /seededRandom/,
  },
  {
    exercise: "sampling",
    mistake: "normal: scales by the variance",
    impl: { sampleNormal: (n, o) => solution.sampleNormal(n, { ...o, std: (o.std ?? 1) ** 2 }) },
    expectMessage: /std²/,
  },
  {
    exercise: "sampling",
    mistake: "normal: uniform noise instead of Box–Muller",
    impl: {
      sampleNormal: (n, o) => {
        const random = seededRandom(o.seed);
        // Uniform on [−√3, √3) has variance 1: right mean and spread, wrong shape.
        return Array.from(
          { length: n },
          () => (o.mean ?? 0) + (o.std ?? 1) * Math.sqrt(3) * (2 * random() - 1),
        );
      },
    },
    expectMessage: /Box–Muller/,
  },
  {
    exercise: "sampling",
    mistake: "normal: log(u) can be log(0)",
    impl: {
      sampleNormal: (n, o) => {
        let calls = 0;
        const random = seededRandom(o.seed);
        // Simulates the rare draw u = 0 (it happens about once in 4 billion draws).
        const u = () => (calls++ === 0 ? 0 : random());
        return Array.from(
          { length: n },
          () =>
            (o.mean ?? 0) +
            (o.std ?? 1) * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()),
        );
      },
    },
    expectMessage: /Math\.log\(1 - u\)/,
  },
  {
    exercise: "sampling",
    mistake: "normal: ignores the default mean/std",
    impl: {
      sampleNormal: (n, o) =>
        solution.sampleNormal(n, { seed: o.seed, mean: o.mean ?? 1, std: o.std ?? 2 }),
    },
    expectMessage: /Default to mean 0/,
  },
  {
    exercise: "gaussian-mle",
    mistake: "MLE variance with n − 1",
    impl: { gaussianMle: (values) => ({ mean: mean(values), variance: variance(values, 1) }) },
    expectMessage: /ddof 0/,
  },
  {
    exercise: "gaussian-mle",
    mistake: "returns the standard deviation",
    impl: {
      gaussianMle: (values) => ({ mean: mean(values), variance: Math.sqrt(variance(values, 0)) }),
    },
    expectMessage: /standard deviation/,
  },
  {
    exercise: "gaussian-mle",
    mistake: "log-likelihood without the normalising constant",
    impl: {
      gaussianLogLikelihood: (values, mu, s2) =>
        values.reduce((s, x) => s - (x - mu) ** 2 / (2 * s2), 0),
    },
    expectMessage: /normalising term/,
  },
  {
    exercise: "gaussian-mle",
    mistake: "treats the variance argument as a standard deviation",
    impl: {
      gaussianLogLikelihood: (values, mu, s2) =>
        solution.gaussianLogLikelihood(values, mu, s2 * s2),
    },
    expectMessage: /VARIANCE/,
  },
  {
    exercise: "gaussian-mle",
    mistake: "likelihood (product of densities) instead of log",
    impl: {
      gaussianLogLikelihood: (values, mu, s2) =>
        values.reduce(
          (p, x) => (p * Math.exp(-((x - mu) ** 2) / (2 * s2))) / Math.sqrt(2 * Math.PI * s2),
          1,
        ),
    },
    expectMessage: /LOG-likelihood|take its log/,
  },
  {
    exercise: "quantile",
    mistake: "default (string) sort",
    impl: {
      quantile: (values, q) => {
        const s = values.slice().sort();
        const h = (s.length - 1) * q;
        const lo = Math.floor(h);
        return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
      },
    },
    expectMessage: /as strings/,
  },
  {
    exercise: "quantile",
    mistake: "sorts the caller's array in place",
    impl: {
      quantile: (values, q) => {
        values.sort((a, b) => a - b);
        return quantile(values, q);
      },
    },
    expectMessage: /in place/,
  },
  {
    exercise: "quantile",
    mistake: "nearest rank, no interpolation",
    impl: {
      quantile: (values, q) => {
        const s = values.slice().sort((a, b) => a - b);
        return s[Math.floor((s.length - 1) * q)];
      },
    },
    expectMessage: /Interpolate/,
  },
  {
    exercise: "quantile",
    mistake: "h = n·q",
    impl: {
      quantile: (values, q) => {
        const s = values.slice().sort((a, b) => a - b);
        const h = Math.min(s.length * q, s.length - 1);
        const lo = Math.floor(h);
        return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
      },
    },
    expectMessage: /\(n − 1\)·q/,
  },
  {
    exercise: "bootstrap",
    mistake: "resamples without replacement",
    impl: {
      bootstrapCi: (values, statistic, o = {}) => {
        const random = seededRandom(o.seed ?? 0);
        const c = o.confidence ?? 0.95;
        const stats = Array.from({ length: o.resamples ?? 1000 }, () =>
          statistic(permuted(values, random)),
        );
        return {
          estimate: statistic(values),
          low: quantile(stats, (1 - c) / 2),
          high: quantile(stats, (1 + c) / 2),
        };
      },
    },
    expectMessage: /WITH replacement/,
  },
  {
    exercise: "bootstrap",
    mistake: "unseeded (Math.random)",
    impl: {
      bootstrapCi: (values, statistic, o = {}) =>
        solution.bootstrapCi(values, statistic, { ...o, seed: Math.floor(Math.random() * 1e9) }),
    },
    expectMessage: /seededRandom/,
  },
  {
    exercise: "bootstrap",
    mistake: "5% and 95% quantiles for a 95% interval",
    impl: {
      bootstrapCi: (values, statistic, o = {}) =>
        solution.bootstrapCi(values, statistic, {
          ...o,
          confidence: 1 - 2 * (1 - (o.confidence ?? 0.95)),
        }),
    },
    expectMessage: /2\.5% from each tail/,
  },
  {
    exercise: "bootstrap",
    mistake: "estimate = mean of the bootstrap statistics",
    impl: {
      bootstrapCi: (values, statistic, o = {}) => {
        const r = solution.bootstrapCi(values, statistic, o);
        return { ...r, estimate: (r.low + r.high) / 2 };
      },
    },
    expectMessage: /ORIGINAL values/,
  },
  {
    exercise: "bias-variance",
    mistake: "variance of the estimates with ddof 1",
    impl: {
      simulateEstimator: (estimator, draw, o) => {
        const e = Array.from({ length: o.trials }, (_, t) => estimator(draw(t)));
        return {
          bias: mean(e) - o.trueValue,
          variance: variance(e, 1),
          mse: mean(e.map((v) => (v - o.trueValue) ** 2)),
        };
      },
    },
    expectMessage: /ddof 0/,
  },
  {
    exercise: "bias-variance",
    mistake: "bias sign flipped",
    impl: {
      simulateEstimator: (estimator, draw, o) => {
        const r = solution.simulateEstimator(estimator, draw, o);
        return { ...r, bias: -r.bias };
      },
    },
    expectMessage: /flipped the sign/,
  },
  {
    exercise: "bias-variance",
    mistake: "same sample in every trial",
    impl: {
      simulateEstimator: (estimator, draw, o) =>
        solution.simulateEstimator(estimator, () => draw(0), o),
    },
    expectMessage: /FRESH sample/,
  },
  {
    exercise: "bias-variance",
    mistake: "mse measured around the estimates' mean",
    impl: {
      simulateEstimator: (estimator, draw, o) => {
        const r = solution.simulateEstimator(estimator, draw, o);
        return { ...r, mse: r.variance };
      },
    },
    expectMessage: /TRUE value/,
  },
  {
    exercise: "mean-variance",
    mistake: "throws for n ≤ 1 whatever ddof is",
    impl: {
      variance: (values, ddof = 1) => {
        if (values.length <= 1) throw new Error("variance: need at least 2 values");
        return variance(values, ddof);
      },
    },
    expectMessage: /variance\(\[5\], 0\) threw/,
  },
  {
    exercise: "mean-variance",
    mistake: "n − ddof ≤ 0 not caught for ddof 2 (checks n < 2)",
    impl: {
      variance: (values, ddof = 1) => {
        if (values.length < 2 && ddof > 0) throw new Error("variance: need at least 2 values");
        const m = values.reduce((s, v) => s + v, 0) / values.length;
        return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - ddof);
      },
    },
    expectMessage: /n − ddof = 0/,
  },
  {
    exercise: "correlation",
    mistake: "only checks y for zero spread",
    impl: {
      pearsonCorrelation: (x, y) => {
        if (new Set(y).size === 1) throw new Error("constant y");
        if (new Set(x).size === 1) return 0;
        return solution.pearsonCorrelation(x, y);
      },
    },
    expectMessage: /constant x/,
  },
  {
    exercise: "bayes-posterior",
    mistake: "no guard for zero evidence (returns NaN)",
    impl: {
      posterior: (priors, likelihoods) => {
        if (priors.length !== likelihoods.length) throw new Error("lengths differ");
        const joint = priors.map((p, i) => p * likelihoods[i]);
        const evidence = joint.reduce((s, v) => s + v, 0);
        return joint.map((v) => v / evidence);
      },
    },
    expectMessage: /evidence/,
  },
  {
    exercise: "bayes-posterior",
    mistake: "zero evidence guarded by checking the likelihoods only",
    impl: {
      posterior: (priors, likelihoods) => {
        if (likelihoods.every((l) => l === 0)) throw new Error("no evidence");
        if (priors.length !== likelihoods.length) throw new Error("lengths differ");
        const joint = priors.map((p, i) => p * likelihoods[i]);
        const evidence = joint.reduce((s, v) => s + v, 0);
        return joint.map((v) => v / evidence);
      },
    },
    expectMessage: /check the products/,
  },
  {
    exercise: "sampling",
    mistake: "exponential: −ln(u) instead of −ln(1 − u)",
    impl: {
      sampleExponential: (n, o) => {
        const random = seededRandom(o.seed);
        return Array.from({ length: n }, () => -Math.log(random()) / o.rate);
      },
    },
    expectMessage: /ln\(1 − u\)/,
  },
  {
    exercise: "sampling",
    mistake: "exponential: a generator per draw (seed + i)",
    impl: {
      sampleExponential: (n, o) =>
        Array.from({ length: n }, (_, i) => -Math.log(1 - seededRandom(o.seed + i)()) / o.rate),
    },
    expectMessage: /ONE generator/,
  },
  {
    exercise: "sampling",
    mistake: "normal: ln(u₁) instead of ln(1 − u₁)",
    impl: {
      sampleNormal: (n, o) => {
        const random = seededRandom(o.seed);
        return Array.from(
          { length: n },
          () =>
            (o.mean ?? 0) +
            (o.std ?? 1) * Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random()),
        );
      },
    },
    expectMessage: /ln\(1 − u₁\)/,
  },
  {
    exercise: "quantile",
    mistake: "only rejects q > 1",
    impl: {
      quantile: (values, q) => {
        if (values.length === 0 || q > 1)
          throw new Error(`quantile: q must be at most 1, got ${q}.`);
        return quantile(values, Math.max(q, 0));
      },
    },
    expectMessage: /q < 0/,
  },
  {
    exercise: "bootstrap",
    mistake: "indices Math.floor(random() * (n − 1)): never the last value",
    impl: { bootstrapCi: bootstrapWith({ indexRange: (n) => n - 1 }) },
    expectMessage: /last value is never drawn/,
  },
  {
    exercise: "bootstrap",
    mistake: "ignores options.seed",
    impl: { bootstrapCi: bootstrapWith({ options: () => ({ seed: 0 }) }) },
    expectMessage: /options\.seed/,
  },
  {
    exercise: "bootstrap",
    mistake: "default of 500 resamples",
    impl: { bootstrapCi: bootstrapWith({ options: (o) => ({ resamples: o.resamples ?? 500 }) }) },
    expectMessage: /defaults are resamples 1000/,
  },
  {
    exercise: "bias-variance",
    mistake: "trueValue ignored (measured against 0)",
    impl: {
      simulateEstimator: (estimator, draw, o) =>
        solution.simulateEstimator(estimator, draw, { ...o, trueValue: o.trueValue === 1 ? 1 : 0 }),
    },
    expectMessage: /options\.trueValue/,
  },
  {
    exercise: "mean-variance",
    mistake: "mean throws an empty error message",
    impl: {
      mean: (values) => {
        if (values.length === 0) throw new Error("");
        return solution.mean(values);
      },
    },
    expectMessage: /does not say what is wrong/,
  },
  {
    exercise: "correlation",
    mistake: "one-pass formula Σxy − n·x̄ȳ (cancels far from 0)",
    impl: {
      pearsonCorrelation: (x, y) => {
        if (x.length !== y.length)
          throw new Error(`${x.length} x values but ${y.length} y values.`);
        const n = x.length;
        let sx = 0;
        let sy = 0;
        let sxy = 0;
        let sxx = 0;
        let syy = 0;
        for (let i = 0; i < n; i++) {
          sx += x[i];
          sy += y[i];
          sxy += x[i] * y[i];
          sxx += x[i] ** 2;
          syy += y[i] ** 2;
        }
        const vx = sxx - (sx * sx) / n;
        const vy = syy - (sy * sy) / n;
        if (vx === 0 || vy === 0) throw new Error("a constant sample has no correlation.");
        return (sxy - (sx * sy) / n) / Math.sqrt(vx * vy);
      },
    },
    expectMessage: /cancel catastrophically/,
  },
  {
    exercise: "bayes-posterior",
    mistake: "posterior throws an empty message when the evidence is 0",
    impl: {
      posterior: (priors, likelihoods) => {
        const joint = priors.map((p, i) => p * likelihoods[i]);
        if (joint.every((v) => v === 0)) throw new Error("");
        return posterior(priors, likelihoods);
      },
    },
    expectMessage: /does not say what is wrong/,
  },
];
