/**
 * Make the first notebook cell fast. tslab type-checks and re-emits the whole source graph
 * behind every project import (`./src/notebook` pulls in the grader and every lab's checks:
 * ~8 s before anything runs). Here, in the kernel process, before tslab starts:
 *
 * 1. The project's modules are seen by tslab through cached declaration files
 *    (declaration-redirect.ts); the cache is rebuilt in a worker thread when the sources
 *    change, and the first cell waits for it with a status line instead of in silence.
 * 2. While the kernel is idle after start, the modules most notebooks import first are
 *    type-loaded and required, so the learner's first cell finds them ready.
 * 3. First loads of packages known to be slow (TensorFlow.js, danfo.js, Vega) are announced.
 *
 * `ML_LABS_FAST_START=0` turns all of it off (plain tslab, e.g. to compare in benches).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { cacheKey, readDeclarations } from "./declaration-cache";
import { redirectToDeclarations } from "./declaration-redirect";
import type { DeclarationWorkerResult } from "./declaration-worker-main";
import { announceSlowLoads } from "./load-notice";
import { loadTslabTypeScript, tslabDir } from "./tslab-typescript";

export const FAST_START_ENV = "ML_LABS_FAST_START";
/** Give up on the declaration worker after this long and let tslab check the sources. */
const WORKER_TIMEOUT_MS = 120_000;
/** Idle time after start before warming up, so the front end's first requests go first. */
const WARM_UP_DELAY_MS = 300;
/** Packages a project module loads on first use (src/plot renders with Vega): warmed too. */
const LOADED_LATER: Readonly<Record<string, string[]>> = { "./src/plot": ["vega", "vega-lite"] };

/** The parts of tslab's executor (dist/executor.js) that we wrap. */
interface TslabExecutor {
  execute(src: string): Promise<boolean>;
  inspect(src: string, position: number): unknown;
  complete(src: string, position: number): unknown;
}
interface TslabConverter {
  convert(prevDecl: string, src: string): { diagnostics: unknown[] };
}

type DeclarationState = "active" | "pending" | "off";

export function fastStartEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[FAST_START_ENV] !== "0";
}

/** Install everything; call in the kernel process after chdir to `root`, before tslab's main(). */
export function installFastStart(root: string): void {
  if (!fastStartEnabled()) return;
  const kernelStderr = process.stderr.write.bind(process.stderr);
  const log = (message: string) => kernelStderr(`ml-cert-labs kernel: ${message}\n`);
  // tslab points process.stdout at the running cell's output during execute.
  const toCell = (text: string) => process.stdout.write(text);

  const ts = loadTslabTypeScript(root);
  const cached = readDeclarations(root, cacheKey(root, ts.version));
  let state: DeclarationState = "pending";
  let declarations: ReadonlyMap<string, string> = new Map();
  let generation: Promise<DeclarationWorkerResult | undefined> | undefined;
  if (cached) {
    redirectToDeclarations(ts, cached);
    declarations = cached;
    state = "active";
  } else {
    // After tslab's synchronous start-up, so the kernel is not slower to answer.
    generation = new Promise((resolve) =>
      setImmediate(() => resolve(buildDeclarations(root, log))),
    );
  }

  let cellRunning = false;
  let cellsStarted = 0;
  announceSlowLoads(toCell, () => cellRunning);

  /** Called before tslab's converter is first used: decide how this session checks imports. */
  const settle = async (forCell: boolean): Promise<void> => {
    if (state !== "pending") return;
    if (!forCell || !generation) {
      // Completion or hover before the first cell: tslab must answer now, from the sources.
      state = "off";
      return;
    }
    const started = performance.now();
    toCell("⏳ Preparing type information for the course code (once after it changes)…");
    const result = await generation;
    const fresh = result?.key ? readDeclarations(root, result.key) : undefined;
    if (fresh) {
      redirectToDeclarations(ts, fresh);
      declarations = fresh;
      state = "active";
    } else {
      state = "off";
    }
    toCell(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  };

  const executorModule = require(path.join(tslabDir(root), "dist", "executor.js"));
  const createExecutor = executorModule.createExecutor;
  executorModule.createExecutor = (...args: unknown[]) => {
    const executor: TslabExecutor = createExecutor(...args);
    const execute = executor.execute.bind(executor);
    const inspect = executor.inspect.bind(executor);
    const complete = executor.complete.bind(executor);
    executor.execute = async (src) => {
      cellsStarted++;
      cellRunning = true;
      try {
        await settle(true);
        return await execute(src);
      } finally {
        cellRunning = false;
      }
    };
    executor.inspect = (src, position) => {
      void settle(false);
      return inspect(src, position);
    };
    executor.complete = (src, position) => {
      void settle(false);
      return complete(src, position);
    };
    return executor;
  };

  const converterModule = require(path.join(tslabDir(root), "dist", "converter.js"));
  const createConverter = converterModule.createConverter;
  converterModule.createConverter = (...args: unknown[]) => {
    const converter: TslabConverter = createConverter(...args);
    const isNodeConverter = !(args[0] as { isBrowser?: boolean } | undefined)?.isBrowser;
    if (isNodeConverter && state === "active") {
      setTimeout(() => {
        // Only while nothing has run yet: a cell in progress does this work itself.
        if (cellsStarted === 0) warmUp(root, converter, declarations, () => cellsStarted > 0, log);
      }, WARM_UP_DELAY_MS).unref();
    }
    return converter;
  };
}

/** Emit the declarations in a worker thread; undefined (and a log line) if that fails. */
function buildDeclarations(
  root: string,
  log: (message: string) => void,
): Promise<DeclarationWorkerResult | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(path.join(__dirname, "declaration-worker.cjs"), { workerData: { root } });
    } catch (err) {
      log(`could not start the declaration worker: ${err}`);
      resolve(undefined);
      return;
    }
    worker.unref();
    const timer = setTimeout(() => {
      log("the declaration worker took too long; type-checking from the sources instead.");
      void worker.terminate();
      resolve(undefined);
    }, WORKER_TIMEOUT_MS);
    timer.unref();
    worker.once("message", (result: DeclarationWorkerResult) => {
      clearTimeout(timer);
      if (result.skipped.length > 0)
        log(`declarations skipped (errors): ${result.skipped.join(", ")}`);
      resolve(result);
    });
    worker.once("error", (err) => {
      clearTimeout(timer);
      log(`the declaration worker failed: ${err instanceof Error ? err.message : err}`);
      resolve(undefined);
    });
    worker.once("exit", () => resolve(undefined));
  });
}

