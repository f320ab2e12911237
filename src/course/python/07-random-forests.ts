import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "NumPy, scikit-learn",
  rows: [
    {
      task: "a bootstrap sample",
      ours: "bootstrapIndices(n, random)",
      python: "rng.integers(0, n, size=n)",
      names: ["numpy.random.Generator.integers"],
    },
    {
      task: "out-of-bag rows",
      ours: "outOfBagIndices(n, sample)",
      python: "numpy.setdiff1d(numpy.arange(n), sample)",
      names: ["numpy.setdiff1d"],
    },
    {
      task: "random feature subset",
      ours: "randomFeatureSubset(d, k, random)",
      python: "rng.choice(d, size=k, replace=False)",
      names: ["numpy.random.Generator.choice"],
    },
    {
      task: "majority vote",
      ours: "majorityVote(votes, nClasses)",
      python: "numpy.bincount(votes, minlength=n_classes).argmax()",
      note: "scikit-learn's forest averages the trees' probabilities (soft voting) instead of counting votes.",
      names: ["numpy.bincount"],
      fixture: "07/majority",
    },
    {
      task: "a random forest",
      ours: 'new RandomForestClassifier({ nEstimators: 100, maxFeatures: "sqrt", seed: 0 })',
      python: 'RandomForestClassifier(n_estimators=100, max_features="sqrt", random_state=0)',
      names: ["sklearn.ensemble.RandomForestClassifier"],
    },
    {
      task: "out-of-bag accuracy",
      ours: "outOfBagScore(trees, samples, x, y, nClasses)",
      python: "RandomForestClassifier(oob_score=True).fit(x, y).oob_score_",
    },
    {
      task: "feature importances",
      ours: "forest.featureImportances()",
      python: "forest.feature_importances_",
    },
  ],
};
