/**
 * Lab 09 — k-means and clustering: your exercises.
 *
 * Work through `notebooks/09-kmeans-clustering.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 09`.
 *
 * Conventions used throughout:
 *   x: number[][] with one row per sample; centroids: number[][] with one row per cluster;
 *   labels: number[] with one cluster id (0 … k−1) per row.
 */
import { seededRandom } from "../src/data/random";
import { Estimator } from "../src/ml/estimator";
// stub: import { todo } from "../src/grading/todo";

/** Squared Euclidean distance ‖a − b‖² = Σⱼ (aⱼ − bⱼ)². (Given: used throughout.) */
export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return s;
}

/**
 * Exercise 1 — the assignment step: each row joins its nearest centroid.
 *
 * TODO: for each row, the index of the centroid with the smallest squaredDistance. On a tie,
 *   keep the LOWER index.
 *   e.g. x = [[0, 0], [9, 9], [5, 5]], centroids = [[1, 1], [8, 8]]  →  [0, 1, 1]
 *   ([5, 5] is at squared distance 32 from [1, 1] and 18 from [8, 8])
 */
export function assignClusters(x: number[][], centroids: number[][]): number[] {
  // BEGIN SOLUTION
  return x.map((row) => {
    let best = 0;
    let bestDistance = squaredDistance(row, centroids[0]);
    for (let c = 1; c < centroids.length; c++) {
      const d = squaredDistance(row, centroids[c]);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  });
  // END SOLUTION
}

/**
 * Exercise 2 — the update step: each centroid moves to the mean of its rows.
 *
 * TODO: return k = previous.length NEW centroids (do not change `previous`). Centroid c is the
 *   column-wise mean of the rows with labels[i] === c. A cluster that lost all its rows keeps
 *   its previous centroid (0/0 would give NaN).
 *   e.g. x = [[0, 0], [2, 0], [10, 10]], labels = [0, 0, 1], previous = [[5, 5], [0, 0], [3, 3]]
 *   →  [[1, 0], [10, 10], [3, 3]]   (cluster 2 is empty: it stays at [3, 3])
 */
export function updateCentroids(x: number[][], labels: number[], previous: number[][]): number[][] {
  // BEGIN SOLUTION
  const k = previous.length;
  const d = previous[0].length;
  const sums = Array.from({ length: k }, () => new Array<number>(d).fill(0));
  const counts = new Array<number>(k).fill(0);
  x.forEach((row, i) => {
    counts[labels[i]]++;
    for (let j = 0; j < d; j++) sums[labels[i]][j] += row[j];
  });
  return sums.map((sum, c) => (counts[c] === 0 ? [...previous[c]] : sum.map((s) => s / counts[c])));
  // END SOLUTION
}

/**
 * Exercise 3 — inertia: how tight the clusters are, the quantity k-means minimises.
 *
 * TODO: Σᵢ squaredDistance(x[i], centroids[labels[i]]) — the SQUARED distances, summed (not averaged).
 *   e.g. x = [[0, 0], [2, 0], [10, 10]], centroids = [[1, 0], [10, 10]], labels = [0, 0, 1]  →  1 + 1 + 0 = 2
 */
export function inertia(x: number[][], centroids: number[][], labels: number[]): number {
  // BEGIN SOLUTION
  return x.reduce((s, row, i) => s + squaredDistance(row, centroids[labels[i]]), 0);
  // END SOLUTION
}

/**
 * Exercise 4 — k-means++ initialisation: spread the starting centroids out, at random.
 *
 * TODO: choose k rows of x as starting centroids (return copies):
 *   1. the first: row Math.floor(random() · n);
 *   2. each next one: for every row, D²(i) = squared distance to its NEAREST chosen centroid.
 *      Draw r = random() · ΣD², then walk i = 0, 1, … adding D²(i) to a running sum, and pick
 *      the first row where the running sum becomes > r. (Far rows are likely, chosen rows
 *      have D² = 0 and are never picked twice.)
 *   Call random() exactly once per centroid, in this order, so results can be reproduced.
 *   e.g. x = [[0], [1], [10]], k = 2 and random() giving 0.1 then 0.5: first row ⌊0.1 · 3⌋ = 0;
 *   D² = [0, 1, 100], r = 0.5 · 101 = 50.5; running sums 0, 1, 101 → row 2  →  [[0], [10]]
 */
export function kmeansPlusPlusInit(x: number[][], k: number, random: () => number): number[][] {
  // BEGIN SOLUTION
  const n = x.length;
  const centroids = [[...x[Math.floor(random() * n)]]];
  const nearest = x.map((row) => squaredDistance(row, centroids[0]));
  while (centroids.length < k) {
    const total = nearest.reduce((s, v) => s + v, 0);
    const r = random() * total;
    let running = 0;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      running += nearest[i];
      if (running > r) {
        pick = i;
        break;
      }
    }
    const chosen = [...x[pick]];
    centroids.push(chosen);
    x.forEach((row, i) => {
      nearest[i] = Math.min(nearest[i], squaredDistance(row, chosen));
    });
  }
  return centroids;
  // END SOLUTION
}

