/**
 * Lab 17 — Serving a model: your exercises.
 *
 * Work through `notebooks/17-serving.ipynb`; it tells you when to fill in each function below.
 * Replace each `return todo();` with your code, then run the notebook's check cell or
 * `npm run labs -- check 17`.
 *
 * Conventions used throughout:
 *   A model is plain JSON (SoftmaxModel below): a softmax regression on standardised features.
 *   A registry lives in a folder: <root>/<name>/registry.json lists the versions and aliases,
 *   <root>/<name>/v<N>.json holds version N's model. Registry functions are synchronous
 *   (node:fs's *Sync functions): a registry write is tiny, and sync code is easy to reason about.
 *   A server is built by buildServer(...) and NOT started: the caller calls app.listen(...)
 *   (the notebook, the checks on an ephemeral port) and app.close() when done.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import Fastify, { type FastifyInstance } from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
// stub: import { todo } from "../src/grading/todo";

/** The JSON model format served in this lab (version 1 of the format). */
export interface SoftmaxModel {
  format: "softmax-regression/v1";
  /** Input columns, in the order `features` arrays use. */
  featureNames: string[];
  /** classes[k] is the label of output k. */
  classes: string[];
  /** Standardisation fitted on the training rows: z = (x − mean) / scale, per feature. */
  mean: number[];
  scale: number[];
  /** weights[k][j]: class k, standardised feature j. */
  weights: number[][];
  /** bias[k]: class k. */
  bias: number[];
}

/** One prediction: the most likely class and every class's probability (in `classes` order). */
export interface Prediction {
  label: string;
  probabilities: number[];
}

/**
 * Trains a softmax regression by full-batch gradient descent on standardised features and
 * returns it in the JSON format above. (Given: this lab is about serving, not training.)
 * @example trainSoftmaxModel(wine.train.x, wine.train.y, { featureNames, classes }) → SoftmaxModel
 */
export function trainSoftmaxModel(
  x: number[][],
  y: number[],
  options: { featureNames: string[]; classes: string[]; epochs?: number; learningRate?: number },
): SoftmaxModel {
  const { featureNames, classes } = options;
  const epochs = options.epochs ?? 300;
  const lr = options.learningRate ?? 0.5;
  const d = featureNames.length;
  const k = classes.length;
  const mean = featureNames.map((_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
  const scale = featureNames.map((_, j) => {
    const v = x.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / x.length;
    return Math.sqrt(v) || 1;
  });
  const zx = x.map((r) => r.map((v, j) => (v - mean[j]) / scale[j]));
  const weights = Array.from({ length: k }, () => new Array<number>(d).fill(0));
  const bias = new Array<number>(k).fill(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw = Array.from({ length: k }, () => new Array<number>(d).fill(0));
    const gb = new Array<number>(k).fill(0);
    zx.forEach((row, i) => {
      const logits = weights.map((w, c) => bias[c] + w.reduce((s, wj, j) => s + wj * row[j], 0));
      const top = Math.max(...logits);
      const e = logits.map((l) => Math.exp(l - top));
      const sum = e.reduce((s, v) => s + v, 0);
      for (let c = 0; c < k; c++) {
        const err = e[c] / sum - (y[i] === c ? 1 : 0);
        gb[c] += err / x.length;
        for (let j = 0; j < d; j++) gw[c][j] += (err * row[j]) / x.length;
      }
    });
    for (let c = 0; c < k; c++) {
      bias[c] -= lr * gb[c];
      for (let j = 0; j < d; j++) weights[c][j] -= lr * gw[c][j];
    }
  }
  return {
    format: "softmax-regression/v1",
    featureNames: [...featureNames],
    classes: [...classes],
    mean,
    scale,
    weights,
    bias,
  };
}

/**
 * Exercise 1 — predict with the JSON model.
 *
 * TODO: standardise each feature (z_j = (x_j − mean_j) / scale_j), compute one logit per class
 *   (logit_k = bias_k + Σ_j weights[k][j] · z_j), turn the logits into probabilities with a
 *   softmax that cannot overflow (subtract the largest logit before Math.exp), and return the
 *   label of the most likely class (the first one on a tie) with every probability.
 *   Throw an Error naming both counts when `features` does not have featureNames.length values.
 *   e.g. a model with mean [0, 0], scale [1, 1], weights [[1, 0], [0, 1]], bias [0, 0],
 *   classes ["a", "b"]: predictRow(model, [2, 0]) → { label: "a", probabilities: [0.8808, 0.1192] }
 */
export function predictRow(model: SoftmaxModel, features: number[]): Prediction {
  // BEGIN SOLUTION
  const d = model.featureNames.length;
  if (features.length !== d) throw new Error(`expected ${d} features, got ${features.length}`);
  const z = features.map((v, j) => (v - model.mean[j]) / model.scale[j]);
  const logits = model.weights.map(
    (w, k) => model.bias[k] + w.reduce((s, wj, j) => s + wj * z[j], 0),
  );
  const top = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - top));
  const sum = e.reduce((s, v) => s + v, 0);
  const probabilities = e.map((v) => v / sum);
  let best = 0;
  for (let k = 1; k < probabilities.length; k++)
    if (probabilities[k] > probabilities[best]) best = k;
  return { label: model.classes[best], probabilities };
  // END SOLUTION
}

