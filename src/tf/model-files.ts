/**
 * Saving and loading Layers models to a folder on every backend. The pure-JS tfjs package has
 * no `file://` handler (only tfjs-node does), so we register one that writes the same layout
 * as tfjs-node: `<dir>/model.json` (topology + weights manifest) and `<dir>/weights.bin`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";

const SCHEME = "file://";
const MODEL_JSON = "model.json";
const WEIGHTS_BIN = "weights.bin";

/** A `file://` IO handler: save to a folder, load from a folder or its model.json. */
class FolderModelHandler implements tf.io.IOHandler {
  constructor(private readonly target: string) {}

  async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
    if (artifacts.modelTopology instanceof ArrayBuffer) {
      throw new Error("Saving a binary (graph) model topology to a folder is not supported.");
    }
    const dir = this.target;
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
      throw new Error(`Cannot save the model to ${dir}: it is a file, not a folder.`);
    }
    fs.mkdirSync(dir, { recursive: true });
    const modelJson: tf.io.ModelJSON = {
      modelTopology: artifacts.modelTopology as object,
      weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
    };
    if (artifacts.trainingConfig != null) modelJson.trainingConfig = artifacts.trainingConfig;
    if (artifacts.signature != null) modelJson.signature = artifacts.signature;
    if (artifacts.userDefinedMetadata != null) {
      modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
    }
    const weights = new tf.io.CompositeArrayBuffer(artifacts.weightData ?? []).slice();
    fs.writeFileSync(path.join(dir, MODEL_JSON), JSON.stringify(modelJson), "utf8");
    fs.writeFileSync(path.join(dir, WEIGHTS_BIN), Buffer.from(weights));
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  }

  async load(): Promise<tf.io.ModelArtifacts> {
    const jsonPath = modelJsonPath(this.target);
    const modelJson = JSON.parse(fs.readFileSync(jsonPath, "utf8")) as tf.io.ModelJSON;
    const dir = path.dirname(jsonPath);
    return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: ArrayBuffer[] = [];
      for (const group of manifest) {
        for (const file of group.paths) {
          const full = path.join(dir, file);
          if (!fs.existsSync(full)) {
            throw new Error(`The weights file ${full} named in ${jsonPath} is missing.`);
          }
          const bytes = fs.readFileSync(full);
          buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        }
        specs.push(...group.weights);
      }
      return [specs, tf.io.concatenateArrayBuffers(buffers)];
    });
  }
}

/** `<target>/model.json` for a folder, `target` itself for a .json file; clear error if absent. */
function modelJsonPath(target: string): string {
  const candidate =
    fs.existsSync(target) && fs.statSync(target).isDirectory()
      ? path.join(target, MODEL_JSON)
      : target;
  if (!fs.existsSync(candidate)) {
    throw new Error(
      `No saved model at ${target}: ${candidate} does not exist. Save one first with saveModel(model, dir).`,
    );
  }
  return candidate;
}

type IORouter = Parameters<typeof tf.io.registerSaveRouter>[0];

/** Set on globalThis once native tfjs-node is loaded: it registers its own file:// handler. */
export const NATIVE_LOADED = Symbol.for("ml-cert-labs.tf.nativeLoaded");
const ROUTER_REGISTERED = Symbol.for("ml-cert-labs.tf.fileRouter");
type Flags = Record<symbol, unknown>;

// tfjs's IORouter type says "IOHandler", but routers answer null for URLs that are not theirs.
// Two handlers for one URL make tfjs refuse to save, so ours steps aside once tfjs-node is in.
const fileRouter = ((url: string | string[]) => {
  if (typeof url !== "string" || !url.startsWith(SCHEME)) return null;
  if ((globalThis as Flags)[NATIVE_LOADED] || tf.findBackendFactory("tensorflow")) return null;
  return new FolderModelHandler(path.resolve(url.slice(SCHEME.length)));
}) as IORouter;

/** Registers our `file://` handler (once per process; it defers to tfjs-node's if loaded). */
export function registerFileHandler(): void {
  const g = globalThis as Flags;
  if (g[ROUTER_REGISTERED]) return;
  g[ROUTER_REGISTERED] = true;
  tf.io.registerSaveRouter(fileRouter);
  tf.io.registerLoadRouter(fileRouter);
}

/**
 * Saves a Layers model (architecture, weights, and its compile settings) to the folder `dir`
 * as `model.json` + `weights.bin`, creating the folder if needed. Same format as tfjs-node.
 */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<tf.io.SaveResult> {
  registerFileHandler();
  return model.save(SCHEME + path.resolve(dir));
}

/** Loads a Layers model saved with `saveModel` (pass the folder or its model.json). */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  registerFileHandler();
  modelJsonPath(path.resolve(dir)); // fail early with a readable message
  return tf.loadLayersModel(SCHEME + path.resolve(dir));
}
