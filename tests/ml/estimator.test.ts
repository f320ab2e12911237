import { describe, expect, it } from "vitest";
import { checkMatrix, Estimator, NotFittedError, ShapeError } from "../../src/ml/estimator";

/** A minimal estimator: predicts the mean of y. */
class MeanRegressor extends Estimator<{ shrink: number }> {
  private mean: number | undefined;
  constructor(params: Partial<{ shrink: number }> = {}) {
    super({ shrink: 0 }, params);
  }
  fit(x: number[][], y: number[]): this {
    this.validateFit(x, y);
    this.mean = (1 - this.params.shrink) * (y.reduce((s, v) => s + v, 0) / y.length);
    return this;
  }
  predict(x: number[][]): number[] {
    this.validatePredict(x, "predict");
    return x.map(() => this.mean ?? 0);
  }
}

describe("Estimator base", () => {
  it("merges hyperparameters over defaults and freezes them", () => {
    const m = new MeanRegressor({ shrink: 0.5 });
    expect(m.params).toEqual({ shrink: 0.5 });
    expect(Object.isFrozen(m.params)).toBe(true);
    expect(new MeanRegressor().params.shrink).toBe(0);
  });

  it("fit returns the model, predict works after fit", () => {
    const m = new MeanRegressor();
    expect(m.fit([[1], [2]], [2, 4])).toBe(m);
    expect(m.isFitted).toBe(true);
    expect(m.predict([[0], [5], [9]])).toEqual([3, 3, 3]);
  });

  it("predict before fit is a NotFittedError naming the model", () => {
    expect(() => new MeanRegressor().predict([[1]])).toThrow(NotFittedError);
    expect(() => new MeanRegressor().predict([[1]])).toThrow(
      "MeanRegressor is not fitted yet: call fit(x, y) before predict().",
    );
  });

  it.each([
    {
      x: [[1, 2], [3]],
      y: [1, 2],
      error: "MeanRegressor.fit(x): row 1 has 1 values; row 0 has 2.",
    },
    { x: [], y: [], error: "MeanRegressor.fit(x): expected a non-empty array of rows." },
    {
      x: [[1], [Number.NaN]],
      y: [1, 2],
      error: "MeanRegressor.fit(x): x[1][0] is NaN, not a finite number.",
    },
    { x: [[1], [2]], y: [1], error: "MeanRegressor.fit: x has 2 rows but y has 1 values." },
  ])("rejects bad training data: $error", ({ x, y, error }) => {
    expect(() => new MeanRegressor().fit(x, y)).toThrow(error);
  });

  it("rejects predict input with a different number of features", () => {
    const m = new MeanRegressor().fit([[1, 2]], [1]);
    expect(() => m.predict([[1, 2, 3]])).toThrow(ShapeError);
    expect(() => m.predict([[1, 2, 3]])).toThrow("x has 3 features but the model was fitted on 2");
  });

  it("checkMatrix accepts a clean matrix", () => {
    expect(() =>
      checkMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        "x",
      ),
    ).not.toThrow();
  });
});
