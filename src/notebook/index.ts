export { labHelpers, type LabHelpers } from "./lab-helpers";
export { showHtml, showSvg } from "./display";
export { showTable } from "./table";
