import { type AnyLab, course, findExercise, findLab } from "../course/manifest";
import { solutionSource } from "../course/solution-source";
import { checkInWorker } from "./check-in-worker";
import { readProgress, recordResults, type SaveResult, updateExercise } from "./progress";
import type { CheckResult, ExerciseStatus } from "./types";

/**
 * What a learner can do, shared by the notebook helpers and the `labs` CLI. These functions
 * return data and record progress; the callers decide how to show it.
 */

/** Checks the learner's lab file (all exercises or the ones named) and records progress. */
export async function checkLab(labQuery: string, exerciseIds?: string[]): Promise<{ results: CheckResult[]; progress: SaveResult }> {
  const lab = findLab(labQuery);
  const startedAt = new Date().toISOString();
  const results = await checkInWorker(lab.id, { exerciseIds });
  return { results, progress: recordResults(results, { startedAt }) };
}

export interface HintView {
  labId: string;
  exerciseId: string;
  /** 1-based tier shown now. */
  level: number;
  total: number;
  text: string;
}

/**
 * The next hint tier for an exercise (or the given tier). Each call without `level`
 * reveals one more tier, up to the last.
 */
export function hintFor(labQuery: string, exerciseId: string, level?: number): HintView {
  const lab = findLab(labQuery);
  const ex = findExercise(lab, exerciseId);
  const seen = readProgress().labs[lab.id]?.[ex.id]?.hintsShown ?? 0;
  const tier = Math.min(Math.max(level ?? seen + 1, 1), ex.hints.length);
  const save = updateExercise(lab.id, ex.id, (e) => {
    e.hintsShown = Math.max(e.hintsShown, tier);
  });
  warnIfNotSaved(save);
  return { labId: lab.id, exerciseId: ex.id, level: tier, total: ex.hints.length, text: ex.hints[tier - 1] };
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
 * explicitly with `showAnyway` (recorded in their progress).
 */
export function solutionFor(labQuery: string, exerciseId: string, options: { showAnyway?: boolean } = {}): SolutionView {
  const lab = findLab(labQuery);
  const ex = findExercise(lab, exerciseId);
  const entry = readProgress().labs[lab.id]?.[ex.id];
  if (!entry?.firstPassedAt && !options.showAnyway) {
    return {
      shown: false,
      labId: lab.id,
      exerciseId: ex.id,
      reason:
        "The solution opens once this exercise passes its check. Stuck? Try the hints first; " +
        "if you still want it, ask for it with showAnyway (notebook) or --show-anyway (CLI).",
    };
  }
  const save = updateExercise(lab.id, ex.id, (e) => {
    e.solutionShown = true;
  });
  warnIfNotSaved(save);
  return { shown: true, labId: lab.id, exerciseId: ex.id, source: solutionSource(lab.id, ex.exports) };
}

/** Hints and solutions are still shown when their progress cannot be saved. */
function warnIfNotSaved(save: SaveResult): void {
  if (!save.saved) console.warn(save.reason);
}

export interface LabProgressRow {
  labId: string;
  title: string;
  points: number;
  maxPoints: number;
  exercises: { id: string; title: string; status: ExerciseStatus; points: number }[];
}

/** The progress overview from the saved progress (no checks are run). */
export function courseProgress(labs: AnyLab[] = course): LabProgressRow[] {
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
