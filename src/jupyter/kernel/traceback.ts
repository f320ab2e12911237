/**
 * Turns what a cell threw into the `ename` / `evalue` / `traceback` of a Jupyter error:
 * only the frames a learner can act on (their cell, labs/, the project's own src/), never
 * tslab's, Node's or a package's.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface KernelError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** tslab runs a cell's compiled code in a vm script with this file name. */
const CELL_FILE = "evalmachine.<anonymous>";
/** Our kernel patches: the frames that call a cell, never interesting to a learner. */
const KERNEL_DIR = "src/jupyter/";
/** `    at fn (file:line:col)` or `    at file:line:col`, possibly `async`. */
const FRAME = /^\s*at (?:(async )?(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/** The error a cell threw (any value), as a short Jupyter error. */
export function kernelErrorFrom(thrown: unknown, root: string): KernelError {
  const ename = thrown instanceof Error ? thrown.name || "Error" : "Error";
  const evalue = thrown instanceof Error ? thrown.message : `uncaught value: ${safeString(thrown)}`;
  const stack = thrown instanceof Error && typeof thrown.stack === "string" ? thrown.stack : "";
  return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...learnerFrames(stack, root)] };
}

/** TypeScript diagnostics of a cell (tslab refuses to run it), as one error. */
export function compileErrorFrom(diagnostics: string[]): KernelError {
  const plural = diagnostics.length === 1 ? "" : "s";
  return {
    ename: "TypeScript",
    evalue: `${diagnostics.length} compile error${plural}: ${diagnostics[0] ?? ""}`,
    traceback: [
      `TypeScript: the cell did not compile (${diagnostics.length} error${plural}):`,
      ...diagnostics.map((d) => `  ${d}`),
    ],
  };
}

/**
 * The stack frames worth showing, as `    at fn (where)`. A cell's code has no useful line
 * numbers (it is compiled), and tslab compiles imported lab files to JavaScript in memory,
 * so for those we name the .ts file without a line.
 */
export function learnerFrames(stack: string, root: string): string[] {
  const frames: string[] = [];
  for (const line of stack.split("\n")) {
    const m = FRAME.exec(line);
    if (!m) continue;
    const [, isAsync = "", fn = "", file, lineNo, col] = m;
    const where = describeLocation(file, Number(lineNo), Number(col), root);
    if (where === undefined) continue;
    const name = fn.replace(/^Object\./, "");
    const shown = name ? `at ${isAsync}${name} (${where})` : `at ${isAsync}${where}`;
    // The cell's own wrapper functions add "at this cell" twice or more: keep one.
    if (frames[frames.length - 1] !== `    ${shown}`) frames.push(`    ${shown}`);
  }
  return frames;
}

function describeLocation(
  file: string,
  line: number,
  col: number,
  root: string,
): string | undefined {
  if (file === CELL_FILE) return "this cell";
  if (!path.isAbsolute(file)) return undefined; // node:internal, native, vm wrappers
  const rel = path.relative(root, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  if (rel.split(/[\\/]/).includes("node_modules")) return undefined;
  const shown = rel.split(path.sep).join("/");
  if (shown.startsWith(KERNEL_DIR)) return undefined; // this kernel's own code

  if (shown.endsWith(".js") && !fs.existsSync(file)) {
    const ts = `${file.slice(0, -3)}.ts`;
    if (fs.existsSync(ts)) return shown.replace(/\.js$/, ".ts");
  }
  return `${shown}:${line}:${col}`;
}

function safeString(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}
