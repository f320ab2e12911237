import { describe, expect, it } from "vitest";
import { isCheckFailure } from "../../src/grading/check-failure";
import { diagnoseGrid, expectNoThrow, gridsClose } from "../../src/grading/expect";
import { isTodoError, todo } from "../../src/grading/todo";

describe("gridsClose", () => {
  it("compares numbers element by element, treating number[] as a column", () => {
    expect(gridsClose([1, 2], [[1], [2 + 1e-9]])).toBe(true);
    expect(gridsClose([1, 2], [1, 2.1])).toBe(false);
  });

  it("is false for another shape, non-numeric data or non-finite values", () => {
    expect(gridsClose([1, 2], [1, 2, 3])).toBe(false);
    expect(gridsClose([[1, 2]], [[1], [2]])).toBe(false);
    expect(gridsClose("12", [1, 2])).toBe(false);
    expect(gridsClose([Number.NaN], [Number.NaN])).toBe(false);
  });

  it("honours the tolerance", () => {
    expect(gridsClose([1.001], [1], 1e-2)).toBe(true);
    expect(gridsClose([1.001], [1], 1e-6)).toBe(false);
  });
});

describe("diagnoseGrid", () => {
  const mistakes = [
    { value: [2, 4], cause: "doubled" },
    { value: [-1, -2], cause: "negated" },
  ];

  it("names the first mistake whose recomputed answer matches", () => {
    expect(diagnoseGrid([-1, -2], mistakes)).toBe("negated");
  });

  it("says nothing when no mistake reproduces the answer", () => {
    expect(diagnoseGrid([3, 3], mistakes)).toBeUndefined();
    expect(diagnoseGrid(undefined, mistakes)).toBeUndefined();
  });
});

describe("expectNoThrow", () => {
  it("returns the value when the call succeeds", () => {
    expect(expectNoThrow(() => 7, "should not throw", "cause")).toBe(7);
  });

  it("fails the check, naming the thrown error, when the call throws", () => {
    try {
      expectNoThrow(
        () => {
          throw new RangeError("too small");
        },
        "variance([5], 0) threw",
        "compare with ddof",
      );
      expect.unreachable();
    } catch (err) {
      expect(isCheckFailure(err)).toBe(true);
      if (!isCheckFailure(err)) return;
      expect(err.details.message).toBe("variance([5], 0) threw");
      expect(err.details.got).toContain("RangeError: too small");
      expect(err.details.likelyCause).toBe("compare with ddof");
    }
  });

  it("lets a TodoError through, so a stub stays not attempted", () => {
    try {
      expectNoThrow(() => todo(), "m", "c");
      expect.unreachable();
    } catch (err) {
      expect(isTodoError(err)).toBe(true);
    }
  });
});
