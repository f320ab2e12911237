/** How check results, hints and resets change the progress (pure: no files). */
import type { CheckResult } from "../types";
import {
  type ExerciseProgress,
  MAX_ATTEMPTS_KEPT,
  newExerciseProgress,
  type ProgressFile,
} from "./schema";

/** The entry for one exercise, created (not attempted) if missing. */
export function entryFor(
  progress: ProgressFile,
  labId: string,
  exerciseId: string,
): ExerciseProgress {
  const lab = progress.labs[labId] ?? {};
  progress.labs[labId] = lab;
  const entry = lab[exerciseId] ?? newExerciseProgress();
  lab[exerciseId] = entry;
  return entry;
}

/** The fraction of the exercise's points a result earned. */
export function scoreOf(r: CheckResult): number {
  if (Number.isFinite(r.score)) return Math.min(Math.max(r.score, 0), 1);
  if (r.maxPoints <= 0) return r.status === "passed" ? 1 : 0;
  return Math.min(Math.max(r.points / r.maxPoints, 0), 1);
}

/**
 * Applies the results of one check that started at `startedAt`. A result from a check that
 * started before the one behind the stored status (e.g. an interrupted notebook check that
 * ran on) is stale: it is kept in the history, marked `stale`, and changes nothing else.
 * "Not attempted" results are not attempts: they only update the status.
 */
export function applyResults(
  progress: ProgressFile,
  results: CheckResult[],
  startedAt: string,
  now: string,
): void {
  for (const r of results) {
    const entry = entryFor(progress, r.labId, r.exerciseId);
    const stale =
      entry.currentSince !== undefined && Date.parse(startedAt) < Date.parse(entry.currentSince);
    const score = scoreOf(r);
    if (r.status !== "not_attempted") {
      entry.attempts.push({
        at: now,
        startedAt,
        status: r.status,
        score,
        durationMs: r.durationMs,
        ...(stale ? { stale: true } : {}),
      });
      entry.attempts.splice(0, entry.attempts.length - MAX_ATTEMPTS_KEPT);
      entry.attemptCount += 1;
    }
    if (stale) continue;
    entry.status = r.status;
    entry.score = score;
    entry.points = r.points;
    entry.maxPoints = r.maxPoints;
    entry.bestScore = Math.max(entry.bestScore, score);
    entry.lastCheckedAt = now;
    entry.currentSince = startedAt;
    if (r.status === "passed" && !entry.firstPassedAt) entry.firstPassedAt = now;
  }
}

/**
 * After `reset`, the lab's exercises are not attempted again, so `list` shows what the lab file
 * holds. History, hints, solutions seen and the first pass are kept; a check that started
 * before the reset is stale.
 */
export function resetExercises(progress: ProgressFile, labId: string, now: string): void {
  for (const entry of Object.values(progress.labs[labId] ?? {})) {
    entry.status = "not_attempted";
    entry.score = 0;
    delete entry.points;
    entry.currentSince = now;
    entry.resetAt = now;
  }
}
