import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import Fastify, { type FastifyInstance } from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import * as solution from "../../solutions/17-serving";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
type Model = solution.SoftmaxModel;
const { predictRow, predictRequestSchema, readRegistry, writeJsonAtomic, batchPredictCsv } =
  solution;

/** A softmax without subtracting the largest logit (overflows for large logits). */
function naivePredict(model: Model, features: number[]): solution.Prediction {
  const z = features.map((v, j) => (v - model.mean[j]) / model.scale[j]);
  const e = model.weights.map((w, k) =>
    Math.exp(model.bias[k] + w.reduce((s, wj, j) => s + wj * z[j], 0)),
  );
  const sum = e.reduce((s, v) => s + v, 0);
  const probabilities = e.map((v) => v / sum);
  const best = probabilities.indexOf(Math.max(...probabilities));
  return { label: model.classes[best], probabilities };
}

/** The knobs of a wrong server: each one is a plausible mistake. */
interface Flaws {
  noHealth?: boolean;
  reversedBatch?: boolean;
  noVersion?: boolean;
  listensItself?: boolean;
  bodyLimit?: number;
  always500?: boolean;
  schema?: (nFeatures: number, maxBatch: number) => z.ZodType;
  crashOnBadJson?: boolean;
  clearDuringReload?: boolean;
  neverSwaps?: boolean;
  dropOnFailedReload?: boolean;
  splitSwap?: boolean;
}

type Served = solution.ServedModel | undefined;

function flawedServer(flaws: Flaws): Lab["buildServer"] {
  return async (options) => {
    let served: Served = await options.load();
    let version = served.version;
    const nFeatures = served.model.featureNames.length;
    const app = Fastify({
      logger: false,
      ...(flaws.bodyLimit ? { bodyLimit: flaws.bodyLimit } : {}),
    }).withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    if (flaws.always500) {
      app.setErrorHandler((err, _req, reply) => {
        reply.code(500).send({ message: (err as Error).message });
      });
    }
    if (flaws.crashOnBadJson) {
      app.setErrorHandler((err, _req, reply) => {
        const e = err as { code?: string; statusCode?: number; message: string };
        if (e.code === "FST_ERR_CTP_INVALID_JSON_BODY") void app.close(); // "the process died"
        reply.code(e.statusCode ?? 500).send({ message: e.message });
      });
    }
    const body = (flaws.schema ?? predictRequestSchema)(nFeatures, options.maxBatch);
    if (!flaws.noHealth) app.get("/health", async () => ({ status: "ok", version }));
    app.get("/model", async (_req, reply) => {
      if (!served) return reply.code(503).send({ message: "no model loaded" });
      return {
        version,
        featureNames: served.model.featureNames,
        classes: served.model.classes,
        nFeatures,
        maxBatch: options.maxBatch,
      };
    });
    app.post("/predict", { schema: { body } }, async (request, reply) => {
      if (!served) return reply.code(503).send({ message: "no model loaded" });
      const model = served.model;
      const b = request.body as { features?: number[]; instances?: number[][] };
      const v = flaws.noVersion ? {} : { version };
      if (b.instances) {
        const predictions = b.instances.map((row) => predictRow(model, row));
        return { ...v, predictions: flaws.reversedBatch ? predictions.reverse() : predictions };
      }
      return { ...v, ...predictRow(model, b.features as number[]) };
    });
    app.post("/reload", async (_req, reply) => {
      const previousVersion = version;
      if (flaws.clearDuringReload) served = undefined;
      try {
        const next = await options.load();
        if (flaws.splitSwap) {
          version = next.version;
          await new Promise((r) => setTimeout(r, 30)); // "warm up" the new model
          served = next;
        } else if (!flaws.neverSwaps) {
          served = next;
          version = next.version;
        }
        return { version: next.version, previousVersion };
      } catch (err) {
        if (flaws.dropOnFailedReload) served = undefined;
        return reply.code(500).send({ message: String(err) });
      }
    });
    if (flaws.listensItself) await app.listen({ port: 0, host: "127.0.0.1" });
    return app as unknown as FastifyInstance;
  };
}

