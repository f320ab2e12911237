/**
 * Child process of `npm run bench`: trains the given models on ONE backend configuration and
 * prints one JSON line per model. A fresh process per backend keeps the timings independent.
 *
 *   tsx bench/run-one.ts --backend wasm|cpu|native [--stock] [--models cnn,mlp]
 *                        [--steps 2] [--repeats 3]
 *
 * `--stock` removes our kernels (stock tfjs). `--steps n` trains n steps instead of the full 16
 * and scales the time to 16 steps (marked extrapolated). `--repeats n` times the full run n
 * times and keeps the fastest (the machine is shared; the loss is the first run's).
 * The model name `fmnist_epoch` is one epoch on the Fashion-MNIST subset.
 */
import { ready, tf } from "../src/tf";
import { restoreStockKernels } from "../src/tf/kernels/kernel-registry";
import { fashionMnistEpoch } from "./fashion-mnist-epoch";
import { BATCH, buildModel, EPOCHS, fastestFit, type ModelName, makeData, SAMPLES } from "./models";

export interface RunResult {
  /** A bench model, or "fmnist_epoch". */
  model: string;
  /** e.g. "wasm", "wasm-stock", "cpu", "cpu-stock", "native". */
  config: string;
  /** Seconds for the full 16 steps (measured, or scaled from `steps` when extrapolated). */
  seconds: number | null;
  steps: number;
  extrapolated: boolean;
  /** Mean training loss of the last epoch (full runs only). */
  finalLoss: number | null;
  error?: string;
  /** Extra facts, e.g. accuracy for fmnist_epoch. */
  note?: string;
  /** Which alternating round of `npm run bench` produced it (set by train-bench.ts). */
  round?: number;
}

export const FULL_STEPS = (SAMPLES / BATCH) * EPOCHS;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function trainBenchModel(
  name: ModelName,
  steps: number,
  repeats: number,
): Promise<Omit<RunResult, "config">> {
  const model = buildModel(name);
  const { x, y } = makeData(name);
  try {
    // One warm-up step (operator creation, first-call compilation) outside the timing.
    const wx = x.slice(0, BATCH);
    const wy = y.slice(0, BATCH);
    await model.fit(wx, wy, { batchSize: BATCH, epochs: 1, shuffle: false, verbose: 0 });
    tf.dispose([wx, wy]);

    const full = steps >= FULL_STEPS;
    const tx = full ? x : x.slice(0, steps * BATCH);
    const ty = full ? y : y.slice(0, steps * BATCH);
    const { seconds: best, firstHistory } = await fastestFit(
      model,
      tx,
      ty,
      { batchSize: BATCH, epochs: full ? EPOCHS : 1, shuffle: false, verbose: 0 },
      repeats,
    );
    const losses = firstHistory.history.loss as number[];
    const finalLoss = full ? losses[losses.length - 1]! : null;
    if (!full) tf.dispose([tx, ty]);
    return {
      model: name,
      seconds: full ? best : (best * FULL_STEPS) / steps,
      steps: full ? FULL_STEPS : steps,
      extrapolated: !full,
      finalLoss,
    };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

async function fmnistEpoch(): Promise<Omit<RunResult, "config">> {
  const r = await fashionMnistEpoch();
  return {
    model: "fmnist_epoch",
    seconds: r.seconds,
    steps: Math.ceil(r.images / BATCH),
    extrapolated: false,
    finalLoss: r.loss,
    note: `${r.images} images, train accuracy ${(100 * r.accuracy).toFixed(1)}% after 1 epoch`,
  };
}

async function main(): Promise<void> {
  const backend = (arg("backend") ?? "wasm") as "wasm" | "cpu" | "native";
  const stock = process.argv.includes("--stock");
  const models = arg("models")?.split(",") ?? [];
  const steps = Number(arg("steps") ?? FULL_STEPS);
  const repeats = Number(arg("repeats") ?? 1);
  await ready({ backend, quiet: true });
  if (stock) restoreStockKernels(tf.getBackend());
  const config = `${backend}${stock ? "-stock" : ""}`;
  for (const name of models) {
    let result: RunResult;
    try {
      const r =
        name === "fmnist_epoch"
          ? await fmnistEpoch()
          : await trainBenchModel(name as ModelName, steps, repeats);
      result = { config, ...r };
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
      result = {
        model: name,
        config,
        seconds: null,
        steps: 0,
        extrapolated: false,
        finalLoss: null,
        error,
      };
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
