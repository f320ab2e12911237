import {
  readProgress,
  recordResults,
  resetLabProgress,
  type SaveResult,
  updateExercise,
} from "../grading/progress";
import { gradeInSandbox, type SandboxOptions } from "../grading/sandbox";
import { typeIssuesFor } from "../grading/type-check";
import type { CheckResult, ExerciseStatus } from "../grading/types";
import { type AnyLab, allLabs, findExercise, findLab, unitRef } from "./manifest";
import { labFilePath, solutionFilePath } from "./paths";
import { solutionSource } from "./solution-source";
import { ensureWorkspace } from "./workspace";

/**
 * What a learner can do, shared by the notebook helpers and the `labs` CLI. These functions
 * return data and record progress; the callers decide how to show it.
 */

export interface CheckRun {
  results: CheckResult[];
  /** Set when the results could not be saved (they are still valid and shown). */
  saveProblem?: string;
  /** True when the run was cancelled (interrupt, a newer save in `watch`): nothing was recorded. */
  cancelled: boolean;
}

export type CheckOptions = Pick<SandboxOptions, "signal" | "onProgress" | "onResult">;

/**
 * Checks the learner's lab file (all exercises or the ones named) in a sandbox, type-checks
 * it (so "passed" here means it also works in the notebook), and records progress. A cancelled
 * run records nothing.
 */
export async function checkLab(
  labQuery: string,
  exerciseIds?: string[],
  options: CheckOptions = {},
): Promise<CheckRun> {
  const lab = findLab(labQuery);
  ensureWorkspace([lab.id]);
  for (const id of exerciseIds ?? []) findExercise(lab, id);
  const modulePath = labFilePath(lab.id);
  // A newer check's result wins over this one if it started later (see progress v2).
  const startedAt = new Date().toISOString();
  // Type-checking runs in its own thread, alongside the sandbox.
  const typeIssues = typeIssuesFor(modulePath, solutionFilePath(lab.id));
  const graded = await gradeInSandbox(
    { unit: lab, ref: unitRef(lab.id), modulePath },
    { ...options, exerciseIds },
  );
  if (options.signal?.aborted) return { results: [], cancelled: true };
  const results = applyTypeIssues(lab, graded, await typeIssues);
  const shown = forLearner(lab, results);
  const saved = recordResults(results, { startedAt });
  return { results: shown, cancelled: false, saveProblem: saved.reason };
}

/**
 * A result that passed at run time but has a type error in one of its functions (or at the
 * top level) fails: the notebook's import cell would reject the file.
 */
function applyTypeIssues(
  lab: AnyLab,
  results: CheckResult[],
  issues: Awaited<ReturnType<typeof typeIssuesFor>>,
): CheckResult[] {
  if (issues.length === 0) return results;
  return results.map((r) => {
    if (r.status !== "passed") return r;
    const ex = findExercise(lab, r.exerciseId);
    const mine = issues.filter(
      (i) => i.declaration === undefined || ex.exports.includes(i.declaration),
    );
    if (mine.length === 0) return r;
    const first = mine[0];
    return {
      ...r,
      status: "failed",
      score: 0,
      points: 0,
      message: `Your code runs, but ${first.location} has a type error the notebook will reject: ${first.message}`,
      likelyCause:
        first.kind === "signature"
          ? "Keep the function's signature (parameter and return types) as the stub gives it: the notebook's cells rely on it."
          : `Fix the type error${mine.length > 1 ? ` (${mine.length} in this exercise)` : ""}; \`npm run labs -- check\` shows them all.`,
    };
  });
}

/** What a learner may see of results: exams never reveal expected values or diagnoses. */
export function forLearner(unit: Pick<AnyLab, "kind">, results: CheckResult[]): CheckResult[] {
  return unit.kind === "exam" ? results.map(hideExpected) : results;
}

function hideExpected(r: CheckResult): CheckResult {
  const { expected: _e, got: _g, likelyCause: _l, ...rest } = r;
  return {
    ...rest,
    cases: r.cases?.map(({ expected: _ce, got: _cg, likelyCause: _cl, ...c }) => c),
  };
}

