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
import { todo } from "../src/grading/todo";

/**
 * Exercise 1 — Gini impurity: the chance that two samples drawn (with replacement) from the
 * node have different classes:  G = 1 − Σₖ pₖ²,  with pₖ = counts[k] / total.
 *
 * TODO: return 0 for an empty node (total 0).
 *   e.g. gini([5, 5]) = 1 − (0.25 + 0.25) = 0.5;  gini([10, 0]) = 0;  gini([2, 2, 2, 2]) = 0.75
 */
export function gini(counts: number[]): number {
  return todo();
}

/**
 * Exercise 2 — entropy in BITS: H = −Σₖ pₖ·log₂(pₖ), where classes with pₖ = 0 contribute 0.
 *
 * TODO: use Math.log2 (Math.log is the natural log, which gives nats). Skip zero counts
 * (0·log 0 would be NaN in code). Return 0 for an empty node.
 *   e.g. entropy([5, 5]) = 1;  entropy([10, 0]) = 0;  entropy([2, 2, 2, 2]) = 2;  entropy([3, 1]) ≈ 0.8113
 */
export function entropy(counts: number[]): number {
  return todo();
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
export function bestThreshold(values: number[], labels: number[], nClasses: number, criterion: Criterion = "gini"): ThresholdSplit | null {
  return todo();
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
export function bestSplit(x: number[][], y: number[], nClasses: number, criterion: Criterion = "gini", features?: number[]): Split | null {
  return todo();
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
    return todo();
  }

  predictProba(x: number[][]): number[][] {
    return todo();
  }

  predict(x: number[][]): number[] {
    return todo();
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
  return todo();
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
  return todo();
}
