/**
 * Type-checks a learner's file the way the project does (tsconfig.labs.json, strict), so
 * "passed" in the CLI also means "works in the notebook", and reports signature changes
 * against the reference (the notebook's cells rely on the stub's signatures). One language
 * service lives in a background thread for the life of the process (kernel, `watch`), so
 * only the first check pays the cold start and later ones re-check just the edited file.
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";

/** One problem the type checker found in the learner's file. */
export interface TypeIssue {
  kind: "type-error" | "signature";
  /** "labs/01-gradient-descent.ts:42:10" */
  location: string;
  message: string;
  /** The top-level declaration it is in (a function or class name); undefined at top level. */
  declaration?: string;
}

export interface TypeCheckRequest {
  id: number;
  file: string;
  reference: string;
}
export type TypeCheckReply = { id: number; issues: TypeIssue[] } | { id: number; error: string };

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (issues: TypeIssue[]) => void>();

function typeCheckWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(path.join(__dirname, "type-check-entry.cjs"));
  w.unref(); // never keeps a CLI or test process alive
  w.on("message", (reply: TypeCheckReply) => {
    const done = pending.get(reply.id);
    pending.delete(reply.id);
    // A broken type checker must not block grading: no issues is the safe answer.
    done?.("issues" in reply ? reply.issues : []);
  });
  const reset = () => {
    for (const done of pending.values()) done([]);
    pending.clear();
    worker = undefined;
  };
  w.on("error", reset);
  w.on("exit", reset);
  worker = w;
  return w;
}

/** Starts the type checker early (e.g. when a notebook imports its helpers). */
export function warmUpTypeChecker(): void {
  if (process.env.ML_LABS_TYPECHECK === "0") return;
  typeCheckWorker();
}

/**
 * Type errors and signature changes in `file` (the learner's) compared with `reference` (the
 * solution). Set ML_LABS_TYPECHECK=0 to skip (the course self-check grades solutions directly).
 */
export function typeIssuesFor(file: string, reference: string): Promise<TypeIssue[]> {
  if (process.env.ML_LABS_TYPECHECK === "0") return Promise.resolve([]);
  const id = nextId++;
  return new Promise((resolve) => {
    const w = typeCheckWorker();
    w.ref(); // keep the process alive while a request is open
    pending.set(id, (issues) => {
      if (pending.size === 0) w.unref();
      resolve(issues);
    });
    w.postMessage({ id, file, reference } satisfies TypeCheckRequest);
  });
}
