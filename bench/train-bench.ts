/**
 * `npm run bench`: trains the fixed bench models (bench/models.ts) for 16 steps on every
 * available TF.js backend configuration, and in PyTorch when it is installed, in one run; then
 * prints seconds, ratios and the target checks, and writes the results as JSON.
 *
 *   npm run bench                 # full run (stock cpu takes ~10 minutes)
 *   npm run bench -- --quick      # stock cpu extrapolated from 2 steps, 1 repeat
 *   npm run bench -- --help
 *   npm run bench -- notebook-start   # kernel start and first cell of every notebook (notebook-start.ts)
 *   npm run bench -- fmnist-to85      # lab 13's CNN to 85 % test accuracy, ours vs PyTorch (fmnist-to85.ts)
 *   npm run bench -- profile          # per-kernel time of a training step (kernel-profile.ts)
 *   npm run bench -- floor            # what tfjs itself costs per step (framework-floor.ts)
 *   npm run bench -- wasm-threads     # does tfjs-wasm's multi-threaded binary pay? (wasm-threads.ts)
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { fromRoot } from "../src/project-root";
import { MODEL_NAMES } from "./models";
import { MAX_ROUND_SPREAD, roundRatios } from "./round-spread";
import type { RunResult } from "./run-one";

const OPTIONS = {
  quick: {
    type: "boolean",
    default: false,
    help: "1 round of 2 runs; stock cpu timed on 2 steps and scaled to 16",
  },
  models: { type: "string", default: MODEL_NAMES.join(","), help: "comma-separated bench models" },
  repeats: {
    type: "string",
    default: "",
    help: "timed runs per model and process, fastest kept (default 3, quick 2)",
  },
  rounds: {
    type: "string",
    default: "",
    help: "rounds of wasm/native alternating with PyTorch (default 3, quick 1)",
  },
  json: {
    type: "string",
    default: "bench/results/latest.json",
    help: "where to write the JSON results",
  },
  "no-torch": { type: "boolean", default: false, help: "skip PyTorch even if installed" },
  "torch-threads": { type: "string", default: "1", help: "PyTorch intra-op threads (wasm uses 1)" },
  "no-torch-default": {
    type: "boolean",
    default: false,
    help: "skip the second PyTorch run at its default thread count (all cores)",
  },
  "no-stock": { type: "boolean", default: false, help: "skip the stock (unpatched) tfjs backends" },
  "no-fmnist": { type: "boolean", default: false, help: "skip the Fashion-MNIST epoch" },
  help: { type: "boolean", default: false, help: "show this help" },
} as const;

type Flags = { [K in keyof typeof OPTIONS]: (typeof OPTIONS)[K]["default"] };

/** A backend configuration: our kernels ("wasm", "cpu", "native") or stock tfjs ("-stock"). */
interface Config {
  name: string;
  args: string[];
  /** Slow configurations run once (no repeats). */
  slow?: boolean;
  /** With --quick, time 2 steps and scale to 16. */
  extrapolate?: boolean;
}

const TSX = fromRoot("node_modules", "tsx", "dist", "cli.mjs");
const RUN_ONE = fromRoot("bench", "run-one.ts");
const TORCH_SCRIPT = fromRoot("bench", "torch_bench.py");
// Targets from the issue: speed-up over stock cpu (at least) and time relative to PyTorch (at most).
const TARGETS: Record<string, { minSpeedup: number; maxVsTorch: number }> = {
  cnn: { minSpeedup: 100, maxVsTorch: 2 },
  emb_lstm: { minSpeedup: 50, maxVsTorch: 5 },
  emb_gru: { minSpeedup: 50, maxVsTorch: 5 },
};
const FMNIST_MAX_SECONDS = 10;
// Issue 15 (round 2): every bench model within this factor of PyTorch on one thread.
const MAX_VS_TORCH_EVERY_MODEL = 1.5;

function nativeInstalled(): boolean {
  try {
    require.resolve("tfjs-node-native");
    return true;
  } catch {
    return false;
  }
}

/** Runs a child process and collects the JSON lines it prints, echoing progress. */
function runJsonLines(
  cmd: string,
  args: string[],
): Promise<{ lines: Record<string, unknown>[]; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: fromRoot(), stdio: ["ignore", "pipe", "pipe"] });
    const lines: Record<string, unknown>[] = [];
    let buffer = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf("\n");
      while (nl >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf("\n");
        if (!line.startsWith("{")) continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        const secs =
          typeof parsed.seconds === "number"
            ? `${parsed.seconds.toFixed(3)} s`
            : String(parsed.error ?? "");
        if (parsed.model)
          console.log(
            `  ${String(parsed.config).padEnd(12)} ${String(parsed.model).padEnd(13)} ${secs}`,
          );
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", (e) => resolve({ lines, stderr: `${stderr}${e.message}`, code: -1 }));
    child.on("close", (code) => resolve({ lines, stderr, code }));
  });
}

