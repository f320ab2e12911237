import type { TopLevelSpec } from "vega-lite";
import { showChart } from "./render";

/** A shaded horizontal band of a monitoring chart, e.g. PSI 0.1 – 0.25 "moderate". */
export interface Band {
  from: number;
  to: number;
  label: string;
  color: string;
}

export interface DriftChartOptions {
  title: string;
  /** One line per entry: name → a value per batch (batch 0, 1, …). */
  series: Record<string, number[]>;
  yTitle: string;
  /** Shaded bands behind the lines (default none). */
  bands?: Band[];
  /** Batches to mark with a vertical rule, e.g. where a retrained model was promoted. */
  markers?: { batch: number; label: string }[];
  /** Fixed y range (default: from the data and the bands). */
  yDomain?: [number, number];
}

/** The usual PSI bands: < 0.1 stable, 0.1 – 0.25 moderate, > 0.25 major (up to `top`). */
export function psiBands(top: number): Band[] {
  return [
    { from: 0, to: 0.1, label: "stable (< 0.1)", color: "#2ca02c" },
    { from: 0.1, to: 0.25, label: "moderate (0.1 – 0.25)", color: "#ff7f0e" },
    { from: 0.25, to: Math.max(top, 0.3), label: "major (> 0.25)", color: "#d62728" },
  ];
}

/** A metric per batch over shaded threshold bands, with optional event markers. */
export function driftChartSpec(o: DriftChartOptions): TopLevelSpec {
  const values = Object.entries(o.series).flatMap(([name, ys]) =>
    ys.map((y, batch) => ({ series: name, batch, y })).filter((p) => Number.isFinite(p.y)),
  );
  const y = {
    field: "y",
    type: "quantitative" as const,
    title: o.yTitle,
    ...(o.yDomain ? { scale: { domain: o.yDomain } } : {}),
  };
  const layers: object[] = [];
  if (o.bands?.length) {
    layers.push({
      data: { values: o.bands.map((b) => ({ ...b, y: b.from, y2: b.to })) },
      mark: { type: "rect", opacity: 0.14 },
      encoding: {
        y,
        y2: { field: "y2" },
        color: {
          field: "label",
          type: "nominal",
          title: null,
          scale: { domain: o.bands.map((b) => b.label), range: o.bands.map((b) => b.color) },
          legend: { orient: "bottom" },
        },
      },
    });
  }
  if (o.markers?.length) {
    layers.push({
      data: { values: o.markers },
      mark: { type: "rule", strokeDash: [4, 3], color: "#555" },
      encoding: { x: { field: "batch", type: "quantitative" } },
    });
    layers.push({
      data: { values: o.markers },
      mark: { type: "text", align: "left", dx: 3, dy: -4, baseline: "top", color: "#333" },
      encoding: {
        x: { field: "batch", type: "quantitative" },
        y: { value: 4 },
        text: { field: "label" },
      },
    });
  }
  layers.push({
    data: { values },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "batch", type: "quantitative", title: "batch", axis: { tickMinStep: 1 } },
      y,
      strokeDash: { field: "series", type: "nominal", title: null, legend: { labelLimit: 320 } },
    },
  });
  return {
    title: o.title,
    width: 460,
    height: 240,
    layer: layers,
    resolve: { scale: { color: "independent" } },
  } as TopLevelSpec;
}

/** Draws a metric per batch over threshold bands (e.g. PSI with its 0.1 / 0.25 bands). */
export async function driftChart(o: DriftChartOptions): Promise<void> {
  const last = Object.entries(o.series)
    .map(([name, ys]) => `${name}: ${ys.map((v) => v.toFixed(3)).join(" ")}`)
    .join("; ");
  await showChart(driftChartSpec(o), `[${o.title}] per batch — ${last}`);
}
