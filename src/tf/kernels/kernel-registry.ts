import * as tf from "@tensorflow/tfjs";

type KernelConfig = tf.KernelConfig;
type KernelFunc = tf.KernelFunc;

/**
 * One change to a backend's kernel table.
 * - "add": only when the backend has no kernel of that name, so a future upstream kernel wins.
 * - "replace": the stock kernel is slow or wrong; ours receives it to delegate the cases it
 *   does not handle (and is simply added if the backend has none).
 */
export interface KernelPatch {
  kernelName: string;
  mode: "add" | "replace";
  make(stock: KernelConfig | undefined): KernelFunc;
}

interface Installed {
  stock: KernelConfig | undefined;
  ours: KernelConfig;
}

// Kept on globalThis so that a module reloaded by a notebook kernel sees what is installed.
const STATE_KEY = Symbol.for("ml-cert-labs.tf.installedKernels");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: Map<string, Installed> };

function installed(): Map<string, Installed> {
  const g = globalThis as GlobalWithState;
  if (g[STATE_KEY] === undefined) g[STATE_KEY] = new Map();
  return g[STATE_KEY];
}

const keyOf = (backendName: string, kernelName: string) => `${backendName}_${kernelName}`;

/**
 * Applies `patches` to `backendName`'s kernels (idempotent) and returns the kernel names now
 * provided by us. Setup/dispose hooks of replaced kernels are kept, since the stock kernel we
 * delegate to may need them (wasm kernels bind their C++ entry points in setup).
 */
export function installPatches(backendName: string, patches: KernelPatch[]): string[] {
  const state = installed();
  const ours: string[] = [];
  for (const patch of patches) {
    const key = keyOf(backendName, patch.kernelName);
    if (state.has(key)) {
      ours.push(patch.kernelName);
      continue;
    }
    const stock = tf.getKernel(patch.kernelName, backendName);
    if (patch.mode === "add" && stock !== undefined) continue;
    const config: KernelConfig = {
      kernelName: patch.kernelName,
      backendName,
      kernelFunc: patch.make(stock),
      setupFunc: stock?.setupFunc,
      disposeFunc: stock?.disposeFunc,
    };
    if (stock !== undefined) tf.unregisterKernel(patch.kernelName, backendName);
    tf.registerKernel(config);
    state.set(key, { stock, ours: config });
    ours.push(patch.kernelName);
  }
  return ours;
}

/**
 * Puts `backendName`'s stock kernels back (removing the ones we added). For benchmarks and
 * tests that compare against stock tfjs; `ready()` does not undo this.
 */
export function restoreStockKernels(backendName: string): void {
  const state = installed();
  for (const [key, entry] of state) {
    if (entry.ours.backendName !== backendName) continue;
    if (tf.getKernel(entry.ours.kernelName, backendName) === entry.ours) {
      tf.unregisterKernel(entry.ours.kernelName, backendName);
      if (entry.stock !== undefined) tf.registerKernel(entry.stock);
    }
    state.delete(key);
  }
}

/** Names of the kernels we currently provide for `backendName`, sorted. */
export function patchedKernels(backendName: string): string[] {
  const names: string[] = [];
  for (const entry of installed().values()) {
    if (entry.ours.backendName === backendName) names.push(entry.ours.kernelName);
  }
  return names.sort();
}
