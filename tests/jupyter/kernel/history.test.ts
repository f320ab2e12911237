import { describe, expect, it } from "vitest";
import { KernelHistory } from "../../../src/jupyter/kernel/history";

function sample(): KernelHistory {
  const h = new KernelHistory();
  h.add(1, "1 + 2", "3");
  h.add(2, "const x = 1;");
  h.add(3, "1 + 2", "3");
  h.add(4, "x * 10", "10");
  return h;
}

describe("KernelHistory", () => {
  it("answers tail requests, with outputs on request", () => {
    expect(sample().query({ hist_access_type: "tail", n: 2 })).toEqual([
      [1, 3, "1 + 2"],
      [1, 4, "x * 10"],
    ]);
    expect(sample().query({ hist_access_type: "tail", n: 1, output: true })).toEqual([
      [1, 4, ["x * 10", "10"]],
    ]);
  });

  it("answers range requests by execution count, stop excluded", () => {
    expect(sample().query({ hist_access_type: "range", session: 1, start: 2, stop: 4 })).toEqual([
      [1, 2, "const x = 1;"],
      [1, 3, "1 + 2"],
    ]);
  });

  it("answers glob searches, unique and limited to the last n", () => {
    const h = sample();
    expect(h.query({ hist_access_type: "search", pattern: "1 + *" }).map((e) => e[1])).toEqual([
      1, 3,
    ]);
    expect(
      h.query({ hist_access_type: "search", pattern: "1 + *", unique: true }).map((e) => e[1]),
    ).toEqual([3]);
    expect(h.query({ hist_access_type: "search", pattern: "*", n: 1 }).map((e) => e[1])).toEqual([
      4,
    ]);
    expect(h.query({ hist_access_type: "search", pattern: "x?*" })).toEqual([[1, 4, "x * 10"]]);
  });
});
