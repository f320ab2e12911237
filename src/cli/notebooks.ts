/**
 * `npm run notebooks -- <command>`: run, clean and check the lab notebooks from a terminal,
 * with no Jupyter or Python needed. Run with no command (or `help`) for usage.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { PYTHON_TABLES, renderPythonTable, writePythonCell } from "../course/python";
import {
  findSavedOutputs,
  listNotebooks,
  readNotebook,
  serializeNotebook,
  stripOutputs,
} from "../jupyter/notebook-file";
import {
  type CellRunResult,
  DEFAULT_CELL_TIMEOUT_MS,
  formatRunFailure,
  type NotebookRunResult,
  runNotebook,
} from "../jupyter/run-notebook";
import { withProjectCopy } from "../jupyter/solutions-project";
import { fromRoot, projectRoot } from "../project-root";

const USAGE = `Usage: npm run notebooks -- <command> [options]

  run [notebook...]   execute notebooks top to bottom (default: all in notebooks/) with the
                      reference solutions in place of your labs; prints each cell's time
      --as-is         use your own labs/ files instead of the solutions
      --stubs         use fresh stubs (every exercise unfinished), as a new learner sees them
      --timeout <s>   per-cell time limit in seconds (default ${DEFAULT_CELL_TIMEOUT_MS / 1000})
  strip [file...]     maintainers: remove outputs and execution counts (default: notebooks/*.ipynb)
  check               exit 1 if any notebook in notebooks/ has saved outputs
  python              maintainers: write each lab's "The same in Python" table (src/course/python/)
                      into its notebook

A notebook can be named by number (01), name (gradient-descent), file name or path.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "as-is": { type: "boolean" },
      stubs: { type: "boolean" },
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...args] = positionals;
  switch (values.help ? "help" : command) {
    case undefined:
    case "help":
      console.log(USAGE);
      return 0;
    case "run":
      if (values["as-is"] && values.stubs) throw new Error("Use --as-is or --stubs, not both.");
      return run(args.map(resolveNotebook), {
        labs: values["as-is"] ? "as-is" : values.stubs ? "stubs" : "solutions",
        cellTimeoutMs: parseTimeout(values.timeout),
      });
    case "strip":
      return strip(args.length > 0 ? args.map((a) => path.resolve(a)) : allNotebooks());
    case "check":
      return check(allNotebooks());
    case "python":
      return writePythonTables();
    default:
      throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

/** Put every lab's Python table into its notebook (replacing the generated cell if present). */
function writePythonTables(): number {
  for (const [lab, table] of Object.entries(PYTHON_TABLES)) {
    const file = fromRoot(`notebooks/${lab}.ipynb`);
    const notebook = readNotebook(file);
    const changed = writePythonCell(notebook, renderPythonTable(table), `python-equivalents`);
    if (changed) fs.writeFileSync(file, serializeNotebook(notebook));
    console.log(`${changed ? "updated  " : "unchanged"} notebooks/${lab}.ipynb`);
  }
  return 0;
}

function allNotebooks(): string[] {
  return listNotebooks(fromRoot("notebooks"));
}

/** A path to an existing .ipynb, or the one notebook in notebooks/ that `name` identifies. */
function resolveNotebook(name: string): string {
  if (name.endsWith(".ipynb") && fs.existsSync(name)) return path.resolve(name);
  const all = allNotebooks();
  const base = (file: string) => path.basename(file, ".ipynb");
  const exact = all.filter((f) => base(f) === name || path.basename(f) === name);
  const matches =
    exact.length > 0
      ? exact
      : all.filter((f) => base(f).startsWith(`${name}-`) || base(f).endsWith(`-${name}`));
  if (matches.length === 1) return matches[0];
  const known = all.map((f) => `  ${path.basename(f)}`).join("\n") || "  (none yet)";
  if (matches.length === 0) throw new Error(`No notebook matches "${name}". Notebooks:\n${known}`);
  throw new Error(
    `"${name}" matches several notebooks; be more specific:\n${matches.map((f) => `  ${path.basename(f)}`).join("\n")}`,
  );
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CELL_TIMEOUT_MS;
  const secondsValue = Number(text);
  if (!Number.isFinite(secondsValue) || secondsValue <= 0) {
    throw new Error(`--timeout must be a positive number of seconds, got "${text}".`);
  }
  return secondsValue * 1000;
}