// ---------------------------------------------------------------- the model registry

/** One registered version (what registry.json records about it). */
export interface ModelVersion {
  /** 1, 2, 3, … in registration order. */
  version: number;
  /** ISO 8601 time of registration, e.g. "2026-12-01T16:00:00.000Z". */
  createdAt: string;
  /** Evaluation metrics, e.g. { accuracy: 0.97 }. */
  metrics: Record<string, number>;
  /** dataHash(...) of the training data. */
  dataHash: string;
  /** The model's file name inside the registry folder, e.g. "v1.json". */
  file: string;
}

/** The content of <root>/<name>/registry.json. */
export interface Registry {
  name: string;
  versions: ModelVersion[];
  /** alias → version, e.g. { champion: 2 }. */
  aliases: Record<string, number>;
}

/**
 * Exercise 2 — register model versions, safely.
 *
 * writeJsonAtomic(file, value): never leave a half-written file, even if the process dies in
 *   the middle of the write. Write JSON.stringify(value, null, 2) to a temporary file in the
 *   SAME folder (e.g. `${file}.tmp-${process.pid}-${Date.now()}`) with fs.writeFileSync, then
 *   fs.renameSync it over `file`: a rename within one file system is atomic, so readers see the
 *   old file or the new one, never a mix.
 */
export function writeJsonAtomic(file: string, value: unknown): void {
  // BEGIN SOLUTION
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file);
  // END SOLUTION
}

/**
 * dataHash(x, y): the SHA-256 (hex) of the training data written as CSV text: one line per
 *   row, the features then the label, joined by ",", each line ending in "\n" (numbers as
 *   String(v) writes them). Any change to the data changes the hash, so a version records
 *   exactly what it was trained on.
 *   e.g. dataHash([[1, 2.5]], [0]) = sha256("1,2.5,0\n") = "a0fff369d819…8742"
 *
 * readRegistry(root, name): the parsed <root>/<name>/registry.json, or
 *   { name, versions: [], aliases: {} } when there is none yet.
 *
 * registerModel(root, name, model, info, now): adds the next version (1 for the first, then the
 *   largest + 1) and returns its ModelVersion. Create the folder if needed, write the model to
 *   <root>/<name>/v<N>.json FIRST, then registry.json (both with writeJsonAtomic), so registry.json
 *   never names a file that does not exist. createdAt = now.toISOString().
 */
export function dataHash(x: number[][], y: number[]): string {
  // BEGIN SOLUTION
  const hash = createHash("sha256");
  x.forEach((row, i) => {
    hash.update(`${[...row, y[i]].join(",")}\n`);
  });
  return hash.digest("hex");
  // END SOLUTION
}

