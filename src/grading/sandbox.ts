/**
 * Runs checks away from the caller: in a worker thread (quick checks) or a child process
 * (minute-scale training, with a memory cap and a pinned TF.js backend). The learner's file is
 * loaded fresh, once; a hang, crash, `process.exit` or out-of-memory becomes a clear failed
 * result, never a crash of the notebook or CLI. The engine imports no course: the caller
 * hands it the unit to grade.
 */
import { type ChildProcess, fork } from "node:child_process";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { fromRoot } from "../project-root";
import { timeoutOutcome } from "./run-check";
import {
  type CheckResult,
  DEFAULT_CHECK_TIMEOUT_MS,
  type ExerciseDefinition,
  type LabDefinition,
  PROCESS_MEMORY_MB,
  type ProgressEvent,
} from "./types";

/** A module and export name holding a unit definition (so a sandbox can load the same one). */
export interface UnitRef {
  path: string;
  exportName: string;
}

/** What to grade: the unit's definition, where the sandbox finds it, and the learner's file. */
export interface GradedUnit {
  unit: LabDefinition<never>;
  ref: UnitRef;
  /** The learner's module (e.g. `labs/01-gradient-descent.ts`). */
  modulePath: string;
}

export type SandboxRequest =
  | { kind: "load"; ref: UnitRef; modulePath: string; loadModule: boolean }
  | { kind: "check"; exerciseId: string; artifactDir: string };

export type SandboxReply =
  | { kind: "loaded" }
  | { kind: "load-error"; message: string }
  | { kind: "progress"; event: ProgressEvent }
  | { kind: "result"; result: CheckResult };

export interface SandboxOptions {
  /** Only these exercises (default: all, in unit order). */
  exerciseIds?: string[];
  /** Cancels grading: the sandbox is stopped and no further results are produced. */
  signal?: AbortSignal;
  /** Progress streamed by long checks. */
  onProgress?: (exerciseId: string, event: ProgressEvent) => void;
  /** Called with each result as soon as it is known (live display). */
  onResult?: (result: CheckResult) => void;
  /** How long loading the learner's file may take (default LOAD_ALLOWANCE_MS). */
  loadTimeoutMs?: number;
}

/** Time allowed for a sandbox to start and load the lab file (ml-matrix, datasets…). */
export const LOAD_ALLOWANCE_MS = 20_000;

/** Where a check finds an exercise's saved files. */
export function artifactDirFor(unitId: string, exerciseId: string): string {
  return fromRoot("artifacts", unitId, exerciseId);
}

/** One running sandbox (a worker or a child process), seen through the same small interface. */
interface Sandbox {
  send(req: SandboxRequest): void;
  onMessage(fn: (reply: SandboxReply) => void): () => void;
  /** Resolves with why the sandbox ended unexpectedly. */
  onEnd(fn: (why: EndReason) => void): () => void;
  stop(): Promise<void>;
}

type EndReason =
  | { kind: "exit"; code: number | null; signal?: string | null }
  | { kind: "out-of-memory" }
  | { kind: "error"; message: string };