async function run(
  notebooks: string[],
  options: { labs: "as-is" | "solutions" | "stubs"; cellTimeoutMs: number },
): Promise<number> {
  if (notebooks.length === 0) notebooks = allNotebooks();
  if (notebooks.length === 0) {
    console.log("No notebooks in notebooks/ yet.");
    return 0;
  }
  const root = projectRoot();
  const runAll = async (cwd: string): Promise<NotebookRunResult[]> => {
    const results: NotebookRunResult[] = [];
    for (const file of notebooks) {
      // Run the copy's notebook when there is one (same content, inside the copied project).
      const inCopy = path.join(cwd, path.relative(root, file));
      const target = isInside(root, file) && fs.existsSync(inCopy) ? inCopy : file;
      console.log(`\n${path.relative(root, file)}`);
      const result = await runNotebook(target, {
        cwd,
        cellTimeoutMs: options.cellTimeoutMs,
        // With the reference solutions every check must pass: a card that is not "passed" throws.
        env: options.labs === "solutions" ? { ML_LABS_STRICT_CHECKS: "1" } : {},
        onCell: printCell,
      });
      console.log(summary(result));
      if (!result.ok) console.log(`\n${formatRunFailure(result)}`);
      results.push(result);
    }
    return results;
  };
  console.log(LABS_MESSAGE[options.labs]);
  const results =
    options.labs === "as-is" ? await runAll(root) : await withProjectCopy(options.labs, runAll);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\n${results.length - failed} of ${results.length} notebook(s) ran without errors.`);
  return failed === 0 ? 0 : 1;
}

const LABS_MESSAGE = {
  "as-is": "Running with your own labs/ files.",
  solutions:
    "Running with the reference solutions in labs/ (a temporary copy of the project; your files are not touched).",
  stubs:
    "Running with fresh stubs in labs/ (a temporary copy of the project; your files are not touched).",
};

function printCell(cell: CellRunResult): void {
  // "⏭": the cell needs an exercise that is not implemented yet (see src/jupyter/kernel/todo-skips.ts).
  const skipped = cell.displayTexts.some((t) => t.startsWith("⏭"));
  const mark = cell.status !== "ok" ? "✘" : skipped ? "⏭" : "✔";
  const firstLine = cell.source.trim().split("\n")[0].slice(0, 60);
  const label = `cells[${cell.index}]`.padEnd(10);
  console.log(`  ${mark} ${label} ${seconds(cell.durationMs).padStart(8)}  ${firstLine}`);
}

function summary(result: NotebookRunResult): string {
  const cellTime = result.cells.reduce((sum, c) => sum + c.durationMs, 0);
  const verdict = result.ok ? "✔ all cells succeeded" : "✘ stopped at the first failing cell";
  return `  ${verdict}: ${result.cells.length} code cell(s) in ${seconds(cellTime)}; kernel start ${seconds(result.kernelStartMs)}, total ${seconds(result.totalMs)}`;
}

function strip(files: string[]): number {
  for (const file of files) {
    const { notebook, changedCells } = stripOutputs(readNotebook(file));
    const name = path.relative(process.cwd(), file);
    if (changedCells.length === 0) {
      console.log(`${name}: already clean`);
      continue;
    }
    fs.writeFileSync(file, serializeNotebook(notebook));
    console.log(`${name}: removed outputs from ${changedCells.length} cell(s)`);
  }
  return 0;
}

function check(files: string[]): number {
  let dirty = 0;
  for (const file of files) {
    const problems = findSavedOutputs(readNotebook(file));
    if (problems.length > 0) dirty++;
    for (const p of problems)
      console.log(`${path.relative(projectRoot(), file)} cells[${p.cellIndex}]: ${p.problem}`);
  }
  if (dirty === 0) {
    console.log(`${files.length} notebook(s) checked: no saved outputs.`);
    return 0;
  }
  console.log(
    `\n${dirty} notebook(s) have saved outputs. Clean them with: npm run notebooks -- strip`,
  );
  return 1;
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

// Ctrl+C: exit normally so exit hooks kill the kernel and delete the temporary project copy.
process.on("SIGINT", () => {
  console.error("\nInterrupted.");
  process.exit(130);
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
