import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "scikit-learn",
  rows: [
    {
      task: "confusion matrix",
      ours: "confusionMatrix(yTrue, yPred, k)",
      python: "sklearn.metrics.confusion_matrix(y_true, y_pred)",
      note: "Rows are the true classes, columns the predictions, in both.",
      names: ["sklearn.metrics.confusion_matrix"],
      fixture: "10/confusion",
    },
    {
      task: "macro F1",
      ours: "macroF1(yTrue, yPred, k)",
      python: 'f1_score(y_true, y_pred, average="macro")',
      note: 'scikit-learn\'s default `average="binary"` fails on more than two classes.',
      names: ["sklearn.metrics.f1_score"],
      fixture: "10/macro-f1",
    },
    {
      task: "ROC AUC",
      ours: "rocAuc(yTrue, scores)",
      python: "roc_auc_score(y_true, scores)",
      names: ["sklearn.metrics.roc_auc_score"],
      fixture: "10/roc-auc",
    },
    {
      task: "ROC curve",
      ours: "rocCurve(yTrue, scores)",
      python: "fpr, tpr, thresholds = roc_curve(y_true, scores)",
      names: ["sklearn.metrics.roc_curve"],
    },
    {
      task: "R²",
      ours: "regressionMetrics(y, p).r2",
      python: "r2_score(y, p)",
      names: ["sklearn.metrics.r2_score"],
      fixture: "10/r2",
    },
    {
      task: "mean absolute error",
      ours: "regressionMetrics(y, p).mae",
      python: "mean_absolute_error(y, p)",
      names: ["sklearn.metrics.mean_absolute_error"],
      fixture: "10/mae",
    },
    {
      task: "k shuffled folds",
      ours: "kFoldIndices(n, k, seed)",
      python: "KFold(n_splits=k, shuffle=True, random_state=seed)",
      note: "`StratifiedKFold` keeps the class balance in every fold (scikit-learn's default for classifiers in `cross_val_score`).",
      names: ["sklearn.model_selection.KFold", "sklearn.model_selection.StratifiedKFold"],
    },
    {
      task: "cross-validation",
      ours: "crossValScore(makeModel, x, y, folds)",
      python: "cross_val_score(model, X, y, cv=5)",
      names: ["sklearn.model_selection.cross_val_score"],
    },
    {
      task: "grid search",
      ours: "gridSearch(makeModel, grid, x, y, …)",
      python: "GridSearchCV(model, param_grid, cv=5).fit(X, y)",
      note: "GridSearchCV refits the best model on all the data it was given (`refit=True`).",
      names: ["sklearn.model_selection.GridSearchCV"],
    },
    {
      task: "random search",
      ours: "randomSearch(makeModel, space, nIter, seed, …)",
      python: "RandomizedSearchCV(model, param_distributions, n_iter=20)",
      names: ["sklearn.model_selection.RandomizedSearchCV"],
    },
  ],
};
