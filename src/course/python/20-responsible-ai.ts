import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "Fairlearn 0.x, scikit-learn, pandas",
  rows: [
    {
      task: "rates per group",
      ours: "groupRates(yTrue, yPred, groups)",
      python:
        'MetricFrame(metrics={"selection rate": selection_rate, "TPR": true_positive_rate, "FPR": false_positive_rate}, y_true=y, y_pred=p, sensitive_features=g).by_group',
      note: "`fairlearn.metrics`; a MetricFrame takes any metric function and also gives `.overall`, `.difference()` and `.ratio()`.",
      names: [
        "fairlearn.metrics.MetricFrame",
        "fairlearn.metrics.selection_rate",
        "fairlearn.metrics.true_positive_rate",
        "fairlearn.metrics.false_positive_rate",
      ],
    },
    {
      task: "demographic-parity difference",
      ours: "demographicParityDifference(yPred, groups)",
      python: "demographic_parity_difference(y, p, sensitive_features=g)",
      note: 'Fairlearn also takes `y_true` (unused here). Default `method="between_groups"`: max − min; `"to_overall"` compares each group with everyone.',
      names: ["fairlearn.metrics.demographic_parity_difference"],
    },
    {
      task: "demographic-parity ratio",
      ours: "demographicParityRatio(yPred, groups)",
      python: "demographic_parity_ratio(y, p, sensitive_features=g)",
      note: "min / max of the selection rates, in [0, 1]: the 80 % rule compares it with 0.8.",
      names: ["fairlearn.metrics.demographic_parity_ratio"],
    },
    {
      task: "equalized-odds difference",
      ours: "equalizedOddsDifference(yTrue, yPred, groups)",
      python: "equalized_odds_difference(y, p, sensitive_features=g)",
      note: 'The larger of the TPR and FPR differences (`agg="worst_case"`, the default); `agg="mean"` averages them.',
      names: ["fairlearn.metrics.equalized_odds_difference"],
    },
    {
      task: "rates by subgroup (Simpson)",
      ours: "admissionRates(records)",
      python:
        'df.assign(adm=df.admit.eq("Admitted") * df["count"]).groupby(["dept", "gender"])[["adm", "count"]].sum().eval("adm / count")',
      note: "Group by gender alone for the overall rates: sum the counts first, then divide.",
      names: ["pandas.DataFrame.groupby", "pandas.DataFrame.eval"],
    },
    {
      task: "per-group thresholds",
      ours: "thresholdsForSelectionRate(scores, groups, t)",
      python:
        'ThresholdOptimizer(estimator=model, constraints="demographic_parity", prefit=True).fit(X_valid, y_valid, sensitive_features=g_valid)',
      note: "`fairlearn.postprocessing`: it chooses per-group (possibly randomised) thresholds that maximise accuracy under the constraint, instead of a fixed target rate. Fit it on validation rows, not test rows.",
      names: ["fairlearn.postprocessing.ThresholdOptimizer"],
    },
    {
      task: "permutation importance",
      ours: "permutationImportance(predict, xTest, yTest, { seed })",
      python:
        "r = permutation_importance(model, X_test, y_test, n_repeats=5, random_state=0); r.importances_mean, r.importances_std",
      note: "`sklearn.inspection`; the score is the estimator's own `score` (accuracy for classifiers) unless `scoring=` is given; `r.importances` holds every drop.",
      names: ["sklearn.inspection.permutation_importance"],
    },
    {
      task: "partial dependence",
      ours: "partialDependence(predictProba1, x, j, grid)",
      python: 'partial_dependence(model, X, [j], kind="average")',
      note: 'scikit-learn picks the grid itself (`grid_resolution=100` points between the 5th and 95th percentiles by default); `kind="individual"` gives the ICE curves. `PartialDependenceDisplay.from_estimator` plots it.',
      names: [
        "sklearn.inspection.partial_dependence",
        "sklearn.inspection.PartialDependenceDisplay",
      ],
    },
  ],
  footnote:
    "Fairlearn is not part of scikit-learn (`pip install fairlearn`); its names here were checked against its source (`fairlearn/metrics/_fairness_metrics.py`), not against an installed copy.",
};