export function readRegistry(root: string, name: string): Registry {
  // BEGIN SOLUTION
  const file = path.join(root, name, "registry.json");
  if (!fs.existsSync(file)) return { name, versions: [], aliases: {} };
  return JSON.parse(fs.readFileSync(file, "utf8")) as Registry;
  // END SOLUTION
}

export function registerModel(
  root: string,
  name: string,
  model: SoftmaxModel,
  info: { metrics: Record<string, number>; dataHash: string },
  now: Date = new Date(),
): ModelVersion {
  // BEGIN SOLUTION
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  const registry = readRegistry(root, name);
  const version = registry.versions.reduce((m, v) => Math.max(m, v.version), 0) + 1;
  const entry: ModelVersion = {
    version,
    createdAt: now.toISOString(),
    metrics: { ...info.metrics },
    dataHash: info.dataHash,
    file: `v${version}.json`,
  };
  writeJsonAtomic(path.join(dir, entry.file), model);
  writeJsonAtomic(path.join(dir, "registry.json"), {
    ...registry,
    versions: [...registry.versions, entry],
  });
  return entry;
  // END SOLUTION
}

/**
 * Exercise 3 — aliases: point `champion` at a version, and load by alias.
 *
 * setAlias(root, name, alias, version): records alias → version in registry.json (atomically,
 *   with writeJsonAtomic). Moving an alias just overwrites it. Throw an Error naming the version
 *   when it is not registered (an alias must never point at nothing).
 *
 * loadModel(root, name, ref): ref is { alias: "champion" } or { version: 2 }. Returns the
 *   version's ModelVersion and its parsed model. Throw an Error naming the alias (or the
 *   version) when it does not exist.
 *   e.g. after registerModel ×2 and setAlias(root, "wine", "champion", 2):
 *   loadModel(root, "wine", { alias: "champion" }) → { entry: { version: 2, … }, model: {…} }
 */
export function setAlias(root: string, name: string, alias: string, version: number): void {
  // BEGIN SOLUTION
  const registry = readRegistry(root, name);
  if (!registry.versions.some((v) => v.version === version))
    throw new Error(`${name} has no version ${version}; it cannot be the ${alias}`);
  writeJsonAtomic(path.join(root, name, "registry.json"), {
    ...registry,
    aliases: { ...registry.aliases, [alias]: version },
  });
  // END SOLUTION
}

export function loadModel(
  root: string,
  name: string,
  ref: { alias: string } | { version: number },
): { entry: ModelVersion; model: SoftmaxModel } {
  // BEGIN SOLUTION
  const registry = readRegistry(root, name);
  let version: number;
  if ("alias" in ref) {
    const v = registry.aliases[ref.alias];
    if (v === undefined) throw new Error(`${name} has no alias "${ref.alias}"`);
    version = v;
  } else {
    version = ref.version;
  }
  const entry = registry.versions.find((v) => v.version === version);
  if (!entry) throw new Error(`${name} has no version ${version}`);
  const model = JSON.parse(
    fs.readFileSync(path.join(root, name, entry.file), "utf8"),
  ) as SoftmaxModel;
  return { entry, model };
  // END SOLUTION
}

// ---------------------------------------------------------------- batch inference

/** A row that could not be scored. */
export interface RejectedRow {
  /** Line number in the input file: the header is line 1, the first data row line 2. */
  line: number;
  /** The offending column's name, or null when the row has the wrong number of fields. */
  column: string | null;
  message: string;
}

/** What batchPredictCsv reports when it is done. */
export interface BatchReport {
  predicted: number;
  rejected: RejectedRow[];
}

