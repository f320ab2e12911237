import type { TopLevelSpec } from "vega-lite";
import { showChart } from "./render";

/**
 * Ready-made charts for the labs. Each returns once the chart is shown; each also returns its
 * Vega-Lite spec builder (`…Spec`) so a lab can tweak one and call `showChart` itself.
 */

const WIDTH = 420;
const HEIGHT = 260;

export interface LineChartOptions {
  title: string;
  /** One line per entry: name → y values at x = 0, 1, 2, … (or at `x` when given). */
  series: Record<string, number[]>;
  x?: number[];
  xTitle?: string;
  yTitle?: string;
  /** Log scale for y (loss curves spanning orders of magnitude). Non-positive values are dropped. */
  logY?: boolean;
}

export function lineChartSpec(o: LineChartOptions): TopLevelSpec {
  const values = Object.entries(o.series).flatMap(([name, ys]) =>
    ys
      .map((y, i) => ({ series: name, x: o.x?.[i] ?? i, y }))
      .filter((p) => Number.isFinite(p.y) && (!o.logY || p.y > 0)),
  );
  return {
    title: o.title,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: "line", point: values.length <= 60 },
    encoding: {
      x: { field: "x", type: "quantitative", title: o.xTitle ?? "epoch" },
      y: {
        field: "y",
        type: "quantitative",
        title: o.yTitle ?? "loss",
        scale: o.logY ? { type: "log" } : { zero: false },
      },
      color: { field: "series", type: "nominal", title: null, legend: { labelLimit: 320 } },
    },
  };
}

/** Line chart, e.g. loss curves for several learning rates. */
export async function lineChart(o: LineChartOptions): Promise<void> {
  const last = Object.entries(o.series)
    .map(([name, ys]) => `${name}: ${ys.length ? ys[ys.length - 1].toPrecision(4) : "-"}`)
    .join(", ");
  await showChart(lineChartSpec(o), `[${o.title}] last values — ${last}`);
}

export interface ContourOptions {
  title: string;
  /** The function over the plane, e.g. the loss as a function of two weights. */
  f: (x: number, y: number) => number;
  xRange: [number, number];
  yRange: [number, number];
  /** Grid cells per axis (default 40). */
  resolution?: number;
  /** Paths drawn on top, e.g. the points visited by gradient descent. */
  paths?: Record<string, [number, number][]>;
  xTitle?: string;
  yTitle?: string;
  /**
   * Colour by log10(f − min f) instead of f: shows the shape of valleys whose floor is
   * far above zero, and bowls whose values span orders of magnitude.
   */
  logColor?: boolean;
}

/**
 * A filled-contour picture: the plane coloured in bands of equal f, with paths on top.
 */
export function contourSpec(o: ContourOptions): TopLevelSpec {
  const n = o.resolution ?? 40;
  const [x0, x1] = o.xRange;
  const [y0, y1] = o.yRange;
  const dx = (x1 - x0) / n;
  const dy = (y1 - y0) / n;
  const cells: { x: number; x2: number; y: number; y2: number; f: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = x0 + i * dx;
      const y = y0 + j * dy;
      cells.push({ x, x2: x + dx, y, y2: y + dy, f: o.f(x + dx / 2, y + dy / 2) });
    }
  }
  if (o.logColor) {
    const values = cells.map((c) => c.f).filter(Number.isFinite);
    const lo = Math.min(...values);
    // A floor 1e-4 of the range below the lowest cell keeps the log finite at the minimum.
    const floor = 1e-4 * (Math.max(...values) - lo || 1);
    for (const c of cells) c.f = Math.log10(c.f - lo + floor);
  }
  const pathValues = Object.entries(o.paths ?? {}).flatMap(([name, pts]) =>
    pts
      .filter(([px, py]) => px >= x0 && px <= x1 && py >= y0 && py <= y1)
      .map(([px, py], step) => ({ path: name, px, py, step })),
  );
  const xScale = { domain: [x0, x1], nice: false, zero: false };
  const yScale = { domain: [y0, y1], nice: false, zero: false };
  const bands = {
    data: { values: cells },
    mark: { type: "rect" as const, stroke: null },
    encoding: {
      x: { field: "x", type: "quantitative" as const, scale: xScale, title: o.xTitle ?? "x" },
      x2: { field: "x2" },
      y: { field: "y", type: "quantitative" as const, scale: yScale, title: o.yTitle ?? "y" },
      y2: { field: "y2" },
      color: {
        field: "f",
        type: "quantitative" as const,
        scale: { type: "quantize" as const, scheme: { name: "viridis", count: 12 } },
        title: o.logColor ? "log10(f − min)" : "f",
      },
    },
  };
  const paths = {
    data: { values: pathValues },
    mark: { type: "line" as const, point: { filled: true, size: 18 }, strokeWidth: 2 },
    encoding: {
      x: { field: "px", type: "quantitative" as const, scale: xScale },
      y: { field: "py", type: "quantitative" as const, scale: yScale },
      order: { field: "step", type: "quantitative" as const },
      color: {
        field: "path",
        type: "nominal" as const,
        scale: { scheme: "set1" },
        title: null,
        legend: { labelLimit: 320 },
      },
    },
  };
  return {
    title: o.title,
    width: 360,
    height: 360,
    // An empty path layer would give its colour legend an empty domain: leave it out.
    layer: pathValues.length > 0 ? [bands, paths] : [bands],
    resolve: { scale: { color: "independent" } },
  };
}

