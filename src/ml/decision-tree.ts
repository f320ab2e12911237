import { seededRandom } from "../data/random";
import { type Classifier, Estimator, NotFittedError } from "./estimator";

/**
 * The course's CART decision tree (classification). Lab 06 has you build one yourself; after
 * that, labs use this one (random forests in lab 07 grow many of them), and lab 06's checks
 * compare your tree with it.
 *
 * Rules (the same as lab 06's exercises, so both trees agree on data without ties):
 *  - a split is (feature, threshold); rows with x[feature] <= threshold go LEFT;
 *  - candidate thresholds are the midpoints between consecutive distinct sorted values;
 *  - the best split minimises the children's impurity weighted by their sizes; among equally
 *    good candidates the first one found wins (features in order, thresholds ascending);
 *  - a node becomes a leaf when depth = maxDepth (root depth 0), it has fewer than
 *    minSamplesSplit rows, it is pure, or no split exists (all candidate features constant).
 */

export type Criterion = "gini" | "entropy";

/** A tree node. Internal nodes have `split`; leaves do not. */
export interface TreeNode {
  /** counts[k] = training rows of class k that reached this node. */
  counts: number[];
  /** The node's impurity under the tree's criterion. */
  impurity: number;
  /** Root = 0. */
  depth: number;
  split?: { feature: number; threshold: number; left: TreeNode; right: TreeNode };
}

export interface DecisionTreeParams {
  /** Maximum depth (root = 0, so maxDepth 1 is a single split). Default Infinity. */
  maxDepth: number;
  /** A node with fewer rows than this is not split. Default 2. */
  minSamplesSplit: number;
  criterion: Criterion;
  /**
   * Features tried at each split: "all" (default), "sqrt" (⌊√d⌋, at least 1, as random forests
   * use) or a count. Fewer than all makes the tree random: see `seed`.
   */
  maxFeatures: "all" | "sqrt" | number;
  /**
   * Chooses the candidate features at each split (overrides maxFeatures): given d and the
   * tree's random generator, returns feature indices. Lab 07 plugs its own in here.
   */
  featureSampler?: (nFeatures: number, random: () => number) => number[];
  /** Seed for the random feature choice. */
  seed: number;
}

/** 1 − Σ p_k² (0 for an empty node). */
export function giniImpurity(counts: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return 0;
  return 1 - counts.reduce((s, c) => s + (c / n) * (c / n), 0);
}

/** −Σ p_k log₂ p_k in bits (0 for an empty node; 0·log 0 counts as 0). */
export function entropyBits(counts: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log2(c / n);
  return h;
}

function impurityOf(counts: readonly number[], criterion: Criterion): number {
  return criterion === "entropy" ? entropyBits(counts) : giniImpurity(counts);
}

/** How many features `maxFeatures` means for d features. */
export function resolveMaxFeatures(
  maxFeatures: DecisionTreeParams["maxFeatures"],
  d: number,
): number {
  if (maxFeatures === "all") return d;
  if (maxFeatures === "sqrt") return Math.max(1, Math.floor(Math.sqrt(d)));
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1) {
    throw new Error(`maxFeatures must be "all", "sqrt" or a positive integer, got ${maxFeatures}.`);
  }
  return Math.min(maxFeatures, d);
}

/** k distinct features out of d, by a partial Fisher–Yates shuffle, in ascending order. */
function sampleFeatures(d: number, k: number, random: () => number): number[] {
  const idx = Array.from({ length: d }, (_, j) => j);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (d - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, k).sort((a, b) => a - b);
}

// Rounding noise must not decide between equally good splits.
const TIE_EPSILON = 1e-12;

export class DecisionTreeClassifier extends Estimator<DecisionTreeParams> implements Classifier {
  /** The fitted tree; undefined before fit. */
  root: TreeNode | undefined;
  /** Number of classes (max label + 1). */
  nClasses = 0;

  constructor(params: Partial<DecisionTreeParams> = {}) {
    super(
      {
        maxDepth: Number.POSITIVE_INFINITY,
        minSamplesSplit: 2,
        criterion: "gini",
        maxFeatures: "all",
        seed: 0,
      },
      params,
    );
  }

