import { describe, expect, it } from "vitest";
import { accuracy, argmax, confusionMatrix } from "../../src/ml/metrics";

describe("metrics helpers", () => {
  it("accuracy is the fraction of equal labels", () => {
    expect(accuracy([0, 1, 1, 2], [0, 1, 0, 2])).toBe(0.75);
    expect(() => accuracy([0, 1], [0])).toThrow("yTrue has 2 labels but yPred has 1");
    expect(() => accuracy([], [])).toThrow("no labels");
  });

  it.each([
    { values: [1, 3, 2], index: 1 },
    { values: [5, 5, 1], index: 0 },
    { values: [], index: -1 },
  ])("argmax($values) = $index (ties → first)", ({ values, index }) => {
    expect(argmax(values)).toBe(index);
  });

  it("confusion matrix counts rows = true class, columns = predicted", () => {
    expect(confusionMatrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3)).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow("label pair (3, 1) at index 1");
  });
});
