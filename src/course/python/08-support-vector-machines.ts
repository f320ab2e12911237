import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "NumPy, scikit-learn",
  rows: [
    {
      task: "labels as ±1",
      ours: "toSignedLabels(y)",
      python: "numpy.where(y == 1, 1, -1)",
      names: ["numpy.where"],
    },
    {
      task: "hinge losses",
      ours: "hingeLosses(scores, y)",
      python: "numpy.maximum(0, 1 - y * scores)",
      note: "`sklearn.metrics.hinge_loss` returns their mean.",
      names: ["numpy.maximum", "sklearn.metrics.hinge_loss"],
      fixture: "08/hinge",
    },
    {
      task: "a linear SVM",
      ours: "new LinearSVC({ C: 1, epochs, learningRate })",
      python: 'LinearSVC(C=1.0, loss="hinge")',
      note: "scikit-learn's LinearSVC defaults to the SQUARED hinge and also penalises the intercept.",
      names: ["sklearn.svm.LinearSVC"],
    },
    {
      task: "RBF kernel matrix",
      ours: "kernelMatrix(A, B, gamma)",
      python: "sklearn.metrics.pairwise.rbf_kernel(A, B, gamma=gamma)",
      names: ["sklearn.metrics.pairwise.rbf_kernel"],
      fixture: "08/rbf-kernel",
    },
    {
      task: "a kernel SVM",
      ours: "new KernelSVC({ C: 1, gamma: 0.5 })",
      python: 'SVC(kernel="rbf", C=1.0, gamma=0.5)',
      note: 'scikit-learn\'s default `gamma="scale"` is 1 / (d · Var(X)); set it explicitly to compare.',
      names: ["sklearn.svm.SVC"],
    },
    { task: "support vectors", ours: "supportVectorIndices(w, b, x, y)", python: "svc.support_" },
    {
      task: "multi-class",
      ours: "new OneVsRestSVC({ C: 1 })",
      python: "OneVsRestClassifier(LinearSVC())",
      note: "`SVC` itself trains one-vs-ONE (a model per pair of classes).",
      names: ["sklearn.multiclass.OneVsRestClassifier"],
    },
  ],
};
