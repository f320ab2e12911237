export { showHtml, showSvg } from "./display";
export { type LabHelpers, labHelpers } from "./lab-helpers";
export { showTable } from "./table";
