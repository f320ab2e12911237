import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { type AnyLab, findExercise, findLab } from "../course/manifest";
import { labFilePath } from "../course/paths";
import { timeoutOutcome } from "./run-check";
import { type CheckResult, DEFAULT_CHECK_TIMEOUT_MS } from "./types";

export type WorkerRequest =
  | {
      kind: "load";
      labId: string;
      modulePath: string;
      /** Where to load a lab definition that is not in the course manifest (tests of the grader). */
      definition?: LabDefinitionRef;
    }
  | { kind: "check"; exerciseId: string };

/** A module and export name holding a LabDefinition. */
export interface LabDefinitionRef {
  path: string;
  exportName: string;
}
export type WorkerReply =
  | { kind: "loaded" }
  | { kind: "load-error"; message: string }
  | { kind: "result"; result: CheckResult };

/** Time allowed for a worker to start and load the lab file (ml-matrix, datasets…). */
const LOAD_ALLOWANCE_MS = 20_000;

export interface CheckLabOptions {
  /** Only these exercises (default: all, in manifest order). */
  exerciseIds?: string[];
  /** Module to grade (default: the learner's `labs/<id>.ts`). */
  modulePath?: string;
  /**
   * A lab outside the course manifest (the grader's own tests): the definition for this
   * thread, and where the worker can load the same definition.
   */
  external?: { lab: AnyLab; ref: LabDefinitionRef };
}

/**
 * Checks a lab file in a worker thread, one exercise at a time. The file is loaded fresh,
 * so edits are always seen; an exercise that hangs is stopped at its time limit (the worker
 * is terminated and a new one continues with the next exercise).
 */
export async function checkInWorker(labId: string, options: CheckLabOptions = {}): Promise<CheckResult[]> {
  const lab = options.external?.lab ?? findLab(labId);
  const modulePath = path.resolve(options.modulePath ?? labFilePath(lab.id));
  const wanted = options.exerciseIds ?? lab.exercises.map((e) => e.id);
  const exercises = wanted.map((id) => findExercise(lab, id));

  const results: CheckResult[] = [];
  const fail = (ex: (typeof exercises)[number], outcome: Omit<CheckResult, "labId" | "exerciseId" | "title" | "maxPoints" | "points">) =>
    results.push({ labId: lab.id, exerciseId: ex.id, title: ex.title, maxPoints: ex.points, points: 0, ...outcome });
  let worker: Worker | undefined;
  try {
    for (const ex of exercises) {
      if (!worker) {
        // A fresh worker loads the file as it is on disk now.
        worker = new Worker(path.join(__dirname, "check-worker.cjs"));
        const load = await ask(worker, { kind: "load", labId: lab.id, modulePath, definition: options.external?.ref }, LOAD_ALLOWANCE_MS);
        if (load !== "timeout" && load !== "crashed" && load.kind === "load-error") {
          const rel = path.relative(process.cwd(), modulePath) || modulePath;
          for (const rest of exercises.slice(results.length)) {
            fail(rest, {
              status: "failed",
              message: `Could not load ${rel}: ${load.message}`,
              likelyCause: "A syntax error or an error at the top level of the file. Fix it, then check again.",
              durationMs: 0,
            });
          }
          break;
        }
        if (load === "timeout" || load === "crashed") {
          fail(ex, { status: "failed", message: `Loading ${path.basename(modulePath)} did not finish (${load}).`, durationMs: 0 });
          await worker.terminate();
          worker = undefined;
          continue;
        }
      }
      const timeoutMs = ex.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
      const started = Date.now();
      // The worker enforces the time limit for async code; this one catches synchronous loops.
      const reply = await ask(worker, { kind: "check", exerciseId: ex.id }, timeoutMs + 1_000);
      if (reply === "timeout" || reply === "crashed") {
        await worker.terminate();
        worker = undefined;
        const outcome =
          reply === "timeout"
            ? timeoutOutcome(ex, timeoutMs)
            : { status: "failed" as const, message: "The check crashed the worker (out of memory?)." };
        fail(ex, { ...outcome, durationMs: Date.now() - started });
      } else if (reply.kind === "result") {
        results.push(reply.result);
      }
    }
  } finally {
    await worker?.terminate();
  }
  return results;
}

/** Loads a lab definition named by a LabDefinitionRef. */
export function loadDefinition(ref: LabDefinitionRef): AnyLab {
  const mod = require(ref.path) as Record<string, AnyLab | undefined>;
  const lab = mod[ref.exportName];
  if (!lab) throw new Error(`${ref.path} does not export a lab named ${ref.exportName}.`);
  return lab;
}

function ask(worker: Worker, req: WorkerRequest, limitMs: number): Promise<WorkerReply | "timeout" | "crashed"> {
  return new Promise((resolve) => {
    const done = (value: WorkerReply | "timeout" | "crashed") => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onError);
      resolve(value);
    };
    const onMessage = (reply: WorkerReply) => done(reply);
    const onError = () => done("crashed");
    const timer = setTimeout(() => done("timeout"), limitMs);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onError);
    worker.postMessage(req);
  });
}
