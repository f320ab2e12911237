import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "NumPy, scikit-learn",
  rows: [
    {
      task: "dot product",
      ours: "dot(a, b)",
      python: "numpy.dot(a, b)  # or a @ b",
      names: ["numpy.dot"],
      fixture: "02/dot",
    },
    {
      task: "length of a vector",
      ours: "norm(a)",
      python: "numpy.linalg.norm(a)",
      names: ["numpy.linalg.norm"],
      fixture: "02/norm",
    },
    {
      task: "matrix product",
      ours: "matMul(A, B)",
      python: "A @ B",
      names: ["numpy.matmul"],
      fixture: "02/matmul",
    },
    {
      task: "covariance matrix",
      ours: "covarianceMatrix(X)",
      python: "numpy.cov(X, rowvar=False)",
      note: "Without `rowvar=False` NumPy treats each ROW as a variable. Both divide by n − 1.",
      names: ["numpy.cov"],
      fixture: "02/cov",
    },
    {
      task: "symmetric eigendecomposition",
      ours: "new EigenvalueDecomposition(C, { assumeSymmetric: true })",
      python: "numpy.linalg.eigh(C)",
      note: "Both return eigenvalues in ascending order; eigenvectors are the columns.",
      names: ["numpy.linalg.eigh"],
    },
    {
      task: "singular value decomposition",
      ours: "new SingularValueDecomposition(X, { autoTranspose: true })",
      python: "numpy.linalg.svd(X, full_matrices=False)",
      note: "NumPy returns Vᵀ (rows are the right singular vectors), not V.",
      names: ["numpy.linalg.svd"],
    },
    {
      task: "PCA",
      ours: "new PCA({ nComponents: 2 }).fit(x).explainedVariance",
      python: "sklearn.decomposition.PCA(n_components=2).fit(x).explained_variance_",
      note: "A component's sign is arbitrary: yours may point the other way.",
      names: ["sklearn.decomposition.PCA"],
      fixture: "02/pca-explained-variance",
    },
    {
      task: "share of variance kept",
      ours: "pca.explainedVarianceRatio",
      python: "pca.explained_variance_ratio_",
      fixture: "02/pca-ratio",
    },
    {
      task: "project and back",
      ours: "pca.transform(x)",
      python: "pca.inverse_transform(pca.transform(x))",
    },
  ],
};
