/*
 * Lab 17 checks. Expected values come from code written here, independently of the reference
 * solution: a plain softmax loop for predictions, SHA-256 over hand-built CSV text, registry
 * folders written by the check itself, and real HTTP requests (node:http, keep-alive) to the
 * learner's fastify server listening on 127.0.0.1 port 0 inside the check process. Every server
 * is closed in `finally`.
 *
 * Crash safety is tested by simulation: fs.writeFileSync is swapped (and the ESM view synced)
 * for one that writes half of the data and throws, at each write of a call in turn; the
 * registry must then still parse and name only files that exist.
 *
 * Calibration (reference solution, shared 2-core machine with load average 8–12 while other
 * labs were being built, so expect 2–3× faster alone):
 *   in-process (vitest self-check): predict-row 20 ms, register-model 70–100 ms (including
 *   the crash simulations), aliases 20–45 ms, batch-csv 170–200 ms, request-schema 80–110 ms,
 *   server-routes 0.8–1.3 s, server-validation 0.1–1 s, hot-reload 0.1–0.3 s,
 *   mixed-traffic 8–10.5 s for 3,000 requests (about 300–370 requests/s through node:http
 *   with the client in the same process; autocannon alone measured ~1,400 requests/s).
 *   On a quieter moment (load average 2.3): mixed-traffic 3.0 s; autocannon against the
 *   reference server, 10 connections, same process: p50 0 ms, p99 3 ms, ~19,000 requests/s
 *   (1 row), ~8,000 requests/s (10 rows, ~80,000 rows/s), ~2,200 requests/s (100 rows,
 *   ~220,000 rows/s). Notebook test (tests/notebooks.test.ts): solutions 43 s, stubs 36 s.
 *   In the notebook each "process" check adds 2–4 s of child-process start.
 *   Non-streaming batch answers are caught after the 4 s wait; a hung server by the
 *   5 s per-request timeout. No check is random: every seed is fixed.
 */

import * as crypto from "node:crypto";
import nodeFs from "node:fs";
import * as http from "node:http";
import { syncBuiltinESMExports } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { seededRandom } from "../../data/random";
import { loadDataset } from "../../data/tabular";
import { fail } from "../../grading/check-failure";
import { expectThat, describe as show } from "../../grading/expect";
import { expectThrows } from "../../grading/expect-estimator";
import { isTodoError } from "../../grading/todo";
import { defineLab } from "../../grading/types";

type Lab = typeof import("../../../solutions/17-serving");
type Model = import("../../../solutions/17-serving").SoftmaxModel;
type Served = import("../../../solutions/17-serving").ServedModel;
type App = Awaited<ReturnType<Lab["buildServer"]>>;

/** Requests sent by mixed-traffic (about 60 % valid), with three reloads. */
const MIXED_REQUESTS = 3000;

// ---------------------------------------------------------------- models and predictions

/** The reference prediction: standardise, logits, stable softmax, arg-max (first on ties). */
function refPredict(model: Model, features: number[]) {
  const z = features.map((v, j) => (v - model.mean[j]) / model.scale[j]);
  const logits = model.weights.map((w, k) => {
    let s = model.bias[k];
    for (let j = 0; j < z.length; j++) s += w[j] * z[j];
    return s;
  });
  const top = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - top));
  const sum = e.reduce((s, v) => s + v, 0);
  const probabilities = e.map((v) => v / sum);
  let best = 0;
  for (let k = 1; k < probabilities.length; k++)
    if (probabilities[k] > probabilities[best]) best = k;
  return { label: model.classes[best], probabilities };
}

/** The same without standardising (a likely mistake). */
function unscaledPredict(model: Model, features: number[]) {
  return refPredict(
    { ...model, mean: model.mean.map(() => 0), scale: model.scale.map(() => 1) },
    features,
  );
}

let wineCache: { featureNames: string[]; x: number[][] } | undefined;
function wine() {
  if (!wineCache) {
    const d = loadDataset("wine");
    wineCache = { featureNames: d.featureNames, x: d.x };
  }
  return wineCache;
}

