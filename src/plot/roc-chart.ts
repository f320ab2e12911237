import type { TopLevelSpec } from "vega-lite";
import { showChart } from "./render";

export interface RocChartOptions {
  title: string;
  /** One curve per entry: name → points (fpr[k], tpr[k]) in threshold order, from (0, 0) to (1, 1). */
  curves: Record<string, { fpr: number[]; tpr: number[] }>;
}

/** ROC curves with the diagonal of a random classifier for reference. */
export function rocChartSpec(o: RocChartOptions): TopLevelSpec {
  const values = Object.entries(o.curves).flatMap(([name, c]) =>
    c.fpr.map((fpr, k) => ({ curve: name, fpr, tpr: c.tpr[k], step: k })),
  );
  const axis = (field: string, title: string) => ({
    field,
    type: "quantitative" as const,
    title,
    scale: { domain: [0, 1] },
  });
  return {
    title: o.title,
    width: 320,
    height: 320,
    layer: [
      {
        data: {
          values: [
            { fpr: 0, tpr: 0 },
            { fpr: 1, tpr: 1 },
          ],
        },
        mark: { type: "line", strokeDash: [4, 4], color: "gray" },
        encoding: { x: axis("fpr", "false positive rate"), y: axis("tpr", "true positive rate") },
      },
      {
        data: { values },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: axis("fpr", "false positive rate"),
          y: axis("tpr", "true positive rate"),
          order: { field: "step", type: "quantitative" },
          color: { field: "curve", type: "nominal", title: null },
        },
      },
    ],
  };
}

/** Draws ROC curves (one per entry) against the random-guess diagonal. */
export async function rocChart(o: RocChartOptions): Promise<void> {
  const summary = Object.entries(o.curves)
    .map(([name, c]) => `${name}: ${c.fpr.length} points`)
    .join(", ");
  await showChart(rocChartSpec(o), `[${o.title}] ${summary}`);
}
