/**
 * Lab 06 — Decision trees: your exercises.
 *
 * Work through `notebooks/06-decision-trees.ipynb`; it tells you when to fill in each function
 * below. Replace each `return todo();` with your code, then run the notebook's check cell or
 * `npm run labs -- check 06`.
 *
 * Conventions:
 *   - x is number[][] (rows = samples), y holds integer class labels 0 … K−1.
 *   - A node's class counts: counts[k] = number of its samples in class k.
 *   - A split (feature, threshold) sends rows with x[feature] <= threshold LEFT, the rest right.
 */
import { type Classifier, Estimator } from "../src/ml/estimator";
// stub: import { todo } from "../src/grading/todo";

/**
 * Exercise 1 — Gini impurity: the chance that two samples drawn (with replacement) from the
 * node have different classes:  G = 1 − Σₖ pₖ²,  with pₖ = counts[k] / total.
 *
 * TODO: return 0 for an empty node (total 0).
 *   e.g. gini([5, 5]) = 1 − (0.25 + 0.25) = 0.5;  gini([10, 0]) = 0;  gini([2, 2, 2, 2]) = 0.75
 */
export function gini(counts: number[]): number {
  // BEGIN SOLUTION
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let sumOfSquares = 0;
  for (const c of counts) sumOfSquares += (c / total) ** 2;
  return 1 - sumOfSquares;
  // END SOLUTION
}

/**
 * Exercise 2 — entropy in BITS: H = −Σₖ pₖ·log₂(pₖ), where classes with pₖ = 0 contribute 0.
 *
 * TODO: use Math.log2 (Math.log is the natural log, which gives nats). Skip zero counts
 * (0·log 0 would be NaN in code). Return 0 for an empty node.
 *   e.g. entropy([5, 5]) = 1;  entropy([10, 0]) = 0;  entropy([2, 2, 2, 2]) = 2;  entropy([3, 1]) ≈ 0.8113
 */
export function entropy(counts: number[]): number {
  // BEGIN SOLUTION
  const total = counts.reduce((a, b) => a + b, 0);
  let h = 0;
  for (const c of counts) {
    if (c > 0) h -= (c / total) * Math.log2(c / total);
  }
  return h;
  // END SOLUTION
}

export type Criterion = "gini" | "entropy";

/** Given: the impurity of a node's class counts under a criterion. */
export function impurity(counts: number[], criterion: Criterion): number {
  return criterion === "entropy" ? entropy(counts) : gini(counts);
}

