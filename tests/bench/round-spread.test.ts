import { describe, expect, it } from "vitest";
import { roundRatios } from "../../bench/round-spread";
import type { RunResult } from "../../bench/run-one";

const run = (config: string, round: number, seconds: number | null): RunResult => ({
  model: "cnn",
  config,
  seconds,
  steps: 16,
  extrapolated: false,
  finalLoss: null,
  round,
});

describe("bench: ratio spread over rounds", () => {
  it("takes the fastest run of each side within each round", () => {
    const results = [
      run("wasm", 0, 2.0),
      run("wasm", 0, 1.8),
      run("pytorch-1t", 0, 1.0),
      run("wasm", 1, 2.0),
      run("pytorch-1t", 1, 1.0),
      run("pytorch-1t", 1, 1.1),
    ];
    const { ratios, spread, unstable } = roundRatios(results, "cnn", "wasm", "pytorch-1t");
    expect(ratios).toEqual([1.8, 2.0]);
    expect(spread).toBeCloseTo(2.0 / 1.8 - 1, 12);
    expect(unstable).toBe(false);
  });

  it("flags rounds that disagree by more than 25 %", () => {
    const results = [
      run("wasm", 0, 1.0),
      run("pytorch-1t", 0, 1.0),
      run("wasm", 1, 1.3),
      run("pytorch-1t", 1, 1.0),
    ];
    expect(roundRatios(results, "cnn", "wasm", "pytorch-1t").unstable).toBe(true);
    const calm = [
      run("wasm", 0, 1.0),
      run("pytorch-1t", 0, 1.0),
      run("wasm", 1, 1.2),
      run("pytorch-1t", 1, 1.0),
    ];
    expect(roundRatios(calm, "cnn", "wasm", "pytorch-1t").unstable).toBe(false);
  });

  it("has no spread from one round, and skips failed runs and other models", () => {
    const results = [
      run("wasm", 0, 1.5),
      run("pytorch-1t", 0, 1.0),
      run("wasm", 1, null),
      run("pytorch-1t", 1, 1.0),
      { ...run("wasm", 1, 9), model: "mlp" },
    ];
    expect(roundRatios(results, "cnn", "wasm", "pytorch-1t")).toEqual({
      ratios: [1.5],
      spread: null,
      unstable: false,
    });
  });
});
