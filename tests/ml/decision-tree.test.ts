import { describe, expect, it } from "vitest";
import {
  countLeaves,
  DecisionTreeClassifier,
  entropyBits,
  featureImportancesOf,
  formatTree,
  giniImpurity,
  resolveMaxFeatures,
  treeDepth,
} from "../../src/ml/decision-tree";
import { NotFittedError, ShapeError } from "../../src/ml/estimator";

describe("impurity measures", () => {
  it.each([
    { counts: [5, 5], gini: 0.5, entropy: 1 },
    { counts: [10, 0], gini: 0, entropy: 0 },
    { counts: [2, 2, 2, 2], gini: 0.75, entropy: 2 },
    { counts: [3, 1], gini: 0.375, entropy: 0.8112781244591328 },
    { counts: [0, 0], gini: 0, entropy: 0 },
  ])("$counts → gini $gini, entropy $entropy bits", ({ counts, gini, entropy }) => {
    expect(giniImpurity(counts)).toBeCloseTo(gini, 12);
    expect(entropyBits(counts)).toBeCloseTo(entropy, 12);
  });
});

describe("DecisionTreeClassifier (the course's CART)", () => {
  it("splits at the midpoint and sends x <= threshold left", () => {
    const tree = new DecisionTreeClassifier({ maxDepth: 1 }).fit(
      [[1], [2], [3], [4]],
      [0, 0, 1, 1],
    );
    expect(tree.root?.split?.feature).toBe(0);
    expect(tree.root?.split?.threshold).toBe(2.5);
    expect(tree.predict([[2.5], [2.6]])).toEqual([0, 1]);
    expect(tree.predictProba([[0]])).toEqual([[1, 0]]);
  });

  it("respects maxDepth (root = depth 0) and minSamplesSplit", () => {
    const x = [[1], [2], [3], [4], [5], [6]];
    const y = [0, 1, 0, 1, 0, 1];
    expect(treeDepth(new DecisionTreeClassifier({ maxDepth: 0 }).fit(x, y).root!)).toBe(0);
    expect(treeDepth(new DecisionTreeClassifier({ maxDepth: 2 }).fit(x, y).root!)).toBe(2);
    const full = new DecisionTreeClassifier().fit(x, y);
    expect(countLeaves(full.root!)).toBe(6);
    expect(full.predict(x)).toEqual(y);
    // 6 rows < minSamplesSplit 7: the root stays a leaf.
    expect(countLeaves(new DecisionTreeClassifier({ minSamplesSplit: 7 }).fit(x, y).root!)).toBe(1);
  });

  it("breaks ties towards the earlier feature and the smaller class", () => {
    const tree = new DecisionTreeClassifier({ maxDepth: 1 }).fit(
      [
        [1, 1],
        [2, 2],
      ],
      [0, 1],
    );
    expect(tree.root?.split?.feature).toBe(0);
    const leaf = new DecisionTreeClassifier({ maxDepth: 0 }).fit([[1], [2]], [1, 0]);
    expect(leaf.predict([[0]])).toEqual([0]);
  });

  it("computes normalised feature importances", () => {
    const tree = new DecisionTreeClassifier().fit(
      [
        [0, 5],
        [0, 6],
        [1, 5],
        [1, 6],
      ],
      [0, 0, 1, 1],
    );
    expect(tree.featureImportances()).toEqual([1, 0]);
    expect(featureImportancesOf({ counts: [3, 0], impurity: 0, depth: 0 }, 2)).toEqual([0, 0]);
  });

  it("samples features reproducibly with maxFeatures and a seed", () => {
    const x = Array.from({ length: 40 }, (_, i) => [i % 7, (i * 3) % 11, (i * 5) % 13, i % 2]);
    const y = x.map((r) => (r[0] + r[1] > 8 ? 1 : 0));
    const a = new DecisionTreeClassifier({ maxFeatures: 2, seed: 3 }).fit(x, y);
    const b = new DecisionTreeClassifier({ maxFeatures: 2, seed: 3 }).fit(x, y);
    expect(formatTree(a.root!)).toBe(formatTree(b.root!));
    const picked: number[][] = [];
    new DecisionTreeClassifier({
      featureSampler: (d, random) => {
        const f = [Math.floor(random() * d)];
        picked.push(f);
        return f;
      },
    }).fit(x, y);
    expect(picked.length).toBeGreaterThan(0);
    expect(picked.every(([f]) => f >= 0 && f < 4)).toBe(true);
  });

  it.each([
    { maxFeatures: "all" as const, d: 30, k: 30 },
    { maxFeatures: "sqrt" as const, d: 30, k: 5 },
    { maxFeatures: "sqrt" as const, d: 2, k: 1 },
    { maxFeatures: 50, d: 30, k: 30 },
  ])("resolveMaxFeatures($maxFeatures, $d) = $k", ({ maxFeatures, d, k }) => {
    expect(resolveMaxFeatures(maxFeatures, d)).toBe(k);
  });

  it("follows the estimator conventions", () => {
    expect(() => new DecisionTreeClassifier().predict([[1]])).toThrow(NotFittedError);
    const tree = new DecisionTreeClassifier().fit([[1, 2]], [0]);
    expect(() => tree.predict([[1]])).toThrow(ShapeError);
    expect(() => new DecisionTreeClassifier().fit([[1], [2]], [0, 0.5])).toThrow(
      "labels must be integers",
    );
    expect(() => resolveMaxFeatures(0, 3)).toThrow(
      'maxFeatures must be "all", "sqrt" or a positive integer',
    );
  });

  it("prints a readable tree", () => {
    const tree = new DecisionTreeClassifier().fit([[1], [2], [3], [4]], [0, 0, 1, 1]);
    expect(formatTree(tree.root!, { featureNames: ["size"], labelNames: ["small", "big"] })).toBe(
      ["size <= 2.5 (n=4, gini 0.500)", "├─ leaf small [2, 0]", "└─ leaf big [0, 2]"].join("\n"),
    );
  });
});