export interface HintView {
  labId: string;
  exerciseId: string;
  /** 1-based tier shown now. */
  level: number;
  total: number;
  text: string;
}

/** A learner-facing error (unknown level, locked content): shown without a stack trace. */
export class LearnerError extends Error {
  override name = "LearnerError";
}

/**
 * The next hint tier for an exercise (or the given tier). Each call without `level`
 * reveals one more tier, up to the last.
 */
export function hintFor(labQuery: string, exerciseId: string, level?: number): HintView {
  const lab = findLab(labQuery);
  const ex = findExercise(lab, exerciseId);
  if (lab.kind === "exam" || ex.hints.length === 0)
    throw new LearnerError(
      `${lab.id} › ${ex.id} has no hints${lab.kind === "exam" ? " (it is an exam)" : ""}.`,
    );
  if (level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= ex.hints.length)) {
    throw new LearnerError(
      `There are ${ex.hints.length} hint levels for ${ex.id}: give --level a whole number from 1 to ${ex.hints.length}.`,
    );
  }
  const seen = readProgress().labs[lab.id]?.[ex.id]?.hintsShown ?? 0;
  const tier = level ?? Math.min(seen + 1, ex.hints.length);
  warnIfNotSaved(
    updateExercise(lab.id, ex.id, (e) => {
      e.hintsShown = Math.max(e.hintsShown, tier);
    }),
  );
  return {
    labId: lab.id,
    exerciseId: ex.id,
    level: tier,
    total: ex.hints.length,
    text: ex.hints[tier - 1],
  };
}

/** The reference code when it may be shown, otherwise the reason it may not (yet). */
export interface SolutionView {
  shown: boolean;
  labId: string;
  exerciseId: string;
  /** Present when shown. */
  source?: string;
  /** Present when not shown. */
  reason?: string;
}

/**
 * The reference solution, shown only once the exercise has passed, or when the learner asks
 * explicitly with `showAnyway` (recorded in their progress). Exams keep it locked.
 */
export function solutionFor(
  labQuery: string,
  exerciseId: string,
  options: { showAnyway?: boolean } = {},
): SolutionView {
  const lab = findLab(labQuery);
  const ex = findExercise(lab, exerciseId);
  const base = { shown: false, labId: lab.id, exerciseId: ex.id };
  if (lab.kind === "exam")
    return { ...base, reason: "Exam solutions open after the exam is submitted." };
  const entry = readProgress().labs[lab.id]?.[ex.id];
  if (!entry?.firstPassedAt && !options.showAnyway) {
    return {
      ...base,
      reason:
        "The solution opens once this exercise passes its check. Stuck? Try the hints first; " +
        "if you still want it, ask for it with showAnyway (notebook) or --show-anyway (CLI).",
    };
  }
  warnIfNotSaved(
    updateExercise(lab.id, ex.id, (e) => {
      e.solutionShown = true;
    }),
  );
  return { ...base, shown: true, source: solutionSource(lab.id, ex.exports) };
}

/** Hints and solutions are still shown when their progress cannot be saved. */
function warnIfNotSaved(save: SaveResult): void {
  if (!save.saved) console.warn(save.reason);
}

/** Marks a lab not attempted in progress (history kept), e.g. after `reset`. */
export function resetProgress(labQuery: string): SaveResult {
  return resetLabProgress(findLab(labQuery).id);
}

export interface LabProgressRow {
  labId: string;
  title: string;
  points: number;
  maxPoints: number;
  exercises: { id: string; title: string; status: ExerciseStatus; points: number }[];
}

/** The progress overview from the saved progress (no checks are run). */
export function courseProgress(labs: AnyLab[] = allLabs()): LabProgressRow[] {
  const progress = readProgress();
  return labs.map((lab) => {
    const exercises = lab.exercises.map((ex) => {
      const status = progress.labs[lab.id]?.[ex.id]?.status ?? "not_attempted";
      return { id: ex.id, title: ex.title, status, points: status === "passed" ? ex.points : 0 };
    });
    return {
      labId: lab.id,
      title: lab.title,
      points: exercises.reduce((s, e) => s + e.points, 0),
      maxPoints: lab.exercises.reduce((s, e) => s + e.points, 0),
      exercises,
    };
  });
}
