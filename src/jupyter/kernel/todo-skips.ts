/**
 * "Run All" on unfinished labs: a cell that calls a `todo()` stub, and every later cell that
 * needs what such a cell would have declared, is skipped with one friendly line instead of a
 * stack trace and a chain of "Cannot find name" errors.
 */
import * as path from "node:path";
import { isTodoError } from "../../grading/todo";
import { declaredNames, freeNames } from "./cell-names";

export { isTodoError };

/** What a skipped cell was waiting for. */
export interface MissingExercise {
  /** The manifest's exercise id, e.g. "mse-loss" (unknown if the manifest has no match). */
  exerciseId?: string;
  /** The stub that threw, e.g. "mseLoss". */
  functionName?: string;
  /** Where to implement it, e.g. "labs/01-gradient-descent.ts". */
  labFile?: string;
}

/** Maps a lab id and an exported function to its exercise id. */
export type ExerciseFinder = (labId: string, functionName: string) => string | undefined;

/** `at [Object.]name (<root>/labs/<labId>.js:…)` in a TodoError's stack, nearest the throw first. */
export function stubFrom(
  stack: string,
  root: string,
): { labId: string; functionName?: string } | undefined {
  for (const line of stack.split("\n")) {
    const m = /^\s*at (?:(.*?) \()?(.*?):\d+:\d+\)?$/.exec(line);
    if (!m) continue;
    const rel = path.relative(path.join(root, "labs"), m[2]);
    if (rel.startsWith("..") || path.isAbsolute(rel) || rel.includes(path.sep)) continue;
    const labId = rel.replace(/\.(js|ts)$/, "");
    const functionName = m[1]?.replace(/^(Object|exports|Module)\./, "").replace(/^new /, "");
    return { labId, functionName: functionName || undefined };
  }
  return undefined;
}

/** The exercise finder backed by `findLab` of the course manifest, loaded on first use. */
export function manifestExerciseFinder(root: string): ExerciseFinder {
  type Lab = { exercises: { id: string; exports: string[] }[] };
  let findLab: ((query: string) => Lab) | undefined;
  return (labId, functionName) => {
    try {
      findLab ??= (
        require(path.join(root, "src", "course", "manifest")) as { findLab: (q: string) => Lab }
      ).findLab;
      // A method stub ("LinearSVC.fit") belongs to the exercise that exports its class.
      const owner = functionName.split(".")[0];
      const exercises = findLab(labId).exercises;
      return (
        exercises.find((e) => e.exports.includes(functionName)) ??
        exercises.find((e) => e.exports.includes(owner))
      )?.id;
    } catch {
      return undefined; // an unknown lab or a broken manifest: the message just says less
    }
  };
}

export class SkipTracker {
  /** Top-level names of cells that did not run, and the exercise each is waiting for. */
  private readonly skipped = new Map<string, MissingExercise>();

  constructor(
    private readonly root: string,
    private readonly findExercise: ExerciseFinder,
  ) {}

  /** If the cell uses a name from a skipped cell: the line to show instead of running it. */
  skipIfBlocked(code: string): string | undefined {
    if (this.skipped.size === 0) return undefined;
    const blocker = freeNames(code).find((name) => this.skipped.has(name));
    if (blocker === undefined) return undefined;
    const missing = this.skipped.get(blocker)!;
    this.markSkipped(code, missing);
    return `⏭ Skipped: needs \`${blocker}\` from an earlier cell, which needs ${describe(missing)} — implement it in ${where(missing)}, then re-run from that cell.`;
  }

  /** The cell threw a TodoError: remember its names and return the line to show. */
  skipForTodo(code: string, err: Error): string {
    const stub = stubFrom(err.stack ?? "", this.root);
    const missing: MissingExercise = {};
    if (stub) {
      missing.labFile = `labs/${stub.labId}.ts`;
      missing.functionName = stub.functionName;
      if (stub.functionName) missing.exerciseId = this.findExercise(stub.labId, stub.functionName);
    }
    this.markSkipped(code, missing);
    return `⏭ Skipped: needs ${describe(missing)} — implement it in ${where(missing)}, then re-run this cell.`;
  }

  /** The cell ran: what it declares is real now (the learner implemented the exercise). */
  cellRan(code: string): void {
    if (this.skipped.size === 0) return;
    for (const name of declaredNames(code)) this.skipped.delete(name);
  }

  private markSkipped(code: string, missing: MissingExercise): void {
    for (const name of declaredNames(code)) this.skipped.set(name, missing);
  }
}

function describe(m: MissingExercise): string {
  if (m.exerciseId && m.functionName) return `exercise \`${m.exerciseId}\` (${m.functionName})`;
  if (m.functionName) return `\`${m.functionName}\``;
  return "an exercise that is not implemented yet";
}

function where(m: MissingExercise): string {
  return m.labFile ?? "your labs/ file";
}
