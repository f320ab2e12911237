/**
 * The course manifest types. A lab is one notebook + one learner file (`labs/<id>.ts`) +
 * its reference solution (`solutions/<id>.ts`) + the checks below, defined once and used
 * by the notebook's `check()`, the `labs` CLI and the vitest course self-check.
 */

/** What a check can conclude about one exercise. */
export type ExerciseStatus = "passed" | "failed" | "not_attempted";

/** One exercise: a function (or a few) the learner writes in their lab file. */
export interface ExerciseDefinition<M> {
  /** Stable id used in the notebook and CLI, e.g. "mse-loss". */
  id: string;
  title: string;
  points: number;
  /** Tiered hints: the first nudges, the last nearly gives it away. */
  hints: string[];
  /** Exported names in the lab file that make up this exercise (shown by `solution`). */
  exports: string[];
  /**
   * Runs the learner's module and throws a CheckFailure (use the `expect*` helpers) when
   * an answer is wrong. Returning normally means passed.
   */
  check: (lab: M) => void | Promise<void>;
  /** Per-exercise time limit; defaults to DEFAULT_CHECK_TIMEOUT_MS. */
  timeoutMs?: number;
}

export interface LabDefinition<M = Record<string, unknown>> {
  /** e.g. "01-gradient-descent": also the file name in notebooks/, labs/ and solutions/. */
  id: string;
  title: string;
  /** One sentence: what the learner will be able to do after the lab. */
  summary: string;
  exercises: ExerciseDefinition<M>[];
}

/** The result of checking one exercise. */
export interface CheckResult {
  labId: string;
  exerciseId: string;
  title: string;
  status: ExerciseStatus;
  points: number;
  maxPoints: number;
  /** Empty when passed; otherwise what went wrong. */
  message: string;
  expected?: string;
  got?: string;
  likelyCause?: string;
  durationMs: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/**
 * Declares a lab with its module type, so each check sees the lab's exports fully typed.
 * `M` is normally `typeof import("../../../solutions/<id>")`.
 */
export function defineLab<M>(lab: LabDefinition<M>): LabDefinition<M> {
  const ids = new Set<string>();
  for (const ex of lab.exercises) {
    if (ids.has(ex.id)) throw new Error(`Lab ${lab.id}: exercise id "${ex.id}" is used twice.`);
    ids.add(ex.id);
    if (ex.hints.length === 0) throw new Error(`Lab ${lab.id}: exercise "${ex.id}" needs at least one hint.`);
  }
  return lab;
}
