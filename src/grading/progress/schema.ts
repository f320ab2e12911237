/**
 * The progress file's shape, one zod schema per version. The TypeScript types are inferred
 * from the schemas, so what we validate and what the code uses cannot drift apart.
 */
import { z } from "zod";

export const CURRENT_SCHEMA_VERSION = 2;
/** Attempts kept per exercise (the oldest are dropped; `attemptCount` keeps the total). */
export const MAX_ATTEMPTS_KEPT = 100;

const isoTime = z.iso.datetime();
const count = z.int().nonnegative();
const fraction = z.number().min(0).max(1);
const exerciseStatus = z.enum(["passed", "failed", "not_attempted"]);

/** v1 (until ml-cert-labs 0.1): status and counters only. */
export const progressV1Schema = z.object({
  version: z.literal(1),
  labs: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        status: exerciseStatus,
        firstPassedAt: isoTime.optional(),
        lastCheckedAt: isoTime,
        attempts: count,
        hintsShown: count,
        solutionShown: z.boolean(),
      }),
    ),
  ),
});
export type ProgressV1 = z.infer<typeof progressV1Schema>;

/** One graded check of one exercise ("not attempted" results are not attempts). */
export const attemptSchema = z.object({
  /** When the result was recorded. */
  at: isoTime,
  /** When the check started: what decides which result is newer. */
  startedAt: isoTime,
  status: z.enum(["passed", "failed"]),
  score: fraction,
  durationMs: z.number().nonnegative(),
  /** Started before the result already stored: kept in the history only. */
  stale: z.literal(true).optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;

export const exerciseProgressSchema = z.object({
  status: exerciseStatus,
  /** Fraction of the exercise's points earned by the current result (0..1). */
  score: fraction,
  /** Points earned / available in the current result; absent until a v2 check ran. */
  points: z.number().nonnegative().optional(),
  maxPoints: z.number().nonnegative().optional(),
  bestScore: fraction,
  /** Kept even if a later edit (or `reset`) breaks the exercise: it unlocks the solution. */
  firstPassedAt: isoTime.optional(),
  lastCheckedAt: isoTime.optional(),
  /** When the check behind the current status started (or the lab was reset). */
  currentSince: isoTime.optional(),
  /** Last `npm run labs -- reset` of the lab. */
  resetAt: isoTime.optional(),
  hintsShown: count,
  solutionShown: z.boolean(),
  attemptCount: count,
  /** The most recent MAX_ATTEMPTS_KEPT attempts, oldest first. */
  attempts: z.array(attemptSchema).max(MAX_ATTEMPTS_KEPT),
});
export type ExerciseProgress = z.infer<typeof exerciseProgressSchema>;

/** One task of a mock-exam attempt, scored like the real exam (0..5). */
export const examTaskSchema = z.object({
  taskId: z.string(),
  score0to5: z.number().min(0).max(5),
  submittedAt: isoTime,
});

export const examAttemptSchema = z.object({
  startedAt: isoTime,
  finishedAt: isoTime.optional(),
  tasks: z.array(examTaskSchema),
});
export type ExamAttempt = z.infer<typeof examAttemptSchema>;

/** Assessments kept (the oldest are dropped). */
export const MAX_ASSESSMENTS_KEPT = 50;

/** One self-assessment (`npm run labs -- assess` or the start-here notebook). */
export const assessmentAttemptSchema = z.object({
  at: isoTime,
  source: z.enum(["terminal", "notebook", "file"]),
  /** Questions answered (not left blank) and asked. */
  answered: count,
  total: count,
  /** Overall fraction correct (0..1). */
  score: fraction,
  /** Per domain: points earned (partial credit for functions) and questions asked. */
  domains: z.record(z.string(), z.object({ earned: z.number().nonnegative(), total: count })),
  /** Per question: fraction earned (0..1). */
  questions: z.record(z.string(), fraction),
});
export type AssessmentAttempt = z.infer<typeof assessmentAttemptSchema>;

export const progressSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  /** labs[labId][exerciseId] */
  labs: z.record(z.string(), z.record(z.string(), exerciseProgressSchema)),
  /** exams[examId].attempts, oldest first. */
  exams: z.record(z.string(), z.object({ attempts: z.array(examAttemptSchema) })),
  /**
   * Self-assessments, oldest first. Optional, so v2 files written before it existed stay
   * valid as they are (no schema bump, nothing to migrate).
   */
  assessments: z.array(assessmentAttemptSchema).max(MAX_ASSESSMENTS_KEPT).optional(),
});
export type ProgressFile = z.infer<typeof progressSchema>;

export function emptyProgress(): ProgressFile {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, labs: {}, exams: {} };
}

/** A new entry for an exercise nobody has checked yet. */
export function newExerciseProgress(): ExerciseProgress {
  return {
    status: "not_attempted",
    score: 0,
    bestScore: 0,
    hintsShown: 0,
    solutionShown: false,
    attemptCount: 0,
    attempts: [],
  };
}
