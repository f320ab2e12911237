/**
 * A one-line status in the cell while a package known to take seconds to load is loaded for
 * the first time ("⏳ Loading danfo.js… 5.2 s"), so a learner never stares at a silent cell.
 * Only the outermost such load in a cell is announced (danfo.js loads TensorFlow.js itself),
 * and each package at most once per kernel.
 */
import Module from "node:module";
import { performance } from "node:perf_hooks";

/** Packages that take well over a second to load on a 2-core laptop, and what to call them. */
export const SLOW_PACKAGES: Readonly<Record<string, string>> = {
  "@tensorflow/tfjs": "TensorFlow.js",
  "@tensorflow/tfjs-node": "TensorFlow.js (native)",
  "tfjs-node-native": "TensorFlow.js (native)",
  "danfojs-node": "danfo.js",
  vega: "the chart renderer (Vega)",
};

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
interface ModuleInternals {
  _load: Load;
  _resolveFilename(request: string, parent: unknown, isMain: boolean): string;
  _cache: Record<string, unknown>;
}

/**
 * Announce first loads of `packages` (request → name) with `write` while `inCell()` is true (outside a cell
 * there is nobody to tell). Returns a function that removes the hook.
 */
export function announceSlowLoads(
  write: (text: string) => void,
  inCell: () => boolean,
  packages: Readonly<Record<string, string>> = SLOW_PACKAGES,
): () => void {
  const internals = Module as unknown as ModuleInternals;
  const originalLoad = internals._load;
  const announced = new Set<string>();
  let depth = 0;
  const load: Load = function (this: unknown, request, parent, isMain) {
    const label = Object.hasOwn(packages, request) ? packages[request] : undefined;
    if (label === undefined || depth > 0 || announced.has(label) || !inCell()) {
      return originalLoad.call(this, request, parent, isMain);
    }
    let cached = false;
    try {
      cached = internals._resolveFilename(request, parent, isMain) in internals._cache;
    } catch {
      // not installed: let Node report it
    }
    if (cached) return originalLoad.call(this, request, parent, isMain);
    announced.add(label);
    write(`⏳ Loading ${label}…`);
    const started = performance.now();
    depth++;
    try {
      return originalLoad.call(this, request, parent, isMain);
    } finally {
      depth--;
      write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
  };
  internals._load = load;
  return () => {
    if (internals._load === load) internals._load = originalLoad;
  };
}
