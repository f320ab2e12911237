import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "scikit-learn, SciPy, NumPy",
  rows: [
    {
      task: "Gini impurity",
      ours: "gini(counts)",
      python: "1 - numpy.sum((counts / counts.sum()) ** 2)",
      note: 'scikit-learn computes it inside the tree (`criterion="gini"`); it has no public function for it.',
      fixture: "06/gini",
    },
    {
      task: "entropy in bits",
      ours: "entropy(counts)",
      python: "scipy.stats.entropy(counts, base=2)",
      note: "SciPy normalises the counts for you; its default base is e (nats).",
      names: ["scipy.stats.entropy"],
      fixture: "06/entropy-bits",
    },
    {
      task: "a decision tree",
      ours: "new DecisionTreeClassifier({ maxDepth: 3, minSamplesSplit: 2 })",
      python: "DecisionTreeClassifier(max_depth=3, min_samples_split=2)",
      note: "scikit-learn's default `max_depth=None` grows the tree until its leaves are pure.",
      names: ["sklearn.tree.DecisionTreeClassifier"],
    },
    { task: "class probabilities", ours: "tree.predictProba(x)", python: "tree.predict_proba(x)" },
    {
      task: "feature importances",
      ours: "featureImportances(tree.root, d)",
      python: "tree.feature_importances_",
      note: "Both are the impurity decrease per feature, normalised to sum to 1.",
    },
    {
      task: "print the tree",
      ours: "formatTree(tree.root)",
      python: "sklearn.tree.export_text(tree)",
      names: ["sklearn.tree.export_text"],
    },
    {
      task: "depth vs accuracy",
      ours: "accuracyByDepth(xTrain, yTrain, xTest, yTest, depths)",
      python:
        'sklearn.model_selection.validation_curve(tree, X, y, param_name="max_depth", param_range=depths)',
      note: "validation_curve cross-validates; yours scores one held-out set.",
      names: ["sklearn.model_selection.validation_curve"],
    },
  ],
};
