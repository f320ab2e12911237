import { describe, expect, it } from "vitest";
import { isCheckFailure } from "../../src/grading/check-failure";
import {
  expectEstimatorGuards,
  expectReturnsModel,
  expectThrows,
} from "../../src/grading/expect-estimator";
import { todo } from "../../src/grading/todo";
import { Estimator } from "../../src/ml/estimator";

class Mean extends Estimator<{ guard: boolean }> {
  private value = 0;
  constructor(params: Partial<{ guard: boolean }> = {}) {
    super({ guard: true }, params);
  }
  fit(x: number[][], y: number[]): this {
    this.validateFit(x, y);
    this.value = y.reduce((a, b) => a + b, 0) / y.length;
    return this;
  }
  predict(x: number[][]): number[] {
    if (this.params.guard) this.validatePredict(x, "predict");
    return x.map(() => this.value);
  }
}

function failureOf(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    if (isCheckFailure(err)) return `${err.details.message} ${err.details.likelyCause ?? ""}`;
    throw err;
  }
  return "passed";
}

describe("estimator check helpers", () => {
  it("accept a model that follows the conventions", () => {
    const fitted = new Mean().fit([[1, 2]], [3]);
    expect(
      failureOf(() =>
        expectEstimatorGuards({ name: "Mean", unfitted: new Mean(), fitted, width: 2 }),
      ),
    ).toBe("passed");
    expect(failureOf(() => expectReturnsModel(fitted, fitted, "Mean.fit"))).toBe("passed");
  });

  it("reject a model without guards, naming validatePredict", () => {
    const fitted = new Mean({ guard: false }).fit([[1, 2]], [3]);
    const text = failureOf(() =>
      expectEstimatorGuards({
        name: "Mean",
        unfitted: new Mean({ guard: false }),
        fitted,
        width: 2,
      }),
    );
    expect(text).toMatch(/should throw a NotFittedError/);
    expect(text).toMatch(/validatePredict/);
  });

  it("reject a fit that does not return the model", () => {
    expect(failureOf(() => expectReturnsModel(undefined, new Mean(), "Mean.fit"))).toMatch(
      /return this/,
    );
  });

  it("expectThrows checks the error name and lets todo() through", () => {
    expect(failureOf(() => expectThrows(() => 1, { what: "f()" }))).toMatch(
      /f\(\) should throw an error/,
    );
    expect(
      failureOf(() =>
        expectThrows(
          () => {
            throw new RangeError("x");
          },
          { what: "g()", errorName: "ShapeError" },
        ),
      ),
    ).toMatch(/threw RangeError/);
    expect(
      expectThrows(
        () => {
          throw new Error("boom");
        },
        { what: "h()" },
      ).message,
    ).toBe("boom");
    expect(() => expectThrows(() => todo(), { what: "stub" })).toThrow("Not implemented yet");
  });
});
