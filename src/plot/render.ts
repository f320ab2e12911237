import type { TopLevelSpec } from "vega-lite";
import { showSvg } from "../notebook/display";

/**
 * Renders a Vega-Lite spec to an SVG string, headless (no browser, no canvas): ~15 ms for a
 * small chart. vega and vega-lite load on first use.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vega = require("vega") as typeof import("vega");
  const vegaLite = require("vega-lite") as typeof import("vega-lite");
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Draws a chart in the notebook (as SVG). Outside a notebook it prints `textSummary`
 * (or the chart title), so scripts and tests still run.
 */
export async function showChart(spec: TopLevelSpec, textSummary?: string): Promise<void> {
  const svg = await renderSvg(spec);
  const title = typeof spec.title === "string" ? spec.title : "chart";
  showSvg(svg, textSummary ?? `[${title}]`);
}
