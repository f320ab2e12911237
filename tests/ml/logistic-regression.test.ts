import { describe, expect, it } from "vitest";
import fixture from "../../src/course/labs/fixtures/20-responsible-ai.json";
import { NotFittedError, ShapeError } from "../../src/ml/estimator";
import { LogisticRegression } from "../../src/ml/logistic-regression";

describe("LogisticRegression (Newton's method)", () => {
  // scikit-learn minimises C·Σ loss + ½‖w‖²; ours minimises mean loss + l2/2·‖w‖², so the
  // same model has l2 = 1 / (C · n). The fixture's coefficients are sklearn's (lbfgs, C = 1).
  const { x, y, C, coef, intercept } = fixture.partialDependence;

  it("finds scikit-learn's coefficients for the same penalty", () => {
    const model = new LogisticRegression({ l2: 1 / (C * x.length) }).fit(x, y);
    model.weights.forEach((w, j) => {
      expect(w).toBeCloseTo(coef[j], 4);
    });
    expect(model.intercept).toBeCloseTo(intercept, 4);
    expect(model.iterations).toBeLessThan(20);
  });

  it("gives probabilities that sum to 1 and predicts at 0.5", () => {
    const model = new LogisticRegression().fit(x, y);
    const proba = model.predictProba(x);
    for (const [p0, p1] of proba) expect(p0 + p1).toBeCloseTo(1, 12);
    expect(model.predict(x)).toEqual(proba.map(([, p1]) => (p1 >= 0.5 ? 1 : 0)));
  });

  it("is deterministic", () => {
    const a = new LogisticRegression().fit(x, y);
    const b = new LogisticRegression().fit(x, y);
    expect(a.weights).toEqual(b.weights);
  });

  it("rejects labels other than 0/1, and use before fit", () => {
    expect(() => new LogisticRegression().fit([[1], [2]], [0, 2])).toThrow(ShapeError);
    expect(() => new LogisticRegression().predict([[1]])).toThrow(NotFittedError);
  });
});
