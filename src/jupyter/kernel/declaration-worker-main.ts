/**
 * Runs in a worker thread (declaration-worker.cjs): emit the project's declarations and store
 * them in the cache, then report what was done to the kernel's main thread.
 */
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { cacheKey, listDeclaredSources, writeDeclarations } from "./declaration-cache";
import { emitDeclarations } from "./emit-declarations";
import { loadTslabTypeScript } from "./tslab-typescript";

export interface DeclarationWorkerResult {
  /** The key the cache was stored under, or undefined if the sources changed meanwhile. */
  key?: string;
  declared: number;
  skipped: string[];
  ms: number;
}

const { root } = workerData as { root: string };
const started = performance.now();
const ts = loadTslabTypeScript(root);
const sources = listDeclaredSources(root);
const key = cacheKey(root, ts.version, sources);
const { declarations, skipped } = emitDeclarations(ts, root, sources);
// Sources edited while we emitted: what we have may not match either version, so keep nothing.
const unchanged = cacheKey(root, ts.version) === key;
if (unchanged) writeDeclarations(root, key, declarations);
const result: DeclarationWorkerResult = {
  key: unchanged ? key : undefined,
  declared: declarations.size,
  skipped,
  ms: performance.now() - started,
};
parentPort?.postMessage(result);
