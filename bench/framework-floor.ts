/**
 * `npm run bench -- floor`: what tfjs itself costs per training step. Each bench model is
 * trained with `tiny` layer sizes (bench/models.ts: the same layers, ops and time steps, but
 * almost no arithmetic), 16 steps of batch 64 like the bench. With bench/results/latest.json
 * from an `npm run bench` run, the table also shows that run's full-size times: the floor as a
 * share of PyTorch's full-size time, and what is left for the arithmetic under the round-2 target
 * (1.5x PyTorch-1t). A model whose floor alone is near that target cannot meet it by kernels.
 *
 *   npm run bench -- floor [--models mlp,cnn] [--fits 8] [--results bench/results/latest.json]
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ready } from "../src/tf";
import {
  BATCH,
  buildModel,
  EPOCHS,
  fastestFit,
  MODEL_NAMES,
  type ModelName,
  makeData,
  SAMPLES,
} from "./models";

const OPTIONS = {
  models: { type: "string", default: MODEL_NAMES.join(",") },
  fits: { type: "string", default: "8" },
  results: { type: "string", default: "bench/results/latest.json" },
} as const;

interface BenchResult {
  config: string;
  model: string;
  seconds: number;
}

/** The fastest full-size time per model and configuration in an earlier `npm run bench` run. */
function fullSizeTimes(path: string): Map<string, number> {
  const best = new Map<string, number>();
  if (!existsSync(path)) return best;
  const { results } = JSON.parse(readFileSync(path, "utf8")) as { results: BenchResult[] };
  for (const r of results) {
    const key = `${r.model}/${r.config}`;
    best.set(key, Math.min(best.get(key) ?? Number.POSITIVE_INFINITY, r.seconds));
  }
  return best;
}

export async function frameworkFloor(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  await ready({ backend: "wasm", quiet: true });
  const full = fullSizeTimes(values.results);
  const fmt = (s: number | undefined) => (s === undefined ? "—" : s.toFixed(3));
  console.log(
    `Framework floor: the bench models at tiny sizes, ${(SAMPLES / BATCH) * EPOCHS} steps of batch ${BATCH} on wasm (fastest of ${values.fits}).`,
  );
  console.log(
    full.size > 0
      ? `Full-size times from ${values.results}.\n`
      : "(no full-size results: run npm run bench first)\n",
  );
  console.log(
    "| model | tiny-size (s) | full-size wasm (s) | full-size PyTorch-1t (s) | floor ÷ PyTorch | left for arithmetic at 1.5x PyTorch (s) |",
  );
  console.log("|---|---|---|---|---|---|");
  for (const name of values.models.split(",") as ModelName[]) {
    const model = buildModel(name, "tiny");
    const { x, y } = makeData(name, SAMPLES, "tiny");
    await model.fit(x.slice(0, BATCH), y.slice(0, BATCH), { batchSize: BATCH, verbose: 0 });
    const args = { batchSize: BATCH, epochs: EPOCHS, shuffle: false, verbose: 0 } as const;
    const { seconds } = await fastestFit(model, x, y, args, Number(values.fits));
    const wasm = full.get(`${name}/wasm`);
    const torch = full.get(`${name}/pytorch-1t`);
    const share = torch === undefined ? "—" : `${(seconds / torch).toFixed(2)}x`;
    const left = torch === undefined ? undefined : 1.5 * torch - seconds;
    console.log(
      `| ${name} | ${seconds.toFixed(3)} | ${fmt(wasm)} | ${fmt(torch)} | ${share} | ${fmt(left)} |`,
    );
    model.dispose();
    x.dispose();
    y.dispose();
  }
}
