import { describe, expect, it } from "vitest";
import { driftChartSpec, psiBands } from "../../src/plot/drift-chart";
import { renderSvg } from "../../src/plot/render";

describe("driftChartSpec", () => {
  it("draws the bands behind the lines, markers as rules, and renders to SVG", async () => {
    const spec = driftChartSpec({
      title: "PSI per batch",
      series: { PSI: [0.05, 0.12, Number.NaN, 0.4] },
      yTitle: "PSI",
      bands: psiBands(0.4),
      markers: [{ batch: 3.5, label: "promoted" }],
    }) as unknown as { layer: { mark: { type: string }; data: { values: unknown[] } }[] };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["rect", "rule", "text", "line"]);
    expect(spec.layer[0].data.values).toHaveLength(3);
    // Non-finite values are left out of the line.
    expect(spec.layer[3].data.values).toHaveLength(3);
    const svg = await renderSvg(spec as never);
    expect(svg).toContain("<svg");
    expect(svg).toContain("major (&gt; 0.25)");
  });

  it("psiBands follows the 0.1 / 0.25 convention and reaches the top of the data", () => {
    const bands = psiBands(1.7);
    expect(bands.map((b) => [b.from, b.to])).toEqual([
      [0, 0.1],
      [0.1, 0.25],
      [0.25, 1.7],
    ]);
    expect(psiBands(0.05)[2].to).toBe(0.3);
  });
});