function startWorker(): Sandbox {
  const worker = new Worker(path.join(__dirname, "sandbox-entry.cjs"), {
    // A runaway allocation ends this worker with ERR_WORKER_OUT_OF_MEMORY, not the whole kernel.
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  return {
    send: (req) => worker.postMessage(req),
    onMessage(fn) {
      worker.on("message", fn);
      return () => worker.off("message", fn);
    },
    onEnd(fn) {
      const onError = (err: Error & { code?: string }) =>
        fn(
          err.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? { kind: "out-of-memory" }
            : { kind: "error", message: err.message },
        );
      const onExit = (code: number) => fn({ kind: "exit", code });
      worker.on("error", onError);
      worker.on("exit", onExit);
      return () => {
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}

function startProcess(memoryMb: number): Sandbox {
  const child: ChildProcess = fork(path.join(__dirname, "sandbox-entry.cjs"), [], {
    execArgv: [`--max-old-space-size=${memoryMb}`],
    // Scores must not depend on which backend a learner's machine happens to pick first.
    env: {
      ...process.env,
      ML_LABS_BACKEND: process.env.ML_LABS_GRADING_BACKEND ?? process.env.ML_LABS_BACKEND ?? "wasm",
      ML_LABS_SANDBOX: "process",
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stderrTail = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderrTail = (stderrTail + d.toString()).slice(-4000);
  });
  child.stdout?.resume();
  return {
    send: (req) => child.send(req),
    onMessage(fn) {
      const h = (m: unknown) => fn(m as SandboxReply);
      child.on("message", h);
      return () => child.off("message", h);
    },
    onEnd(fn) {
      const onExit = (code: number | null, signal: string | null) =>
        fn(
          /heap out of memory|Allocation failed/i.test(stderrTail)
            ? { kind: "out-of-memory" }
            : { kind: "exit", code, signal },
        );
      const onError = (err: Error) => fn({ kind: "error", message: err.message });
      child.on("exit", onExit);
      child.on("error", onError);
      return () => {
        child.off("exit", onExit);
        child.off("error", onError);
      };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

type Answer =
  | SandboxReply
  | { kind: "timeout" }
  | { kind: "ended"; why: EndReason }
  | { kind: "cancelled" };

/** Sends one request and waits for its reply (progress events are forwarded on the way). */
function ask(
  sandbox: Sandbox,
  req: SandboxRequest,
  limitMs: number,
  signal: AbortSignal | undefined,
  onProgress: (e: ProgressEvent) => void,
): Promise<Answer> {
  return new Promise((resolve) => {
    const done = (a: Answer) => {
      clearTimeout(timer);
      offMessage();
      offEnd();
      signal?.removeEventListener("abort", onAbort);
      resolve(a);
    };
    const offMessage = sandbox.onMessage((reply) => {
      if (reply.kind === "progress") onProgress(reply.event);
      else done(reply);
    });
    const offEnd = sandbox.onEnd((why) => done({ kind: "ended", why }));
    const onAbort = () => done({ kind: "cancelled" });
    const timer = setTimeout(() => done({ kind: "timeout" }), limitMs);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort);
    sandbox.send(req);
  });
}

/** What an unexpected end of the sandbox means, for a learner. */
export function endedOutcome(why: EndReason): Pick<CheckResult, "message" | "likelyCause"> {
  if (why.kind === "out-of-memory") {
    return {
      message: "Your code ran out of memory.",
      likelyCause:
        "A list or matrix that grows without bound, or tensors that are never disposed (wrap loops in tf.tidy).",
    };
  }
  if (why.kind === "exit") {
    return why.signal
      ? { message: `The check process was killed (${why.signal}).` }
      : {
          message: `Your code called process.exit(${why.code ?? ""}), which stops the check.`,
          likelyCause: "Throw an Error instead of exiting.",
        };
  }
  return { message: `The check crashed: ${why.message}` };
}

/**
 * Grades a unit's exercises in sandboxes, one exercise at a time. Quick checks share one
 * worker; each "process" exercise gets its own child process. An exercise that hangs is
 * stopped at its time limit and the next one continues in a fresh sandbox. If the file cannot
 * be loaded, every exercise fails once, with the same reason (no second load is attempted).
 */
export async function gradeInSandbox(
  graded: GradedUnit,
  options: SandboxOptions = {},
): Promise<CheckResult[]> {
  const { unit, ref } = graded;
  const modulePath = path.resolve(graded.modulePath);
  const wanted = options.exerciseIds ?? unit.exercises.map((e) => e.id);
  const exercises = wanted.map((id) => {
    const ex = unit.exercises.find((e) => e.id === id);
    if (!ex)
      throw new Error(
        `${unit.id} has no exercise "${id}". Exercises: ${unit.exercises.map((e) => e.id).join(", ")}`,
      );
    return ex;
  });
  const results: CheckResult[] = [];
  const push = (r: CheckResult) => {
    results.push(r);
    options.onResult?.(r);
  };
  const failed = (
    ex: ExerciseDefinition<never>,
    startedAt: number,
    outcome: Pick<CheckResult, "message" | "likelyCause"> & { loadError?: boolean },
  ): CheckResult => ({
    labId: unit.id,
    exerciseId: ex.id,
    title: ex.title,
    maxPoints: ex.points,
    points: 0,
    score: 0,
    status: "failed",
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Date.now() - startedAt,
    ...outcome,
  });
  const rel = path.relative(process.cwd(), modulePath) || modulePath;
  let shared: Sandbox | undefined;
  let own: Sandbox | undefined; // the child process of a "process" exercise
  try {
    for (let i = 0; i < exercises.length; i++) {
      if (options.signal?.aborted) break;
      const ex = exercises[i];
      const started = Date.now();
      const inProcess = ex.runner === "process";
      let sandbox = inProcess ? undefined : shared;
      if (!sandbox) {
        sandbox = inProcess ? startProcess(ex.memoryMb ?? PROCESS_MEMORY_MB) : startWorker();
        if (inProcess) own = sandbox;
        else shared = sandbox;
        const loadModule = inProcess
          ? ex.grades !== "artifacts"
          : exercises.slice(i).some((e) => e.runner !== "process" && e.grades !== "artifacts");
        const loadTimeoutMs = options.loadTimeoutMs ?? LOAD_ALLOWANCE_MS;
        const load = await ask(
          sandbox,
          { kind: "load", ref, modulePath, loadModule },
          loadTimeoutMs,
          options.signal,
          () => {},
        );
        if (load.kind === "cancelled") break;
        if (load.kind !== "loaded") {
          const outcome =
            load.kind === "load-error"
              ? {
                  message: `Could not load ${rel}: ${load.message}`,
                  likelyCause:
                    "A syntax error or an error at the top level of the file. Fix it, then check again.",
                }
              : load.kind === "timeout"
                ? {
                    message: `Loading ${rel} did not finish within ${loadTimeoutMs / 1000} s.`,
                    likelyCause:
                      "Code at the top level of the file (outside any function) that never ends, e.g. an endless loop. Move it into a function or fix the loop.",
                  }
                : load.kind === "ended"
                  ? {
                      ...endedOutcome(load.why),
                      message: `Loading ${rel} failed: ${endedOutcome(load.why).message}`,
                    }
                  : { message: `Loading ${rel} failed.` };
          // Load once, fail once: every remaining exercise gets the same reason, no retries.
          for (const rest of exercises.slice(i))
            push(failed(rest, started, { ...outcome, loadError: true }));
          break;
        }
      }
      const timeoutMs = ex.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
      // The sandbox enforces the time limit for async code; this one catches synchronous loops.
      const reply = await ask(
        sandbox,
        { kind: "check", exerciseId: ex.id, artifactDir: artifactDirFor(unit.id, ex.id) },
        timeoutMs + 1_000,
        options.signal,
        (e) => options.onProgress?.(ex.id, e),
      );
      if (reply.kind === "cancelled") break;
      if (reply.kind === "result") {
        push(reply.result);
      } else {
        await sandbox.stop();
        if (sandbox === shared) shared = undefined;
        const outcome =
          reply.kind === "timeout"
            ? timeoutOutcome(ex, timeoutMs)
            : reply.kind === "ended"
              ? endedOutcome(reply.why)
              : { message: "The check did not answer." };
        push(failed(ex, started, outcome));
        continue;
      }
      if (inProcess) {
        await sandbox.stop();
        own = undefined;
      }
    }
  } finally {
    await Promise.all([shared?.stop(), own?.stop()]);
  }
  return results;
}
