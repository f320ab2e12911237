/**
 * The competition metrics agree with scikit-learn: tests/fixtures/compete/metrics.json was
 * computed by scripts/compete/make-metric-fixture.py (python3-sklearn 1.2.1).
 */
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { accuracyScore, binaryLogLoss, METRICS, macroF1, rmse } from "../../src/compete/metrics";
import { fromRoot } from "../../src/project-root";

interface Case {
  name: string;
  kind: "labels" | "values" | "probabilities";
  y_true: number[];
  y_pred: number[];
  accuracy?: number;
  macro_f1?: number;
  rmse?: number;
  log_loss?: number;
}

const fixture = JSON.parse(
  fs.readFileSync(fromRoot("tests", "fixtures", "compete", "metrics.json"), "utf8"),
) as { sklearn: string; cases: Case[] };

describe(`competition metrics = scikit-learn ${fixture.sklearn}`, () => {
  it("has cases of every kind", () => {
    const kinds = new Set(fixture.cases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(["labels", "probabilities", "values"]);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    if (c.kind === "labels") {
      expect(accuracyScore(c.y_true, c.y_pred)).toBeCloseTo(c.accuracy!, 12);
      expect(macroF1(c.y_true, c.y_pred)).toBeCloseTo(c.macro_f1!, 12);
    } else if (c.kind === "values") {
      expect(rmse(c.y_true, c.y_pred)).toBeCloseTo(c.rmse!, 10);
    } else {
      expect(binaryLogLoss(c.y_true, c.y_pred)).toBeCloseTo(c.log_loss!, 10);
    }
  });

  it("ranks by the metric's direction", () => {
    expect(METRICS.rmse.higherIsBetter).toBe(false);
    expect(METRICS["log-loss"].higherIsBetter).toBe(false);
    expect(METRICS["macro-f1"].higherIsBetter).toBe(true);
  });

  it("refuses arrays of different lengths", () => {
    expect(() => rmse([1, 2], [1])).toThrow(/2 true values but 1 predictions/);
  });
});
