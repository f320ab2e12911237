import { afterEach, describe, expect, it, vi } from "vitest";
import {
  contourSpec,
  heatmapSpec,
  lineChartSpec,
  renderSvg,
  trainingProgress,
} from "../../src/plot";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("charts render headless to SVG", () => {
  it("line chart with a log axis drops non-positive and non-finite values", async () => {
    const spec = lineChartSpec({
      title: "Loss",
      series: { a: [4, 2, 1, 0, Number.NaN] },
      logY: true,
    });
    expect((spec as { data: { values: unknown[] } }).data.values).toHaveLength(3);
    const svg = await renderSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Loss");
  });

  it("contour plot: a grid of cells plus the path points inside the window", async () => {
    const spec = contourSpec({
      title: "Bowl",
      f: (x, y) => x * x + y * y,
      xRange: [-1, 1],
      yRange: [-1, 1],
      resolution: 10,
      paths: {
        gd: [
          [0.9, 0.9],
          [0.5, 0.5],
          [5, 5],
        ],
      },
    }) as unknown as { layer: { data: { values: unknown[] } }[] };
    expect(spec.layer[0].data.values).toHaveLength(100);
    expect(spec.layer[1].data.values).toHaveLength(2);
    expect(await renderSvg(spec as never)).toContain("Bowl");
  });

  it("heatmap: one cell per matrix entry", () => {
    const spec = heatmapSpec({
      title: "Confusion",
      values: [
        [5, 1],
        [0, 4],
      ],
      rowLabels: ["a", "b"],
      colLabels: ["a", "b"],
    }) as unknown as {
      data: { values: unknown[] };
    };
    expect(spec.data.values).toHaveLength(4);
  });
});

describe("trainingProgress outside a notebook", () => {
  it("records history and prints about 50 lines at most", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const p = trainingProgress({ title: "fit", total: 200 });
    for (let e = 0; e < 200; e++) p.update(e, { loss: 1 / (e + 1) });
    expect(p.history.loss).toHaveLength(200);
    expect(log.mock.calls.length).toBe(50);
    expect(String(log.mock.calls[49][0])).toMatch(/^fit 200\/200 \(.* s\) loss 0\.0050$/);
  });
});
