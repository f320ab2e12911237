export * from "./charts";
export * from "./progress";
export { renderSvg, showChart } from "./render";
export * from "./decision-boundary";
export * from "./roc-chart";