  /** Grows the tree on x ([n][d]) and integer labels y ([n], 0…K−1). */
  fit(x: number[][], y: number[]): this {
    this.validateFit(x, y);
    const bad = y.findIndex((v) => !Number.isInteger(v) || v < 0);
    if (bad >= 0)
      throw new Error(
        `DecisionTreeClassifier.fit: y[${bad}] is ${y[bad]}; labels must be integers 0…K−1.`,
      );
    const { maxDepth, minSamplesSplit, criterion } = this.params;
    const K = Math.max(...y) + 1;
    const d = x[0].length;
    const random = seededRandom(this.params.seed);
    const k = resolveMaxFeatures(this.params.maxFeatures, d);
    const sampler = this.params.featureSampler;
    const allFeatures = Array.from({ length: d }, (_, j) => j);
    const chooseFeatures = (): number[] =>
      sampler ? sampler(d, random) : k < d ? sampleFeatures(d, k, random) : allFeatures;

    const grow = (rows: number[], depth: number): TreeNode => {
      const counts = new Array<number>(K).fill(0);
      for (const i of rows) counts[y[i]]++;
      const node: TreeNode = { counts, impurity: impurityOf(counts, criterion), depth };
      if (depth >= maxDepth || rows.length < minSamplesSplit || node.impurity <= 0) return node;
      const split = this.bestSplit(x, y, rows, chooseFeatures(), counts, criterion);
      if (!split) return node;
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
  }

  /** Sort the node's rows by each candidate feature once, then sweep thresholds left to right. */
  private bestSplit(
    x: number[][],
    y: number[],
    rows: number[],
    features: number[],
    total: number[],
    criterion: Criterion,
  ) {
    const n = rows.length;
    let best: { feature: number; threshold: number; impurity: number } | undefined;
    for (const f of features) {
      const order = rows.slice().sort((a, b) => x[a][f] - x[b][f]);
      const left = new Array<number>(total.length).fill(0);
      const right = total.slice();
      for (let p = 0; p < n - 1; p++) {
        const label = y[order[p]];
        left[label]++;
        right[label]--;
        const v = x[order[p]][f];
        const next = x[order[p + 1]][f];
        if (v === next) continue;
        const nLeft = p + 1;
        const weighted =
          (nLeft * impurityOf(left, criterion) + (n - nLeft) * impurityOf(right, criterion)) / n;
        if (!best || weighted < best.impurity - TIE_EPSILON)
          best = { feature: f, threshold: (v + next) / 2, impurity: weighted };
      }
    }
    return best;
  }

  private leafFor(row: number[]): TreeNode {
    let node = this.root as TreeNode;
    while (node.split)
      node = row[node.split.feature] <= node.split.threshold ? node.split.left : node.split.right;
    return node;
  }

  /** Class frequencies of the leaf each row falls into: [n][K]. */
  predictProba(x: number[][]): number[][] {
    this.validatePredict(x, "predictProba");
    return x.map((row) => {
      const { counts } = this.leafFor(row);
      const n = counts.reduce((a, b) => a + b, 0);
      return counts.map((c) => c / n);
    });
  }

  /** The majority class of each row's leaf (ties → the smaller class id). */
  predict(x: number[][]): number[] {
    this.validatePredict(x, "predict");
    return x.map((row) => {
      const { counts } = this.leafFor(row);
      let best = 0;
      for (let c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
      return best;
    });
  }

  /** Mean decrease in impurity per feature, normalised to sum to 1 (all 0 for a single leaf). */
  featureImportances(): number[] {
    if (!this.root || this.nFeatures === undefined)
      throw new NotFittedError("DecisionTreeClassifier", "featureImportances");
    return featureImportancesOf(this.root, this.nFeatures);
  }
}

/** Mean decrease in impurity per feature of a fitted tree, normalised to sum to 1. */
export function featureImportancesOf(root: TreeNode, nFeatures: number): number[] {
  const total = new Array<number>(nFeatures).fill(0);
  const size = (node: TreeNode) => node.counts.reduce((a, b) => a + b, 0);
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TreeNode;
    if (!node.split) continue;
    const { feature, left, right } = node.split;
    total[feature] +=
      size(node) * node.impurity - size(left) * left.impurity - size(right) * right.impurity;
    stack.push(left, right);
  }
  const sum = total.reduce((a, b) => a + b, 0);
  return sum > 0 ? total.map((v) => v / sum) : total;
}

/** The depth of the deepest leaf (a single leaf has depth 0). */
export function treeDepth(node: TreeNode): number {
  return node.split ? 1 + Math.max(treeDepth(node.split.left), treeDepth(node.split.right)) : 0;
}

/** Number of leaves. */
export function countLeaves(node: TreeNode): number {
  return node.split ? countLeaves(node.split.left) + countLeaves(node.split.right) : 1;
}

/**
 * A tree as indented text, e.g.
 *   petal_length <= 2.45 (n=120, gini 0.667)
 *   ├─ leaf setosa [40, 0, 0]
 *   └─ petal_width <= 1.75 …
 * Stops below `maxDepth` levels (default 4) with "…".
 */
export function formatTree(
  root: TreeNode,
  options: {
    featureNames?: string[];
    labelNames?: string[];
    criterion?: Criterion;
    maxDepth?: number;
  } = {},
): string {
  const lines: string[] = [];
  const crit = options.criterion ?? "gini";
  const limit = options.maxDepth ?? 4;
  const label = (node: TreeNode) => {
    let best = 0;
    node.counts.forEach((c, k) => {
      if (c > node.counts[best]) best = k;
    });
    return options.labelNames?.[best] ?? `class ${best}`;
  };
  const visit = (node: TreeNode, prefix: string, head: string, depth: number) => {
    const n = node.counts.reduce((a, b) => a + b, 0);
    if (!node.split) {
      lines.push(`${head}leaf ${label(node)} [${node.counts.join(", ")}]`);
      return;
    }
    const name = options.featureNames?.[node.split.feature] ?? `x[${node.split.feature}]`;
    lines.push(
      `${head}${name} <= ${Number(node.split.threshold.toPrecision(4))} (n=${n}, ${crit} ${node.impurity.toFixed(3)})`,
    );
    if (depth + 1 > limit) {
      lines.push(`${prefix}└─ …`);
      return;
    }
    visit(node.split.left, `${prefix}│  `, `${prefix}├─ `, depth + 1);
    visit(node.split.right, `${prefix}   `, `${prefix}└─ `, depth + 1);
  };
  visit(root, "", "", 0);
  return lines.join("\n");
}
