import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "scikit-learn, SciPy",
  rows: [
    {
      task: "ridge regression",
      ours: "ridgeClosedForm(X, y, alpha)",
      python: "Ridge(alpha=n * alpha).fit(X_without_ones, y)",
      note: "Our loss averages the squared errors (MSE + α‖w‖²); scikit-learn's sums them, so its alpha is n·α. It fits the intercept itself.",
      names: ["sklearn.linear_model.Ridge"],
      fixture: "05/ridge",
    },
    {
      task: "lasso",
      ours: "lassoCoordinateDescent(X, y, { alpha, iterations })",
      python: "Lasso(alpha=alpha).fit(X_without_ones, y)",
      note: "Same objective (1/(2n))‖Xw − y‖² + α‖w‖₁, so the same alpha.",
      names: ["sklearn.linear_model.Lasso"],
      fixture: "05/lasso",
    },
    {
      task: "sigmoid",
      ours: "sigmoid(z)",
      python: "scipy.special.expit(z)",
      names: ["scipy.special.expit"],
      fixture: "05/sigmoid",
    },
    {
      task: "cross-entropy",
      ours: "binaryCrossEntropy(y, p)",
      python: "sklearn.metrics.log_loss(y, p)",
      names: ["sklearn.metrics.log_loss"],
      fixture: "05/log-loss",
    },
    {
      task: "stable log-sum-exp",
      ours: "logSumExp(v)",
      python: "scipy.special.logsumexp(v)",
      names: ["scipy.special.logsumexp"],
      fixture: "05/logsumexp",
    },
    {
      task: "softmax",
      ours: "softmax(z)",
      python: "scipy.special.softmax(z)",
      names: ["scipy.special.softmax"],
      fixture: "05/softmax",
    },
    {
      task: "logistic regression",
      ours: "new LogisticRegression({ learningRate, epochs, alpha })",
      python: "LogisticRegression(C=1.0)",
      note: "scikit-learn's is L2-regularised by default (C = 1/λ on the SUM of losses; `penalty=None` for none) and solved to convergence (lbfgs), not for a fixed number of epochs.",
      names: ["sklearn.linear_model.LogisticRegression"],
    },
    { task: "probabilities", ours: "model.predictProba(x)", python: "model.predict_proba(x)" },
    {
      task: "one-vs-rest",
      ours: "new OneVsRestClassifier({ makeBinary })",
      python: "OneVsRestClassifier(LogisticRegression())",
      names: ["sklearn.multiclass.OneVsRestClassifier"],
    },
    {
      task: "softmax regression",
      ours: "new SoftmaxRegression({ learningRate, epochs })",
      python: "LogisticRegression()  # multinomial for 3+ classes",
      note: 'With the default lbfgs solver, `multi_class="auto"` already fits one softmax model.',
    },
  ],
};
