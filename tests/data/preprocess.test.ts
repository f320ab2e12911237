import { describe, expect, it } from "vitest";
import {
  LabelEncoder,
  loadFixedSplit,
  loadRecords,
  MinMaxScaler,
  oneHot,
  polynomialFeatureNames,
  polynomialFeatures,
  recordsToMatrix,
  SimpleImputer,
  StandardScaler,
} from "../../src/data";
import { expectDataError } from "./helpers";

const X = [
  [1, 10, 5],
  [2, 20, 5],
  [3, 60, 5],
];

describe("StandardScaler", () => {
  it("learns population mean and std; a constant column gets std 1", () => {
    const s = new StandardScaler().fit(X);
    expect(s.mean).toEqual([2, 30, 5]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(s.std[1]).toBeCloseTo(Math.sqrt(1400 / 3), 12);
    expect(s.std[2]).toBe(1);
    const z = s.transform(X);
    expect(z.map((r) => r[2])).toEqual([0, 0, 0]);
    for (let j = 0; j < 2; j++) {
      const col = z.map((r) => r[j]!);
      expect(col.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
      expect(col.reduce((a, b) => a + b * b, 0) / 3).toBeCloseTo(1, 12);
    }
    const back = s.inverseTransform(z);
    for (let i = 0; i < X.length; i++) {
      for (let j = 0; j < 3; j++) expect(back[i]![j]).toBeCloseTo(X[i]![j]!, 10);
    }
  });

  it("uses the training statistics on new rows", () => {
    const { train, test } = loadFixedSplit("diabetes");
    const s = new StandardScaler().fit(train.x);
    const z = s.transform(test.x);
    expect(z[0]![0]).toBeCloseTo((test.x[0]![0]! - s.mean[0]!) / s.std[0]!, 12);
    expect(new StandardScaler().fitTransform(train.x)).toEqual(s.transform(train.x));
  });

  it("keeps its learned state read-only", () => {
    const s = new StandardScaler().fit(X);
    expect(() => {
      s.mean[0] = 99;
    }).toThrow(TypeError);
  });

  it.each([
    [
      "transform before fit",
      () => new StandardScaler().transform(X),
      "StandardScaler is not fitted: call fit(xTrain) first",
    ],
    [
      "mean before fit",
      () => new StandardScaler().mean,
      "StandardScaler is not fitted: call fit(xTrain) first",
    ],
    [
      "a different column count",
      () => new StandardScaler().fit(X).transform([[1, 2]]),
      "StandardScaler.transform: expected 3 columns, got 2",
    ],
    [
      "an empty matrix",
      () => new StandardScaler().fit([]),
      "StandardScaler.fit: x is empty (expected [nSamples][nFeatures])",
    ],
    [
      "a ragged matrix",
      () => new StandardScaler().fit([[1, 2], [3]]),
      "StandardScaler.fit: row 1 has 1 values, expected 2",
    ],
    [
      "a missing value",
      () => new StandardScaler().fit([[1], [Number.NaN]]),
      "StandardScaler.fit: x[1][0] is missing (NaN); impute or drop missing values first",
    ],
  ])("rejects %s", (_, fn, message) => {
    expectDataError(fn, message);
  });
});

describe("MinMaxScaler", () => {
  it("maps the training range to [0, 1] and back", () => {
    const s = new MinMaxScaler().fit(X);
    expect(s.dataMin).toEqual([1, 10, 5]);
    expect(s.dataMax).toEqual([3, 60, 5]);
    expect(s.transform(X)).toEqual([
      [0, 0, 0],
      [0.5, 0.2, 0],
      [1, 1, 0],
    ]);
    expect(s.transform([[5, 110, 6]])).toEqual([[2, 2, 1]]);
    expect(s.inverseTransform(s.transform(X))).toEqual(X);
  });

  it("supports another feature range", () => {
    expect(new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform([[0], [5], [10]])).toEqual([
      [-1],
      [0],
      [1],
    ]);
  });

  it.each([
    [
      "transform before fit",
      () => new MinMaxScaler().transform(X),
      "MinMaxScaler is not fitted: call fit(xTrain) first",
    ],
    [
      "a different column count",
      () => new MinMaxScaler().fit(X).transform([[1, 2, 3, 4]]),
      "MinMaxScaler.transform: expected 3 columns, got 4",
    ],
    [
      "an empty range",
      () => new MinMaxScaler({ featureRange: [1, 1] }),
      "MinMaxScaler: featureRange must be [low, high] with low < high, got [1,1]",
    ],
  ])("rejects %s", (_, fn, message) => {
    expectDataError(fn, message);
  });
});

describe("LabelEncoder and oneHot", () => {
  it("encodes labels in sorted order and back", () => {
    const enc = new LabelEncoder().fit(["USA", "Japan", "Europe", "USA"]);
    expect(enc.classes).toEqual(["Europe", "Japan", "USA"]);
    expect(enc.transform(["USA", "Europe"])).toEqual([2, 0]);
    expect(enc.inverseTransform([1, 2])).toEqual(["Japan", "USA"]);
    expect(new LabelEncoder().fitTransform(["b", "a"])).toEqual([1, 0]);
  });

  it.each([
    [
      "an unknown label",
      () => new LabelEncoder().fit(["a", "b"]).transform(["c"]),
      'LabelEncoder.transform: unknown label "c". Known: a, b',
    ],
    [
      "an unknown id",
      () => new LabelEncoder().fit(["a"]).inverseTransform([3]),
      "LabelEncoder.inverseTransform: 3 is not a class id (0..0)",
    ],
    [
      "use before fit",
      () => new LabelEncoder().transform(["a"]),
      "LabelEncoder is not fitted: call fit(labels) first",
    ],
    [
      "a missing label",
      () => new LabelEncoder().fit(["a", null as unknown as string]),
      "LabelEncoder.fit: value 1 is missing (null), expected a string",
    ],
  ])("rejects %s", (_, fn, message) => {
    expectDataError(fn, message);
  });

  it("one-hot encodes ids", () => {
    expect(oneHot([2, 0])).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(oneHot([1], 4)).toEqual([[0, 1, 0, 0]]);
    expectDataError(() => oneHot([0, 3], 3), "oneHot: ids[1] = 3 is not a class id in 0..2");
    expectDataError(
      () => oneHot([0.5]),
      "oneHot: ids[0] = 0.5 is not a class id (a non-negative integer)",
    );
    expectDataError(() => oneHot([0], 0), "oneHot: numClasses must be a positive integer, got 0");
  });
});

describe("SimpleImputer", () => {
  const withGaps = [
    [1, null, 7],
    [3, 4, Number.NaN],
    [null, 4, 7],
    [8, 10, 9],
  ];

  it.each([
    ["mean", [4, 6, 23 / 3]],
    ["median", [3, 4, 7]],
    ["most_frequent", [1, 4, 7]],
    ["constant", [-1, -1, -1]],
  ] as const)("%s strategy", (strategy, stats) => {
    const imp = new SimpleImputer({ strategy, fillValue: -1 }).fit(withGaps);
    expect(imp.statistics.map((v) => Number(v.toFixed(10)))).toEqual(
      stats.map((v) => Number(v.toFixed(10))),
    );
    const filled = imp.transform(withGaps);
    expect(filled[0]![1]).toBeCloseTo(stats[1], 10);
    expect(filled[1]![2]).toBeCloseTo(stats[2], 10);
    expect(filled[2]![0]).toBeCloseTo(stats[0], 10);
    expect(filled[3]).toEqual([8, 10, 9]);
  });

  it("imputes airquality's gaps from its records", () => {
    const rows = recordsToMatrix(loadRecords("airquality"), ["Ozone", "Solar.R", "Wind"]);
    expect(rows.flat().filter((v) => v === null)).toHaveLength(44);
    const filled = new SimpleImputer({ strategy: "median" }).fitTransform(rows);
    expect(filled.flat().every(Number.isFinite)).toBe(true);
  });

  it.each([
    [
      "a column with no values",
      () => new SimpleImputer().fit([[null], [null]]),
      "SimpleImputer.fit: column 0 has no values, so its mean is undefined",
    ],
    [
      "use before fit",
      () => new SimpleImputer().transform([[1]]),
      "SimpleImputer is not fitted: call fit(xTrain) first",
    ],
    [
      "an unknown strategy",
      () => new SimpleImputer({ strategy: "mode" as "mean" }),
      'SimpleImputer: unknown strategy "mode". Available: mean, median, most_frequent, constant',
    ],
    [
      "a column that is not in the records",
      () => recordsToMatrix([{ a: 1 }], ["b"]),
      'Column "b" not found in the records. Columns: a',
    ],
    [
      "a text column",
      () => recordsToMatrix([{ a: "x" }], ["a"]),
      'recordsToMatrix: column "a" holds text ("x" in record 0); encode it first',
    ],
  ])("rejects %s", (_, fn, message) => {
    expectDataError(fn, message);
  });
});

describe("polynomialFeatures", () => {
  it.each([
    [{}, [1, 2, 3, 4, 6, 9], ["1", "a", "b", "a^2", "a b", "b^2"]],
    [{ includeBias: false }, [2, 3, 4, 6, 9], ["a", "b", "a^2", "a b", "b^2"]],
    [{ interactionOnly: true }, [1, 2, 3, 6], ["1", "a", "b", "a b"]],
  ])("degree 2 with %j (sklearn's column order)", (options, values, names) => {
    expect(polynomialFeatures([[2, 3]], 2, options)).toEqual([values]);
    expect(polynomialFeatureNames(["a", "b"], 2, options)).toEqual(names);
  });

  it("degree 3 of three features has C(6, 3) = 20 columns", () => {
    expect(polynomialFeatures([[1, 2, 3]], 3)[0]).toHaveLength(20);
    expect(polynomialFeatureNames(["x", "y", "z"], 3).slice(-4)).toEqual([
      "y^3",
      "y^2 z",
      "y z^2",
      "z^3",
    ]);
  });

  it("rejects a bad degree", () => {
    expectDataError(
      () => polynomialFeatures([[1]], 0),
      "polynomialFeatures: degree must be an integer ≥ 1, got 0",
    );
  });
});
