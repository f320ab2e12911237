/**
 * The one place that picks the TensorFlow.js backend: native TensorFlow if the optional
 * package is installed, else WebAssembly (with our extra kernels), else the pure-JS cpu
 * backend (with faster kernels too). `ML_LABS_BACKEND=native|wasm|cpu` overrides the choice.
 */
import * as tf from "@tensorflow/tfjs";
import { cpuPatches } from "./kernels/cpu-kernels";
import { useFusedAdam } from "./kernels/fused-adam";
import { installPatches, patchedKernels } from "./kernels/kernel-registry";
import { useFusedReluGrad } from "./kernels/relu-grad";
import { useFusedRnnCells } from "./kernels/rnn-cells";
import { useFusedRnnLayers } from "./kernels/rnn-sequence";
import { wasmPatches } from "./kernels/wasm-kernels";
import { NATIVE_LOADED, registerFileHandler } from "./model-files";

/** Our names for the backends: `native` is tfjs-node (libtensorflow, tfjs name "tensorflow"). */
export type BackendChoice = "native" | "wasm" | "cpu";

/** What `ready()` picked and why. */
export interface BackendInfo {
  /** The backend in use. */
  choice: BackendChoice;
  /** tfjs's name for it: "tensorflow", "wasm" or "cpu". */
  tfjsBackend: string;
  /** Why this one (printed once per process as `tfjs backend: <choice> (<reason>)`). */
  reason: string;
  /** Kernels we added or replaced on this backend (empty for native). */
  patchedKernels: string[];
}

/** The tfjs version our kernels were written and tested against: they touch backend internals. */
export const PINNED_TFJS_VERSION = "4.22.0";
/** The optional npm alias for @tensorflow/tfjs-node (never require "@tensorflow/tfjs-node":
 * in this project that name is danfo's override pointing at plain tfjs). */
const NATIVE_PACKAGE = "tfjs-node-native";
const ENV_VAR = "ML_LABS_BACKEND";
const CHOICES: BackendChoice[] = ["native", "wasm", "cpu"];
const TFJS_NAME: Record<BackendChoice, string> = { native: "tensorflow", wasm: "wasm", cpu: "cpu" };

interface State {
  pending?: Promise<BackendInfo>;
  info?: BackendInfo;
  announced?: boolean;
  warnedVersion?: boolean;
}
// On globalThis: "once per process" must survive a notebook kernel reloading this module.
const STATE_KEY = Symbol.for("ml-cert-labs.tf.backendState");
function state(): State {
  const g = globalThis as typeof globalThis & { [STATE_KEY]?: State };
  if (g[STATE_KEY] === undefined) g[STATE_KEY] = {};
  return g[STATE_KEY];
}

/** Options for `ready()`. */
export interface ReadyOptions {
  /** Force a backend (beats the ML_LABS_BACKEND variable). Switching later is allowed. */
  backend?: BackendChoice;
  /** Do not print the `tfjs backend: ...` line. */
  quiet?: boolean;
}

/**
 * Selects and initialises the TF.js backend and registers our kernels; call it (and await it)
 * before using `tf`. Idempotent: later calls return at once (or switch, if `options.backend`
 * names another backend). Resolves to the `tf` namespace, so `const tf = await ready()` works.
 */
export async function ready(options: ReadyOptions = {}): Promise<typeof tf> {
  const s = state();
  const wanted = options.backend;
  if (s.pending === undefined || (wanted !== undefined && s.info && s.info.choice !== wanted)) {
    const previous = s.pending;
    const pending = (async () => {
      if (previous) await previous.catch(() => undefined);
      if (wanted !== undefined) return select(wanted, "requested by ready({ backend })");
      const fromEnv = requestedByEnv();
      return select(fromEnv, fromEnv ? `chosen by ${ENV_VAR}=${fromEnv}` : "");
    })();
    s.pending = pending;
    pending.catch(() => {
      if (s.pending === pending) s.pending = undefined; // a later call may retry
    });
  }
  const info = await s.pending;
  s.info = info;
  if (!s.announced && !options.quiet) {
    s.announced = true;
    console.log(`tfjs backend: ${info.choice} (${info.reason})`);
  }
  return tf;
}

/** The backend chosen by `ready()`, or undefined before it has finished. */
export function backendInfo(): BackendInfo | undefined {
  return state().info;
}

function requestedByEnv(): BackendChoice | undefined {
  const raw = process.env[ENV_VAR]?.trim().toLowerCase();
  if (raw === undefined || raw === "" || raw === "auto") return undefined;
  if ((CHOICES as string[]).includes(raw)) return raw as BackendChoice;
  throw new Error(
    `${ENV_VAR}=${process.env[ENV_VAR]} is not a backend. Use one of: ${CHOICES.join(", ")} (or unset it).`,
  );
}

