export * from "./charts";
export * from "./decision-boundary";
export * from "./progress";
export { renderSvg, showChart } from "./render";
export * from "./roc-chart";
