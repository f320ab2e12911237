import { describe, expect, it } from "vitest";
import {
  CV_FOLD_NAMES,
  FIXED_SPLIT_NAMES,
  foldsToSplits,
  kFold,
  loadCvFolds,
  loadDataset,
  loadFixedSplit,
  loadSplitIndices,
  permutation,
  seededRandom,
  shuffled,
  trainTestSplit,
} from "../../src/data";
import { countBy, expectDataError } from "./helpers";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sorted = (a: number[]) => a.slice().sort((p, q) => p - q);

describe("fixed splits (datasets/splits/splits.json)", () => {
  const sizes: Record<string, [number, number, number]> = {
    iris: [150, 120, 30],
    wine: [178, 142, 36],
    breast_cancer: [569, 455, 114],
    digits: [1797, 1437, 360],
    diabetes: [442, 353, 89],
    auto_mpg_complete: [392, 313, 79],
    spam_assassin: [5915, 4732, 1183],
    austen_passages: [2400, 1920, 480],
    arrests: [5226, 4180, 1046],
  };

  it.each([...FIXED_SPLIT_NAMES])("%s: train and test are disjoint and cover every row", (name) => {
    const { n, train, test } = loadSplitIndices(name);
    expect([n, train.length, test.length]).toEqual(sizes[name]);
    expect(sorted([...train, ...test])).toEqual(range(n));
  });

  it.each([
    "iris",
    "wine",
    "breast_cancer",
    "digits",
    "diabetes",
    "auto_mpg",
  ])("%s: loadFixedSplit returns the indexed rows", (name) => {
    const full = loadDataset(name);
    const { train, test } = loadFixedSplit(name);
    const indices = loadSplitIndices(name);
    expect(train.x).toHaveLength(indices.train.length);
    expect(test.x).toHaveLength(indices.test.length);
    expect(train.x[0]).toEqual(full.x[indices.train[0]!]);
    expect(test.y.at(-1)).toBe(full.y[indices.test.at(-1)!]);
    expect(train.featureNames).toEqual(full.featureNames);
  });

  it("stratified splits keep class shares", () => {
    const { train, test } = loadFixedSplit("iris");
    expect(countBy(train.y)).toEqual({ 0: 40, 1: 40, 2: 40 });
    expect(countBy(test.y)).toEqual({ 0: 10, 1: 10, 2: 10 });
  });

  it("auto_mpg indices refer to the 392 complete rows", () => {
    const { train, test } = loadFixedSplit("auto_mpg_complete");
    expect(train.x.length + test.x.length).toBe(392);
    expect([...train.y, ...test.y].every(Number.isFinite)).toBe(true);
    const oneHot = loadFixedSplit("auto_mpg", { categorical: "onehot" });
    expect(oneHot.train.featureNames).toHaveLength(9);
    expect(oneHot.train.y).toEqual(train.y);
  });

  it("explains that text corpora use loadTextSplit", () => {
    expectDataError(
      () => loadFixedSplit("spam_assassin"),
      '"spam_assassin" is a text dataset: use loadTextSplit("spam_assassin") instead of loadFixedSplit',
    );
  });

  it("rejects an unknown name", () => {
    expectDataError(
      () => loadFixedSplit("mtcars"),
      'Unknown fixed split "mtcars". Available: iris, wine, breast_cancer, digits, diabetes, auto_mpg_complete, spam_assassin, austen_passages, arrests',
    );
  });
});

describe("fixed CV folds (datasets/splits/cv5_folds.json)", () => {
  it.each([...CV_FOLD_NAMES])("%s: 5 disjoint folds covering every row, stratified", (name) => {
    const folds = loadCvFolds(name);
    const ds = loadDataset(name);
    expect(folds).toHaveLength(5);
    expect(sorted(folds.flat())).toEqual(range(ds.x.length));
    const overall = countBy(ds.y);
    for (const fold of folds) {
      const counts = countBy(fold.map((i) => ds.y[i]!));
      for (const [label, total] of Object.entries(overall)) {
        expect(Math.abs((counts[Number(label)] ?? 0) - total / 5)).toBeLessThanOrEqual(1);
      }
    }
    for (const { trainIdx, validIdx } of foldsToSplits(folds)) {
      expect(trainIdx.length + validIdx.length).toBe(ds.x.length);
      expect(trainIdx.some((i) => validIdx.includes(i))).toBe(false);
    }
  });

  it("rejects an unknown name", () => {
    expectDataError(
      () => loadCvFolds("method"),
      'Unknown cross-validation folds "method". Available: iris, wine, breast_cancer, digits',
    );
  });
});