/** Warns (once) when a package our kernels reach into is not the tested version. */
function checkVersion(pkg: string, version: string | undefined): void {
  const s = state();
  if (version === PINNED_TFJS_VERSION || s.warnedVersion) return;
  s.warnedVersion = true;
  console.warn(
    `ml-cert-labs: ${pkg} ${version} is installed, but our kernels were tested with ${PINNED_TFJS_VERSION}. Run \`npm ci\` to get the pinned version.`,
  );
}

/** First line of an error, for one-line reasons. */
function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e);
  return text.split("\n")[0]!.slice(0, 160);
}

/** `why` explains a failure (a plain shape: tslab compiles without strict narrowing). */
interface Attempt {
  ok: boolean;
  why: string;
}

function tryNative(): Attempt {
  try {
    require.resolve(NATIVE_PACKAGE);
  } catch {
    return { ok: false, why: "not installed" };
  }
  try {
    require(NATIVE_PACKAGE); // registers the "tensorflow" backend and its file:// handler
    (globalThis as Record<symbol, unknown>)[NATIVE_LOADED] = true; // so ours steps aside
    return tf.findBackendFactory(TFJS_NAME.native)
      ? { ok: true, why: "" }
      : { ok: false, why: "registered no backend" };
  } catch (e) {
    return { ok: false, why: `failed to load: ${firstLine(e)}` };
  }
}

async function tryWasm(): Promise<Attempt> {
  try {
    // Importing registers the backend and its kernels.
    const wasm = (await import("@tensorflow/tfjs-backend-wasm")) as { version_wasm?: string };
    checkVersion("@tensorflow/tfjs-backend-wasm", wasm.version_wasm);
    installPatches(TFJS_NAME.wasm, wasmPatches);
    const ok = await tf.setBackend(TFJS_NAME.wasm);
    return { ok, why: ok ? "" : "its binary could not be initialised" };
  } catch (e) {
    return { ok: false, why: firstLine(e) };
  }
}

function info(choice: BackendChoice, reason: string): BackendInfo {
  return {
    choice,
    tfjsBackend: tf.getBackend(),
    reason,
    patchedKernels: choice === "native" ? [] : patchedKernels(TFJS_NAME[choice]),
  };
}

/** Tries the backends in order; `how` says who requested one (empty for the default order). */
async function select(requested: BackendChoice | undefined, how: string): Promise<BackendInfo> {
  checkVersion("@tensorflow/tfjs", tf.version.tfjs);
  registerFileHandler();
  installPatches(TFJS_NAME.cpu, cpuPatches);
  useFusedRnnCells(); // only where a backend has our cell kernels (wasm, cpu)
  useFusedAdam(); // likewise for the Adam kernel
  useFusedReluGrad(); // likewise for the ReLU gradient
  useFusedRnnLayers(); // likewise for whole LSTM / GRU layers

  let nativeWhy = "";
  if (requested === undefined || requested === "native") {
    const native = tryNative();
    if (native.ok && (await tf.setBackend(TFJS_NAME.native))) {
      return info("native", how || `libtensorflow via ${NATIVE_PACKAGE}`);
    }
    nativeWhy = native.ok ? "failed to initialise" : native.why;
    if (requested === "native") {
      const status =
        nativeWhy === "not installed" ? "is not installed" : `could not be used (${nativeWhy})`;
      throw new Error(
        `Native TensorFlow (the optional package ${NATIVE_PACKAGE}) ${status}. It installs with \`npm install\` when the machine can download libtensorflow; until then use ML_LABS_BACKEND=wasm (or unset it).`,
      );
    }
  }

  let wasmWhy = "";
  if (requested === undefined || requested === "wasm") {
    const wasm = await tryWasm();
    if (wasm.ok) {
      const hint =
        nativeWhy === "not installed"
          ? "native TensorFlow not installed — optional: `npm install` with internet gets it"
          : `native TensorFlow ${nativeWhy}`;
      return info("wasm", how || hint);
    }
    wasmWhy = wasm.why;
    if (requested === "wasm") {
      throw new Error(`The wasm backend could not start: ${wasmWhy}. Try ML_LABS_BACKEND=cpu.`);
    }
  }

  await tf.setBackend(TFJS_NAME.cpu);
  // The cpu backend prints a long "install tfjs-node" banner on first use; our one line
  // above already says which backend runs and why.
  (tf.backend() as { firstUse?: boolean }).firstUse = false;
  return info("cpu", how || `wasm failed to load: ${wasmWhy}; training will be slower`);
}