/** The reference schema with one rule changed. */
function schemaWith(change: {
  row?: (n: number) => z.ZodType<number[]>;
  noMax?: boolean;
  loose?: boolean;
}) {
  return (nFeatures: number, maxBatch: number) => {
    const row = change.row
      ? change.row(nFeatures)
      : z.array(z.number()).length(nFeatures, { error: `expected ${nFeatures} features` });
    const instances = change.noMax
      ? z.array(row).min(1)
      : z
          .array(row)
          .min(1)
          .max(maxBatch, { error: `at most ${maxBatch} instances` });
    const shape = z.object({ features: row.optional(), instances: instances.optional() });
    return (change.loose ? shape : shape.strict()).refine(
      (b) => (b.features === undefined) !== (b.instances === undefined),
      { error: "send exactly one of features or instances" },
    );
  };
}

/** registerModel with a chosen way of writing and a chosen order. */
function registerWith(
  write: (file: string, value: unknown) => void,
  options: { registryFirst?: boolean; keepOnlyNew?: boolean; firstVersion?: number } = {},
): Lab["registerModel"] {
  return (root, name, model, info, now = new Date()) => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    const registry = readRegistry(root, name);
    const version =
      registry.versions.length === 0
        ? (options.firstVersion ?? 1)
        : Math.max(...registry.versions.map((v) => v.version)) + 1;
    const entry = {
      version,
      createdAt: now.toISOString(),
      metrics: { ...info.metrics },
      dataHash: info.dataHash,
      file: `v${version}.json`,
    };
    const next = {
      ...registry,
      versions: options.keepOnlyNew ? [entry] : [...registry.versions, entry],
    };
    if (options.registryFirst) {
      write(path.join(dir, "registry.json"), next);
      write(path.join(dir, entry.file), model);
    } else {
      write(path.join(dir, entry.file), model);
      write(path.join(dir, "registry.json"), next);
    }
    return entry;
  };
}

const writeInPlace = (file: string, value: unknown) =>
  fs.writeFileSync(file, JSON.stringify(value, null, 2));

function setAliasWith(
  write: (file: string, value: unknown) => void,
  options: { onlyIfAbsent?: boolean; noCheck?: boolean; replaceAliases?: boolean } = {},
): Lab["setAlias"] {
  return (root, name, alias, version) => {
    const registry = readRegistry(root, name);
    if (!options.noCheck && !registry.versions.some((v) => v.version === version))
      throw new Error(`${name} has no version ${version}`);
    if (options.onlyIfAbsent && registry.aliases[alias] !== undefined) return;
    const aliases = options.replaceAliases
      ? { [alias]: version }
      : { ...registry.aliases, [alias]: version };
    write(path.join(root, name, "registry.json"), { ...registry, aliases });
  };
}