describe("seededRandom", () => {
  it("is a reproducible mulberry32 stream in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = range(1000).map(() => a());
    expect(xs).toEqual(range(1000).map(() => b()));
    expect(xs[0]).toBe(0.6011037519201636);
    expect(xs.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(seededRandom(43)()).not.toBe(xs[0]);
  });

  it("rejects a seed that is not an integer", () => {
    expectDataError(() => seededRandom(0.5), "seededRandom: seed must be an integer, got 0.5");
  });

  it("shuffled and permutation keep every element", () => {
    expect(sorted(permutation(50, 1))).toEqual(range(50));
    expect(permutation(50, 1)).toEqual(permutation(50, 1));
    const input = ["a", "b", "c"];
    expect(shuffled(input, seededRandom(3)).sort()).toEqual(["a", "b", "c"]);
    expect(input).toEqual(["a", "b", "c"]);
  });
});

describe("trainTestSplit", () => {
  const x = range(100).map((i) => [i]);
  const y = range(100).map((i) => (i < 70 ? 0 : 1));

  it("is reproducible, disjoint and complete", () => {
    const a = trainTestSplit(x, y, { testSize: 0.25, seed: 7 });
    const b = trainTestSplit(x, y, { testSize: 0.25, seed: 7 });
    expect(a).toEqual(b);
    expect(a.testIdx).toHaveLength(25);
    expect(sorted([...a.trainIdx, ...a.testIdx])).toEqual(range(100));
    expect(a.xTest.map((row) => row[0])).toEqual(a.testIdx);
    expect(a.yTrain).toEqual(a.trainIdx.map((i) => y[i]));
    expect(trainTestSplit(x, y, { testSize: 0.25, seed: 8 }).testIdx).not.toEqual(a.testIdx);
  });

  it.each([
    [0.2, { 0: 14, 1: 6 }],
    [0.25, { 0: 18, 1: 7 }],
    [10, { 0: 7, 1: 3 }],
  ])("stratify with testSize %s keeps class shares", (testSize, counts) => {
    const s = trainTestSplit(x, y, { testSize, seed: 1, stratify: true });
    expect(countBy(s.yTest)).toEqual(counts);
  });

  it.each([
    [
      0,
      "trainTestSplit: testSize must be a fraction between 0 and 1 or a row count from 1 to 99, got 0",
    ],
    [
      1.5,
      "trainTestSplit: testSize must be a fraction between 0 and 1 or a row count from 1 to 99, got 1.5",
    ],
    [
      100,
      "trainTestSplit: testSize must be a fraction between 0 and 1 or a row count from 1 to 99, got 100",
    ],
  ])("rejects testSize %s", (testSize, message) => {
    expectDataError(() => trainTestSplit(x, y, { testSize, seed: 1 }), message);
  });

  it("rejects x and y of different lengths", () => {
    expectDataError(
      () => trainTestSplit(x, y.slice(1), { testSize: 0.2, seed: 1 }),
      "trainTestSplit: x has 100 rows but y has 99",
    );
  });
});

describe("kFold", () => {
  it.each([
    [10, 3, [4, 3, 3]],
    [12, 4, [3, 3, 3, 3]],
    [7, 7, [1, 1, 1, 1, 1, 1, 1]],
  ])("n=%i, k=%i: fold sizes %j, disjoint, complete", (n, k, sizes) => {
    const folds = kFold(n, k, { seed: 0 });
    expect(folds.map((f) => f.validIdx.length)).toEqual(sizes);
    expect(sorted(folds.flatMap((f) => f.validIdx))).toEqual(range(n));
    for (const f of folds) expect(sorted([...f.trainIdx, ...f.validIdx])).toEqual(range(n));
  });

  it("without shuffle gives contiguous blocks", () => {
    expect(kFold(5, 2, { seed: 0, shuffle: false }).map((f) => f.validIdx)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
  });

  it("stratifyBy balances classes across folds", () => {
    const labels = range(50).map((i) => (i < 40 ? 0 : 1));
    const folds = kFold(50, 5, { seed: 3, stratifyBy: labels });
    for (const f of folds)
      expect(countBy(f.validIdx.map((i) => labels[i]!))).toEqual({ 0: 8, 1: 2 });
    expect(kFold(50, 5, { seed: 3, stratifyBy: labels })).toEqual(folds);
  });

  it.each([
    [() => kFold(10, 1, { seed: 0 }), "kFold: k must be an integer ≥ 2, got 1"],
    [() => kFold(3, 5, { seed: 0 }), "kFold: cannot make 5 folds from 3 rows"],
    [
      () => kFold(4, 2, { seed: 0, stratifyBy: [0, 1] }),
      "kFold: stratifyBy has 2 labels for 4 rows",
    ],
  ])("rejects bad arguments (%#)", (fn, message) => {
    expectDataError(fn, message);
  });
});
