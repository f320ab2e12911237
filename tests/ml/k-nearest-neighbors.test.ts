import { describe, expect, it } from "vitest";
import { KNeighborsClassifier } from "../../src/ml/k-nearest-neighbors";
import { StandardScaledModel } from "../../src/ml/scaled-model";

const x = [[0], [1], [2], [10], [11], [12]];
const y = [0, 0, 0, 1, 1, 1];

describe("KNeighborsClassifier", () => {
  it("k = 1 predicts the nearest training row's label", () => {
    const m = new KNeighborsClassifier({ k: 1 }).fit(x, y);
    expect(m.predict([[-5], [5.9], [6.1], [40]])).toEqual([0, 0, 1, 1]);
  });

  it("predictProba gives the class shares among the k nearest rows, columns in class order", () => {
    const m = new KNeighborsClassifier({ k: 4 }).fit(x, [3, 3, 3, 7, 7, 7]);
    expect(m.classes).toEqual([3, 7]);
    const [p] = m.predictProba([[1]]);
    expect(p[0]).toBeCloseTo(0.75, 12);
    expect(p[1]).toBeCloseTo(0.25, 12);
    expect(m.predict([[1]])).toEqual([3]);
  });

  it("p = 1 (Manhattan) and p = 2 (Euclidean) can disagree", () => {
    // From the origin: [1.2, 0] is 1.2 away either way; [0.7, 0.7] is 1.4 (Manhattan) but 0.99 (Euclidean).
    const xs = [
      [1.2, 0],
      [0.7, 0.7],
      [5, 5],
    ];
    const ys = [0, 1, 2];
    expect(new KNeighborsClassifier({ k: 1, p: 1 }).fit(xs, ys).predict([[0, 0]])).toEqual([0]);
    expect(new KNeighborsClassifier({ k: 1, p: 2 }).fit(xs, ys).predict([[0, 0]])).toEqual([1]);
  });

  it("follows the estimator conventions", () => {
    expect(() => new KNeighborsClassifier().predict([[1]])).toThrow(/not fitted/);
    const m = new KNeighborsClassifier({ k: 2 }).fit(x, y);
    expect(() => m.predict([[1, 2]])).toThrow(/features/);
    expect(() => new KNeighborsClassifier({ k: 10 }).fit(x, y)).toThrow(/only 6 training rows/);
    expect(() => new KNeighborsClassifier({ k: 0 })).toThrow(/integer ≥ 1/);
    expect(() => new KNeighborsClassifier({ p: 0.5 })).toThrow(/p must be ≥ 1/);
  });
});

describe("StandardScaledModel", () => {
  it("fits its scaler on the rows given to fit, then the model on the scaled rows", () => {
    const m = new StandardScaledModel(new KNeighborsClassifier({ k: 1 })).fit(
      [
        [0, 1000],
        [2, 3000],
      ],
      [0, 1],
    );
    expect(m.scaler.mean).toEqual([1, 2000]);
    // Unscaled, the second feature would dominate; scaled, both count equally.
    expect(m.predict([[1.9, 1100]])).toEqual([0]);
    expect(m.predictProba([[0, 1000]])).toEqual([[1, 0]]);
  });

  it("predictProba needs a model that has it", () => {
    const plain = {
      fit() {
        return plain;
      },
      predict: (rows: number[][]) => rows.map(() => 0),
    };
    const m = new StandardScaledModel(plain).fit([[1], [2]], [0, 1]);
    expect(() => m.predictProba([[1]])).toThrow(/no predictProba/);
  });
});
