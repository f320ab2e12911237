import * as fs from "node:fs";
import * as path from "node:path";
import { fromRoot } from "../project-root";
import type { CheckResult, ExerciseStatus } from "./types";

/** What we remember about one exercise between sessions. */
export interface ExerciseProgress {
  status: ExerciseStatus;
  /** ISO time of the first pass; kept even if a later edit breaks the exercise. */
  firstPassedAt?: string;
  lastCheckedAt: string;
  attempts: number;
  /** How many hint tiers the learner has seen. */
  hintsShown: number;
  solutionShown: boolean;
}

export interface ProgressFile {
  version: 1;
  labs: Record<string, Record<string, ExerciseProgress>>;
}

/** `.progress/progress.json` in the project (gitignored); override with ML_LABS_PROGRESS_FILE. */
export function progressFilePath(): string {
  return process.env.ML_LABS_PROGRESS_FILE ?? fromRoot(".progress", "progress.json");
}

export function readProgress(file = progressFilePath()): ProgressFile {
  if (!fs.existsSync(file)) return { version: 1, labs: {} };
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as ProgressFile;
    if (parsed.version === 1 && typeof parsed.labs === "object") return parsed;
  } catch {
    // fall through: keep the damaged file for inspection, start afresh
  }
  const aside = `${file}.damaged-${Date.now()}`;
  fs.renameSync(file, aside);
  console.warn(`Progress file ${file} was unreadable; moved it to ${aside} and started a new one.`);
  return { version: 1, labs: {} };
}

/** Writes atomically (temp file + rename), so a crash never leaves half a progress file. */
export function writeProgress(progress: ProgressFile, file = progressFilePath()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeFileSync(fd, `${JSON.stringify(progress, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** Reads, changes one exercise's entry and writes back. */
export function updateExercise(
  labId: string,
  exerciseId: string,
  change: (entry: ExerciseProgress) => void,
  file = progressFilePath(),
): ExerciseProgress {
  const progress = readProgress(file);
  const entry = entryFor(progress, labId, exerciseId);
  change(entry);
  writeProgress(progress, file);
  return entry;
}

/** The entry for one exercise, created (not attempted) if missing. */
function entryFor(progress: ProgressFile, labId: string, exerciseId: string): ExerciseProgress {
  const lab = progress.labs[labId] ?? {};
  progress.labs[labId] = lab;
  const entry = lab[exerciseId] ?? {
    status: "not_attempted",
    lastCheckedAt: new Date().toISOString(),
    attempts: 0,
    hintsShown: 0,
    solutionShown: false,
  };
  lab[exerciseId] = entry;
  return entry;
}

/** Records check results (one write for the whole batch). */
export function recordResults(results: CheckResult[], file = progressFilePath()): void {
  if (results.length === 0) return;
  const progress = readProgress(file);
  const now = new Date().toISOString();
  for (const r of results) {
    const entry = entryFor(progress, r.labId, r.exerciseId);
    entry.status = r.status;
    entry.lastCheckedAt = now;
    if (r.status !== "not_attempted") entry.attempts += 1;
    if (r.status === "passed" && !entry.firstPassedAt) entry.firstPassedAt = now;
  }
  writeProgress(progress, file);
}
