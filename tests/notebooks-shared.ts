/** What the two notebook test files share: the notebooks and their time limits. */
import * as path from "node:path";
import { listNotebooks } from "../src/jupyter/notebook-file";
import { fromRoot } from "../src/project-root";

export const notebooks = listNotebooks(fromRoot("notebooks")).map((file) => path.basename(file));
/** Per notebook: kernel start + every cell (training cells are slow on 2 cores). */
export const NOTEBOOK_TIMEOUT_MS = 5 * 60_000;
export const CELL_TIMEOUT_MS = 3 * 60_000;
