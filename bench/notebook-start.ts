/**
 * `npm run bench -- notebook-start`: how long a learner waits when opening each notebook.
 * For every notebook in notebooks/, a fresh kernel (src/jupyter/tslab-kernel.ts) is started
 * and the notebook's first code cell is run at once; kernel start-to-ready and that cell are
 * timed, with the fast start (src/jupyter/kernel/fast-start.ts) and without it
 * (ML_LABS_FAST_START=0), alternating so a burst of load hits both sides alike. Medians of
 * `--runs` runs. A cold run (declaration cache deleted first) shows the once-per-change cost.
 *
 *   npm run bench -- notebook-start [--runs 3] [--notebooks 01,04] [--idle-ms 3000] [--no-cold]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { CACHE_DIR } from "../src/jupyter/kernel/declaration-cache";
import { FAST_START_ENV } from "../src/jupyter/kernel/fast-start";
import { cellSource, listNotebooks, readNotebook } from "../src/jupyter/notebook-file";
import { TslabKernel } from "../src/jupyter/tslab-kernel";
import { fromRoot } from "../src/project-root";

const CELL_TIMEOUT_MS = 180_000;

interface Sample {
  notebook: string;
  mode: "fast" | "plain" | "fast-idle" | "fast-cold";
  kernelStartMs: number;
  firstCellMs: number;
  status: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function firstCodeCell(notebookPath: string): string {
  const cell = readNotebook(notebookPath).cells.find(
    (c) => c.cell_type === "code" && cellSource(c).trim() !== "",
  );
  if (!cell) throw new Error(`${notebookPath} has no code cell.`);
  return cellSource(cell);
}

async function measure(
  notebookPath: string,
  mode: Sample["mode"],
  idleMs: number,
): Promise<Sample> {
  const source = firstCodeCell(notebookPath);
  if (mode === "fast-cold") fs.rmSync(fromRoot(CACHE_DIR), { recursive: true, force: true });
  let kernel: TslabKernel;
  try {
    kernel = await TslabKernel.start({ env: { [FAST_START_ENV]: mode === "plain" ? "0" : "1" } });
  } catch (err) {
    // e.g. a port taken by another process between choosing and binding it: skip this run.
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return {
      notebook: path.basename(notebookPath, ".ipynb"),
      mode,
      kernelStartMs: Number.NaN,
      firstCellMs: Number.NaN,
      status: `start failed: ${reason}`,
    };
  }
  try {
    if (mode === "fast-idle") await sleep(idleMs);
    const outcome = await kernel.execute(source, CELL_TIMEOUT_MS);
    return {
      notebook: path.basename(notebookPath, ".ipynb"),
      mode,
      kernelStartMs: kernel.startupMs,
      firstCellMs: outcome.durationMs,
      status:
        outcome.status === "ok"
          ? "ok"
          : `${outcome.status}: ${outcome.stderr.trim().split("\n")[0]}`,
    };
  } finally {
    await kernel.shutdown();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const secs = (ms: number) => (ms / 1000).toFixed(2);

export async function notebookStartBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: "string", default: "3" },
      notebooks: { type: "string", default: "" },
      "idle-ms": { type: "string", default: "3000" },
      "no-cold": { type: "boolean", default: false },
      json: { type: "string", default: "bench/results/notebook-start.json" },
    },
  });
  const runs = Number(values.runs);
  const idleMs = Number(values["idle-ms"]);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, not "${values.runs}".`);
  const wanted = values.notebooks.split(",").filter(Boolean);
  const notebooks = listNotebooks(fromRoot("notebooks")).filter(
    (f) => wanted.length === 0 || wanted.some((w) => path.basename(f).startsWith(w)),
  );
  if (notebooks.length === 0)
    throw new Error(`No notebook matches --notebooks ${values.notebooks}.`);
  const samples: Sample[] = [];
  const record = (s: Sample) => {
    samples.push(s);
    console.log(
      `  ${s.notebook} ${s.mode.padEnd(9)} start ${secs(s.kernelStartMs)} s, first cell ${secs(s.firstCellMs)} s ${s.status === "ok" ? "" : s.status}`,
    );
  };
  console.log(
    `Notebook start: ${notebooks.length} notebooks, ${runs} runs each of fast and plain (${FAST_START_ENV}=0), alternating.`,
  );
  if (!values["no-cold"]) record(await measure(notebooks[0]!, "fast-cold", idleMs));
  for (const nb of notebooks) {
    for (let run = 0; run < runs; run++) {
      for (const mode of run % 2 ? (["plain", "fast"] as const) : (["fast", "plain"] as const)) {
        record(await measure(nb, mode, idleMs));
      }
    }
    if (idleMs > 0) record(await measure(nb, "fast-idle", idleMs));
  }
  report(samples, idleMs, values.json);
}

function report(samples: Sample[], idleMs: number, jsonPath: string): void {
  const names = [...new Set(samples.filter((s) => s.mode === "plain").map((s) => s.notebook))];
  const med = (nb: string, mode: Sample["mode"], key: "kernelStartMs" | "firstCellMs") => {
    const v = samples
      .filter((s) => s.notebook === nb && s.mode === mode && s.status === "ok")
      .map((s) => s[key]);
    return v.length ? median(v) : Number.NaN;
  };
  const header = [
    "notebook",
    "kernel start plain",
    "kernel start fast",
    "first cell plain",
    "first cell fast",
    "plain / fast",
  ];
  if (idleMs > 0) header.push(`first cell fast after ${idleMs / 1000} s idle`);
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  const rows = names.map((nb) => {
    const row = {
      notebook: nb,
      kernelStartPlainMs: med(nb, "plain", "kernelStartMs"),
      kernelStartFastMs: med(nb, "fast", "kernelStartMs"),
      firstCellPlainMs: med(nb, "plain", "firstCellMs"),
      firstCellFastMs: med(nb, "fast", "firstCellMs"),
      firstCellFastIdleMs: med(nb, "fast-idle", "firstCellMs"),
    };
    const cells = [
      nb,
      secs(row.kernelStartPlainMs),
      secs(row.kernelStartFastMs),
      secs(row.firstCellPlainMs),
      secs(row.firstCellFastMs),
      `${(row.firstCellPlainMs / row.firstCellFastMs).toFixed(1)}×`,
    ];
    if (idleMs > 0) cells.push(secs(row.firstCellFastIdleMs));
    lines.push(`| ${cells.join(" | ")} |`);
    return row;
  });
  const cold = samples.find((s) => s.mode === "fast-cold");
  console.log(`\nMedian seconds (lower is better):\n\n${lines.join("\n")}`);
  if (cold) {
    console.log(
      `\nCold declaration cache (${cold.notebook}, once after the course code changes): first cell ${secs(cold.firstCellMs)} s.`,
    );
  }
  const failed = samples.filter((s) => s.status !== "ok");
  if (failed.length > 0)
    console.log(
      `\n${failed.length} run(s) failed: ${failed.map((s) => `${s.notebook} ${s.mode}: ${s.status}`).join("; ")}`,
    );
  const out = fromRoot(jsonPath);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), idleMs, rows, cold, samples }, null, 2)}\n`,
  );
  console.log(`\nWrote ${path.relative(fromRoot(), out)}.`);
}
