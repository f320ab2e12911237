/**
 * Reading, checking and cleaning `.ipynb` files (nbformat 4) without Jupyter.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  metadata: Record<string, unknown>;
  /** One string, or a list of lines (each keeps its "\n"), as Jupyter saves it. */
  source: string | string[];
  /** Code cells only. */
  outputs?: unknown[];
  /** Code cells only; null when never run. */
  execution_count?: number | null;
  [other: string]: unknown;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** Parse a notebook file; a clear error names the file if it is not an nbformat 4 notebook. */
export function readNotebook(file: string): Notebook {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Cannot read notebook ${file}: ${reason}`);
  }
  const nb = data as Partial<Notebook> | null;
  if (!nb || typeof nb !== "object" || !Array.isArray(nb.cells) || nb.nbformat !== 4) {
    throw new Error(
      `${file} is not a Jupyter notebook in nbformat 4 (expected "nbformat": 4 and a "cells" list).`,
    );
  }
  nb.cells.forEach((cell, i) => {
    if (!cell || !["code", "markdown", "raw"].includes(cell.cell_type)) {
      throw new Error(`${file}: cells[${i}] has no valid cell_type.`);
    }
  });
  return nb as Notebook;
}

/** A cell's source as one string. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Something a committed notebook should not contain. `cellIndex` indexes `notebook.cells`. */
export interface OutputProblem {
  cellIndex: number;
  problem: string;
}

/** Saved outputs and execution counts: notebooks are committed clean so diffs stay readable. */
export function findSavedOutputs(nb: Notebook): OutputProblem[] {
  const problems: OutputProblem[] = [];
  nb.cells.forEach((cell, cellIndex) => {
    if (cell.cell_type !== "code") return;
    if (Array.isArray(cell.outputs) && cell.outputs.length > 0) {
      problems.push({ cellIndex, problem: `${cell.outputs.length} saved output(s)` });
    }
    if (cell.execution_count !== null && cell.execution_count !== undefined) {
      problems.push({ cellIndex, problem: `execution_count is ${cell.execution_count}, not null` });
    }
  });
  return problems;
}

/**
 * A copy of `nb` with every code cell's outputs removed and execution_count reset to null.
 * Metadata (notebook and cells) is kept. `changedCells` lists the cells that had either.
 */
export function stripOutputs(nb: Notebook): { notebook: Notebook; changedCells: number[] } {
  const changedCells = [...new Set(findSavedOutputs(nb).map((p) => p.cellIndex))];
  const cells = nb.cells.map((cell) =>
    cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : cell,
  );
  return { notebook: { ...nb, cells }, changedCells };
}

/** Jupyter's own file format (sorted keys, one-space indent, final newline), so diffs stay small. */
export function serializeNotebook(nb: Notebook): string {
  return `${JSON.stringify(sortKeys(nb), null, 1)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** The `.ipynb` files directly in `dir`, sorted by name (empty if the folder is missing). */
export function listNotebooks(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => path.join(dir, f));
}
