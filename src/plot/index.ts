export * from "./charts";
export * from "./progress";
export { renderSvg, showChart } from "./render";
