import * as solution from "../../solutions/06-decision-trees";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
type TreeNode = solution.TreeNode;
const { DecisionTreeClassifier, classCounts, impurity } = solution;

const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

/** bestThreshold with a pluggable candidate rule and scoring (for the mistakes below). */
function thresholdWith(options: {
  dataPoints?: boolean;
  unweighted?: boolean;
  lastOnTies?: boolean;
}): Lab["bestThreshold"] {
  return (values, labels, nClasses, criterion = "gini") => {
    const distinct = [...new Set(values)].sort((a, b) => a - b);
    let best: solution.ThresholdSplit | null = null;
    for (let i = 0; i + 1 < distinct.length; i++) {
      const t = options.dataPoints ? distinct[i] : (distinct[i] + distinct[i + 1]) / 2;
      const left = classCounts(
        labels.filter((_, r) => values[r] <= t),
        nClasses,
      );
      const right = classCounts(
        labels.filter((_, r) => values[r] > t),
        nClasses,
      );
      const il = impurity(left, criterion);
      const ir = impurity(right, criterion);
      const score = options.unweighted
        ? (il + ir) / 2
        : (total(left) * il + total(right) * ir) / values.length;
      const better =
        best === null || (options.lastOnTies ? score <= best.impurity : score < best.impurity);
      if (better) best = { threshold: t, impurity: score };
    }
    return best;
  };
}