/**
 * Exercise 4 — batch inference over a CSV, streaming.
 *
 * TODO: read `input` line by line (readline.createInterface({ input, crlfDelay: Infinity }) and
 *   `for await (const line of rl)`), never the whole file at once: a batch file may not fit in
 *   memory, and output should flow while input is still arriving.
 *   - Line 1 is the header. Find each of model.featureNames in it BY NAME (columns may come in
 *     any order; extra columns such as an id are ignored). A missing feature column: throw an
 *     Error naming it.
 *   - Skip empty lines. A row with a different number of fields than the header: reject it
 *     with column null. A field that is empty (or only spaces) or not a finite number
 *     (Number(text) is NaN or ±Infinity; note Number("") and Number("  ") are 0!): reject the
 *     row, naming the FIRST bad column. A message says what is wrong, e.g. `"abc" is not a
 *     number`.
 *   - Write the header "line,label,confidence\n" to `output`, then for each good row
 *     `${line},${label},${confidence.toFixed(6)}\n` (confidence = the largest probability), as
 *     soon as the row is read. When done, end `output` and wait for its "finish" event.
 *   e.g. input "alcohol,…\n13.2,…\n\nabc,…\n" → output rows for line 2; line 4 rejected
 *   (column "alcohol"); → { predicted: 1, rejected: [{ line: 4, column: "alcohol", … }] }
 */
export async function batchPredictCsv(
  model: SoftmaxModel,
  input: Readable,
  output: Writable,
): Promise<BatchReport> {
  // BEGIN SOLUTION
  const rl = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const report: BatchReport = { predicted: 0, rejected: [] };
  let header: string[] | undefined;
  let positions: number[] = [];
  let lineNo = 0;
  const write = async (text: string) => {
    if (!output.write(text)) await new Promise((resolve) => output.once("drain", resolve));
  };
  for await (const line of rl) {
    lineNo++;
    if (!header) {
      header = line.split(",").map((h) => h.trim());
      const cols = header;
      positions = model.featureNames.map((name) => {
        const at = cols.indexOf(name);
        if (at < 0) throw new Error(`the header has no column "${name}"`);
        return at;
      });
      await write("line,label,confidence\n");
      continue;
    }
    if (line.trim() === "") continue;
    const fields = line.split(",");
    if (fields.length !== header.length) {
      report.rejected.push({
        line: lineNo,
        column: null,
        message: `expected ${header.length} fields, got ${fields.length}`,
      });
      continue;
    }
    const features: number[] = [];
    let bad: RejectedRow | undefined;
    for (let j = 0; j < positions.length; j++) {
      const text = fields[positions[j]].trim();
      const value = Number(text);
      if (text === "" || !Number.isFinite(value)) {
        bad = {
          line: lineNo,
          column: model.featureNames[j],
          message: text === "" ? "empty field" : `"${text}" is not a number`,
        };
        break;
      }
      features.push(value);
    }
    if (bad) {
      report.rejected.push(bad);
      continue;
    }
    const p = predictRow(model, features);
    await write(`${lineNo},${p.label},${Math.max(...p.probabilities).toFixed(6)}\n`);
    report.predicted++;
  }
  if (!header) throw new Error("the input is empty: no header line");
  await new Promise<void>((resolve, reject) => {
    output.once("error", reject);
    output.end(() => resolve());
  });
  return report;
  // END SOLUTION
}

// ---------------------------------------------------------------- the inference server

/**
 * Exercise 5 — the request schema (zod).
 *
 * TODO: a zod schema for POST /predict bodies. A body is EITHER
 *   { features: number[] }           one row of exactly nFeatures finite numbers, or
 *   { instances: number[][] }        1 … maxBatch such rows,
 *   and nothing else (z.object({...}).strict()). z.number() already rejects NaN and ±Infinity
 *   (JSON has no NaN: JSON.stringify(NaN) sends null, which must be rejected, not read as 0 —
 *   so no z.coerce). Give the size limits messages that name the problem, e.g.
 *   .length(nFeatures, { error: `expected ${nFeatures} features` }) and
 *   .max(maxBatch, { error: `batch too large: at most ${maxBatch} instances` }).
 *   Use a .refine on the object for "exactly one of features / instances".
 *   e.g. predictRequestSchema(3, 2).safeParse({ features: [1, 2, 3] }).success → true;
 *        … .safeParse({ instances: [[1, 2, 3], [1, 2, 3], [1, 2, 3]] }).success → false
 */
/** What a valid POST /predict body holds (exactly one of the two). */
export interface PredictRequest {
  features?: number[];
  instances?: number[][];
}

