/** The learner's progress: what is saved per exercise and exam, and the only ways to change it. */
import type { CheckResult } from "../types";
import type { ExerciseProgress } from "./schema";
import { progressFilePath, type SaveResult, updateProgress } from "./store";
import { applyResults, entryFor, resetExercises } from "./update";

export * from "./schema";
export { progressFilePath, readProgress, type SaveResult, updateProgress } from "./store";

/**
 * Records the results of one check (one locked write for the whole batch). `startedAt` is
 * when the check started (ISO): a result from a check that started before the stored one
 * goes to the history only (see `applyResults`). Never throws.
 */
export function recordResults(
  results: CheckResult[],
  options: { startedAt: string; file?: string },
): SaveResult {
  if (results.length === 0) return { saved: true };
  const startedAt = Date.parse(options.startedAt);
  if (Number.isNaN(startedAt))
    return {
      saved: false,
      reason: `Progress not saved: startedAt "${options.startedAt}" is not an ISO time.`,
    };
  const start = new Date(startedAt).toISOString();
  return updateProgress(
    (p) => applyResults(p, results, start, new Date().toISOString()),
    options.file ?? progressFilePath(),
  );
}

/** Changes one exercise's entry (hints seen, solution shown) under the lock. Never throws. */
export function updateExercise(
  labId: string,
  exerciseId: string,
  change: (entry: ExerciseProgress) => void,
  file = progressFilePath(),
): SaveResult {
  return updateProgress((p) => change(entryFor(p, labId, exerciseId)), file);
}

/** After `reset`: the lab's exercises are not attempted again; their history is kept. */
export function resetLabProgress(labId: string, file = progressFilePath()): SaveResult {
  return updateProgress((p) => resetExercises(p, labId, new Date().toISOString()), file);
}
