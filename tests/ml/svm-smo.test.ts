import { describe, expect, it } from "vitest";
import { solveSvmDual, svmDualObjective } from "../../src/ml/svm-smo";
import { makeMoons } from "../../src/ml/toy-datasets";

const linear = (x: number[][]) =>
  x.map((a) => x.map((b) => a.reduce((s, v, j) => s + v * b[j], 0)));
const rbf = (x: number[][], gamma: number) =>
  x.map((a) => x.map((b) => Math.exp(-gamma * a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0))));

describe("solveSvmDual", () => {
  it("solves two points by hand: α = ½ each, b = 0, dual = ½ (margin lines through both points)", () => {
    const sol = solveSvmDual(linear([[1], [-1]]), [1, -1], 10);
    expect(sol.converged).toBe(true);
    expect(sol.alphas[0]).toBeCloseTo(0.5, 9);
    expect(sol.alphas[1]).toBeCloseTo(0.5, 9);
    expect(sol.b).toBeCloseTo(0, 9);
    expect(sol.dualObjective).toBeCloseTo(0.5, 9);
  });

  it("clips at C, and then takes b from the middle of the allowed interval", () => {
    const sol = solveSvmDual(linear([[1], [-1]]), [1, -1], 0.1);
    expect(sol.alphas).toEqual([0.1, 0.1]);
    expect(sol.b).toBeCloseTo(0, 12);
  });

  it.each([
    ["linear", 0.5, (x: number[][]) => linear(x)],
    ["rbf", 1, (x: number[][]) => rbf(x, 1)],
  ])("meets the KKT conditions on two moons (%s kernel, C = %s)", (_name, C, kernel) => {
    const { x, y: labels } = makeMoons(60, { noise: 0.2, seed: 2 });
    const y = labels.map((v) => (v === 1 ? 1 : -1));
    const K = kernel(x);
    const sol = solveSvmDual(K, y, C);
    expect(sol.converged).toBe(true);
    expect(Math.abs(sol.alphas.reduce((s, a, i) => s + a * y[i], 0))).toBeLessThan(1e-9);
    for (const a of sol.alphas) {
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(C);
    }
    const f = x.map((_, i) => sol.alphas.reduce((s, a, k) => s + a * y[k] * K[k][i], sol.b));
    sol.alphas.forEach((a, i) => {
      const yf = y[i] * f[i];
      if (a < 1e-9) expect(yf).toBeGreaterThan(1 - 1e-4);
      else if (a > C - 1e-9) expect(yf).toBeLessThan(1 + 1e-4);
      else expect(yf).toBeCloseTo(1, 4);
    });
    expect(sol.dualObjective).toBeCloseTo(svmDualObjective(sol.alphas, y, K), 12);
  });

  it("no feasible direction improves the optimum (small random perturbations along Σαy = 0)", () => {
    const { x, y: labels } = makeMoons(40, { noise: 0.2, seed: 5 });
    const y = labels.map((v) => (v === 1 ? 1 : -1));
    const K = rbf(x, 2);
    const sol = solveSvmDual(K, y, 1);
    for (let i = 0; i < 10; i++) {
      const j = (i * 7 + 3) % 40;
      if (i === j) continue;
      const a = [...sol.alphas];
      const step = 1e-3;
      a[i] += step;
      a[j] -= y[i] * y[j] * step; // keeps Σαy = 0
      if (a.every((v) => v >= 0 && v <= 1))
        expect(svmDualObjective(a, y, K)).toBeLessThanOrEqual(sol.dualObjective + 1e-9);
    }
  });

  it.each([
    ["a K of the wrong size", () => solveSvmDual([[1]], [1, -1], 1), /K must be 2×2/],
    ["labels other than ±1", () => solveSvmDual(linear([[1], [2]]), [0, 1], 1), /−1 or \+1/],
    ["C ≤ 0", () => solveSvmDual(linear([[1], [2]]), [1, -1], 0), /C must be positive/],
  ])("rejects %s with a clear message", (_what, call, message) => {
    expect(call).toThrow(message);
  });
});

describe("svmDualObjective", () => {
  it("is Σα − ½ΣΣ αᵢαⱼyᵢyⱼKᵢⱼ", () => {
    // α = [1, 2], y = [1, −1], K = [[2, 1], [1, 3]]: 3 − ½(1·2 − 2·1·2·1 + 4·3) = 3 − ½·10 = −2
    expect(
      svmDualObjective(
        [1, 2],
        [1, -1],
        [
          [2, 1],
          [1, 3],
        ],
      ),
    ).toBeCloseTo(-2, 12);
  });
});