export async function contourPlot(o: ContourOptions): Promise<void> {
  const ends = Object.entries(o.paths ?? {})
    .map(([name, pts]) => {
      const end = pts[pts.length - 1];
      return end ? `${name} ends at (${end[0].toFixed(3)}, ${end[1].toFixed(3)})` : name;
    })
    .join("; ");
  await showChart(contourSpec(o), `[${o.title}] ${ends}`);
}

export interface ScatterOptions {
  title: string;
  points: { x: number; y: number; group?: string }[];
  xTitle?: string;
  yTitle?: string;
}

export function scatterSpec(o: ScatterOptions): TopLevelSpec {
  return {
    title: o.title,
    width: WIDTH,
    height: HEIGHT,
    data: { values: o.points.map((p) => ({ ...p, group: p.group ?? "" })) },
    mark: { type: "point", filled: true, opacity: 0.7 },
    encoding: {
      x: { field: "x", type: "quantitative", title: o.xTitle ?? "x", scale: { zero: false } },
      y: { field: "y", type: "quantitative", title: o.yTitle ?? "y", scale: { zero: false } },
      color: { field: "group", type: "nominal", title: null },
    },
  };
}

/** Scatter plot, coloured by group (e.g. a PCA projection coloured by class). */
export async function scatterChart(o: ScatterOptions): Promise<void> {
  await showChart(scatterSpec(o), `[${o.title}] ${o.points.length} points`);
}

export interface BarChartOptions {
  title: string;
  bars: Record<string, number>;
  xTitle?: string;
  yTitle?: string;
}

export function barChartSpec(o: BarChartOptions): TopLevelSpec {
  return {
    title: o.title,
    width: WIDTH,
    height: HEIGHT,
    data: { values: Object.entries(o.bars).map(([label, value]) => ({ label, value })) },
    mark: "bar",
    encoding: {
      x: { field: "label", type: "nominal", sort: null, title: o.xTitle ?? null },
      y: { field: "value", type: "quantitative", title: o.yTitle ?? "value" },
    },
  };
}

export async function barChart(o: BarChartOptions): Promise<void> {
  const text = Object.entries(o.bars)
    .map(([k, v]) => `${k}: ${v.toPrecision(4)}`)
    .join(", ");
  await showChart(barChartSpec(o), `[${o.title}] ${text}`);
}

export interface HeatmapOptions {
  title: string;
  /** values[row][col] */
  values: number[][];
  rowLabels: string[];
  colLabels: string[];
  xTitle?: string;
  yTitle?: string;
}

export function heatmapSpec(o: HeatmapOptions): TopLevelSpec {
  const cells = o.values.flatMap((row, i) =>
    row.map((v, j) => ({ row: o.rowLabels[i], col: o.colLabels[j], v })),
  );
  return {
    title: o.title,
    data: { values: cells },
    encoding: {
      x: { field: "col", type: "ordinal", sort: o.colLabels, title: o.xTitle ?? null },
      y: { field: "row", type: "ordinal", sort: o.rowLabels, title: o.yTitle ?? null },
    },
    layer: [
      {
        mark: "rect",
        encoding: {
          color: { field: "v", type: "quantitative", scale: { scheme: "blues" }, title: null },
        },
      },
      {
        mark: { type: "text", fontSize: 11 },
        encoding: { text: { field: "v", type: "quantitative" } },
      },
    ],
  };
}

/** A labelled heatmap, e.g. a confusion matrix (rows: true class, columns: predicted). */
export async function heatmap(o: HeatmapOptions): Promise<void> {
  const text = o.values.map((r, i) => `${o.rowLabels[i]}: ${r.join(" ")}`).join("\n");
  await showChart(heatmapSpec(o), `[${o.title}]\n${text}`);
}