/** A tree whose fit or predict has one deliberate mistake. */
function treeWith(
  mistake:
    | "depth-off-by-one"
    | "min-samples-inclusive"
    | "wrong-side"
    | "unnormalised"
    | "split-null-used"
    | "strict-left",
) {
  return class extends DecisionTreeClassifier {
    override fit(x: number[][], y: number[]): this {
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
        const tooDeep = mistake === "depth-off-by-one" ? depth > maxDepth : depth >= maxDepth;
        const tooSmall =
          mistake === "min-samples-inclusive"
            ? rows.length <= minSamplesSplit
            : rows.length < minSamplesSplit;
        if (tooDeep || tooSmall || node.impurity === 0) return node;
        const split = solution.bestSplit(
          rows.map((i) => x[i]),
          labels,
          K,
          criterion,
        );
        if (split === null) {
          // split-null-used: what reading split.feature of null does.
          if (mistake === "split-null-used")
            throw new TypeError("Cannot read properties of null (reading 'feature')");
          return node;
        }
        const goesLeft = (v: number) =>
          mistake === "strict-left" ? v < split.threshold : v <= split.threshold;
        const left = rows.filter((i) => goesLeft(x[i][split.feature]));
        const right = rows.filter((i) => !goesLeft(x[i][split.feature]));
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
    override predictProba(x: number[][]): number[][] {
      this.validatePredict(x, "predictProba");
      return x.map((row) => {
        let node = this.root as TreeNode;
        while (node.split) {
          const goLeft =
            mistake === "strict-left"
              ? row[node.split.feature] < node.split.threshold
              : row[node.split.feature] <= node.split.threshold;
          node = (mistake === "wrong-side" ? !goLeft : goLeft) ? node.split.left : node.split.right;
        }
        return mistake === "unnormalised"
          ? [...node.counts]
          : node.counts.map((c) => c / total(node.counts));
      });
    }
  };
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // ── gini
  {
    exercise: "gini",
    mistake: "Σp² (purity) instead of 1 − Σp²",
    impl: { gini: (c) => 1 - solution.gini(c) },
    expectMessage: /PURITY/,
  },
  {
    exercise: "gini",
    mistake: "raw counts instead of proportions",
    impl: { gini: (c) => 1 - c.reduce((s, v) => s + v * v, 0) },
    expectMessage: /proportions/,
  },
  {
    exercise: "gini",
    mistake: "1 − Σp (always 0)",
    impl: { gini: () => 0 },
    expectMessage: /Square the proportions/,
  },
  // ── entropy
  {
    exercise: "entropy",
    mistake: "natural log (nats, the wrong base)",
    impl: { entropy: (c) => solution.entropy(c) * Math.LN2 },
    expectMessage: /Math\.log2/,
  },
  {
    exercise: "entropy",
    mistake: "does not skip zero counts (0·log 0 = NaN)",
    impl: {
      entropy: (c) => {
        const n = total(c);
        return -c.reduce((s, v) => s + (v / n) * Math.log2(v / n), 0);
      },
    },
    expectMessage: /Skip classes with count 0/,
  },
  {
    exercise: "entropy",
    mistake: "log10",
    impl: { entropy: (c) => solution.entropy(c) * Math.log10(2) },
    expectMessage: /log10/,
  },
  // ── best-threshold
  {
    exercise: "best-threshold",
    mistake: "thresholds at data points instead of midpoints",
    impl: { bestThreshold: thresholdWith({ dataPoints: true }) },
    expectMessage: /MIDPOINT/,
  },
  {
    exercise: "best-threshold",
    mistake: "unweighted child impurity (plain average)",
    impl: { bestThreshold: thresholdWith({ unweighted: true }) },
    expectMessage: /Weight each child/,
  },
  {
    exercise: "best-threshold",
    mistake: "ties keep the last candidate (<=)",
    impl: { bestThreshold: thresholdWith({ lastOnTies: true }) },
    expectMessage: /strictly better/,
  },
  // ── best-split
  {
    exercise: "best-split",
    mistake: "only looks at feature 0",
    impl: {
      bestSplit: (x, y, k, c) => {
        const s = solution.bestThreshold(
          x.map((r) => r[0]),
          y,
          k,
          c,
        );
        return s ? { feature: 0, ...s } : null;
      },
    },
    expectMessage: /all columns/,
  },
  {
    exercise: "best-split",
    mistake: "ties keep the later feature",
    impl: {
      bestSplit: (x, y, k, c, features) => {
        let best: solution.Split | null = null;
        for (const f of features ?? x[0].map((_, j) => j)) {
          const s = solution.bestThreshold(
            x.map((r) => r[f]),
            y,
            k,
            c,
          );
          if (s && (best === null || s.impurity <= best.impurity)) best = { feature: f, ...s };
        }
        return best;
      },
    },
    expectMessage: /strictly better/,
  },
  {
    exercise: "best-split",
    mistake: "ignores the features argument",
    impl: { bestSplit: (x, y, k, c) => solution.bestSplit(x, y, k, c) },
    expectMessage: /features/,
  },
  // ── decision-tree
  {
    exercise: "decision-tree",
    mistake: "off-by-one depth (depth > maxDepth)",
    impl: { DecisionTreeClassifier: treeWith("depth-off-by-one") },
    expectMessage: /Off by one/,
  },
  {
    exercise: "decision-tree",
    mistake: "minSamplesSplit inclusive (<=)",
    impl: { DecisionTreeClassifier: treeWith("min-samples-inclusive") },
    expectMessage: /FEWER than minSamplesSplit/,
  },
  {
    exercise: "decision-tree",
    mistake: "prediction goes to the wrong side (<= goes right)",
    impl: { DecisionTreeClassifier: treeWith("wrong-side") },
    expectMessage: /go LEFT/,
  },
  {
    exercise: "decision-tree",
    mistake: "predictProba returns raw counts",
    impl: { DecisionTreeClassifier: treeWith("unnormalised") },
    expectMessage: /divided by their sum/,
  },
  {
    exercise: "decision-tree",
    mistake: "predict does not check the model is fitted",
    impl: {
      DecisionTreeClassifier: class extends DecisionTreeClassifier {
        override predictProba(x: number[][]): number[][] {
          if (!this.root) return x.map(() => [1]);
          return x.map((row) => {
            let node = this.root as TreeNode;
            while (node.split)
              node =
                row[node.split.feature] <= node.split.threshold
                  ? node.split.left
                  : node.split.right;
            return node.counts.map((c) => c / total(node.counts));
          });
        }
      },
    },
    expectMessage: /validatePredict/,
  },
  // ── feature-importances
  {
    exercise: "feature-importances",
    mistake: "not normalised",
    impl: {
      featureImportances: (root, d) => {
        const imp = new Array<number>(d).fill(0);
        const visit = (n: TreeNode): void => {
          if (!n.split) return;
          const { feature, left, right } = n.split;
          imp[feature] +=
            total(n.counts) * n.impurity -
            total(left.counts) * left.impurity -
            total(right.counts) * right.impurity;
          visit(left);
          visit(right);
        };
        visit(root);
        return imp;
      },
    },
    expectMessage: /Normalise/,
  },
  {
    exercise: "feature-importances",
    mistake: "counts how often a feature is used",
    impl: {
      featureImportances: (root, d) => {
        const uses = new Array<number>(d).fill(0);
        const visit = (n: TreeNode): void => {
          if (!n.split) return;
          uses[n.split.feature]++;
          visit(n.split.left);
          visit(n.split.right);
        };
        visit(root);
        const t = total(uses);
        return t > 0 ? uses.map((u) => u / t) : uses;
      },
    },
    expectMessage: /how often/,
  },
  {
    exercise: "feature-importances",
    mistake: "impurity decrease not weighted by node size",
    impl: {
      featureImportances: (root, d) => {
        const imp = new Array<number>(d).fill(0);
        const visit = (n: TreeNode): void => {
          if (!n.split) return;
          imp[n.split.feature] += n.impurity - n.split.left.impurity - n.split.right.impurity;
          visit(n.split.left);
          visit(n.split.right);
        };
        visit(root);
        const t = total(imp);
        return t > 0 ? imp.map((v) => v / t) : imp;
      },
    },
    expectMessage: /number of rows/,
  },
  // ── accuracy-by-depth
  {
    exercise: "accuracy-by-depth",
    mistake: "train and test swapped",
    impl: {
      accuracyByDepth: (xTr, yTr, xTe, yTe, depths, c) =>
        solution.accuracyByDepth(xTr, yTr, xTe, yTe, depths, c).map((s) => ({
          depth: s.depth,
          trainAccuracy: s.testAccuracy,
          testAccuracy: s.trainAccuracy,
        })),
    },
    expectMessage: /swapped/,
  },
  {
    exercise: "accuracy-by-depth",
    mistake: "off-by-one depth",
    impl: {
      accuracyByDepth: (xTr, yTr, xTe, yTe, depths, c) =>
        solution
          .accuracyByDepth(
            xTr,
            yTr,
            xTe,
            yTe,
            depths.map((d) => d + 1),
            c,
          )
          .map((s, i) => ({ ...s, depth: depths[i] })),
    },
    expectMessage: /Off by one/,
  },
  {
    exercise: "accuracy-by-depth",
    mistake: "error rate instead of accuracy",
    impl: {
      accuracyByDepth: (xTr, yTr, xTe, yTe, depths, c) =>
        solution.accuracyByDepth(xTr, yTr, xTe, yTe, depths, c).map((s) => ({
          depth: s.depth,
          trainAccuracy: 1 - s.trainAccuracy,
          testAccuracy: 1 - s.testAccuracy,
        })),
    },
    expectMessage: /error rate/,
  },
  // --- added for labs 06-10 ---
  {
    exercise: "best-threshold",
    mistake: "default criterion is entropy",
    impl: {
      bestThreshold: (values, labels, nClasses, criterion = "entropy") =>
        solution.bestThreshold(values, labels, nClasses, criterion),
    },
    expectMessage: /default criterion/,
  },
  {
    exercise: "best-split",
    mistake: "criterion not passed to bestThreshold",
    impl: {
      bestSplit: (x, y, nClasses, _criterion, features) =>
        solution.bestSplit(x, y, nClasses, "gini", features),
    },
    expectMessage: /criterion is not passed on/,
  },
  {
    exercise: "decision-tree",
    mistake: "negative labels accepted",
    impl: {
      DecisionTreeClassifier: class extends DecisionTreeClassifier {
        override fit(x: number[][], y: number[]): this {
          return super.fit(
            x,
            y.map((v) => Math.max(0, v)),
          );
        }
      },
    },
    expectMessage: /integers ≥ 0/,
  },
  {
    exercise: "decision-tree",
    mistake: "K = number of distinct labels (absent classes dropped)",
    impl: {
      DecisionTreeClassifier: class extends DecisionTreeClassifier {
        override predictProba(x: number[][]): number[][] {
          const present = (this.root?.counts ?? []).flatMap((c, k) => (c > 0 ? [k] : []));
          return super.predictProba(x).map((row) => present.map((k) => row[k]));
        }
      },
    },
    expectMessage: /max\(y\) \+ 1/,
  },
  {
    exercise: "decision-tree",
    mistake: "predict ties go to the larger class",
    impl: {
      DecisionTreeClassifier: class extends DecisionTreeClassifier {
        override predict(x: number[][]): number[] {
          return this.predictProba(x).map((p) => {
            let best = 0;
            for (let k = 1; k < p.length; k++) if (p[k] >= p[best]) best = k;
            return best;
          });
        }
      },
    },
    expectMessage: /smaller/,
  },
  {
    exercise: "accuracy-by-depth",
    mistake: "criterion not passed to the trees",
    impl: {
      accuracyByDepth: (xTr, yTr, xTe, yTe, depths) =>
        solution.accuracyByDepth(xTr, yTr, xTe, yTe, depths),
    },
    expectMessage: /criterion is not passed on/,
  },
  {
    exercise: "decision-tree",
    mistake: "a node whose bestSplit is null is split anyway",
    impl: { DecisionTreeClassifier: treeWith("split-null-used") },
    expectMessage: /make that node a leaf/,
  },
  {
    exercise: "decision-tree",
    mistake: "rows equal to the threshold go right (x < threshold → left), in fit and predict",
    impl: { DecisionTreeClassifier: treeWith("strict-left") },
    expectMessage: /x\[f\] <= threshold → left/,
  },
  {
    exercise: "decision-tree",
    mistake: "bad labels rejected with a message that does not name them",
    impl: {
      DecisionTreeClassifier: class extends DecisionTreeClassifier {
        override fit(x: number[][], y: number[]): this {
          if (y.some((v) => !Number.isInteger(v) || v < 0)) throw new Error("invalid input");
          return super.fit(x, y);
        }
      },
    },
    expectMessage: /Say which label is wrong/,
  },
  {
    exercise: "decision-tree",
    mistake: "predictProba validates its input under the name predict",
    impl: {
      DecisionTreeClassifier: class extends DecisionTreeClassifier {
        override predictProba(x: number[][]): number[][] {
          this.validatePredict(x, "predict");
          return super.predictProba(x);
        }
      },
    },
    expectMessage: /validatePredict\(x, "predictProba"\)/,
  },
];
