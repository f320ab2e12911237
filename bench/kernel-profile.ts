/**
 * `npm run bench -- profile`: where a training step's time goes, kernel by kernel. Every wasm
 * kernel is wrapped with a timer (outermost call only, so a kernel that calls another counts
 * once); the rest of the wall-clock time is "outside kernels": tfjs's autograd tape, the fit
 * loop, callbacks and our JS glue. For JS-level detail use node's --cpu-prof instead (wasm
 * functions are unnamed there).
 *
 *   npm run bench -- profile [--models cnn,emb_lstm] [--fits 5] [--top 12] [--stock]
 */
import { parseArgs } from "node:util";
import { ready, tf } from "../src/tf";
import { restoreStockKernels } from "../src/tf/kernels/kernel-registry";
import {
  BATCH,
  buildModel,
  EPOCHS,
  MODEL_NAMES,
  type ModelName,
  makeData,
  SAMPLES,
} from "./models";

const OPTIONS = {
  models: { type: "string", default: MODEL_NAMES.join(",") },
  fits: { type: "string", default: "5" },
  top: { type: "string", default: "12" },
  stock: { type: "boolean", default: false },
} as const;

interface KernelTime {
  ms: number;
  calls: number;
}

/** Wraps every wasm kernel with a timer; returns the live table of totals. */
function timeKernels(): Map<string, KernelTime> {
  const times = new Map<string, KernelTime>();
  let depth = 0;
  for (const config of tf.getKernelsForBackend("wasm")) {
    const inner = config.kernelFunc;
    (config as { kernelFunc: tf.KernelFunc }).kernelFunc = (args) => {
      if (depth > 0) return inner(args);
      depth++;
      const start = performance.now();
      try {
        return inner(args);
      } finally {
        depth--;
        const t = times.get(config.kernelName) ?? { ms: 0, calls: 0 };
        t.ms += performance.now() - start;
        t.calls++;
        times.set(config.kernelName, t);
      }
    };
  }
  return times;
}

export async function kernelProfile(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  await ready({ backend: "wasm", quiet: true });
  if (values.stock) restoreStockKernels("wasm");
  const times = timeKernels();
  const fits = Number(values.fits);
  const steps = fits * (SAMPLES / BATCH) * EPOCHS;
  for (const name of values.models.split(",") as ModelName[]) {
    if (!MODEL_NAMES.includes(name)) throw new Error(`Unknown bench model "${name}".`);
    const model = buildModel(name);
    const { x, y } = makeData(name);
    await model.fit(x.slice(0, BATCH), y.slice(0, BATCH), { batchSize: BATCH, verbose: 0 });
    times.clear();
    const start = performance.now();
    for (let f = 0; f < fits; f++) {
      await model.fit(x, y, { batchSize: BATCH, epochs: EPOCHS, shuffle: false, verbose: 0 });
    }
    const wall = (performance.now() - start) / steps;
    const rows = [...times].sort((a, b) => b[1].ms - a[1].ms);
    const inKernels = rows.reduce((s, [, t]) => s + t.ms, 0) / steps;
    const calls = rows.reduce((s, [, t]) => s + t.calls, 0) / steps;
    console.log(
      `\n${name}: ${wall.toFixed(2)} ms per step; kernels ${inKernels.toFixed(2)} ms ` +
        `(${calls.toFixed(0)} calls), outside kernels ${(wall - inKernels).toFixed(2)} ms`,
    );
    console.log("| kernel | ms / step | share | calls / step |\n|---|---|---|---|");
    for (const [kernel, t] of rows.slice(0, Number(values.top))) {
      const ms = t.ms / steps;
      console.log(
        `| ${kernel} | ${ms.toFixed(3)} | ${((ms / wall) * 100).toFixed(0)} % | ${(t.calls / steps).toFixed(1)} |`,
      );
    }
    tf.dispose([x, y]);
    model.dispose();
  }
}