/** A random but sensible model over the wine features (standardisation from the data). */
function randomWineModel(seed: number): Model {
  const { featureNames, x } = wine();
  const random = seededRandom(seed);
  const d = featureNames.length;
  const mean = featureNames.map((_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
  const scale = featureNames.map((_, j) =>
    Math.sqrt(x.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / x.length),
  );
  return {
    format: "softmax-regression/v1",
    featureNames: [...featureNames],
    classes: ["class_0", "class_1", "class_2"],
    mean,
    scale,
    weights: Array.from({ length: 3 }, () => Array.from({ length: d }, () => 2 * random() - 1)),
    bias: Array.from({ length: 3 }, () => random() - 0.5),
  };
}

function tinyModel(): Model {
  return {
    format: "softmax-regression/v1",
    featureNames: ["a", "b", "c"],
    classes: ["low", "mid", "high"],
    mean: [1, -2, 10],
    scale: [2, 0.5, 4],
    weights: [
      [1, -0.5, 0.25],
      [-1, 0.75, 0.5],
      [0.3, 0.2, -1.2],
    ],
    bias: [0.1, -0.2, 0.05],
  };
}

const close = (a: number, b: number, tol = 1e-9) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const sameProbabilities = (got: unknown, want: number[], tol = 1e-9) =>
  Array.isArray(got) &&
  got.length === want.length &&
  got.every((v, i) => typeof v === "number" && close(v, want[i], tol));
const fmt = (v: number[]) => `[${v.map((x) => x.toFixed(6)).join(", ")}]`;

function expectPrediction(got: unknown, model: Model, features: number[], what: string) {
  const want = refPredict(model, features);
  const g = got as { label?: unknown; probabilities?: unknown } | undefined;
  if (!g || typeof g !== "object" || !Array.isArray(g.probabilities)) {
    fail({ message: `${what} should return { label, probabilities }.`, got: show(got) });
  }
  const probabilities = g.probabilities as number[];
  if (!sameProbabilities(probabilities, want.probabilities, 1e-7)) {
    const unscaled = unscaledPredict(model, features).probabilities;
    const sum = probabilities.reduce(
      (s: number, v) => s + (typeof v === "number" ? v : Number.NaN),
      0,
    );
    fail({
      message: `${what}: the probabilities are wrong.`,
      expected: fmt(want.probabilities),
      got: show(probabilities),
      likelyCause: sameProbabilities(probabilities, unscaled, 1e-7)
        ? "The features were not standardised: z_j = (x_j − mean_j) / scale_j before the weights."
        : probabilities.some((v) => typeof v !== "number" || !Number.isFinite(v))
          ? "Math.exp overflowed (Infinity / Infinity = NaN): subtract the largest logit before Math.exp."
          : Math.abs(sum - 1) > 1e-6
            ? "The probabilities do not sum to 1: divide each exp by the sum of all of them."
            : "logit_k = bias_k + Σ_j weights[k][j] · z_j, then the softmax.",
    });
  }
  expectThat(g.label === want.label, {
    message: `${what}: the label is wrong.`,
    expected: JSON.stringify(want.label),
    got: show(g.label),
    likelyCause:
      typeof g.label === "number"
        ? "Return the class NAME (model.classes[k]), not its index."
        : "The label is model.classes[k] for the k with the largest probability.",
  });
}

// ---------------------------------------------------------------- files and fs spies

function tempDir(): string {
  return nodeFs.mkdtempSync(path.join(os.tmpdir(), "ml-labs-17-"));
}

class SimulatedCrash extends Error {
  constructor() {
    super("simulated crash during a write (the check pulled the plug)");
    this.name = "SimulatedCrash";
  }
}

type FsRecord = Record<string, unknown>;
const fsObject = nodeFs as unknown as FsRecord;

interface FsLog {
  writes: string[];
  renames: { from: string; to: string }[];
}

/**
 * Runs `fn` with fs.writeFileSync and fs.renameSync spied on. With `crashAt` = k, the k-th
 * writeFileSync writes only the first half of its data and throws a SimulatedCrash (caught
 * here). Returns the log and whether the crash happened.
 */
function withFsSpy(fn: () => void, crashAt?: number): FsLog & { crashed: boolean } {
  const origWrite = fsObject.writeFileSync as (...a: unknown[]) => void;
  const origRename = fsObject.renameSync as (...a: unknown[]) => void;
  const log: FsLog & { crashed: boolean } = { writes: [], renames: [], crashed: false };
  fsObject.writeFileSync = (file: unknown, data: unknown, ...rest: unknown[]) => {
    log.writes.push(path.resolve(String(file)));
    if (crashAt !== undefined && log.writes.length === crashAt) {
      const text = typeof data === "string" ? data : Buffer.from(data as Uint8Array).toString();
      origWrite.call(nodeFs, file, text.slice(0, Math.floor(text.length / 2)), ...rest);
      log.crashed = true;
      throw new SimulatedCrash();
    }
    return origWrite.call(nodeFs, file, data, ...rest);
  };
  fsObject.renameSync = (from: unknown, to: unknown) => {
    log.renames.push({ from: path.resolve(String(from)), to: path.resolve(String(to)) });
    return origRename.call(nodeFs, from, to);
  };
  syncBuiltinESMExports();
  try {
    fn();
  } catch (err) {
    if (!(err instanceof SimulatedCrash)) throw err;
  } finally {
    fsObject.writeFileSync = origWrite;
    fsObject.renameSync = origRename;
    syncBuiltinESMExports();
  }
  return log;
}

/** Fails unless `file` was only ever replaced by a rename from a temporary file in its folder. */
function expectAtomicWrites(log: FsLog, file: string, what: string) {
  const target = path.resolve(file);
  expectThat(!log.writes.includes(target), {
    message: `${what} wrote ${path.basename(file)} in place (fs.writeFileSync straight to it): a crash in the middle of that write leaves a half-written file. Write a temporary file, then rename it over ${path.basename(file)}.`,
    likelyCause: "writeJsonAtomic: writeFileSync(tmp, …) then renameSync(tmp, file).",
  });
  const rename = log.renames.find((r) => r.to === target);
  expectThat(rename !== undefined, {
    message: `${what} never renamed a temporary file over ${path.basename(file)}.`,
    likelyCause:
      "Write with fs.writeFileSync to a temporary file, then fs.renameSync(tmp, file): the rename is the atomic step.",
  });
  expectThat(path.dirname((rename as { from: string }).from) === path.dirname(target), {
    message: `${what} wrote its temporary file in another folder (${path.dirname((rename as { from: string }).from)}).`,
    likelyCause:
      "Put the temporary file next to the target: a rename is only atomic (and only works) within one file system.",
  });
}

const readJson = (file: string): unknown => JSON.parse(nodeFs.readFileSync(file, "utf8"));

function parsesOrNull(file: string): unknown {
  try {
    return readJson(file);
  } catch {
    return null;
  }
}

interface RegistryShape {
  name: string;
  versions: {
    version: number;
    createdAt: string;
    metrics: Record<string, number>;
    dataHash: string;
    file: string;
  }[];
  aliases: Record<string, number>;
}

/** A registry written by the check (the documented layout), with `n` versions. */
function writeRegistryByHand(
  root: string,
  name: string,
  models: Model[],
  aliases: Record<string, number>,
) {
  const dir = path.join(root, name);
  nodeFs.mkdirSync(dir, { recursive: true });
  const versions = models.map((m, i) => {
    nodeFs.writeFileSync(path.join(dir, `v${i + 1}.json`), JSON.stringify(m));
    return {
      version: i + 1,
      createdAt: new Date(Date.UTC(2026, 0, i + 1)).toISOString(),
      metrics: { accuracy: 0.8 + i / 100 },
      dataHash: "ab".repeat(32),
      file: `v${i + 1}.json`,
    };
  });
  const registry: RegistryShape = { name, versions, aliases };
  nodeFs.writeFileSync(path.join(dir, "registry.json"), JSON.stringify(registry));
  return registry;
}

/** Checks a registry folder after a (possibly crashed) write: it parses, and names only files that parse. */
function expectConsistentRegistry(root: string, name: string, what: string) {
  const file = path.join(root, name, "registry.json");
  const reg = parsesOrNull(file) as RegistryShape | null;
  expectThat(reg !== null && Array.isArray(reg.versions), {
    message: `${what}: after a crash in the middle of a write, registry.json is half-written (it no longer parses). Every later load of the registry fails.`,
    likelyCause:
      "Never write registry.json in place: write a temporary file, then rename it over registry.json (writeJsonAtomic).",
  });
  for (const v of (reg as RegistryShape).versions) {
    const model = parsesOrNull(path.join(root, name, v.file));
    expectThat(model !== null, {
      message: `${what}: after a crash, registry.json lists version ${v.version} but its model file ${v.file} is missing or half-written.`,
      likelyCause:
        "Write the model file first (atomically), and registry.json last: the registry must only name files that are complete.",
    });
  }
  return reg as RegistryShape;
}

// ---------------------------------------------------------------- HTTP

const agent = () => new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

function send(
  port: number,
  method: string,
  urlPath: string,
  options: { body?: string; contentType?: string; agent?: http.Agent; timeoutMs?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (options.body !== undefined) {
      headers["content-type"] = options.contentType ?? "application/json";
      headers["content-length"] = Buffer.byteLength(options.body);
    }
    const req = http.request(
      { host: "127.0.0.1", port, method, path: urlPath, headers, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
        res.on("error", reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 5000, () => req.destroy(new Error("no answer within 5 s")));
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function describeNetworkError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e?.code ? `${e.code} (${e.message ?? ""})` : String(e?.message ?? err);
}

/** Builds the learner's server, listens on 127.0.0.1 port 0, runs `fn`, always closes it. */
async function withServer<T>(
  lab: Lab,
  options: { load: () => Promise<Served>; maxBatch: number },
  fn: (port: number, app: App) => Promise<T>,
): Promise<T> {
  let app: App | undefined;
  try {
    app = await lab.buildServer(options);
  } catch (err) {
    if (isTodoError(err)) throw err;
    fail({
      message: `buildServer threw: ${err instanceof Error ? err.message : String(err)}`,
      likelyCause:
        "buildServer awaits options.load() once, then registers the routes and returns the app (not listening).",
    });
  }
  const built = app as App;
  expectThat(!!built && typeof built.listen === "function" && typeof built.close === "function", {
    message: "buildServer should return the fastify app (with listen and close).",
    got: show(built),
  });
  try {
    try {
      await built.listen({ port: 0, host: "127.0.0.1" });
    } catch (err) {
      fail({
        message: `The app returned by buildServer could not listen: ${err instanceof Error ? err.message : String(err)}`,
        likelyCause:
          "Return the app WITHOUT calling listen: the caller picks the port (the checks use an ephemeral one).",
      });
    }
    const address = built.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    return await fn(port, built);
  } finally {
    await Promise.race([built.close().catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);
    built.server.closeAllConnections?.();
  }
}

const json = (value: unknown) => JSON.stringify(value);

/** Some wine rows, jittered so they are not the training rows exactly. */
function wineRows(n: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const { x } = wine();
  return Array.from({ length: n }, () => {
    const row = x[Math.floor(random() * x.length)];
    return row.map((v) => Number((v * (0.95 + 0.1 * random())).toFixed(4)));
  });
}

function expectServedPrediction(
  got: unknown,
  model: Model,
  features: number[],
  version: number,
  what: string,
) {
  const g = got as { version?: unknown } | undefined;
  expectThat(!!g && g.version === version, {
    message: `${what}: the answer should name the version it was computed with.`,
    expected: `version ${version}`,
    got: show(g?.version),
    likelyCause: "Answer { version, label, probabilities } with the served model's version.",
  });
  expectPrediction(got, model, features, what);
}

// ---------------------------------------------------------------- the lab

export const servingLab = defineLab<Lab>({
  id: "17-serving",
  title: "Serving a model",
  summary:
    "Keep models in a versioned registry with a movable champion alias, score CSV files in a stream, and serve predictions over HTTP with fastify and zod: validated input, clear 4xx errors, and reloads without downtime.",
  exercises: [
    {
      id: "predict-row",
      title: "Predict with the JSON model",
      points: 1,
      exports: ["predictRow"],
      hints: [
        "Three steps: standardise the features with the model's mean and scale, one logit per class, then a softmax.",
        "z_j = (x_j − mean_j) / scale_j; logit_k = bias_k + Σ_j weights[k][j]·z_j; p_k = exp(logit_k − max) / Σ exp(logit − max). The label is classes[arg-max].",
        "Subtracting the largest logit does not change the softmax but keeps Math.exp from overflowing to Infinity (Infinity/Infinity = NaN). Check features.length against model.featureNames.length first and throw with both numbers in the message.",
      ],
      check: (lab) => {
        const example = {
          ...tinyModel(),
          featureNames: ["a", "b"],
          classes: ["a", "b"],
          mean: [0, 0],
          scale: [1, 1],
          weights: [
            [1, 0],
            [0, 1],
          ],
          bias: [0, 0],
        };
        expectPrediction(
          lab.predictRow(example, [2, 0]),
          example,
          [2, 0],
          "predictRow on the docstring example",
        );
        const tiny = tinyModel();
        const random = seededRandom(17);
        for (let i = 0; i < 20; i++) {
          const row = [6 * random() - 2, 4 * random() - 4, 20 * random()];
          expectPrediction(
            lab.predictRow(tiny, row),
            tiny,
            row,
            `predictRow(tinyModel, [${row.map((v) => v.toFixed(3)).join(", ")}])`,
          );
        }
        const m = randomWineModel(3);
        for (const row of wineRows(10, 4))
          expectPrediction(lab.predictRow(m, row), m, row, "predictRow on a 13-feature wine model");
        const big = { ...tiny, weights: tiny.weights.map((w) => w.map((v) => v * 400)) };
        expectPrediction(
          lab.predictRow(big, [9, 2, -30]),
          big,
          [9, 2, -30],
          "predictRow with logits in the thousands",
        );
        const tied = {
          ...tiny,
          weights: [tiny.weights[2], tiny.weights[1], tiny.weights[2]],
          bias: [0.3, 0, 0.3],
        };
        const tieGot = lab.predictRow(tied, [4, -1, 3]);
        expectThat(tieGot?.label === "low", {
          message:
            "predictRow on a tie between classes 0 and 2 (identical weights) should return the FIRST of them.",
          expected: JSON.stringify("low"),
          got: show(tieGot?.label),
          likelyCause:
            "Replace the best class only when a probability is strictly larger (>, not >=).",
        });
        const err = expectThrows(() => lab.predictRow(tiny, [1, 2]), {
          what: "predictRow with 2 features for a 3-feature model",
          likelyCause:
            "Compare features.length with model.featureNames.length and throw when they differ.",
        });
        expectThat(/\b3\b/.test(err.message) && /\b2\b/.test(err.message), {
          message:
            "predictRow's error for a wrong feature count should name both counts (expected 3, got 2).",
          got: JSON.stringify(err.message),
        });
      },
    },
    {
      id: "register-model",
      title: "A model registry with atomic writes",
      points: 2,
      exports: ["writeJsonAtomic", "dataHash", "readRegistry", "registerModel"],
      hints: [
        "registry.json is the whole state: read it (or start empty), add an entry, write it back. The model itself goes in its own v<N>.json.",
        "Version = largest registered version + 1. Write the model file first, then registry.json, both through writeJsonAtomic (writeFileSync a temp file in the same folder, then renameSync it over the target).",
        'dataHash: crypto.createHash("sha256"), update it with the text [...row, y[i]].join(",") + "\\n" for each row, digest("hex"). Never writeFileSync straight to registry.json: a crash mid-write leaves JSON that no longer parses.',
      ],
      check: async (lab, ctx) => {
        const root = tempDir();
        try {
          await ctx.case("dataHash is SHA-256 of the data as CSV lines", () => {
            const x = [
              [1, 2.5],
              [-3, 0.125],
            ];
            const y = [0, 2];
            const want = crypto.createHash("sha256").update("1,2.5,0\n-3,0.125,2\n").digest("hex");
            const got = lab.dataHash(x, y);
            expectThat(got === want, {
              message: "dataHash is wrong.",
              expected: want,
              got: show(got),
              likelyCause:
                got ===
                  crypto.createHash("sha256").update(JSON.stringify({ x, y })).digest("hex") ||
                got === crypto.createHash("sha256").update(JSON.stringify(x)).digest("hex")
                  ? 'It hashes JSON; the format is CSV text: each row\'s features then its label, joined by ",", each line ending in "\\n".'
                  : got === crypto.createHash("sha256").update("1,2.5\n-3,0.125\n").digest("hex")
                    ? "The labels are missing: a version must record the labels it was trained on too."
                    : 'sha256 over the text [...row, y[i]].join(",") + "\\n" for every row, as hex.',
            });
            const changed = lab.dataHash(
              [
                [1, 2.5],
                [-3, 0.126],
              ],
              y,
            );
            expectThat(changed !== want, {
              message: "dataHash does not change when one value changes.",
            });
          });
          await ctx.case("writeJsonAtomic writes through a temporary file and a rename", () => {
            const file = path.join(root, "atomic.json");
            nodeFs.writeFileSync(file, JSON.stringify({ old: true }));
            const log = withFsSpy(() => lab.writeJsonAtomic(file, { new: [1, 2, 3] }));
            expectAtomicWrites(log, file, "writeJsonAtomic");
            const got = parsesOrNull(file);
            expectThat(json(got) === json({ new: [1, 2, 3] }), {
              message: "writeJsonAtomic did not leave the value in the file.",
              expected: json({ new: [1, 2, 3] }),
              got: show(got),
            });
            // After a successful write, the temporary file is gone (the rename consumed it).
            const left = nodeFs.readdirSync(root).filter((f) => f !== "atomic.json");
            expectThat(left.length === 0, {
              message: `After a successful write, writeJsonAtomic left other files behind: ${left.join(", ")}.`,
              likelyCause:
                "Rename the temporary file over the target (do not copy it): nothing else should remain.",
            });
            if (log.writes.length > 0) {
              // (A writer that uses openSync/writeSync/fsyncSync is not crash-tested here.)
              withFsSpy(() => lab.writeJsonAtomic(file, { newer: "x".repeat(200) }), 1);
              expectThat(json(parsesOrNull(file)) === json({ new: [1, 2, 3] }), {
                message:
                  "writeJsonAtomic: after a crash in the middle of the write, the file is half-written (it should still hold the old value).",
                likelyCause: "Write to a temporary file, then rename it over the target.",
              });
            }
          });
          await ctx.case("registerModel adds versions 1, 2, … with metadata", () => {
            const m1 = randomWineModel(1);
            const m2 = randomWineModel(2);
            const t1 = new Date(Date.UTC(2026, 11, 1, 9, 30));
            const t2 = new Date(Date.UTC(2026, 11, 2, 10, 0));
            const e1 = lab.registerModel(
              root,
              "wine",
              m1,
              { metrics: { accuracy: 0.91 }, dataHash: "h1" },
              t1,
            );
            const e2 = lab.registerModel(
              root,
              "wine",
              m2,
              { metrics: { accuracy: 0.95, f1: 0.94 }, dataHash: "h2" },
              t2,
            );
            const want1 = {
              version: 1,
              createdAt: t1.toISOString(),
              metrics: { accuracy: 0.91 },
              dataHash: "h1",
              file: "v1.json",
            };
            const want2 = {
              version: 2,
              createdAt: t2.toISOString(),
              metrics: { accuracy: 0.95, f1: 0.94 },
              dataHash: "h2",
              file: "v2.json",
            };
            const sameEntry = (a: unknown, b: typeof want1) => {
              const e = a as typeof want1 | undefined;
              return (
                !!e &&
                e.version === b.version &&
                e.createdAt === b.createdAt &&
                e.dataHash === b.dataHash &&
                e.file === b.file &&
                json(e.metrics) === json(b.metrics)
              );
            };
            expectThat(sameEntry(e1, want1) && sameEntry(e2, want2), {
              message: "registerModel returned the wrong entries for the first two versions.",
              expected: `${json(want1)} then ${json(want2)}`,
              got: `${show(e1)} then ${show(e2)}`,
              likelyCause:
                (e1 as { version?: number })?.version === 0
                  ? "Versions start at 1 (largest existing + 1, and 0 + 1 for the first)."
                  : (e2 as { version?: number })?.version === 1
                    ? "The second registration should be version 2: read registry.json first and take the largest version + 1."
                    : 'createdAt = now.toISOString(); file = "v" + version + ".json" (e.g. v2.json); metrics and dataHash from info.',
            });
            const reg = parsesOrNull(
              path.join(root, "wine", "registry.json"),
            ) as RegistryShape | null;
            expectThat(
              !!reg &&
                Array.isArray(reg.versions) &&
                reg.versions.length === 2 &&
                sameEntry(reg.versions[0], want1) &&
                sameEntry(reg.versions[1], want2),
              {
                message:
                  "registry.json should list both versions (with their metadata) after two registrations.",
                got: show(reg),
                likelyCause:
                  "Keep the earlier versions: read the registry, append the new entry, write the whole registry back.",
              },
            );
            expectThat(json(parsesOrNull(path.join(root, "wine", "v2.json"))) === json(m2), {
              message: "v2.json should hold version 2's model (JSON).",
            });
            const back = lab.readRegistry(root, "wine");
            expectThat(json(back) === json(reg), {
              message: "readRegistry should return registry.json's content.",
              got: show(back),
            });
            const empty = lab.readRegistry(root, "nothing-here");
            expectThat(json(empty) === json({ name: "nothing-here", versions: [], aliases: {} }), {
              message:
                "readRegistry for a model that has no registry yet should return { name, versions: [], aliases: {} }.",
              got: show(empty),
            });
          });
          await ctx.case(
            "registerModel writes atomically, the model file before registry.json",
            () => {
              const name = "atomic";
              lab.registerModel(root, name, randomWineModel(5), {
                metrics: { accuracy: 0.9 },
                dataHash: "a",
              });
              const log = withFsSpy(() => {
                lab.registerModel(root, name, randomWineModel(6), {
                  metrics: { accuracy: 0.92 },
                  dataHash: "b",
                });
              });
              const regFile = path.resolve(root, name, "registry.json");
              const modelFile = path.resolve(root, name, "v2.json");
              expectAtomicWrites(log, regFile, "registerModel");
              const at = (f: string) => log.renames.findIndex((r) => r.to === f);
              expectThat(at(modelFile) >= 0 && at(modelFile) < at(regFile), {
                message:
                  "registerModel should write the model file (v2.json) before registry.json.",
                likelyCause:
                  "If the process dies between the two writes, registry.json must not name a file that does not exist yet.",
              });
              const writes = log.writes.length;
              for (let k = 1; k <= writes; k++) {
                withFsSpy(() => {
                  lab.registerModel(root, name, randomWineModel(10 + k), {
                    metrics: { accuracy: 0.9 },
                    dataHash: `c${k}`,
                  });
                }, k);
                expectConsistentRegistry(
                  root,
                  name,
                  `registerModel crashed at its write ${k} of ${writes}`,
                );
              }
            },
          );
        } finally {
          nodeFs.rmSync(root, { recursive: true, force: true });
        }
      },
    },
    {
      id: "aliases",
      title: "Aliases: a movable champion",
      points: 2,
      exports: ["setAlias", "loadModel"],
      hints: [
        "An alias is one entry in registry.json's aliases object: alias name → version number. Moving it is overwriting that entry.",
        "setAlias: read the registry, check the version exists (else throw naming it), set aliases[alias] = version, writeJsonAtomic. loadModel: resolve { alias } to a version through aliases (or take { version }), find its entry, read and parse its file.",
        'Keep everything else in registry.json as it was (other aliases, all versions), and throw errors that name the missing alias or version, e.g. `wine has no alias "champion"`.',
      ],
      check: async (lab, ctx) => {
        const root = tempDir();
        try {
          const models = [randomWineModel(21), randomWineModel(22), randomWineModel(23)];
          writeRegistryByHand(root, "wine", models, { challenger: 3 });
          const regFile = path.join(root, "wine", "registry.json");
          await ctx.case("set, load and move the champion", () => {
            lab.setAlias(root, "wine", "champion", 2);
            const reg = parsesOrNull(regFile) as RegistryShape | null;
            expectThat(!!reg && reg.aliases?.champion === 2, {
              message:
                'After setAlias(root, "wine", "champion", 2), registry.json\'s aliases.champion should be 2.',
              got: show(reg?.aliases),
            });
            expectThat(reg?.aliases?.challenger === 3 && reg.versions?.length === 3, {
              message: "setAlias lost other parts of registry.json (another alias, or versions).",
              got: show(reg),
              likelyCause: "Copy the registry and change only aliases[alias].",
            });
            const got = lab.loadModel(root, "wine", { alias: "champion" });
            expectThat(got?.entry?.version === 2 && json(got.model) === json(models[1]), {
              message:
                'loadModel(root, "wine", { alias: "champion" }) should return version 2 and its model.',
              got: `version ${show(got?.entry?.version)}`,
            });
            lab.setAlias(root, "wine", "champion", 3);
            const moved = lab.loadModel(root, "wine", { alias: "champion" });
            expectThat(moved?.entry?.version === 3 && json(moved.model) === json(models[2]), {
              message:
                'After moving the champion to version 3, loadModel({ alias: "champion" }) still returned the old version: the alias was not moved.',
              got: `version ${show(moved?.entry?.version)}`,
              likelyCause: "setAlias overwrites aliases[alias] even when the alias exists already.",
            });
            const v1 = lab.loadModel(root, "wine", { version: 1 });
            expectThat(v1?.entry?.version === 1 && json(v1.model) === json(models[0]), {
              message:
                'loadModel(root, "wine", { version: 1 }) should return version 1 and its model.',
              got: `version ${show(v1?.entry?.version)}`,
            });
          });
          await ctx.case("errors name the missing alias or version", () => {
            const before = nodeFs.readFileSync(regFile, "utf8");
            const e1 = expectThrows(() => lab.setAlias(root, "wine", "champion", 9), {
              what: "setAlias to version 9 of a registry with versions 1–3",
              likelyCause:
                "An alias must never point at a version that does not exist: check first, then throw.",
            });
            expectThat(/\b9\b/.test(e1.message), {
              message: "setAlias's error should name the missing version (9).",
              got: JSON.stringify(e1.message),
            });
            expectThat(nodeFs.readFileSync(regFile, "utf8") === before, {
              message: "setAlias to a missing version changed registry.json anyway.",
            });
            const e2 = expectThrows(() => lab.loadModel(root, "wine", { alias: "production" }), {
              what: "loadModel with an alias that does not exist",
            });
            expectThat(/production/.test(e2.message), {
              message: 'loadModel\'s error should name the missing alias ("production").',
              got: JSON.stringify(e2.message),
            });
            const e3 = expectThrows(() => lab.loadModel(root, "wine", { version: 7 }), {
              what: "loadModel with a version that does not exist",
            });
            expectThat(/\b7\b/.test(e3.message), {
              message: "loadModel's error should name the missing version (7).",
              got: JSON.stringify(e3.message),
            });
          });
          await ctx.case("setAlias writes registry.json atomically", () => {
            const log = withFsSpy(() => lab.setAlias(root, "wine", "champion", 1));
            expectAtomicWrites(log, regFile, "setAlias");
            for (let k = 1; k <= log.writes.length; k++) {
              withFsSpy(() => lab.setAlias(root, "wine", "champion", 2), k);
              const reg = expectConsistentRegistry(
                root,
                "wine",
                `setAlias crashed at its write ${k}`,
              );
              expectThat(reg.aliases.champion === 1 || reg.aliases.champion === 2, {
                message:
                  "After a crashed setAlias, the champion points at neither the old nor the new version.",
              });
            }
          });
        } finally {
          nodeFs.rmSync(root, { recursive: true, force: true });
        }
      },
    },
    {
      id: "batch-csv",
      title: "Streaming batch inference over a CSV",
      points: 2,
      exports: ["batchPredictCsv"],
      timeoutMs: 20_000,
      hints: [
        "readline.createInterface({ input, crlfDelay: Infinity }) gives you the input one line at a time with `for await (const line of rl)`; count lines as you go (the header is line 1).",
        'From the header, find each feature\'s column index by name. For every later non-empty line: split on ",", check the field count, convert each feature with Number and reject empty or non-finite fields (naming the first bad column); write one output line per good row at once.',
        'Write to `output` inside the loop (await "drain" when write returns false), not after it: the check keeps the input open and expects output before the input ends. Number("") is 0, so test for empty fields explicitly. Finish with output.end() and wait for it.',
      ],
      check: async (lab, ctx) => {
        const model = randomWineModel(31);
        const names = model.featureNames;
        const columns = ["id", ...names.slice(6), "target", ...names.slice(0, 6)]; // by name, not position
        const rows = wineRows(600, 33);
        type Want = { line: number; features: number[] } | { line: number; bad: string | null };
        const lines: string[] = [columns.join(",")];
        const wants: Want[] = [];
        const badAt = new Map<number, { column: string | null; text: string }>([
          [40, { column: names[2], text: "abc" }],
          [95, { column: names[9], text: "" }],
          [60, { column: names[5], text: "  " }],
          [150, { column: names[0], text: "NaN" }],
          [222, { column: names[12], text: "1e999" }],
          [301, { column: null, text: "" }],
          [480, { column: names[4], text: "12,5" }],
        ]);
        rows.forEach((row, i) => {
          if (i === 120 || i === 121) lines.push(""); // blank lines still count as lines
          const byName = new Map(names.map((n, j) => [n, String(row[j])]));
          byName.set("id", `r${i}`);
          byName.set("target", String(i % 3));
          const bad = badAt.get(i);
          if (bad?.column) byName.set(bad.column, bad.text);
          let fields = columns.map((c) => byName.get(c) as string);
          if (bad && bad.column === null) fields = fields.slice(0, -2);
          lines.push(fields.join(","));
          const line = lines.length; // 1-based line of this row
          const firstBad = bad ? (bad.column === null ? null : bad.column) : undefined;
          if (bad && bad.column === names[4]) {
            // "12,5" splits into two fields: the row has one field too many
            wants.push({ line, bad: null });
          } else if (bad) wants.push({ line, bad: firstBad ?? null });
          else wants.push({ line, features: row });
        });

        // The output side: collects lines, records when "finish" happens.
        let out = "";
        let finished = false;
        const output = new Writable({
          write(chunk, _enc, done) {
            out += chunk.toString();
            done();
          },
        });
        output.on("finish", () => {
          finished = true;
        });
        const input = new PassThrough();
        const head = lines.slice(0, 301).join("\n");
        input.write(`${head}\n`);
        let threw: unknown;
        const running = lab.batchPredictCsv(model, input, output).catch((err) => {
          threw = err;
          return undefined;
        });
        // Wait (input still open) for output to arrive.
        const deadline = Date.now() + 4000;
        while (Date.now() < deadline && out.split("\n").length < 3 && threw === undefined) {
          await new Promise((r) => setTimeout(r, 20));
        }
        if (threw !== undefined && isTodoError(threw)) throw threw;
        const streamed = out.split("\n").length >= 3;
        input.end(`${lines.slice(301).join("\n")}\n`);
        const report = await running;
        if (threw !== undefined) {
          fail({
            message: `batchPredictCsv threw: ${threw instanceof Error ? threw.message : String(threw)}`,
            likelyCause:
              "A bad row is rejected (recorded in the report) and the run goes on; only a missing header column is an error.",
          });
        }
        const outLines = out.split("\n").filter((l) => l !== "");
        if (outLines.length > 1) {
          // Only meaningful when some rows were predicted at all (else the other cases say why).
          await ctx.case("streams: output flows while the input is still open", () => {
            expectThat(streamed, {
              message:
                "batchPredictCsv wrote no prediction while the input was still open (300 rows had arrived): it waits for the whole input before predicting, so it does not stream.",
              likelyCause:
                "Read with readline and `for await`, and write each prediction to output as soon as its row is read.",
            });
          });
        }
        await ctx.case("the output CSV: header, one line per good row", () => {
          expectThat(outLines[0] === "line,label,confidence", {
            message: "The output's first line should be the header line,label,confidence.",
            got: JSON.stringify(outLines[0]),
          });
          const good = wants.filter(
            (w): w is { line: number; features: number[] } => "features" in w,
          );
          const got = outLines.slice(1).map((l) => l.split(","));
          const gotLines = got.map((g) => Number(g[0]));
          const shifted =
            good.every((w, i) => gotLines[i] === w.line - 1) ||
            good.every((w, i) => gotLines[i] === w.line + 1);
          const emptyAsZero = gotLines.includes(wants[95].line);
          expectThat(got.length === good.length, {
            message: `The output has ${got.length} prediction lines; ${good.length} rows are good (${wants.length - good.length} rows are bad, 2 lines are blank).`,
            likelyCause:
              got.length === 0
                ? "No row was predicted at all: take each feature from its column BY NAME (the header has an id column and a different order than model.featureNames)."
                : emptyAsZero
                  ? `Line ${wants[95].line} has an empty field and was predicted anyway: Number("") is 0, so check for empty fields explicitly.`
                  : gotLines.includes(wants[222].line)
                    ? `Line ${wants[222].line} holds 1e999 (Infinity) and was predicted anyway: use Number.isFinite, not isNaN.`
                    : "Reject rows with a wrong field count or a field that is empty or not a finite number; skip blank lines.",
          });
          expectThat(!shifted, {
            message: "The line numbers in the output are off by one.",
            likelyCause:
              "The header is line 1, so the first data row is line 2 (and blank lines still count: number every line you read).",
          });
          good.forEach((w, i) => {
            const want = refPredict(model, w.features);
            const [ln, label, conf] = got[i];
            expectThat(
              Number(ln) === w.line &&
                label === want.label &&
                Math.abs(Number(conf) - Math.max(...want.probabilities)) < 2e-6,
              {
                message: `Output line ${i + 2} is wrong (input line ${w.line}).`,
                expected: `${w.line},${want.label},${Math.max(...want.probabilities).toFixed(6)}`,
                got: outLines[i + 1],
                likelyCause:
                  Number(ln) === w.line && label !== want.label
                    ? "Take each feature from its column BY NAME (the header order differs from model.featureNames)."
                    : "line, label and confidence.toFixed(6) joined by commas, confidence = the largest probability.",
              },
            );
          });
          expectThat(finished, {
            message:
              "batchPredictCsv returned before ending the output (call output.end() and wait for it).",
          });
        });
        await ctx.case("the report names each bad line and column", () => {
          const bad = wants.filter((w): w is { line: number; bad: string | null } => "bad" in w);
          const r = report as
            | {
                predicted?: unknown;
                rejected?: { line?: unknown; column?: unknown; message?: unknown }[];
              }
            | undefined;
          expectThat(
            !!r && r.predicted === wants.length - bad.length && Array.isArray(r.rejected),
            {
              message:
                "batchPredictCsv should resolve to { predicted, rejected } with predicted = the number of rows written.",
              got: show(r),
            },
          );
          const rejected = (
            r as { rejected: { line?: unknown; column?: unknown; message?: unknown }[] }
          ).rejected;
          const gotSummary = rejected
            .map(
              (x) =>
                `line ${x.line} ${x.column === null ? "(field count)" : `column ${String(x.column)}`}`,
            )
            .join("; ");
          const wantSummary = bad
            .map((x) => `line ${x.line} ${x.bad === null ? "(field count)" : `column ${x.bad}`}`)
            .join("; ");
          const offByOne =
            rejected.length === bad.length &&
            rejected.every((x, i) => Math.abs(Number(x.line) - bad[i].line) === 1);
          expectThat(gotSummary === wantSummary, {
            message: offByOne
              ? "The rejected rows' line numbers are off by one."
              : "The rejected rows are not the bad lines, or do not name the right column.",
            expected: wantSummary,
            got: gotSummary,
            likelyCause: offByOne
              ? "The header is line 1 and the first data row line 2; blank lines still count."
              : "One entry per bad row, in order: column = the first bad feature column's NAME, or null when the field count is wrong.",
          });
          const noMessage = rejected.find(
            (x) => typeof x.message !== "string" || x.message.trim() === "",
          );
          expectThat(!noMessage, {
            message: "Every rejected row needs a message saying what is wrong.",
            got: show(noMessage),
          });
          const abc = rejected.find((x) => x.line === bad[0].line);
          expectThat(typeof abc?.message === "string" && abc.message.includes("abc"), {
            message: `The message for line ${bad[0].line} should quote the bad value ("abc").`,
            got: show(abc?.message),
          });
        });
        await ctx.case("a missing feature column is an error naming it", async () => {
          const cols = names.filter((n) => n !== names[7]);
          const src = PassThrough.from([`${cols.join(",")}\n${cols.map(() => "1").join(",")}\n`]);
          const sink = new Writable({ write: (_c, _e, done) => done() });
          let err: unknown;
          try {
            await lab.batchPredictCsv(model, src, sink);
          } catch (e) {
            err = e;
          }
          if (isTodoError(err)) throw err;
          expectThat(err instanceof Error && err.message.includes(names[7]), {
            message: `With no "${names[7]}" column in the header, batchPredictCsv should throw an error naming it.`,
            got: err instanceof Error ? JSON.stringify(err.message) : "no error",
          });
        });
      },
    },
    {
      id: "request-schema",
      title: "The request schema (zod)",
      points: 2,
      exports: ["predictRequestSchema"],
      hints: [
        "z.array(z.number()).length(n) is one row; z.array(row).min(1).max(maxBatch) is a batch. Wrap both, optional, in z.object({...}).strict().",
        'Add .refine((b) => (b.features === undefined) !== (b.instances === undefined), { error: "send exactly one of …" }) for "one or the other". Put the numbers in the messages: { error: "expected " + n + " features" } and { error: "at most " + maxBatch + " instances" }.',
        'No z.coerce: it turns null (what JSON.stringify(NaN) sends) and "" into 0. z.number() already rejects NaN and ±Infinity in zod 4.',
      ],
      check: async (lab, ctx) => {
        type Parse = {
          success: boolean;
          error?: { issues: { message: string; path: PropertyKey[] }[] };
        };
        for (const [n, maxBatch] of [
          [3, 2],
          [13, 50],
        ] as const) {
          const schema = lab.predictRequestSchema(n, maxBatch) as unknown as {
            safeParse?: (v: unknown) => Parse;
          };
          expectThat(!!schema && typeof schema.safeParse === "function", {
            message: "predictRequestSchema should return a zod schema (with safeParse).",
            got: show(schema),
          });
          const parse = (v: unknown) => (schema.safeParse as (v: unknown) => Parse)(v);
          const row = (k: number = n) => Array.from({ length: k }, (_, i) => i + 0.5);
          const what = `predictRequestSchema(${n}, ${maxBatch})`;
          const issues = (r: Parse) =>
            (r.error?.issues ?? []).map((i) => `${i.path.join("/")} ${i.message}`).join("; ");
          await ctx.case(`${what} accepts valid bodies`, () => {
            for (const [label, body] of [
              ["one row", { features: row() }],
              ["a batch of 1", { instances: [row()] }],
              [
                `a batch of ${maxBatch}`,
                { instances: Array.from({ length: maxBatch }, () => row()) },
              ],
            ] as const) {
              const r = parse(body);
              expectThat(r.success, {
                message: `${what} rejected a valid body (${label}).`,
                got: issues(r),
              });
            }
          });
          const rejects = (
            label: string,
            body: unknown,
            names: RegExp | undefined,
            cause: string,
          ) => {
            const r = parse(body);
            expectThat(!r.success, { message: `${what} accepted ${label}.`, likelyCause: cause });
            if (names)
              expectThat(names.test(issues(r)), {
                message: `${what} rejected ${label}, but its message does not name the problem.`,
                expected: `a message matching ${names}`,
                got: JSON.stringify(issues(r)),
                likelyCause: cause,
              });
          };
          await ctx.case(`${what}: wrong feature counts, with the count in the message`, () => {
            rejects(
              `a row of ${n - 1} features`,
              { features: row(n - 1) },
              new RegExp(`\\b${n}\\b`),
              `Use .length(${n}, { error: \`expected ${n} features\` }).`,
            );
            rejects(
              `a row of ${n + 1} features`,
              { features: row(n + 1) },
              new RegExp(`\\b${n}\\b`),
              "The row length must be exactly nFeatures.",
            );
            rejects(
              "a batch whose second row is short",
              { instances: [row(), row(n - 1)] },
              /instances/,
              "Every row of a batch has the same rule as a single row.",
            );
          });
          await ctx.case(`${what}: non-numbers (null from NaN, strings, NaN, Infinity)`, () => {
            const withValue = (v: unknown) => ({ features: [...row(n - 1), v] });
            rejects(
              "null as a feature (JSON.stringify(NaN) sends null)",
              withValue(null),
              /features/,
              "null must be rejected, not coerced to 0: no z.coerce.",
            );
            rejects(
              'a string feature "1.5"',
              withValue("1.5"),
              /features/,
              "Features are JSON numbers: z.number(), no coercion.",
            );
            rejects(
              "an empty-string feature",
              withValue(""),
              undefined,
              'Number("") is 0: never coerce.',
            );
            rejects(
              "NaN as a feature",
              withValue(Number.NaN),
              undefined,
              "z.number() rejects NaN; a custom check must too.",
            );
            rejects(
              "Infinity as a feature (1e999 in JSON)",
              withValue(Number.POSITIVE_INFINITY),
              undefined,
              "Features must be finite numbers.",
            );
          });
          await ctx.case(`${what}: batch size limits, with the limit in the message`, () => {
            rejects(
              `a batch of ${maxBatch + 1}`,
              { instances: Array.from({ length: maxBatch + 1 }, () => row()) },
              new RegExp(`\\b${maxBatch}\\b`),
              `Use .max(${maxBatch}, { error: \`batch too large: at most ${maxBatch} instances\` }).`,
            );
            rejects(
              "an empty batch",
              { instances: [] },
              undefined,
              "A batch holds at least 1 row: .min(1).",
            );
          });
          await ctx.case(`${what}: exactly one of features / instances, nothing else`, () => {
            rejects(
              "an empty object",
              {},
              /features|instances/,
              "Refine the object: exactly one of features or instances.",
            );
            rejects(
              "both features and instances",
              { features: row(), instances: [row()] },
              /features|instances/,
              "Refine the object: exactly one of features or instances.",
            );
            rejects(
              "an unknown key",
              { features: row(), extra: 1 },
              undefined,
              "Make the object .strict() so typos such as { feature: … } are errors, not silently ignored.",
            );
            rejects(
              "features as a bare array",
              row(),
              undefined,
              "The body is an object: { features: [...] }.",
            );
          });
        }
      },
    },
    {
      id: "server-routes",
      title: "The inference server: health, model info, predict",
      points: 2,
      exports: ["buildServer"],
      runner: "process",
      timeoutMs: 30_000,
      hints: [
        'Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>(), set the validator and serializer compilers, then app.get("/health", …), app.get("/model", …) and app.post("/predict", { schema: { body } }, …). Return the app without listening.',
        "Keep the served { version, model } in one variable set from await options.load(). In /predict, read it ONCE into a const, then answer { version, ...predictRow(model, features) } or { version, predictions: instances.map(...) }.",
        "A handler that returns an object sends it as JSON with status 200. /model answers { version, featureNames, classes, nFeatures, maxBatch }; the version is the one load() returned.",
      ],
      check: async (lab) => {
        const model = randomWineModel(41);
        let loads = 0;
        const load = async () => {
          loads++;
          return { version: 4, model };
        };
        await withServer(lab, { load, maxBatch: 16 }, async (port) => {
          expectThat(loads === 1, {
            message: `buildServer should call options.load() once (it called it ${loads} times).`,
          });
          const health = await send(port, "GET", "/health");
          expectThat(
            health.status === 200 &&
              (health.json as { status?: unknown })?.status === "ok" &&
              (health.json as { version?: unknown }).version === 4,
            {
              message: 'GET /health should answer 200 { status: "ok", version }.',
              got: `${health.status} ${health.text.slice(0, 200)}`,
            },
          );
          const info = await send(port, "GET", "/model");
          const i = info.json as Record<string, unknown> | undefined;
          expectThat(
            info.status === 200 &&
              !!i &&
              i.version === 4 &&
              i.nFeatures === 13 &&
              i.maxBatch === 16 &&
              json(i.featureNames) === json(model.featureNames) &&
              json(i.classes) === json(model.classes),
            {
              message:
                "GET /model should answer 200 { version, featureNames, classes, nFeatures, maxBatch }.",
              expected: json({
                version: 4,
                featureNames: "[13 names]",
                classes: model.classes,
                nFeatures: 13,
                maxBatch: 16,
              }),
              got: `${info.status} ${info.text.slice(0, 300)}`,
            },
          );
          const rows = wineRows(9, 42);
          const one = await send(port, "POST", "/predict", { body: json({ features: rows[0] }) });
          expectThat(one.status === 200, {
            message: "POST /predict with one valid row should answer 200.",
            got: `${one.status} ${one.text.slice(0, 300)}`,
          });
          expectServedPrediction(one.json, model, rows[0], 4, "POST /predict { features }");
          const batch = await send(port, "POST", "/predict", { body: json({ instances: rows }) });
          expectThat(batch.status === 200, {
            message: "POST /predict with a valid batch of 9 rows should answer 200.",
            got: `${batch.status} ${batch.text.slice(0, 300)}`,
          });
          const b = batch.json as { version?: unknown; predictions?: unknown[] };
          expectThat(
            b?.version === 4 &&
              Array.isArray(b.predictions) &&
              b.predictions.length === rows.length,
            {
              message:
                "POST /predict { instances } should answer { version, predictions } with one prediction per row.",
              got: batch.text.slice(0, 300),
            },
          );
          (b.predictions as unknown[]).forEach((p, k) => {
            expectPrediction(
              p,
              model,
              rows[k],
              `POST /predict { instances }: prediction ${k} (predictions must be in the order of the instances)`,
            );
          });
          const missing = await send(port, "GET", "/no-such-route");
          expectThat(missing.status === 404, {
            message: "An unknown route should answer 404 (fastify's default).",
            got: String(missing.status),
          });
        });
      },
    },
    {
      id: "server-validation",
      title: "Bad input gets a 4xx that names the problem",
      points: 2,
      exports: ["buildServer"],
      runner: "process",
      timeoutMs: 30_000,
      hints: [
        'Give the /predict route schema: { body: predictRequestSchema(nFeatures, maxBatch) } and let fastify answer validation errors itself: 400 with a message such as "body/features expected 13 features".',
        "Bad JSON is answered 400 by fastify before any route runs. If you add your own setErrorHandler, keep error.statusCode (400 for validation and parse errors) and send a message; only unexpected errors are 500.",
        "Never close the app or throw outside a handler on bad input: the server must answer the next request. No z.coerce (null → 0), and the batch limit comes from options.maxBatch.",
      ],
      check: async (lab, ctx) => {
        const model = randomWineModel(51);
        const maxBatch = 8;
        await withServer(
          lab,
          { load: async () => ({ version: 1, model }), maxBatch },
          async (port) => {
            const rows = wineRows(maxBatch + 1, 52);
            const bad = async (
              label: string,
              body: string,
              names: RegExp,
              cause: string,
              contentType?: string,
            ) => {
              await ctx.case(label, async () => {
                let r: Reply;
                try {
                  r = await send(port, "POST", "/predict", { body, contentType });
                } catch (err) {
                  fail({
                    message: `${label}: the server did not answer (${describeNetworkError(err)}).`,
                    likelyCause:
                      "The server must survive bad input: never close it or throw outside a handler.",
                  });
                }
                const reply = r as Reply;
                const message = String((reply.json as { message?: unknown })?.message ?? "");
                expectThat(reply.status >= 400 && reply.status < 500, {
                  message:
                    reply.status >= 500
                      ? `${label}: answered ${reply.status} (a server error). Bad input is the client's mistake: answer 400 with a message.`
                      : `${label}: answered ${reply.status}; bad input must get a 4xx.`,
                  got: `${reply.status} ${reply.text.slice(0, 200)}`,
                  likelyCause:
                    reply.status >= 500
                      ? "A custom error handler that always sends 500? Keep error.statusCode (fastify sets 400 for validation and JSON errors)."
                      : reply.status === 200
                        ? cause
                        : undefined,
                });
                expectThat(names.test(message), {
                  message: `${label}: the 4xx answer's message should name the problem.`,
                  expected: `{ "message": … } matching ${names}`,
                  got: reply.text.slice(0, 200),
                  likelyCause: cause,
                });
              });
            };
            await bad(
              "bad JSON",
              '{"features": [1, 2,',
              /JSON/i,
              'Let fastify parse the body (its JSON parser answers 400 "Body is not valid JSON").',
            );
            await bad(
              "12 features for a 13-feature model",
              json({ features: rows[0].slice(1) }),
              /13|features/,
              "Check the row length: .length(nFeatures) in the schema.",
            );
            await bad(
              "14 features",
              json({ features: [...rows[0], 1] }),
              /13|features/,
              "Check the row length: .length(nFeatures) in the schema.",
            );
            await bad(
              "null as a feature (NaN after JSON.stringify)",
              json({ features: [...rows[0].slice(1), Number.NaN] }),
              /number|null|features/i,
              "null must be rejected, not coerced to 0: z.number(), no z.coerce.",
            );
            await bad(
              "a string feature",
              json({ features: [...rows[0].slice(1), "abc"] }),
              /number|string|features/i,
              "Features must be numbers: z.number().",
            );
            await bad(
              "1e999 (Infinity) as a feature",
              `{"features": [${rows[0].slice(1).join(",")}, 1e999]}`,
              /number|infinit|features/i,
              "z.number() rejects Infinity; do not let it through.",
            );
            await bad(
              `a batch of ${maxBatch + 1} (maxBatch ${maxBatch})`,
              json({ instances: rows }),
              new RegExp(`\\b${maxBatch}\\b|batch|instances`, "i"),
              "Limit the batch: .max(options.maxBatch) on instances.",
            );
            await bad(
              "an empty object",
              "{}",
              /features|instances/,
              "Refine: exactly one of features or instances.",
            );
            await bad(
              "a body that is not JSON at all (text/plain)",
              "13.2,1.7",
              /content|type|media|JSON|object/i,
              "The body must be a JSON object { features } or { instances }; fastify reads text/plain as a string, which the schema rejects.",
              "text/plain",
            );
            await ctx.case("still serving after all that", async () => {
              let r: Reply | undefined;
              try {
                r = await send(port, "POST", "/predict", { body: json({ features: rows[1] }) });
              } catch (err) {
                fail({
                  message: `After the bad requests the server no longer answers (${describeNetworkError(err)}): bad input brought it down.`,
                  likelyCause: "Never close the app or throw outside a handler on bad input.",
                });
              }
              expectThat((r as Reply).status === 200, {
                message: "After the bad requests, a valid request no longer gets 200.",
                got: `${r?.status} ${r?.text.slice(0, 200)}`,
              });
              expectServedPrediction(
                (r as Reply).json,
                model,
                rows[1],
                1,
                "POST /predict after bad requests",
              );
              const health = await send(port, "GET", "/health");
              expectThat(health.status === 200, {
                message: "GET /health should still answer 200 after bad input.",
                got: String(health.status),
              });
            });
          },
        );
      },
    },
    {
      id: "hot-reload",
      title: "Reload the model without downtime",
      points: 2,
      exports: ["buildServer"],
      runner: "process",
      timeoutMs: 30_000,
      hints: [
        "POST /reload awaits options.load(); only when it resolves do you replace the served { version, model } — in one assignment.",
        "While load() is pending, the old model must keep answering: do not clear the variable first, do not close or re-create the app. Answer { version, previousVersion }.",
        "Wrap the load in try/catch: on failure keep the old model and answer 500 { message }. A handler that reads the served object once (const { version, model } = served) finishes with the model it started with.",
      ],
      check: async (lab, ctx) => {
        const v1 = randomWineModel(61);
        const v2 = randomWineModel(62);
        let calls = 0;
        let release: (() => void) | undefined;
        const load = async (): Promise<Served> => {
          calls++;
          if (calls === 1) return { version: 1, model: v1 };
          if (calls === 2) {
            await new Promise<void>((r) => {
              release = r;
            });
            return { version: 2, model: v2 };
          }
          throw new Error("registry unavailable (the check's load() fails on purpose)");
        };
        const rows = wineRows(30, 63);
        await withServer(lab, { load, maxBatch: 8 }, async (port) => {
          const pending = send(port, "POST", "/reload", { body: "{}", timeoutMs: 10_000 }).catch(
            (err) => err as Error,
          );
          const waitStart = Date.now();
          while (!release && Date.now() - waitStart < 3000)
            await new Promise((r) => setTimeout(r, 10));
          await ctx.case("while the new model loads, the old one keeps answering", async () => {
            expectThat(!!release, {
              message: "POST /reload did not call options.load() (within 3 s).",
              likelyCause: "The reload route awaits options.load() to get the new model.",
            });
            for (const row of rows.slice(0, 15)) {
              let r: Reply;
              try {
                r = await send(port, "POST", "/predict", { body: json({ features: row }) });
              } catch (err) {
                fail({
                  message: `During a reload the server stopped answering (${describeNetworkError(err)}).`,
                  likelyCause:
                    "Never close or re-create the app to reload: swap the model inside the running server.",
                });
              }
              const reply = r as Reply;
              expectThat(reply.status === 200, {
                message: `During a reload (load() still running) POST /predict answered ${reply.status}: the server had no model to serve. That is downtime.`,
                got: reply.text.slice(0, 200),
                likelyCause:
                  "Keep the old model until the new one has loaded: `served = await load()`, never `served = undefined` first.",
              });
              expectServedPrediction(reply.json, v1, row, 1, "POST /predict during a reload");
            }
          });
          release?.();
          const reloaded = await pending;
          await ctx.case("after the reload, the new model answers", async () => {
            const r = reloaded as Reply;
            expectThat(
              !(reloaded instanceof Error) &&
                r.status === 200 &&
                (r.json as { version?: unknown })?.version === 2 &&
                (r.json as { previousVersion?: unknown }).previousVersion === 1,
              {
                message:
                  "POST /reload should answer 200 { version: 2, previousVersion: 1 } once the new model is loaded.",
                got:
                  reloaded instanceof Error
                    ? describeNetworkError(reloaded)
                    : `${r.status} ${r.text.slice(0, 200)}`,
              },
            );
            for (const row of rows.slice(15, 20)) {
              const p = await send(port, "POST", "/predict", { body: json({ features: row }) });
              const version = (p.json as { version?: unknown })?.version;
              expectThat(p.status === 200 && version === 2, {
                message:
                  version === 1
                    ? "After a successful reload the server still answers with the old model (version 1): the new one was never swapped in."
                    : "After a reload POST /predict should answer 200 with version 2.",
                got: `${p.status} ${p.text.slice(0, 200)}`,
                likelyCause:
                  "Assign the loaded { version, model } to the variable every request reads.",
              });
              expectServedPrediction(p.json, v2, row, 2, "POST /predict after the reload");
            }
            const health = await send(port, "GET", "/health");
            const info = await send(port, "GET", "/model");
            expectThat(
              (health.json as { version?: unknown })?.version === 2 &&
                (info.json as { version?: unknown })?.version === 2,
              {
                message: "After the reload, /health and /model should report version 2.",
                got: `${health.text.slice(0, 100)} | ${info.text.slice(0, 100)}`,
              },
            );
          });
          await ctx.case("a failed reload keeps the old model serving", async () => {
            let r: Reply | undefined;
            try {
              r = await send(port, "POST", "/reload", { body: "{}" });
            } catch (err) {
              fail({
                message: `A failed reload brought the server down (${describeNetworkError(err)}).`,
              });
            }
            expectThat((r as Reply).status >= 500, {
              message: `When load() throws, POST /reload should answer 500 (it answered ${(r as Reply).status}).`,
              got: (r as Reply).text.slice(0, 200),
            });
            const why = (r as Reply).json as { message?: unknown } | undefined;
            expectThat(typeof why?.message === "string" && why.message.trim() !== "", {
              message:
                "When load() throws, POST /reload's 500 answer should carry a { message } saying why.",
              got: (r as Reply).text.slice(0, 200),
            });
            for (const row of rows.slice(20, 25)) {
              const p = await send(port, "POST", "/predict", { body: json({ features: row }) });
              expectThat(p.status === 200, {
                message: `After a failed reload POST /predict answered ${p.status}: the server lost its model.`,
                got: p.text.slice(0, 200),
                likelyCause:
                  "Only assign the served model after load() succeeded; on failure leave it as it was.",
              });
              expectServedPrediction(p.json, v2, row, 2, "POST /predict after a failed reload");
            }
          });
        });
      },
    },
    {
      id: "mixed-traffic",
      title: "Thousands of mixed requests, with reloads",
      points: 2,
      exports: ["buildServer"],
      runner: "process",
      timeoutMs: 60_000,
      hints: [
        "This check reuses your buildServer: 3,000 requests, valid and invalid, 32 at a time, while the model is reloaded three times. Every valid one must get the right prediction for the version it names.",
        "If answers name one version but carry another version's probabilities, the version and the model were swapped separately: keep them in ONE object and replace it in one assignment, after load() resolved.",
        "If valid batches are refused, check bodyLimit and maxBatch; if invalid ones get 5xx, see server-validation. The server must still answer /health at the end.",
      ],
      check: async (lab) => {
        const versions = new Map<number, Model>(
          [1, 2, 3, 4].map((v) => [v, randomWineModel(70 + v)] as const),
        );
        let next = 0;
        const load = async (): Promise<Served> => {
          next++;
          if (next > 1) await new Promise((r) => setTimeout(r, 40));
          return { version: next, model: versions.get(next) as Model };
        };
        const maxBatch = 32;
        const total = MIXED_REQUESTS;
        const random = seededRandom(77);
        const pool = wineRows(200, 78);
        const pick = () => pool[Math.floor(random() * pool.length)];
        type Job = {
          kind: string;
          body: string;
          contentType?: string;
          rows?: number[][];
          single?: boolean;
        };
        const jobs: Job[] = Array.from({ length: total }, (): Job => {
          const u = random();
          if (u < 0.45) {
            const row = pick();
            return { kind: "valid row", body: json({ features: row }), rows: [row], single: true };
          }
          if (u < 0.6) {
            const rows = Array.from({ length: 1 + Math.floor(random() * maxBatch) }, pick);
            return { kind: `valid batch`, body: json({ instances: rows }), rows };
          }
          const bad: Job[] = [
            { kind: "bad JSON", body: '{"features": [1, 2' },
            { kind: "12 features", body: json({ features: pick().slice(1) }) },
            { kind: "null feature", body: json({ features: [...pick().slice(1), null] }) },
            { kind: "string feature", body: json({ features: [...pick().slice(1), "x"] }) },
            { kind: "1e999 feature", body: `{"features": [${pick().slice(1).join(",")}, 1e999]}` },
            {
              kind: "too large batch",
              body: json({ instances: Array.from({ length: maxBatch + 1 }, pick) }),
            },
            { kind: "empty object", body: "{}" },
            { kind: "text/plain body", body: "1,2,3", contentType: "text/plain" },
            { kind: "empty body", body: "" },
          ];
          return bad[Math.floor(random() * bad.length)];
        });
        const reloadAt = new Set([
          Math.floor(total / 4),
          Math.floor(total / 2),
          Math.floor((3 * total) / 4),
        ]);
        await withServer(lab, { load, maxBatch }, async (port) => {
          const pooled = agent();
          const problems: string[] = [];
          let wrongValid = 0;
          let valid = 0;
          let crossed = 0;
          const reloads: Promise<Reply | Error>[] = [];
          let cursor = 0;
          const worker = async () => {
            while (cursor < jobs.length) {
              const i = cursor++;
              if (reloadAt.has(i))
                reloads.push(
                  send(port, "POST", "/reload", { body: "{}", agent: pooled }).catch(
                    (e) => e as Error,
                  ),
                );
              const job = jobs[i];
              let r: Reply;
              try {
                r = await send(port, "POST", "/predict", {
                  body: job.body,
                  contentType: job.contentType,
                  agent: pooled,
                });
              } catch (err) {
                problems.push(
                  `request ${i} (${job.kind}): no answer, ${describeNetworkError(err)}`,
                );
                if (job.rows) wrongValid++;
                continue;
              }
              if (job.rows) {
                valid++;
                const body = r.json as {
                  version?: number;
                  probabilities?: number[];
                  predictions?: { probabilities?: number[] }[];
                };
                const m = body?.version !== undefined ? versions.get(body.version) : undefined;
                const got = job.single
                  ? [body?.probabilities]
                  : (body?.predictions ?? []).map((p) => p?.probabilities);
                const ok =
                  r.status === 200 &&
                  !!m &&
                  got.length === job.rows.length &&
                  job.rows.every((row, k) =>
                    sameProbabilities(got[k], refPredict(m, row).probabilities, 1e-7),
                  );
                if (!ok) {
                  wrongValid++;
                  const other = [...versions.entries()].find(([, mm]) =>
                    job.rows?.every((row, k) =>
                      sameProbabilities(got[k], refPredict(mm, row).probabilities, 1e-7),
                    ),
                  );
                  if (r.status === 200 && other && m) crossed++;
                  problems.push(
                    `request ${i} (${job.kind}, ${job.rows.length} row(s)): ${r.status}${other && m ? `, named version ${body.version} but carried version ${other[0]}'s predictions` : ""} ${r.text.slice(0, 120)}`,
                  );
                }
              } else if (!(r.status >= 400 && r.status < 500)) {
                problems.push(
                  `request ${i} (${job.kind}): answered ${r.status}, a bad request needs a 4xx. ${r.text.slice(0, 120)}`,
                );
              }
            }
          };
          const started = Date.now();
          try {
            await Promise.all(Array.from({ length: 32 }, worker));
            const reloadReplies = await Promise.all(reloads);
            const seconds = (Date.now() - started) / 1000;
            reloadReplies.forEach((rr, k) => {
              if (rr instanceof Error || rr.status !== 200)
                problems.push(
                  `reload ${k + 1}: ${rr instanceof Error ? describeNetworkError(rr) : `${rr.status} ${rr.text.slice(0, 120)}`}`,
                );
            });
            let healthy = false;
            try {
              const h = await send(port, "GET", "/health");
              healthy = h.status === 200 && (h.json as { version?: unknown })?.version === 4;
              if (!healthy)
                problems.push(
                  `GET /health at the end: ${h.status} ${h.text.slice(0, 120)} (expected 200 with version 4 after three reloads)`,
                );
            } catch (err) {
              problems.push(`GET /health at the end: no answer (${describeNetworkError(err)})`);
            }
            if (problems.length > 0) {
              fail({
                message: `${problems.length} problem(s) in ${total} mixed requests (${valid} valid, ${wrongValid} of them answered wrongly) with 3 reloads, in ${seconds.toFixed(1)} s. First: ${problems[0]}`,
                got: problems.slice(0, 6).join("\n"),
                likelyCause:
                  crossed > 0
                    ? `${crossed} answer(s) named one version but carried another version's predictions: the version and the model were swapped separately (across an await). Keep { version, model } in ONE object and replace it in one assignment.`
                    : problems.some((p) => / 413 /.test(p) || /: 413/.test(p))
                      ? "Valid batches were refused as too large (413): bodyLimit is too small for maxBatch rows; the default 1 MiB is plenty."
                      : problems.some((p) => /no answer/.test(p))
                        ? "The server stopped answering: something in the mix (bad JSON? an empty body?) brought it down."
                        : "See server-validation: every bad request needs a 4xx, every valid one a 200 with the right prediction.",
              });
            }
          } finally {
            pooled.destroy();
          }
        });
      },
    },
  ],
});
