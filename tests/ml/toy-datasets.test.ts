import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/data";
import { gaussian, makeBlobs, makeCircles, makeMoons } from "../../src/ml/toy-datasets";

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

describe("toy datasets", () => {
  it.each([
    ["makeMoons", (seed: number) => makeMoons(101, { seed })],
    ["makeCircles", (seed: number) => makeCircles(101, { seed })],
    [
      "makeBlobs",
      (seed: number) =>
        makeBlobs(101, {
          centers: [
            [0, 0],
            [5, 5],
          ],
          seed,
        }),
    ],
  ])("%s: n rows of 2 features, classes differing in size by at most one, seeded", (_name, make) => {
    const a = make(1);
    expect(a.x).toHaveLength(101);
    expect(a.x.every((r) => r.length === 2 && r.every(Number.isFinite))).toBe(true);
    const counts = [0, 1].map((c) => a.y.filter((v) => v === c).length);
    expect(Math.abs(counts[0] - counts[1])).toBeLessThanOrEqual(1);
    expect(make(1)).toEqual(a);
    expect(make(2).x).not.toEqual(a.x);
  });

  it("makeMoons without noise lies exactly on the two half circles", () => {
    const { x, y } = makeMoons(20, { noise: 0 });
    x.forEach(([px, py], i) => {
      const [cx, cy] = y[i] === 0 ? [0, 0] : [1, 0.5];
      expect(Math.hypot(px - cx, py - cy)).toBeCloseTo(1, 12);
      expect(y[i] === 0 ? py >= -1e-12 : py <= 0.5 + 1e-12).toBe(true);
    });
  });

  it("makeCircles without noise puts class 1 on the inner circle of radius `factor`", () => {
    const { x, y } = makeCircles(40, { noise: 0, factor: 0.3 });
    x.forEach(([px, py], i) => {
      expect(Math.hypot(px, py)).toBeCloseTo(y[i] === 1 ? 0.3 : 1, 12);
    });
  });

  it("makeBlobs spreads points round their centres", () => {
    const { x, y } = makeBlobs(3000, {
      centers: [
        [0, 0],
        [10, -4],
        [3, 3],
      ],
      spread: 0.5,
      seed: 3,
    });
    [
      [0, 0],
      [10, -4],
      [3, 3],
    ].forEach((c, k) => {
      const members = x.filter((_, i) => y[i] === k);
      expect(mean(members.map((r) => r[0]))).toBeCloseTo(c[0], 1);
      expect(mean(members.map((r) => r[1]))).toBeCloseTo(c[1], 1);
    });
  });

  it("gaussian draws have mean ≈ 0 and variance ≈ 1", () => {
    const random = seededRandom(9);
    const draws = Array.from({ length: 20000 }, () => gaussian(random));
    const m = mean(draws);
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(mean(draws.map((d) => (d - m) ** 2))).toBeCloseTo(1, 1);
  });

  it.each([
    ["makeMoons(1)", () => makeMoons(1), /n must be an integer ≥ 2/],
    ["makeCircles(2.5)", () => makeCircles(2.5), /n must be an integer ≥ 2/],
    ["makeBlobs with no centres", () => makeBlobs(10, { centers: [] }), /at least one centre/],
  ])("%s throws a clear error", (_what, call, message) => {
    expect(call).toThrow(message);
  });
});