export function predictRequestSchema(
  nFeatures: number,
  maxBatch: number,
): z.ZodType<PredictRequest> {
  // BEGIN SOLUTION
  const row = z
    .array(z.number({ error: "each feature must be a finite number" }))
    .length(nFeatures, { error: `expected ${nFeatures} features` });
  return z
    .object({
      features: row.optional(),
      instances: z
        .array(row)
        .min(1, { error: "instances must hold at least 1 row" })
        .max(maxBatch, { error: `batch too large: at most ${maxBatch} instances per request` })
        .optional(),
    })
    .strict()
    .refine((body) => (body.features === undefined) !== (body.instances === undefined), {
      error: "send exactly one of features (one row) or instances (a batch)",
    });
  // END SOLUTION
}

/** The model a server is serving: which registry version, and the model itself. */
export interface ServedModel {
  version: number;
  model: SoftmaxModel;
}

export interface ServerOptions {
  /**
   * Loads the model to serve (e.g. the registry's champion). Called once by buildServer and
   * again on every POST /reload. It may be slow and it may fail.
   */
  load: () => Promise<ServedModel>;
  /** The most rows one POST /predict may carry. */
  maxBatch: number;
}

/**
 * Exercises 6–9 — the inference server (fastify + zod).
 *
 * TODO: await options.load() for the first model, then build (do NOT listen) a fastify app:
 *   Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>(), with
 *   app.setValidatorCompiler(validatorCompiler) and app.setSerializerCompiler(serializerCompiler).
 *   Routes (every answer is JSON):
 *   - GET /health → 200 { status: "ok", version }
 *   - GET /model → 200 { version, featureNames, classes, nFeatures, maxBatch }
 *   - POST /predict with { features } → 200 { version, label, probabilities }
 *                   with { instances } → 200 { version, predictions: [{ label, probabilities }, …] }
 *     (predictions in the order of the instances). The body is validated by
 *     predictRequestSchema(nFeatures, maxBatch) (schema: { body: … }): fastify then answers
 *     bad JSON, wrong feature counts, non-numbers and too-large batches with a 400 whose
 *     `message` names the problem, before your handler runs. Never answer bad input with 5xx.
 *   - POST /reload → await load() a new model, then swap it in with ONE assignment of the
 *     whole { version, model } object: requests keep being answered by the old model while the
 *     new one loads (no downtime, never a "no model" gap), and a request that already took the
 *     old model finishes with it. → 200 { version, previousVersion }. If load() throws, keep
 *     serving the old model and answer 500 { message }.
 *   e.g. POST /predict {"features": [13.2, …]} → 200 {"version": 1, "label": "class_0",
 *     "probabilities": [0.97, 0.02, 0.01]}; POST /predict {"features": [1, 2]} → 400
 *     {"message": "body/features expected 13 features", …}
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  // BEGIN SOLUTION
  let served = await options.load();
  const nFeatures = served.model.featureNames.length;
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const body = predictRequestSchema(nFeatures, options.maxBatch);

  app.get("/health", async () => ({ status: "ok", version: served.version }));
  app.get("/model", async () => ({
    version: served.version,
    featureNames: served.model.featureNames,
    classes: served.model.classes,
    nFeatures,
    maxBatch: options.maxBatch,
  }));
  app.post("/predict", { schema: { body } }, async (request) => {
    const { version, model } = served; // one read: this request uses one model throughout
    if (request.body.instances) {
      return { version, predictions: request.body.instances.map((row) => predictRow(model, row)) };
    }
    return { version, ...predictRow(model, request.body.features as number[]) };
  });
  app.post("/reload", async (_request, reply) => {
    const previousVersion = served.version;
    try {
      const next = await options.load();
      served = next; // the swap: one assignment
      return { version: next.version, previousVersion };
    } catch (err) {
      return reply.code(500).send({
        message: `reload failed, still serving version ${previousVersion}: ${String(err)}`,
      });
    }
  });
  return app;
  // END SOLUTION
}