async function runTfjs(
  config: Config,
  models: string[],
  flags: Flags,
  repeats: number,
): Promise<RunResult[]> {
  const extra: string[] = ["--repeats", String(config.slow ? 1 : repeats)];
  if (config.extrapolate && flags.quick) extra.push("--steps", "2");
  const { lines, stderr, code } = await runJsonLines(process.execPath, [
    TSX,
    RUN_ONE,
    ...config.args,
    "--models",
    models.join(","),
    ...extra,
  ]);
  if (code !== 0)
    console.log(
      `  ${config.name}: exited with code ${code}\n${stderr.trim().split("\n").slice(-3).join("\n")}`,
    );
  return lines as unknown as RunResult[];
}

async function runTorch(
  models: string[],
  threads: string,
  repeats: number,
): Promise<{ results: RunResult[]; skipped?: string; version?: string }> {
  const python = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  const { lines, stderr, code } = await runJsonLines(python, [
    TORCH_SCRIPT,
    "--threads",
    threads,
    "--models",
    models.join(","),
    "--repeats",
    String(repeats),
  ]);
  const first = lines[0];
  if (code !== 0 || first === undefined || typeof first.error === "string") {
    const why =
      typeof first?.error === "string"
        ? first.error
        : stderr.trim().split("\n").pop() || `${python} failed`;
    return { results: [], skipped: `${why} (${python}); on Debian: apt-get install python3-torch` };
  }
  return { results: lines as unknown as RunResult[], version: String(first.version) };
}

const fmt = (s: number | null | undefined) =>
  s == null ? "—" : s < 10 ? s.toFixed(3) : s.toFixed(1);
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a == null || b == null ? "—" : `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}x`;

/** One result per (model, config): the fastest run, with the first loss recorded. */
function fastest(results: RunResult[]): RunResult[] {
  const best = new Map<string, RunResult>();
  for (const r of results) {
    const key = `${r.model}|${r.config}`;
    const prev = best.get(key);
    if (
      prev === undefined ||
      (r.seconds !== null && (prev.seconds === null || r.seconds < prev.seconds))
    ) {
      best.set(key, { ...r, finalLoss: prev?.finalLoss ?? r.finalLoss });
    }
  }
  return [...best.values()];
}

function printHelp(): void {
  console.log("Usage: npm run bench -- [options]\n");
  for (const [name, o] of Object.entries(OPTIONS)) {
    console.log(
      `  --${name.padEnd(15)} ${o.help}${o.type === "string" && o.default ? ` (default ${o.default})` : ""}`,
    );
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === "notebook-start") {
    const { notebookStartBench } = await import("./notebook-start");
    return notebookStartBench(process.argv.slice(3));
  }
  if (process.argv[2] === "fmnist-to85") {
    const { fmnistTo85Bench } = await import("./fmnist-to85");
    return fmnistTo85Bench(process.argv.slice(3));
  }
  if (process.argv[2] === "profile") {
    const { kernelProfile } = await import("./kernel-profile");
    return kernelProfile(process.argv.slice(3));
  }
  if (process.argv[2] === "floor") {
    const { frameworkFloor } = await import("./framework-floor");
    return frameworkFloor(process.argv.slice(3));
  }
  if (process.argv[2] === "wasm-threads") {
    const { wasmThreadsBench } = await import("./wasm-threads");
    return wasmThreadsBench(process.argv.slice(3));
  }
  const { values } = parseArgs({
    options: Object.fromEntries(
      Object.entries(OPTIONS).map(([k, o]) => [k, { type: o.type, default: o.default }]),
    ) as never,
  });
  const flags = values as unknown as Flags;
  if (flags.help) return printHelp();
  const models = flags.models.split(",").filter(Boolean);
  for (const m of models) {
    if (!(MODEL_NAMES as readonly string[]).includes(m))
      throw new Error(`Unknown bench model "${m}". Known: ${MODEL_NAMES.join(", ")}.`);
  }
  // Quick mode still times twice: the first timed run includes JIT warm-up of the hot loops.
  const repeats = Number(flags.repeats || (flags.quick ? 2 : 3));
  const rounds = Number(flags.rounds || (flags.quick ? 1 : 3));

  // Fast configurations alternate with PyTorch for several rounds (the fastest of each is
  // kept), so a burst of load from other processes cannot favour one side of the ratio.
  const fast: Config[] = [];
  if (nativeInstalled()) fast.push({ name: "native", args: ["--backend", "native"] });
  fast.push({ name: "wasm", args: ["--backend", "wasm"] });
  const once: Config[] = [{ name: "cpu", args: ["--backend", "cpu"], slow: true }];
  const stock: Config[] = flags["no-stock"]
    ? []
    : [
        { name: "wasm-stock", args: ["--backend", "wasm", "--stock"] },
        { name: "cpu-stock", args: ["--backend", "cpu", "--stock"], slow: true, extrapolate: true },
      ];
  const ours = [...fast, ...once];

  console.log(
    `Bench: ${models.length} models x 16 steps (512 samples, 2 epochs, batch 64, Adam); fastest of ${rounds} rounds x ${repeats} runs for ${fast.map((c) => c.name).join(", ")} and PyTorch; 1 run for the others${flags.quick ? " (stock cpu: 2 steps scaled to 16)" : ""}.`,
  );
  const withFmnist = (c: Config) =>
    !flags["no-fmnist"] && !c.name.endsWith("-stock") ? [...models, "fmnist_epoch"] : models;
  const results: RunResult[] = [];
  let torch: Awaited<ReturnType<typeof runTorch>> = { results: [], skipped: "--no-torch" };
  const tagged = (round: number, rs: RunResult[]) => rs.map((r) => ({ ...r, round }));
  for (let round = 0; round < rounds; round++) {
    for (const config of fast)
      results.push(...tagged(round, await runTfjs(config, withFmnist(config), flags, repeats)));
    if (!flags["no-torch"] && (round === 0 || !torch.skipped)) {
      torch = await runTorch(models, flags["torch-threads"], repeats);
      results.push(...tagged(round, torch.results));
      // What a learner compares with: PyTorch as it runs by default, on every core.
      if (!torch.skipped && !flags["no-torch-default"])
        results.push(...tagged(round, (await runTorch(models, "0", repeats)).results));
    }
  }
  for (const config of [...once, ...stock]) {
    results.push(...(await runTfjs(config, withFmnist(config), flags, repeats)));
  }

  report(fastest(results), models, ours, stock, torch, flags);
  if (!torch.skipped) printRoundSpread(results, models, ours[0]!.name, flags);
}

