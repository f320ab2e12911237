import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "NumPy, SciPy, Evidently",
  rows: [
    {
      task: "bin edges from the reference",
      ours: "quantileBinEdges(reference, 10)",
      python: "numpy.quantile(reference, numpy.linspace(0, 1, 11))[1:-1]",
      names: ["numpy.quantile", "numpy.linspace"],
    },
    {
      task: "shares per bin",
      ours: "binShares(values, edges)",
      python: "numpy.histogram(values, bins)[0] / len(values)",
      names: ["numpy.histogram"],
    },
    {
      task: "PSI",
      ours: "psi(reference, current)",
      python: "numpy.sum((cur - ref) * numpy.log(cur / ref))",
      note: "No SciPy function; Evidently's `psi` stattest computes it on the reference's bins.",
    },
    {
      task: "Kolmogorov–Smirnov statistic",
      ours: "ksStatistic(reference, current)",
      python: "scipy.stats.ks_2samp(reference, current).statistic",
      names: ["scipy.stats.ks_2samp"],
      fixture: "18/ks-statistic",
    },
    {
      task: "KS test",
      ours: "ksTest(reference, current)",
      python: "scipy.stats.ks_2samp(reference, current).pvalue < 0.05",
    },
    {
      task: "Jensen–Shannon distance",
      ours: "jensenShannonDistance(p, q)",
      python: "scipy.spatial.distance.jensenshannon(p, q, base=2)",
      note: "SciPy's default base is e: pass `base=2` for a distance in [0, 1]. It is the square root of the divergence.",
      names: ["scipy.spatial.distance.jensenshannon"],
      fixture: "18/js-distance",
    },
    {
      task: "a drift report",
      ours: "runMonitoring(batches, options)",
      python: "Report(metrics=[DataDriftPreset()]).run(reference_data=ref, current_data=cur)",
      note: "Evidently picks a test per column (KS for ≤ 1000 numeric reference rows, else Wasserstein; Jensen–Shannon for large categorical ones) and bins on reference + current with Sturges' rule, not on reference deciles.",
    },
    {
      task: "rolling accuracy",
      ours: "rollingAccuracy(yTrue, yPred, window)",
      python: 'w = per_batch[["correct", "n"]].rolling(window).sum(); w.correct / w.n',
      note: "Pooled over the last `window` batches (each row counts once), not a mean of batch accuracies.",
      names: ["pandas.DataFrame.rolling"],
    },
  ],
};