/** A batch scorer with chosen mistakes (the reference's logic otherwise). */
function batchWith(flaws: {
  readAllFirst?: boolean;
  headerIsLine0?: boolean;
  emptyIsZero?: boolean;
  byPosition?: boolean;
  isNaNOnly?: boolean;
  throwOnBad?: boolean;
}): Lab["batchPredictCsv"] {
  return async (model, input, output) => {
    const rl = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    const lines: string[] = [];
    const report: solution.BatchReport = { predicted: 0, rejected: [] };
    let header: string[] | undefined;
    let positions: number[] = [];
    let lineNo = flaws.headerIsLine0 ? -1 : 0;
    const handle = (line: string) => {
      lineNo++;
      if (!header) {
        header = line.split(",");
        const cols = header;
        positions = model.featureNames.map((n, j) => {
          if (flaws.byPosition) return j;
          const at = cols.indexOf(n);
          if (at < 0) throw new Error(`the header has no column "${n}"`);
          return at;
        });
        output.write("line,label,confidence\n");
        return;
      }
      if (line.trim() === "") return;
      const fields = line.split(",");
      if (fields.length !== header.length) {
        report.rejected.push({ line: lineNo, column: null, message: "wrong field count" });
        return;
      }
      const features: number[] = [];
      for (let j = 0; j < positions.length; j++) {
        const text = fields[positions[j]];
        const value = Number(text);
        const bad = flaws.isNaNOnly
          ? text.trim() === "" || Number.isNaN(value)
          : (!flaws.emptyIsZero && text.trim() === "") || !Number.isFinite(value);
        if (bad) {
          if (flaws.throwOnBad) throw new Error(`line ${lineNo}: bad value`);
          report.rejected.push({
            line: lineNo,
            column: model.featureNames[j],
            message: `"${text}" is not a number`,
          });
          return;
        }
        features.push(value);
      }
      const p = predictRow(model, features);
      output.write(`${lineNo},${p.label},${Math.max(...p.probabilities).toFixed(6)}\n`);
      report.predicted++;
    };
    for await (const line of rl) {
      if (flaws.readAllFirst) lines.push(line);
      else handle(line);
    }
    for (const line of lines) handle(line);
    await new Promise<void>((resolve) => output.end(() => resolve()));
    return report;
  };
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // predict-row
  {
    exercise: "predict-row",
    mistake: "features not standardised",
    impl: {
      predictRow: (m, f) =>
        predictRow({ ...m, mean: m.mean.map(() => 0), scale: m.scale.map(() => 1) }, f),
    },
    expectMessage: /not standardised/,
  },
  {
    exercise: "predict-row",
    mistake: "softmax without subtracting the largest logit",
    impl: { predictRow: naivePredict },
    expectMessage: /overflow/,
  },
  {
    exercise: "predict-row",
    mistake: "label is the class index",
    impl: {
      predictRow: (m, f) => {
        const p = predictRow(m, f);
        return { ...p, label: p.probabilities.indexOf(Math.max(...p.probabilities)) as never };
      },
    },
    expectMessage: /class NAME/,
  },
  {
    exercise: "predict-row",
    mistake: "no feature-count check",
    impl: {
      predictRow: (m, f) => {
        const z = f.map((v, j) => (v - m.mean[j]) / m.scale[j]);
        const logits = m.weights.map(
          (w, k) => m.bias[k] + w.reduce((s, wj, j) => s + wj * z[j], 0),
        );
        const top = Math.max(...logits);
        const e = logits.map((l) => Math.exp(l - top));
        const sum = e.reduce((s, v) => s + v, 0);
        const probabilities = e.map((v) => v / sum);
        return {
          label: m.classes[probabilities.indexOf(Math.max(...probabilities))],
          probabilities,
        };
      },
    },
    expectMessage: /should throw/,
  },
  // register-model
  {
    exercise: "register-model",
    mistake: "registry.json written in place (not atomic)",
    impl: { registerModel: registerWith(writeInPlace), writeJsonAtomic: writeInPlace },
    expectMessage: /in place/,
  },
  {
    exercise: "register-model",
    mistake: "registerModel writes registry.json in place although writeJsonAtomic is right",
    impl: { registerModel: registerWith(writeInPlace) },
    expectMessage: /in place/,
  },
  {
    exercise: "register-model",
    mistake: "temporary file in os.tmpdir()",
    impl: {
      writeJsonAtomic: (file, value) => {
        const tmp = path.join(os.tmpdir(), `reg-${process.pid}-${Math.random()}.json`);
        fs.writeFileSync(tmp, JSON.stringify(value));
        fs.renameSync(tmp, file);
      },
    },
    expectMessage: /another folder/,
  },
  {
    exercise: "register-model",
    mistake: "temporary file copied over the target (not renamed)",
    impl: {
      writeJsonAtomic: (file, value) => {
        const tmp = `${file}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(value));
        fs.copyFileSync(tmp, file);
      },
    },
    expectMessage: /never renamed/,
  },
  {
    exercise: "register-model",
    mistake: "registry.json written before the model file",
    impl: { registerModel: registerWith(writeJsonAtomic, { registryFirst: true }) },
    expectMessage: /before registry\.json/,
  },
  {
    exercise: "register-model",
    mistake: "versions start at 0",
    impl: { registerModel: registerWith(writeJsonAtomic, { firstVersion: 0 }) },
    expectMessage: /start at 1/,
  },
  {
    exercise: "register-model",
    mistake: "registry keeps only the newest version",
    impl: { registerModel: registerWith(writeJsonAtomic, { keepOnlyNew: true }) },
    expectMessage: /Keep the earlier versions/,
  },
  {
    exercise: "register-model",
    mistake: "dataHash of JSON instead of CSV lines",
    impl: {
      dataHash: (x, y) => createHash("sha256").update(JSON.stringify({ x, y })).digest("hex"),
    },
    expectMessage: /hashes JSON/,
  },
  // aliases
  {
    exercise: "aliases",
    mistake: "alias not moved once set",
    impl: { setAlias: setAliasWith(writeJsonAtomic, { onlyIfAbsent: true }) },
    expectMessage: /not moved/,
  },
  {
    exercise: "aliases",
    mistake: "alias may point at a missing version",
    impl: { setAlias: setAliasWith(writeJsonAtomic, { noCheck: true }) },
    expectMessage: /should throw/,
  },
  {
    exercise: "aliases",
    mistake: "setAlias writes registry.json in place",
    impl: { setAlias: setAliasWith(writeInPlace) },
    expectMessage: /in place/,
  },
  {
    exercise: "aliases",
    mistake: "setAlias drops the other aliases",
    impl: { setAlias: setAliasWith(writeJsonAtomic, { replaceAliases: true }) },
    expectMessage: /lost other parts/,
  },
  {
    exercise: "aliases",
    mistake: "loadModel ignores the alias and loads the newest version",
    impl: {
      loadModel: (root, name, ref) => {
        const reg = readRegistry(root, name);
        const entry =
          "version" in ref
            ? reg.versions.find((v) => v.version === ref.version)
            : reg.versions[reg.versions.length - 1];
        if (!entry)
          throw new Error(`${name} has no version ${"version" in ref ? ref.version : ""}`);
        return {
          entry,
          model: JSON.parse(fs.readFileSync(path.join(root, name, entry.file), "utf8")),
        };
      },
    },
    expectMessage: /version 2 and its model/,
  },
  // batch-csv
  {
    exercise: "batch-csv",
    mistake: "reads the whole input before predicting",
    impl: { batchPredictCsv: batchWith({ readAllFirst: true }) },
    expectMessage: /does not stream/,
  },
  {
    exercise: "batch-csv",
    mistake: "line numbers off by one (header is line 0)",
    impl: { batchPredictCsv: batchWith({ headerIsLine0: true }) },
    expectMessage: /off by one/,
  },
  {
    exercise: "batch-csv",
    mistake: "empty field read as 0",
    impl: { batchPredictCsv: batchWith({ emptyIsZero: true }) },
    expectMessage: /Number\(""\) is 0/,
  },
  {
    exercise: "batch-csv",
    mistake: "columns by position, not by name",
    impl: { batchPredictCsv: batchWith({ byPosition: true }) },
    expectMessage: /BY NAME|not the bad lines/,
  },
  {
    exercise: "batch-csv",
    mistake: "isNaN lets Infinity through",
    impl: { batchPredictCsv: batchWith({ isNaNOnly: true }) },
    expectMessage: /Infinity/,
  },
  {
    exercise: "batch-csv",
    mistake: "throws on the first bad row",
    impl: { batchPredictCsv: batchWith({ throwOnBad: true }) },
    expectMessage: /threw/,
  },
  {
    exercise: "batch-csv",
    mistake: "never ends the output",
    impl: {
      batchPredictCsv: async (model, input, output) => {
        const { Writable } = await import("node:stream");
        const hold = new Writable({
          write: (c, e, done) => {
            output.write(c, e);
            done();
          },
        });
        return batchPredictCsv(model, input, hold);
      },
    },
    expectMessage: /ending the output/,
  },
  // request-schema
  {
    exercise: "request-schema",
    mistake: "no feature-count check",
    impl: { predictRequestSchema: schemaWith({ row: () => z.array(z.number()) }) as never },
    expectMessage: /accepted a row of/,
  },
  {
    exercise: "request-schema",
    mistake: "z.coerce.number() (null → 0)",
    impl: {
      predictRequestSchema: schemaWith({
        row: (n) => z.array(z.coerce.number()).length(n) as unknown as z.ZodType<number[]>,
      }) as never,
    },
    expectMessage: /accepted null/,
  },
  {
    exercise: "request-schema",
    mistake: "no batch limit",
    impl: { predictRequestSchema: schemaWith({ noMax: true }) as never },
    expectMessage: /accepted a batch of/,
  },
  {
    exercise: "request-schema",
    mistake: "object not strict",
    impl: { predictRequestSchema: schemaWith({ loose: true }) as never },
    expectMessage: /unknown key/,
  },
  // server-routes
  {
    exercise: "server-routes",
    mistake: "no /health route",
    impl: { buildServer: flawedServer({ noHealth: true }) },
    expectMessage: /GET \/health/,
  },
  {
    exercise: "server-routes",
    mistake: "batch predictions in the wrong order",
    impl: { buildServer: flawedServer({ reversedBatch: true }) },
    expectMessage: /order of the instances/,
  },
  {
    exercise: "server-routes",
    mistake: "answers do not name the version",
    impl: { buildServer: flawedServer({ noVersion: true }) },
    expectMessage: /name the version/,
  },
  {
    exercise: "server-routes",
    mistake: "buildServer listens itself",
    impl: { buildServer: flawedServer({ listensItself: true }) },
    expectMessage: /could not listen/,
  },
  {
    exercise: "server-routes",
    mistake: "bodyLimit too small for a batch",
    impl: { buildServer: flawedServer({ bodyLimit: 600 }) },
    expectMessage: /valid batch/,
  },
  // server-validation
  {
    exercise: "server-validation",
    mistake: "error handler answers 500 for everything",
    impl: { buildServer: flawedServer({ always500: true }) },
    expectMessage: /server error/,
  },
  {
    exercise: "server-validation",
    mistake: "no feature-count check (the model throws: 500)",
    impl: {
      buildServer: flawedServer({ schema: schemaWith({ row: () => z.array(z.number()) }) }),
    },
    expectMessage: /12 features.*server error/,
  },
  {
    exercise: "server-validation",
    mistake: "NaN (null) accepted as 0",
    impl: {
      buildServer: flawedServer({
        schema: schemaWith({
          row: (n) => z.array(z.coerce.number()).length(n) as unknown as z.ZodType<number[]>,
        }),
      }),
    },
    expectMessage: /null as a feature.*4xx/,
  },
  {
    exercise: "server-validation",
    mistake: "no batch limit",
    impl: { buildServer: flawedServer({ schema: schemaWith({ noMax: true }) }) },
    expectMessage: /batch of 9.*4xx/,
  },
  {
    exercise: "server-validation",
    mistake: "server goes down on bad JSON",
    impl: { buildServer: flawedServer({ crashOnBadJson: true }) },
    expectMessage: /brought it down|did not answer/,
  },
  // hot-reload
  {
    exercise: "hot-reload",
    mistake: "model cleared while the new one loads",
    impl: { buildServer: flawedServer({ clearDuringReload: true }) },
    expectMessage: /downtime/,
  },
  {
    exercise: "hot-reload",
    mistake: "reload never swaps the model",
    impl: { buildServer: flawedServer({ neverSwaps: true }) },
    expectMessage: /old model/,
  },
  {
    exercise: "hot-reload",
    mistake: "a failed reload drops the model",
    impl: { buildServer: flawedServer({ dropOnFailedReload: true }) },
    expectMessage: /lost its model/,
  },
  // mixed-traffic
  {
    exercise: "mixed-traffic",
    mistake: "version and model swapped separately (across an await)",
    impl: { buildServer: flawedServer({ splitSwap: true }) },
    expectMessage: /swapped separately/,
  },
  {
    exercise: "mixed-traffic",
    mistake: "bodyLimit too small for maxBatch rows",
    impl: { buildServer: flawedServer({ bodyLimit: 3000 }) },
    expectMessage: /bodyLimit/,
  },
  {
    exercise: "mixed-traffic",
    mistake: "server goes down on bad JSON",
    impl: { buildServer: flawedServer({ crashOnBadJson: true }) },
    expectMessage: /stopped answering|no answer/,
  },
];
