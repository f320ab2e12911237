import { describe, expect, it } from "vitest";
import { renderSvg } from "../../src/plot";
import { decisionBoundarySpec } from "../../src/plot/decision-boundary";
import { rocChartSpec } from "../../src/plot/roc-chart";

type Layered = { layer: { data: { values: Record<string, unknown>[] } }[] };

describe("decisionBoundarySpec", () => {
  it("colours a class grid and draws the points inside the window", async () => {
    const spec = decisionBoundarySpec({
      title: "Regions",
      f: (x) => (x > 0 ? 1 : 0),
      xRange: [-1, 1],
      yRange: [-1, 1],
      resolution: 10,
      points: [
        { x: 0.5, y: 0.5, group: "class 1" },
        { x: 3, y: 0, group: "class 0" },
      ],
    }) as unknown as Layered;
    expect(spec.layer).toHaveLength(2); // no highlight layer when nothing is highlighted
    const regions = new Set(spec.layer[0].data.values.map((c) => c.region));
    expect(regions).toEqual(new Set(["class 0", "class 1"]));
    expect(spec.layer[1].data.values).toHaveLength(1);
    expect(await renderSvg(spec as never)).toContain("Regions");
  });

  it("splits scores into bands at the thresholds and rings highlighted points", async () => {
    const spec = decisionBoundarySpec({
      title: "Margins",
      kind: "score",
      thresholds: [1, -1, 0],
      f: (x) => 3 * x,
      xRange: [-1, 1],
      yRange: [0, 1],
      resolution: 8,
      points: [{ x: 0, y: 0.5, highlight: true }],
      highlightLabel: "support vector",
    }) as unknown as Layered;
    const bands = new Set(spec.layer[0].data.values.map((c) => c.region));
    expect(bands).toEqual(new Set(["< -1", "-1 … 0", "0 … 1", "≥ 1"]));
    expect(spec.layer[2].data.values).toEqual([
      { px: 0, py: 0.5, group: "", highlight: true, label: "support vector" },
    ]);
    expect(await renderSvg(spec as never)).toContain("support vector");
  });
});

describe("rocChartSpec", () => {
  it("draws each curve's points in order, with the diagonal", async () => {
    const spec = rocChartSpec({
      title: "ROC",
      curves: { a: { fpr: [0, 0.5, 1], tpr: [0, 1, 1] } },
    }) as unknown as Layered;
    expect(spec.layer[0].data.values).toHaveLength(2);
    expect(spec.layer[1].data.values.map((p) => p.step)).toEqual([0, 1, 2]);
    expect(await renderSvg(spec as never)).toContain("ROC");
  });
});

describe("decision-boundary colours", () => {
  it("gives cluster k's points the hue of region k, with extra groups (centroids) last", () => {
    const spec = decisionBoundarySpec({
      title: "k-means",
      f: (x) => (x < 0 ? 0 : x < 1 ? 1 : 2),
      xRange: [-1, 2],
      yRange: [0, 1],
      resolution: 6,
      points: [
        { x: 1.5, y: 0.5, group: "cluster 2" },
        { x: -0.5, y: 0.5, group: "cluster 0" },
        { x: 0.5, y: 0.5, group: "centroid", highlight: true },
        { x: 0.5, y: 0.4, group: "cluster 1" },
      ],
    }) as unknown as { layer: { encoding: { color?: { scale?: { domain?: string[] } } } }[] };
    expect(spec.layer[0].encoding.color?.scale?.domain).toEqual(["class 0", "class 1", "class 2"]);
    // Before the fix the points' scale sorted "centroid" first, shifting every cluster's colour by one.
    expect(spec.layer[1].encoding.color?.scale?.domain).toEqual([
      "cluster 0",
      "cluster 1",
      "cluster 2",
      "centroid",
    ]);
  });
});