/**
 * Imports that at least half of the notebooks' first code cells share, limited to what is
 * safe to load ahead: packages, and project modules seen through declarations (never the
 * learner's lab files, whose compiled output tslab must hand to the cell itself).
 */
export function commonFirstImports(
  root: string,
  isDeclared: (specifier: string) => boolean,
): string[] {
  const dir = path.join(root, "notebooks");
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb"));
  } catch {
    return [];
  }
  const counts = new Map<string, number>();
  for (const file of files) {
    let source = "";
    try {
      const notebook = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      const cell = (notebook.cells ?? []).find(
        (c: { cell_type?: string }) => c.cell_type === "code",
      );
      source = cell ? [cell.source].flat().join("") : "";
    } catch {
      continue;
    }
    const specifiers = new Set<string>();
    for (const m of source.matchAll(/^\s*import\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gm))
      specifiers.add(m[1]);
    for (const s of specifiers) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts]
    .filter(([s, n]) => n * 2 >= files.length && (!s.startsWith(".") || isDeclared(s)))
    .map(([s]) => s)
    .sort();
}

/**
 * Load ahead what the first cell will most likely need: its common imports' declarations
 * (parsed once, reused by every later program) and their modules at run time. One step per
 * macrotask, stopping as soon as a cell starts.
 */
function warmUp(
  root: string,
  converter: TslabConverter,
  declarations: ReadonlyMap<string, string>,
  cellStarted: () => boolean,
  log: (message: string) => void,
): void {
  const isDeclared = (specifier: string) => {
    const base = path.join(root, specifier);
    return declarations.has(`${base}.d.ts`) || declarations.has(path.join(base, "index.d.ts"));
  };
  const imports = commonFirstImports(root, isDeclared);
  if (imports.length === 0) return;
  const requireFromRoot = require("node:module").createRequire(path.join(root, "src.js"));
  const steps: Array<() => void> = [
    () => {
      const src = imports
        .map((s, i) => `import * as __warm${i} from ${JSON.stringify(s)};`)
        .join("\n");
      const { diagnostics } = converter.convert("", src);
      if (diagnostics.length > 0)
        log(`warm-up: ${diagnostics.length} type error(s) in ${imports.join(", ")}`);
    },
    ...imports.map((s) => () => requireFromRoot(s)),
    ...imports.flatMap((s) => LOADED_LATER[s] ?? []).map((p) => () => requireFromRoot(p)),
  ];
  const next = () => {
    const step = steps.shift();
    if (!step || cellStarted()) return;
    try {
      step();
    } catch (err) {
      log(`warm-up step failed: ${err instanceof Error ? err.message : err}`);
    }
    setImmediate(next);
  };
  next();
}
