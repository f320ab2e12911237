/**
 * Installs our fixes into the tslab loaded in this process (never by editing node_modules):
 * the launcher calls `patchTslab(root)` before starting tslab's main().
 */
import * as path from "node:path";
import { type CellExecutor, captureCellOutcomes } from "./cell-executor";
import { ExecuteEngine } from "./execute-request";
import { KernelHistory } from "./history";
import { type JupyterModule, patchProtocol } from "./protocol";
import { manifestExerciseFinder, SkipTracker } from "./todo-skips";

export function patchTslab(root: string): void {
  const dist = path.join(
    path.dirname(require.resolve("tslab/package.json", { paths: [root] })),
    "dist",
  );
  const executorModule = require(path.join(dist, "executor.js"));
  const jupyter = require(path.join(dist, "jupyter.js")) as JupyterModule;

  let executor: CellExecutor | undefined;
  captureCellOutcomes(executorModule);
  const createExecutor = executorModule.createExecutor;
  // tslab creates exactly one executor (in main.js startKernel); keep a handle on it.
  executorModule.createExecutor = (...args: unknown[]) => {
    executor = createExecutor(...args);
    return executor;
  };

  const history = new KernelHistory();
  const engine = new ExecuteEngine({
    executor: {
      runCell: (code) => {
        if (!executor) throw new Error("tslab has not created its executor yet");
        return executor.runCell(code);
      },
    },
    history,
    skips: new SkipTracker(root, manifestExerciseFinder(root)),
    root,
    setDisplayTarget: (write) => {
      jupyter.lastWriteDisplayData = write;
    },
  });
  patchProtocol(jupyter, engine, history);
}
