import { describe, expect, it } from "vitest";
import { isCheckFailure } from "../../src/grading/check-failure";
import { describe as describeValue, expectFiniteNumber } from "../../src/grading/expect";

describe("describe (how a learner's value is shown)", () => {
  it('quotes strings, so a returned "0.5" is not shown as the number 0.5', () => {
    expect(describeValue("0.5")).toBe('"0.5" (a string)');
    expect(describeValue(0.5)).toBe("0.5");
  });

  it("names a returned function", () => {
    expect(describeValue(() => 1)).toMatch(/a function \(did you forget to call it\?\)/);
  });

  it("a number check shows a string answer as a string", () => {
    try {
      expectFiniteNumber("0.5", { what: "mseLoss(X, y, w)" });
      expect.unreachable();
    } catch (err) {
      expect(isCheckFailure(err) && err.details).toMatchObject({
        message: "mseLoss(X, y, w) should return a number.",
        got: '"0.5" (a string)',
      });
    }
  });
});