/** Given: class counts of some labels, e.g. classCounts([0, 2, 2], 3) = [1, 0, 2]. */
export function classCounts(labels: number[], nClasses: number): number[] {
  const counts = new Array<number>(nClasses).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

/** A candidate split of one feature: its threshold and the children's weighted impurity. */
export interface ThresholdSplit {
  threshold: number;
  /** (n_left·I(left) + n_right·I(right)) / n */
  impurity: number;
}

/**
 * Exercise 3 — the best threshold for ONE feature.
 *
 * Candidate thresholds are the MIDPOINTS between consecutive distinct values (sorted), so a
 * threshold never equals a data value. For each, rows with value <= threshold go left, the rest
 * right, and the split's quality is the children's impurity WEIGHTED by their sizes:
 *   (n_left·I(left) + n_right·I(right)) / n
 *
 * TODO: return the candidate with the lowest weighted impurity (on ties, the smallest threshold),
 * or null when all values are equal (nothing to split). Tip: sort the row indices by value once,
 * then move rows from the right counts to the left counts as the threshold sweeps upwards.
 *   e.g. values [1, 2, 3, 4], labels [0, 0, 1, 1]  →  { threshold: 2.5, impurity: 0 }
 *        values [1, 1, 2, 3], labels [0, 1, 1, 1]  →  candidates 1.5 (left [1, 1], right [0, 2]:
 *        impurity (2·0.5 + 2·0)/4 = 0.25) and 2.5 (impurity 0.333) → { threshold: 1.5, impurity: 0.25 }
 */
export function bestThreshold(
  values: number[],
  labels: number[],
  nClasses: number,
  criterion: Criterion = "gini",
): ThresholdSplit | null {
  // BEGIN SOLUTION
  const n = values.length;
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const left = new Array<number>(nClasses).fill(0);
  const right = classCounts(labels, nClasses);
  let best: ThresholdSplit | null = null;
  for (let p = 0; p < n - 1; p++) {
    // Move the p-th smallest row to the left side.
    left[labels[order[p]]]++;
    right[labels[order[p]]]--;
    const value = values[order[p]];
    const next = values[order[p + 1]];
    if (value === next) continue; // no threshold fits between equal values
    const nLeft = p + 1;
    const weighted =
      (nLeft * impurity(left, criterion) + (n - nLeft) * impurity(right, criterion)) / n;
    // Strictly better only (with room for rounding noise): ties keep the smaller threshold.
    if (best === null || weighted < best.impurity - 1e-12)
      best = { threshold: (value + next) / 2, impurity: weighted };
  }
  return best;
  // END SOLUTION
}

/** The best split of a node: which feature, which threshold, and the weighted child impurity. */
export interface Split extends ThresholdSplit {
  feature: number;
}

/**
 * Exercise 4 — the best split over all features.
 *
 * TODO: run bestThreshold on each feature's column (in the order of `features`, default
 * 0, 1, …, d−1) and return the split with the lowest weighted impurity (ties: the earlier
 * feature), or null if no feature can be split.
 *   e.g. x = [[1, 5], [2, 6], [3, 5], [4, 6]], y = [0, 0, 1, 1]
 *        feature 0 splits perfectly at 2.5 (impurity 0); feature 1 at 5.5 leaves impurity 0.5
 *        →  { feature: 0, threshold: 2.5, impurity: 0 }
 */
export function bestSplit(
  x: number[][],
  y: number[],
  nClasses: number,
  criterion: Criterion = "gini",
  features?: number[],
): Split | null {
  // BEGIN SOLUTION
  const candidates = features ?? x[0].map((_, j) => j);
  let best: Split | null = null;
  for (const feature of candidates) {
    const found = bestThreshold(
      x.map((row) => row[feature]),
      y,
      nClasses,
      criterion,
    );
    if (found && (best === null || found.impurity < best.impurity - 1e-12))
      best = { feature, ...found };
  }
  return best;
  // END SOLUTION
}

/** A node of a fitted tree. Internal nodes have `split`; leaves do not. */
export interface TreeNode {
  /** counts[k] = training rows of class k that reached this node. */
  counts: number[];
  /** The node's impurity under the tree's criterion. */
  impurity: number;
  /** Root = 0, its children 1, … */
  depth: number;
  split?: { feature: number; threshold: number; left: TreeNode; right: TreeNode };
}

/** Hyperparameters of DecisionTreeClassifier. */
export interface TreeParams {
  /** Maximum depth: the root has depth 0, so maxDepth 1 allows exactly one split. */
  maxDepth: number;
  /** A node with fewer rows than this becomes a leaf. */
  minSamplesSplit: number;
  criterion: Criterion;
}

/**
 * Exercise 5 — a decision tree classifier (CART), grown recursively.
 *
 * TODO (fit): validateFit; throw an Error unless every label is an integer ≥ 0; K = max(y) + 1.
 * Grow the tree from all rows at depth 0. A node gets its class counts, impurity and depth;
 * it becomes a LEAF when depth === maxDepth, or it has fewer than minSamplesSplit rows, or its
 * impurity is 0, or bestSplit finds nothing. Otherwise split its rows (x[f] <= threshold → left)
 * and grow both children at depth + 1. Store the root in `root` and K in `nClasses`.
 * TODO (predictProba): validatePredict; walk each row from the root to a leaf
 * (x[f] <= threshold → left) and return the leaf's counts divided by their sum.
 * TODO (predict): the class with the highest probability (ties → the smaller class).
 *   e.g. x = [[1], [2], [3], [4]], y = [0, 0, 1, 1], maxDepth 1 → root splits at 2.5;
 *        predict([[0], [10]]) = [0, 1]; predictProba([[0]]) = [[1, 0]]
 */
export class DecisionTreeClassifier extends Estimator<TreeParams> implements Classifier {
  /** The fitted tree (undefined before fit). */
  root: TreeNode | undefined;
  /** K, the number of classes. */
  nClasses = 0;

  constructor(params: Partial<TreeParams> = {}) {
    super({ maxDepth: Number.POSITIVE_INFINITY, minSamplesSplit: 2, criterion: "gini" }, params);
  }

  fit(x: number[][], y: number[]): this {
    // BEGIN SOLUTION
    this.validateFit(x, y);
    const bad = y.findIndex((v) => !Number.isInteger(v) || v < 0);
    if (bad >= 0)
      throw new Error(
        `DecisionTreeClassifier.fit: y[${bad}] is ${y[bad]}; labels must be integers 0…K−1.`,
      );
    const { maxDepth, minSamplesSplit, criterion } = this.params;
    const K = Math.max(...y) + 1;
    const grow = (rows: number[], depth: number): TreeNode => {
      const labels = rows.map((i) => y[i]);
      const counts = classCounts(labels, K);
      const node: TreeNode = { counts, impurity: impurity(counts, criterion), depth };
      if (depth >= maxDepth || rows.length < minSamplesSplit || node.impurity === 0) return node;
      const split = bestSplit(
        rows.map((i) => x[i]),
        labels,
        K,
        criterion,
      );
      if (split === null) return node;
      const left = rows.filter((i) => x[i][split.feature] <= split.threshold);
      const right = rows.filter((i) => x[i][split.feature] > split.threshold);
      node.split = {
        feature: split.feature,
        threshold: split.threshold,
        left: grow(left, depth + 1),
        right: grow(right, depth + 1),
      };
      return node;
    };
    this.nClasses = K;
    this.root = grow(
      x.map((_, i) => i),
      0,
    );
    return this;
    // END SOLUTION
  }

  predictProba(x: number[][]): number[][] {
    // BEGIN SOLUTION
    this.validatePredict(x, "predictProba");
    return x.map((row) => {
      let node = this.root as TreeNode;
      while (node.split)
        node = row[node.split.feature] <= node.split.threshold ? node.split.left : node.split.right;
      const total = node.counts.reduce((a, b) => a + b, 0);
      return node.counts.map((c) => c / total);
    });
    // END SOLUTION
  }

  predict(x: number[][]): number[] {
    // BEGIN SOLUTION
    return this.predictProba(x).map((p) => {
      let best = 0;
      for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
      return best;
    });
    // END SOLUTION
  }
}

/**
 * Exercise 6 — feature importances (mean decrease in impurity).
 *
 * Every internal node t splitting on feature f removes some impurity:
 *   n_t·I(t) − n_left·I(left) − n_right·I(right)         (n = number of rows, the sum of counts)
 * A feature's importance is the total it removes over all nodes, divided by the total over
 * all features (so the importances sum to 1).
 *
 * TODO: return an array of length nFeatures; all zeros if the tree is a single leaf.
 *   e.g. a root with counts [2, 2] (gini 0.5) split on feature 1 into pure leaves [2, 0] and
 *        [0, 2], nFeatures = 3  →  removes 4·0.5 − 0 − 0 = 2 on feature 1  →  [0, 1, 0]
 */
export function featureImportances(root: TreeNode, nFeatures: number): number[] {
  // BEGIN SOLUTION
  const importance = new Array<number>(nFeatures).fill(0);
  const size = (node: TreeNode) => node.counts.reduce((a, b) => a + b, 0);
  const visit = (node: TreeNode): void => {
    if (!node.split) return;
    const { feature, left, right } = node.split;
    importance[feature] +=
      size(node) * node.impurity - size(left) * left.impurity - size(right) * right.impurity;
    visit(left);
    visit(right);
  };
  visit(root);
  const total = importance.reduce((a, b) => a + b, 0);
  return total > 0 ? importance.map((v) => v / total) : importance;
  // END SOLUTION
}

/** One point of the depth sweep. */
export interface DepthScore {
  depth: number;
  trainAccuracy: number;
  testAccuracy: number;
}

/**
 * Exercise 7 — overfitting vs depth: train and test accuracy of trees of several depths.
 *
 * TODO: for each depth in `depths` (in that order), fit a DecisionTreeClassifier with
 * { maxDepth: depth, criterion } on the training rows, and measure its accuracy (the fraction
 * of correct predictions) on the training rows AND on the test rows.
 *   e.g. depths [1, 3] on iris → [{ depth: 1, trainAccuracy: 0.667, testAccuracy: 0.667 },
 *                                 { depth: 3, trainAccuracy: 0.983, testAccuracy: 0.967 }]
 */
export function accuracyByDepth(
  xTrain: number[][],
  yTrain: number[],
  xTest: number[][],
  yTest: number[],
  depths: number[],
  criterion: Criterion = "gini",
): DepthScore[] {
  // BEGIN SOLUTION
  const accuracy = (yTrue: number[], yPred: number[]) =>
    yTrue.filter((v, i) => v === yPred[i]).length / yTrue.length;
  return depths.map((depth) => {
    const tree = new DecisionTreeClassifier({ maxDepth: depth, criterion }).fit(xTrain, yTrain);
    return {
      depth,
      trainAccuracy: accuracy(yTrain, tree.predict(xTrain)),
      testAccuracy: accuracy(yTest, tree.predict(xTest)),
    };
  });
  // END SOLUTION
}
