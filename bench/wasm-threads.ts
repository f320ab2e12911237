/**
 * `npm run bench -- wasm-threads`: does tfjs-wasm's multi-threaded binary pay for the lab
 * models? tfjs 4.22 never loads it under Node (the support flag is hard-coded false, tfjs
 * issue #3830); `enableThreadedWasm()` below makes it load. Three configurations, each in a
 * fresh process, alternating for several rounds (fastest kept):
 *   simd      the binary ready() uses (SIMD, single-threaded)
 *   threads-1 the threaded SIMD binary with a pool of 1 (what the shared-memory build costs)
 *   threads-N the threaded SIMD binary with N threads (default: every core)
 * Each trains the 16-step bench models (bench/models.ts) and times a 512x512 matmul.
 * The simd configuration also times the same 16 steps at HALF the batch (32): splitting each
 * batch across two worker threads, each with a replica of the model, can at best turn a step
 * into a half-batch step, so t(batch 64) / t(batch 32) bounds what that design could gain
 * (before copying gradients and weights between threads, which would cost extra).
 *
 *   npm run bench -- wasm-threads [--models mlp,cnn] [--threads 2] [--rounds 3]
 *
 * Child mode: tsx bench/wasm-threads.ts --child --threads 2 --binary threaded
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { fromRoot } from "../src/project-root";

const OPTIONS = {
  models: { type: "string", default: "mlp,cnn,emb_lstm,emb_gru,emb_conv1d,ts_lstm" },
  threads: { type: "string", default: String(os.availableParallelism()) },
  rounds: { type: "string", default: "3" },
  json: { type: "string", default: "bench/results/wasm-threads.json" },
  child: { type: "boolean", default: false },
  binary: { type: "string", default: "simd" },
} as const;

/**
 * Lets the threaded binary start under Node. Its pthread workers are created from Blob URLs
 * and load the main script from a Blob, which Node's worker_threads cannot read: write the
 * worker script to a temp file and hand the workers the package's own copy of the main
 * script. Also: the C++ pool takes only half the logical cores, so report twice as many.
 */
function enableThreadedWasm(tf: typeof import("@tensorflow/tfjs")): void {
  const texts = new WeakMap<Blob, string>();
  const RealBlob = globalThis.Blob;
  class RecordingBlob extends RealBlob {
    constructor(
      parts: ConstructorParameters<typeof Blob>[0] & unknown[],
      options?: ConstructorParameters<typeof Blob>[1],
    ) {
      super(parts, options);
      if (parts.every((p) => typeof p === "string")) texts.set(this, parts.join(""));
    }
  }
  globalThis.Blob = RecordingBlob as typeof Blob;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wasm-threads-"));
  let n = 0;
  const realCreate = URL.createObjectURL;
  URL.createObjectURL = (blob: Blob) => {
    const text = texts.get(blob);
    if (text === undefined) return realCreate(blob);
    const file = path.join(dir, `script-${n++}.js`);
    fs.writeFileSync(file, text);
    return file;
  };
  const mainScript = fromRoot(
    "node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js",
  );
  const realPost = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (
    this: Worker,
    message: { cmd?: string; urlOrBlob?: unknown },
    transfer?: readonly never[],
  ) {
    const load = message?.cmd === "load" && message.urlOrBlob instanceof RealBlob;
    return realPost.call(this, load ? { ...message, urlOrBlob: mainScript } : message, transfer);
  };
  // The emscripten runtime calls require("os").cpus(): patch that (mutable) module object.
  const osModule = createRequire(__filename)("node:os") as { cpus: typeof os.cpus };
  const realCpus = osModule.cpus;
  osModule.cpus = () => [...realCpus(), ...realCpus()];
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
}

interface ChildResult {
  config: string;
  threadsUsed: number;
  seconds: Record<string, number>;
}

