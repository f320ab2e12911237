import type { TopLevelSpec } from "vega-lite";
import { showChart } from "./render";

/**
 * A classifier's decision regions over a 2-D plane, with the data on top: the picture for
 * logistic regression, trees, SVMs (margins) and k-means (cluster regions).
 */
export interface DecisionBoundaryOptions {
  title: string;
  /** The model's output at a point: a class id (kind "class") or a real-valued score (kind "score"). */
  f: (x: number, y: number) => number;
  /** "class" (default): one colour per class. "score": colour bands split at `thresholds`. */
  kind?: "class" | "score";
  /** For kind "score": where the colour changes (default [0]; an SVM's margins: [-1, 0, 1]). */
  thresholds?: number[];
  xRange: [number, number];
  yRange: [number, number];
  /** Grid cells per axis (default 60). */
  resolution?: number;
  /** Data points, coloured by `group`; `highlight` draws a ring round a point (e.g. a support vector). */
  points?: { x: number; y: number; group?: string; highlight?: boolean }[];
  /** Legend title for the highlighted points (default "highlighted"). */
  highlightLabel?: string;
  xTitle?: string;
  yTitle?: string;
}

/** The region label of a score: "< t0", "t0 … t1", …, "≥ tk". */
function band(value: number, thresholds: number[]): string {
  const i = thresholds.findIndex((t) => value < t);
  if (i === 0) return `< ${thresholds[0]}`;
  if (i < 0) return `≥ ${thresholds[thresholds.length - 1]}`;
  return `${thresholds[i - 1]} … ${thresholds[i]}`;
}

function bandLabels(thresholds: number[]): string[] {
  const labels = [`< ${thresholds[0]}`];
  for (let i = 1; i < thresholds.length; i++)
    labels.push(`${thresholds[i - 1]} … ${thresholds[i]}`);
  labels.push(`≥ ${thresholds[thresholds.length - 1]}`);
  return labels;
}

/** Labels ordered by their trailing number ("class 2" before "class 10"); others last, by name. */
export function byClassNumber(labels: string[]): string[] {
  const num = (l: string) => {
    const m = l.match(/(-?\d+(?:\.\d+)?)\s*$/);
    return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
  };
  return [...labels].sort((a, b) => num(a) - num(b) || a.localeCompare(b));
}

export function decisionBoundarySpec(o: DecisionBoundaryOptions): TopLevelSpec {
  const n = o.resolution ?? 60;
  const [x0, x1] = o.xRange;
  const [y0, y1] = o.yRange;
  const dx = (x1 - x0) / n;
  const dy = (y1 - y0) / n;
  const kind = o.kind ?? "class";
  const thresholds = [...(o.thresholds ?? [0])].sort((a, b) => a - b);
  const cells: { x: number; x2: number; y: number; y2: number; region: string }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = x0 + i * dx;
      const y = y0 + j * dy;
      const value = o.f(x + dx / 2, y + dy / 2);
      const region = kind === "score" ? band(value, thresholds) : `class ${value}`;
      cells.push({ x, x2: x + dx, y, y2: y + dy, region });
    }
  }
  const xScale = { domain: [x0, x1], nice: false, zero: false };
  const yScale = { domain: [y0, y1], nice: false, zero: false };
  const regionColor =
    kind === "score"
      ? {
          field: "region",
          type: "ordinal" as const,
          sort: bandLabels(thresholds),
          scale: {
            domain: bandLabels(thresholds),
            scheme: { name: "redblue", count: thresholds.length + 1 },
          },
          title: "score",
        }
      : {
          field: "region",
          type: "nominal" as const,
          scale: {
            domain: byClassNumber([...new Set(cells.map((c) => c.region))]),
            scheme: "pastel1",
          },
          title: "region",
        };
  const points = (o.points ?? []).filter((p) => p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1);
  const data = points.map((p) => ({
    px: p.x,
    py: p.y,
    group: p.group ?? "",
    highlight: p.highlight === true,
  }));
  const label = o.highlightLabel ?? "highlighted";
  const highlighted = data.filter((p) => p.highlight).map((p) => ({ ...p, label }));
  return {
    title: o.title,
    width: 360,
    height: 360,
    layer: [
      {
        data: { values: cells },
        mark: { type: "rect", stroke: null, opacity: 0.75 },
        encoding: {
          x: { field: "x", type: "quantitative", scale: xScale, title: o.xTitle ?? "x₁" },
          x2: { field: "x2" },
          y: { field: "y", type: "quantitative", scale: yScale, title: o.yTitle ?? "x₂" },
          y2: { field: "y2" },
          color: regionColor,
        },
      },
      {
        data: { values: data },
        mark: {
          type: "point",
          filled: true,
          size: 28,
          opacity: 0.9,
          stroke: "black",
          strokeWidth: 0.4,
        },
        encoding: {
          x: { field: "px", type: "quantitative", scale: xScale },
          y: { field: "py", type: "quantitative", scale: yScale },
          // Same order as the regions (pastel1 is set1's light twin), so "cluster 2" sits on
          // the colour of region "class 2"; groups without a number come last.
          color: {
            field: "group",
            type: "nominal",
            scale: {
              domain: byClassNumber([...new Set(data.map((p) => p.group))]),
              scheme: "set1",
            },
            title: "data",
          },
        },
      },
      // Only when something is highlighted: an empty legend breaks the chart's layout.
      ...(highlighted.length === 0
        ? []
        : [
            {
              data: { values: highlighted },
              mark: { type: "point" as const, filled: false, size: 140, strokeWidth: 1.5 },
              encoding: {
                x: { field: "px", type: "quantitative" as const, scale: xScale },
                y: { field: "py", type: "quantitative" as const, scale: yScale },
                shape: { field: "label", type: "nominal" as const, title: null },
                stroke: { value: "black" },
              },
            },
          ]),
    ],
    resolve: { scale: { color: "independent" } },
  };
}

/** Draws decision regions with the data on top (see DecisionBoundaryOptions). */
export async function decisionBoundaryPlot(o: DecisionBoundaryOptions): Promise<void> {
  const highlighted = (o.points ?? []).filter((p) => p.highlight).length;
  const extra = highlighted > 0 ? `, ${highlighted} ${o.highlightLabel ?? "highlighted"}` : "";
  await showChart(
    decisionBoundarySpec(o),
    `[${o.title}] ${(o.points ?? []).length} points${extra}`,
  );
}
