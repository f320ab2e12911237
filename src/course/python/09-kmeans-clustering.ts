import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "scikit-learn",
  rows: [
    {
      task: "squared distances",
      ours: "squaredDistance(a, b)",
      python: "euclidean_distances(X, C, squared=True)",
      names: ["sklearn.metrics.pairwise.euclidean_distances"],
    },
    {
      task: "k-means",
      ours: "new KMeans({ k: 3, nInit: 10, seed: 0 })",
      python: "KMeans(n_clusters=3, n_init=10, random_state=0)",
      names: ["sklearn.cluster.KMeans"],
    },
    {
      task: "cluster of each point",
      ours: "kmeans.predict(x)",
      python: "kmeans.predict(x)  # or kmeans.labels_",
    },
    {
      task: "inertia",
      ours: "inertia(x, centroids, labels)",
      python: "kmeans.inertia_",
      fixture: "09/inertia",
    },
    {
      task: "k-means++ start",
      ours: "kmeansPlusPlusInit(x, k, random)",
      python: "sklearn.cluster.kmeans_plusplus(X, n_clusters=k)",
      note: "scikit-learn's greedy variant tries several candidates per step and keeps the best.",
      names: ["sklearn.cluster.kmeans_plusplus"],
    },
    {
      task: "silhouette score",
      ours: "silhouetteScore(x, labels)",
      python: "sklearn.metrics.silhouette_score(X, labels)",
      names: ["sklearn.metrics.silhouette_score"],
      fixture: "09/silhouette",
    },
    {
      task: "adjusted Rand index",
      ours: "adjustedRandIndex(a, b)",
      python: "sklearn.metrics.adjusted_rand_score(a, b)",
      names: ["sklearn.metrics.adjusted_rand_score"],
      fixture: "09/ari",
    },
  ],
};