function printRoundSpread(
  results: RunResult[],
  models: string[],
  best: string,
  flags: Flags,
): void {
  const sides = [`pytorch-${flags["torch-threads"]}t`];
  if (!flags["no-torch-default"]) sides.push("pytorch-default");
  console.log(`\n${best} / PyTorch per round (fastest run within each round):\n`);
  console.log("| model | vs | per round | spread | |\n|---|---|---|---|---|");
  for (const m of models) {
    for (const side of sides) {
      const { ratios, spread, unstable } = roundRatios(results, m, best, side);
      if (ratios.length === 0) continue;
      const flag = unstable
        ? `UNSTABLE: rounds differ by more than ${MAX_ROUND_SPREAD * 100} %; rerun on a quiet machine`
        : "";
      console.log(
        `| ${m} | ${side} | ${ratios.map((r) => `${r.toFixed(2)}x`).join(", ")} | ${spread === null ? "—" : `${(spread * 100).toFixed(0)} %`} | ${flag} |`,
      );
    }
  }
}

function report(
  results: RunResult[],
  models: string[],
  ours: Config[],
  stock: Config[],
  torch: { skipped?: string; version?: string },
  flags: Flags,
): void {
  const get = (model: string, config: string) =>
    results.find((r) => r.model === model && r.config === config);
  const secs = (model: string, config: string) => get(model, config)?.seconds ?? null;
  const best = ours[0]!.name; // native if installed, else wasm
  const torchName = `pytorch-${flags["torch-threads"]}t`;
  const torchDefault = !torch.skipped && results.some((r) => r.config === "pytorch-default");
  const defaultThreads = (
    results.find((r) => r.config === "pytorch-default") as { threads?: number }
  )?.threads;
  const configs = [
    ...ours.map((c) => c.name),
    ...stock.map((c) => c.name),
    ...(torch.skipped ? [] : [torchName]),
    ...(torchDefault ? ["pytorch-default"] : []),
  ];

  const header = [
    "model",
    ...configs,
    `cpu-stock / ${best}`,
    `cpu-stock / cpu`,
    ...(torch.skipped ? [] : [`${best} / pytorch`]),
    ...(torchDefault ? [`${best} / pytorch-default`] : []),
  ];
  const rows = models.map((m) => {
    const cell = (c: string) => {
      const r = get(m, c);
      if (!r) return "—";
      if (r.error) return r.error.includes("not registered") ? "fails" : "error";
      return `${fmt(r.seconds)}${r.extrapolated ? "*" : ""}`;
    };
    return [
      m,
      ...configs.map(cell),
      ratio(secs(m, "cpu-stock"), secs(m, best)),
      ratio(secs(m, "cpu-stock"), secs(m, "cpu")),
      ...(torch.skipped ? [] : [ratio(secs(m, best), secs(m, torchName))]),
      ...(torchDefault ? [ratio(secs(m, best), secs(m, "pytorch-default"))] : []),
    ];
  });
  console.log("\nSeconds for 16 training steps (lower is better):\n");
  console.log(`| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  if (flags.quick)
    console.log("\n* stock cpu time measured on 2 steps and scaled to 16 (--quick).");
  const failing = results.filter((r) => r.error?.includes("not registered"));
  if (failing.length > 0) console.log(`"fails": ${failing[0]!.error}`);
  if (torch.skipped) console.log(`\nPyTorch: skipped (${torch.skipped}).`);
  else
    console.log(
      `\nPyTorch ${torch.version}, ${flags["torch-threads"]} thread(s)${torchDefault ? ` and its default (${defaultThreads} threads)` : ""}; tfjs wasm runs single-threaded.`,
    );

  const fmnist = ours
    .map((c) => get("fmnist_epoch", c.name))
    .filter((r): r is RunResult => r?.seconds != null);
  for (const r of fmnist)
    console.log(
      `Fashion-MNIST, 1 epoch of the CNN on ${r.config}: ${fmt(r.seconds)} s (${r.note}).`,
    );

  // Same loss as stock cpu: our kernels must not change the numbers.
  const lossLines: string[] = [];
  let worstLoss = 0;
  let compared = 0;
  for (const m of models) {
    const ref = get(m, "cpu-stock")?.finalLoss ?? get(m, "wasm-stock")?.finalLoss;
    if (ref == null) continue;
    for (const c of ours) {
      const l = get(m, c.name)?.finalLoss;
      if (l == null) continue;
      worstLoss = Math.max(worstLoss, Math.abs(l - ref) / Math.abs(ref));
      compared++;
    }
  }
  lossLines.push(`final losses vs stock: worst relative difference ${worstLoss.toExponential(1)}`);

  console.log(
    `\nTargets${flags.quick ? " (--quick numbers are indicative; the full run is the reference)" : ""}:`,
  );
  const checks: { what: string; ok: boolean | null }[] = [];
  for (const [m, t] of Object.entries(TARGETS)) {
    if (!models.includes(m)) continue;
    const s = secs(m, best);
    const sp = secs(m, "cpu-stock");
    const pt = secs(m, torchName);
    checks.push({
      what: `${m}: >= ${t.minSpeedup}x faster than stock cpu (${ratio(sp, s)})`,
      ok: sp == null || s == null ? null : sp / s >= t.minSpeedup,
    });
    checks.push({
      what: `${m}: <= ${t.maxVsTorch}x PyTorch's time (${ratio(s, pt)})`,
      ok: pt == null || s == null ? null : s / pt <= t.maxVsTorch,
    });
  }
  for (const m of models) {
    const s = secs(m, best);
    const pt = secs(m, torchName);
    checks.push({
      what: `${m}: <= ${MAX_VS_TORCH_EVERY_MODEL}x PyTorch's time, round 2 (${ratio(s, pt)})`,
      ok: pt == null || s == null ? null : s / pt <= MAX_VS_TORCH_EVERY_MODEL,
    });
  }
  const fm = get("fmnist_epoch", best);
  checks.push({
    what: `Fashion-MNIST epoch <= ${FMNIST_MAX_SECONDS} s on ${best} (${fmt(fm?.seconds)} s)`,
    ok: fm?.seconds == null ? null : fm.seconds <= FMNIST_MAX_SECONDS,
  });
  checks.push({
    what: `same loss as stock (${lossLines[0]}, ${compared} comparisons)`,
    ok: compared === 0 ? null : worstLoss <= 1e-4,
  });
  for (const c of checks)
    console.log(`  ${c.ok === null ? "n/a " : c.ok ? "PASS" : "MISS"}  ${c.what}`);

  const jsonPath = path.resolve(fromRoot(), flags.json);
  fs.mkdirSync(path.dirname(jsonPath), { recursive: true });
  const machine = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: require("node:os").cpus().length,
  };
  fs.writeFileSync(
    jsonPath,
    `${JSON.stringify({ date: new Date().toISOString(), quick: flags.quick, machine, torch, results, checks }, null, 2)}\n`,
  );
  console.log(`\nJSON results: ${path.relative(fromRoot(), jsonPath)}`);
}

main().catch((e: Error) => {
  console.error(`bench failed: ${e.message}`);
  process.exit(1);
});
