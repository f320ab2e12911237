import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "NumPy, scikit-learn, PyTorch",
  rows: [
    { task: "matrix product", ours: "X.mmul(w)", python: "X @ w", names: ["numpy.matmul"] },
    { task: "transpose", ours: "X.transpose()", python: "X.T", names: ["numpy.ndarray.T"] },
    {
      task: "mean squared error",
      ours: "mseLoss(X, y, w)",
      python: "sklearn.metrics.mean_squared_error(y, X @ w)",
      note: "Note the argument order: the true values come first.",
      names: ["sklearn.metrics.mean_squared_error"],
      fixture: "01/mse",
    },
    {
      task: "its gradient",
      ours: "mseGradient(X, y, w)",
      python: "2 / n * X.T @ (X @ w - y)",
      note: "PyTorch computes it for you: `loss.backward()`, then `w.grad`.",
      fixture: "01/gradient",
    },
    {
      task: "stochastic gradient descent",
      ours: "miniBatchSgd(X, y, { learningRate, epochs, batchSize, seed })",
      python: 'SGDRegressor(learning_rate="constant", eta0=0.01, penalty=None)',
      note: "scikit-learn adds an L2 penalty unless `penalty=None`, steps one row at a time and fits the intercept itself (no column of ones).",
      names: ["sklearn.linear_model.SGDRegressor"],
    },
    {
      task: "momentum",
      ours: "momentumGradientDescent(X, y, { learningRate, momentum, epochs })",
      python: "torch.optim.SGD(params, lr=0.01, momentum=0.9)",
      note: "PyTorch keeps the velocity as v = βv + g and steps w −= lr·v: the same path for a constant rate.",
      names: ["torch.optim.SGD"],
    },
    {
      task: "normal equation",
      ours: "normalEquation(X, y)",
      python: "numpy.linalg.lstsq(X, y, rcond=None)[0]",
      note: "`sklearn.linear_model.LinearRegression().fit(X_without_ones, y)` gives the same weights, with the bias in `intercept_`.",
      names: ["numpy.linalg.lstsq", "sklearn.linear_model.LinearRegression"],
      fixture: "01/normal-equation",
    },
    {
      task: "solve A·x = b",
      ours: "solve(A, b)",
      python: "numpy.linalg.solve(A, b)",
      names: ["numpy.linalg.solve"],
    },
  ],
};