async function child(binary: string, threads: number, models: string[]): Promise<ChildResult> {
  const tf = await import("@tensorflow/tfjs");
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  if (binary === "threaded") {
    enableThreadedWasm(tf);
    wasm.setThreadsCount(threads);
  }
  const { ready } = await import("../src/tf");
  await ready({ backend: "wasm", quiet: true });
  const { BATCH, buildModel, EPOCHS, fastestFit, makeData } = await import("./models");
  const seconds: Record<string, number> = {};
  const a = tf.randomNormal([512, 512]);
  tf.matMul(a, a).dispose();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    const p = tf.matMul(a, a);
    p.dataSync();
    p.dispose();
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  seconds.matmul512 = best;
  for (const name of models) {
    const model = buildModel(name as never);
    const { x, y } = makeData(name as never);
    const wx = x.slice(0, BATCH);
    const wy = y.slice(0, BATCH);
    await model.fit(wx, wy, { batchSize: BATCH, epochs: 1, verbose: 0 });
    const fit = { batchSize: BATCH, epochs: EPOCHS, shuffle: false, verbose: 0 } as const;
    seconds[name] = (await fastestFit(model, x, y, fit, 3)).seconds;
    if (binary !== "threaded") {
      const hx = x.slice(0, x.shape[0]! / 2);
      const hy = y.slice(0, y.shape[0]! / 2);
      const half = { ...fit, batchSize: BATCH / 2 };
      seconds[`${name}@half-batch`] = (await fastestFit(model, hx, hy, half, 3)).seconds;
      tf.dispose([hx, hy]);
    }
    tf.dispose([x, y, wx, wy]);
    model.dispose();
  }
  const config = binary === "threaded" ? `threads-${threads}` : "simd";
  return { config, threadsUsed: binary === "threaded" ? wasm.getThreadsCount() : 1, seconds };
}

function runChild(binary: string, threads: number, models: string): Promise<ChildResult> {
  const tsx = fromRoot("node_modules/.bin/tsx");
  const args = ["bench/wasm-threads.ts", "--child", "--binary", binary];
  args.push("--threads", String(threads), "--models", models);
  return new Promise((resolve, reject) => {
    const proc = spawn(tsx, args, { cwd: fromRoot(), stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
    });
    proc.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{"))
        reject(new Error(`${binary} x${threads}: exit ${code}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

export async function wasmThreadsBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  const models = values.models.split(",").filter(Boolean);
  const threads = Number(values.threads);
  if (values.child) {
    const r = await child(values.binary, threads, models);
    console.log(JSON.stringify(r));
    process.exit(0); // pthread workers would keep the process alive
  }
  const configs: [string, number][] = [
    ["simd", 1],
    ["threaded", 1],
    ["threaded", threads],
  ];
  const best = new Map<string, Record<string, number>>();
  let used = 0;
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const [binary, n] of configs) {
      const r = await runChild(binary, n, values.models);
      if (binary === "threaded" && n === threads) used = r.threadsUsed;
      console.error(`round ${round}: ${r.config} ${JSON.stringify(r.seconds)}`);
      const prev = best.get(r.config) ?? {};
      for (const [k, s] of Object.entries(r.seconds)) prev[k] = Math.min(prev[k] ?? s, s);
      best.set(r.config, prev);
    }
  }
  const names = ["simd", "threads-1", `threads-${threads}`];
  const rows = ["matmul512", ...models];
  const simd = best.get("simd") ?? {};
  console.log(`\nSeconds (fastest of ${values.rounds} rounds x 3 runs; ${used} threads used):\n`);
  console.log(
    `| | ${names.join(" | ")} | speed-up from ${threads} threads | simd at half batch | batch-split bound |`,
  );
  console.log(`|---|${names.map(() => "---|").join("")}---|---|---|`);
  const show = (s: number | undefined) => (s === undefined ? "—" : s.toFixed(4));
  for (const row of rows) {
    const cells = names.map((c) => best.get(c)?.[row]);
    const half = simd[`${row}@half-batch`];
    const speedup = (cells[0] ?? Number.NaN) / (cells[2] ?? Number.NaN);
    const bound = half === undefined ? "—" : `${((cells[0] ?? Number.NaN) / half).toFixed(2)}x`;
    console.log(
      `| ${row} | ${cells.map(show).join(" | ")} | ${speedup.toFixed(2)}x | ${show(half)} | ${bound} |`,
    );
  }
  fs.mkdirSync(path.dirname(fromRoot(values.json)), { recursive: true });
  const out = {
    date: new Date().toISOString(),
    cores: os.availableParallelism(),
    threadsUsed: used,
  };
  fs.writeFileSync(
    fromRoot(values.json),
    JSON.stringify({ ...out, best: Object.fromEntries(best) }, null, 2),
  );
  console.log(`\nJSON results: ${values.json}`);
}

if (process.argv.includes("--child")) void wasmThreadsBench(process.argv.slice(2));
