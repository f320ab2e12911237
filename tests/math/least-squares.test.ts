import { describe, expect, it } from "vitest";
import { fitLeastSquares, meanSquaredError } from "../../src/math/least-squares";

describe("fitLeastSquares", () => {
  it("recovers an exact line y = 1 + 2x", () => {
    const fit = fitLeastSquares([[0], [1], [2]], [1, 3, 5]);
    expect(fit.intercept).toBeCloseTo(1, 10);
    expect(fit.weights[0]).toBeCloseTo(2, 10);
    expect(fit.predict([[10]])[0]).toBeCloseTo(21, 9);
  });

  it("fits without an intercept when asked", () => {
    const fit = fitLeastSquares([[1], [2]], [2, 4], { intercept: false });
    expect(fit.intercept).toBe(0);
    expect(fit.weights[0]).toBeCloseTo(2, 10);
  });

  it("gives least-squares predictions when columns are collinear (one-hot + intercept)", () => {
    // Two groups with means 1 and 5: one-hot columns plus an intercept are rank-deficient.
    const x = [
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ];
    const fit = fitLeastSquares(x, [0, 2, 4, 6]);
    const predictions = fit.predict(x);
    for (let i = 0; i < 4; i++) expect(predictions[i]).toBeCloseTo([1, 1, 5, 5][i], 9);
  });

  it.each([
    [[[1], [Number.NaN]], [1, 2], /x\[1\]\[0\] is NaN/],
    [[[1], [2]], [1], /2 rows but y has 1/],
    [[[1, 2], [3]], [1, 2], /row 1 has 1 values/],
  ])("rejects bad input %#", (x, y, message) => {
    expect(() => fitLeastSquares(x as number[][], y as number[])).toThrow(message as RegExp);
  });
});

describe("meanSquaredError", () => {
  it("averages squared errors", () => {
    expect(meanSquaredError([1, 2, 3], [1, 4, 0])).toBeCloseTo((0 + 4 + 9) / 3, 12);
  });
  it("rejects mismatched lengths", () => {
    expect(() => meanSquaredError([1], [1, 2])).toThrow(/1 true values but 2 predictions/);
  });
});