/** Hyperparameters of KMeans. */
export interface KMeansParams {
  /** Number of clusters. */
  k: number;
  /** Most Lloyd iterations (assign + update) per run. */
  maxIter: number;
  /** A run stops once the centroids moved less than this: Σ_c ‖new_c − old_c‖² ≤ tol. */
  tol: number;
  /** Independent runs from different k-means++ starts; the lowest inertia wins. */
  nInit: number;
  /** Seeds the k-means++ draws of all runs. */
  seed: number;
}

/**
 * Exercise 5 — KMeans (Lloyd's algorithm), with the course's estimator conventions.
 *
 * TODO (fit): random = seededRandom(seed), created once. nInit times:
 *   centroids = kmeansPlusPlusInit(x, k, random); then up to maxIter times:
 *     labels = assignClusters(x, centroids); next = updateCentroids(x, labels, centroids);
 *     shift = Σ_c squaredDistance(next[c], centroids[c]); centroids = next; stop if shift ≤ tol.
 *   After the loop, assign once more (labels must match the final centroids) and compute the
 *   inertia. Keep the run with the lowest inertia (the first one on a tie): store
 *   `centroids`, `labels`, `inertia` and `nIter` (iterations of that run).
 * TODO (predict): the nearest centroid of each row.
 * TODO (transform): the Euclidean (not squared) distance from each row to each centroid, n×k.
 *   e.g. centroids [[0, 0], [3, 4]]: transform([[0, 0]]) = [[0, 5]]
 */
export class KMeans extends Estimator<KMeansParams> {
  centroids: number[][] = [];
  labels: number[] = [];
  inertia = Number.NaN;
  nIter = 0;

  constructor(params: Partial<KMeansParams> = {}) {
    super({ k: 3, maxIter: 300, tol: 1e-4, nInit: 10, seed: 0 }, params);
  }

  fit(x: number[][]): this {
    this.validateFit(x); // given: clear errors for bad shapes
    // BEGIN SOLUTION
    const { k, maxIter, tol, nInit } = this.params;
    const random = seededRandom(this.params.seed);
    let best:
      | { centroids: number[][]; labels: number[]; inertia: number; nIter: number }
      | undefined;
    for (let run = 0; run < nInit; run++) {
      let centroids = kmeansPlusPlusInit(x, k, random);
      let nIter = 0;
      while (nIter < maxIter) {
        nIter++;
        const next = updateCentroids(x, assignClusters(x, centroids), centroids);
        const shift = next.reduce((s, c, i) => s + squaredDistance(c, centroids[i]), 0);
        centroids = next;
        if (shift <= tol) break;
      }
      const labels = assignClusters(x, centroids);
      const value = inertia(x, centroids, labels);
      if (!best || value < best.inertia) best = { centroids, labels, inertia: value, nIter };
    }
    if (!best) throw new Error("KMeans.fit: nInit must be at least 1.");
    this.centroids = best.centroids;
    this.labels = best.labels;
    this.inertia = best.inertia;
    this.nIter = best.nIter;
    return this;
    // END SOLUTION
  }

  predict(x: number[][]): number[] {
    this.validatePredict(x, "predict"); // given: NotFittedError / ShapeError
    // BEGIN SOLUTION
    return assignClusters(x, this.centroids);
    // END SOLUTION
  }

  transform(x: number[][]): number[][] {
    this.validatePredict(x, "transform"); // given
    // BEGIN SOLUTION
    return x.map((row) => this.centroids.map((c) => Math.sqrt(squaredDistance(row, c))));
    // END SOLUTION
  }
}

