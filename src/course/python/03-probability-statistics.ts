import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "NumPy, SciPy",
  rows: [
    {
      task: "mean",
      ours: "mean(v)",
      python: "numpy.mean(v)",
      names: ["numpy.mean"],
      fixture: "03/mean",
    },
    {
      task: "sample variance",
      ours: "variance(v)",
      python: "numpy.var(v, ddof=1)",
      note: "NumPy's default is ddof=0 (divide by n); pandas' `Series.var()` defaults to ddof=1.",
      names: ["numpy.var"],
      fixture: "03/var-ddof1",
    },
    {
      task: "correlation",
      ours: "pearsonCorrelation(x, y)",
      python: "scipy.stats.pearsonr(x, y)[0]",
      note: "Or `numpy.corrcoef(x, y)[0, 1]`.",
      names: ["scipy.stats.pearsonr", "numpy.corrcoef"],
      fixture: "03/pearson",
    },
    {
      task: "quantile",
      ours: "quantile(v, 0.3)",
      python: "numpy.quantile(v, 0.3)",
      note: 'Linear interpolation is NumPy\'s default (`method="linear"`).',
      names: ["numpy.quantile"],
      fixture: "03/quantile",
    },
    {
      task: "Gaussian log-likelihood",
      ours: "gaussianLogLikelihood(v, mu, sigma2)",
      python: "scipy.stats.norm.logpdf(v, loc=mu, scale=sigma).sum()",
      note: "SciPy takes the standard deviation σ, not the variance σ².",
      names: ["scipy.stats.norm"],
      fixture: "03/norm-logpdf-sum",
    },
    {
      task: "seeded random numbers",
      ours: "seededRandom(seed)",
      python: "rng = numpy.random.default_rng(seed)",
      note: "Different generators: the same seed gives different numbers in each language.",
      names: ["numpy.random.default_rng"],
    },
    {
      task: "normal samples",
      ours: "sampleNormal(n, { mean, std, seed })",
      python: "rng.normal(loc=mean, scale=std, size=n)",
      names: ["numpy.random.Generator.normal"],
    },
    {
      task: "bootstrap interval",
      ours: "bootstrapCi(values, mean, { confidence: 0.95 })",
      python: 'scipy.stats.bootstrap((values,), numpy.mean, method="percentile")',
      note: 'SciPy\'s default method is "BCa", a bias-corrected interval; "percentile" is the one you built.',
      names: ["scipy.stats.bootstrap"],
    },
  ],
};
