/**
 * Execute a notebook's code cells top to bottom in a fresh tslab kernel and report what
 * happened, stopping at the first failing cell. Used by tests and `npm run notebooks`.
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { projectRoot } from "../project-root";
import { cellSource, readNotebook } from "./notebook-file";
import { type ExecuteStatus, TslabKernel } from "./tslab-kernel";

/** One executed code cell. Times are wall-clock milliseconds. */
export interface CellRunResult {
  /** Position in the notebook's `cells` list (markdown cells count too), from 0. */
  index: number;
  source: string;
  status: ExecuteStatus;
  stdout: string;
  stderr: string;
  /** Distinct MIME types the cell displayed (e.g. "text/html", "image/svg+xml"). */
  displayMimeTypes: string[];
  /** The text/plain of each display and execute_result, in order. */
  displayTexts: string[];
  /** The kernel's `ename: evalue` and traceback, if it reported an error ("" if none). */
  errorText: string;
  /** The `In [n]` number the kernel gave the cell. */
  executionCount?: number;
  durationMs: number;
}

export interface NotebookRunResult {
  notebookPath: string;
  /** True when every code cell ran with status "ok". */
  ok: boolean;
  /** The executed code cells, in order; the last one is the failure if `ok` is false. */
  cells: CellRunResult[];
  failure?: CellRunResult;
  /** `cells` indexes of code cells never run because an earlier one failed. */
  notRun: number[];
  /** Total number of cells in the notebook (all types). */
  cellCount: number;
  /** From spawning the kernel until it answered. */
  kernelStartMs: number;
  /** Everything, including kernel start and shutdown. */
  totalMs: number;
  /** What the kernel process printed outside of cells (startup problems, crashes). */
  kernelLog: string;
  /** The kernel's process id (it has been shut down or killed by the time you read this). */
  kernelPid: number | undefined;
}

export interface RunNotebookOptions {
  /** Project folder the kernel runs in (imports are relative to it). Default: this project. */
  cwd?: string;
  /** Per-cell limit; a slower cell is interrupted and reported as "timeout". Default 120 s. */
  cellTimeoutMs?: number;
  /** Extra environment variables for the kernel. */
  env?: NodeJS.ProcessEnv;
  /** Called after each cell, e.g. to print progress. */
  onCell?: (cell: CellRunResult) => void;
}

export const DEFAULT_CELL_TIMEOUT_MS = 120_000;

/**
 * Run every code cell of `notebookPath` in order in a new kernel started in `options.cwd`,
 * stop at the first cell that does not end "ok", and always shut the kernel down.
 * Throws only if the notebook cannot be read or the kernel cannot start.
 */
export async function runNotebook(
  notebookPath: string,
  options: RunNotebookOptions = {},
): Promise<NotebookRunResult> {
  const started = performance.now();
  const notebook = readNotebook(notebookPath);
  const codeCells = notebook.cells
    .map((cell, index) => ({ index, source: cellSource(cell), type: cell.cell_type }))
    .filter((c) => c.type === "code" && c.source.trim() !== "");
  const timeoutMs = options.cellTimeoutMs ?? DEFAULT_CELL_TIMEOUT_MS;

  const kernel = await TslabKernel.start({ root: options.cwd ?? projectRoot(), env: options.env });
  const cells: CellRunResult[] = [];
  try {
    for (const { index, source } of codeCells) {
      const outcome = await kernel.execute(source, timeoutMs);
      const cell: CellRunResult = {
        index,
        source,
        status: outcome.status,
        stdout: outcome.stdout,
        // The error report goes with the rest of the error output.
        stderr: outcome.errorText ? `${outcome.stderr}${outcome.errorText}\n` : outcome.stderr,
        displayMimeTypes: outcome.displayMimeTypes,
        displayTexts: outcome.displayTexts,
        errorText: outcome.errorText,
        executionCount: outcome.executionCount,
        durationMs: outcome.durationMs,
      };
      cells.push(cell);
      options.onCell?.(cell);
      if (cell.status !== "ok") break;
    }
  } finally {
    await kernel.shutdown();
  }
  const failure = cells.find((c) => c.status !== "ok");
  return {
    notebookPath,
    ok: failure === undefined,
    cells,
    failure,
    notRun: codeCells.slice(cells.length).map((c) => c.index),
    cellCount: notebook.cells.length,
    kernelStartMs: kernel.startupMs,
    totalMs: performance.now() - started,
    kernelLog: kernel.kernelLog(),
    kernelPid: kernel.pid,
  };
}

const STATUS_TEXT: Record<ExecuteStatus, string> = {
  ok: "succeeded",
  error: "failed",
  abort: "was aborted by the kernel (an earlier request had failed)",
  timeout: "timed out and was interrupted",
  kernel_died: "stopped because the kernel process died",
};

/**
 * A readable report of why a run failed: which cell (number and `cells[]` index), its
 * source, its error output, and how many cells did not run. "" if the run succeeded.
 */
export function formatRunFailure(result: NotebookRunResult): string {
  const cell = result.failure;
  if (!cell) return "";
  const name = path.basename(result.notebookPath);
  const lines = [
    `${name}: cell ${cell.index + 1} of ${result.cellCount} (cells[${cell.index}]) ${STATUS_TEXT[cell.status]} after ${seconds(cell.durationMs)}.`,
    "",
    "Source:",
    indent(cell.source.trimEnd()),
  ];
  const errorText = cleanStack(cell.stderr).trim();
  if (errorText) lines.push("", "Error output:", indent(errorText));
  const lastOutput = cell.stdout.trim().split("\n").slice(-10).join("\n");
  if (lastOutput) lines.push("", "Last printed output:", indent(lastOutput));
  if (cell.status === "kernel_died" && result.kernelLog) {
    lines.push("", "Kernel log:", indent(result.kernelLog));
  }
  if (result.notRun.length > 0) {
    lines.push("", `${result.notRun.length} later code cell(s) did not run.`);
  }
  return lines.join("\n");
}

/** Drop stack frames inside tslab and Node's vm: they say nothing about the notebook. */
function cleanStack(text: string): string {
  return text
    .split("\n")
    .filter(
      (l) =>
        !/^\s+at .*(node_modules[\\/]tslab[\\/]|node:vm|node:internal|sigintHandlersWrap)/.test(l),
    )
    .join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