/**
 * Exercise 6 — the silhouette: how well each row sits in its cluster, from −1 to 1.
 *
 * For row i (Euclidean distances, NOT squared):
 *   a(i) = mean distance to the OTHER rows of its own cluster (i itself excluded);
 *   b(i) = the smallest, over the other clusters, of the mean distance to that cluster's rows;
 *   s(i) = (b − a) / max(a, b), and s(i) = 0 when i is alone in its cluster.
 * TODO (silhouetteSamples): s(i) for every row.
 * TODO (silhouetteScore): the mean of silhouetteSamples.
 *   e.g. x = [[0], [1], [4], [5]], labels = [0, 0, 1, 1]: row 0 has a = 1, b = (4 + 5)/2 = 4.5,
 *   s = 3.5/4.5 ≈ 0.778; row 1: a = 1, b = 3.5, s ≈ 0.714  →  samples [0.778, 0.714, 0.714, 0.778]
 */
export function silhouetteSamples(x: number[][], labels: number[]): number[] {
  // BEGIN SOLUTION
  const clusters = [...new Set(labels)];
  return x.map((row, i) => {
    const sums = new Map<number, number>();
    const counts = new Map<number, number>();
    x.forEach((other, j) => {
      if (j === i) return;
      const c = labels[j];
      sums.set(c, (sums.get(c) ?? 0) + Math.sqrt(squaredDistance(row, other)));
      counts.set(c, (counts.get(c) ?? 0) + 1);
    });
    const own = labels[i];
    if (!counts.get(own)) return 0; // alone in its cluster
    const a = (sums.get(own) ?? 0) / (counts.get(own) ?? 1);
    let b = Number.POSITIVE_INFINITY;
    for (const c of clusters) {
      if (c !== own) b = Math.min(b, (sums.get(c) ?? 0) / (counts.get(c) ?? 1));
    }
    return (b - a) / Math.max(a, b);
  });
  // END SOLUTION
}

export function silhouetteScore(x: number[][], labels: number[]): number {
  // BEGIN SOLUTION
  const s = silhouetteSamples(x, labels);
  return s.reduce((sum, v) => sum + v, 0) / s.length;
  // END SOLUTION
}

/**
 * Exercise 7 — the adjusted Rand index (ARI): agreement between two partitions of the same
 * rows, corrected for chance. 1 = identical (up to renaming the clusters), about 0 = no better
 * than random, negative = worse than random.
 *
 * Build the contingency table nᵢⱼ = number of rows in cluster i of `a` and cluster j of `b`,
 * with row sums aᵢ and column sums bⱼ. With pairs(m) = m(m − 1)/2:
 *   index    = Σᵢⱼ pairs(nᵢⱼ)
 *   expected = Σᵢ pairs(aᵢ) · Σⱼ pairs(bⱼ) / pairs(n)
 *   maximum  = (Σᵢ pairs(aᵢ) + Σⱼ pairs(bⱼ)) / 2
 *   ARI      = (index − expected) / (maximum − expected)      (return 1 if the denominator is 0)
 * TODO: e.g. a = [0, 0, 1, 1], b = [1, 1, 0, 0]  →  1;   a = [0, 0, 1, 1], b = [0, 1, 0, 1]  →  −0.5
 */
export function adjustedRandIndex(a: number[], b: number[]): number {
  // BEGIN SOLUTION
  const pairs = (m: number) => (m * (m - 1)) / 2;
  const table = new Map<string, number>();
  const rowSums = new Map<number, number>();
  const colSums = new Map<number, number>();
  a.forEach((ai, i) => {
    const key = `${ai},${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rowSums.set(ai, (rowSums.get(ai) ?? 0) + 1);
    colSums.set(b[i], (colSums.get(b[i]) ?? 0) + 1);
  });
  const index = [...table.values()].reduce((s, m) => s + pairs(m), 0);
  const sumA = [...rowSums.values()].reduce((s, m) => s + pairs(m), 0);
  const sumB = [...colSums.values()].reduce((s, m) => s + pairs(m), 0);
  const expected = (sumA * sumB) / pairs(a.length);
  const maximum = (sumA + sumB) / 2;
  if (maximum - expected === 0) return 1;
  return (index - expected) / (maximum - expected);
  // END SOLUTION
}
