/**
 * What the grader grades. A unit (a lab or an exam) is one notebook + one learner file
 * (`labs/<id>.ts`) + its reference solution (`solutions/<id>.ts`) + the checks below, defined
 * once and used by the notebook's `check()`, the `labs` CLI and the vitest course self-check.
 * The grading engine (this folder) imports no course: callers hand it the unit to grade.
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
   * an answer is wrong. Returning normally means passed. For partial credit, run named
   * sub-cases with `ctx.case(...)` (every case runs; the score is the passed weight), or
   * return a `ScoredOutcome` (e.g. an accuracy band).
   */
  check: (lab: M, ctx: CheckContext) => void | ScoredOutcome | Promise<void | ScoredOutcome>;
  /** Per-exercise time limit; defaults to DEFAULT_CHECK_TIMEOUT_MS. */
  timeoutMs?: number;
  /**
   * Where the check runs: "worker" (default: a worker thread, for checks of a second or two)
   * or "process" (a child process with a memory cap and live progress, for training).
   */
  runner?: "worker" | "process";
  /** Memory cap of the "process" runner, in MiB (default PROCESS_MEMORY_MB). */
  memoryMb?: number;
  /**
   * What the check grades: the learner's module (default) or only the files the learner
   * saved under `artifacts/<unit>/<exercise>/` (the learner's code is then never imported).
   */
  grades?: "module" | "artifacts";
}

/** Partial credit returned by a check: `score` from 0 to 1, and why it is not 1. */
export interface ScoredOutcome {
  score: number;
  /** Shown when the score is below 1, e.g. "accuracy 0.83; 0.90 earns full marks". */
  message?: string;
  expected?: string;
  got?: string;
}

/** One named sub-case of a check (`ctx.case`). */
export interface CaseResult {
  name: string;
  passed: boolean;
  weight: number;
  /** Why it failed (empty when passed). */
  message?: string;
  expected?: string;
  got?: string;
  likelyCause?: string;
}

/** A progress event a long check streams to the notebook or terminal. */
export interface ProgressEvent {
  /** e.g. "epoch". */
  step: string;
  index: number;
  total?: number;
  metrics?: Record<string, number>;
}

/** What a check receives besides the learner's module. */
export interface CheckContext {
  /**
   * Runs a named sub-case. A failure is collected (not thrown), so every case runs and the
   * exercise earns the weight of the cases that passed. Use for partial credit.
   */
  case(name: string, run: () => void | Promise<void>, options?: { weight?: number }): Promise<void>;
  /** Streams progress (live in the notebook; lines in the terminal). */
  progress(event: ProgressEvent): void;
  /** This exercise's artifact folder (`artifacts/<unit>/<exercise>`), whether or not it exists. */
  artifactDir: string;
  /** Aborted when the check is cancelled or times out. */
  signal: AbortSignal;
}

export type UnitKind = "lab" | "exam";

export interface LabDefinition<M = Record<string, unknown>> {
  /** e.g. "01-gradient-descent": also the file name in notebooks/, labs/ and solutions/. */
  id: string;
  /**
   * "lab" (default) or "exam". Exams show no hints, keep solutions locked until the exam is
   * submitted and never reveal expected values in their results.
   */
  kind?: UnitKind;
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
  /** Fraction of the points earned, 0 to 1 (1 exactly when passed). */
  score: number;
  points: number;
  maxPoints: number;
  /** Sub-case results, when the check has cases. */
  cases?: CaseResult[];
  /** When the check started (ISO time): a newer check's result wins over an older one. */
  startedAt: string;
  /** The learner's file could not be loaded at all (the same message for every exercise). */
  loadError?: boolean;
  /** Empty when passed; otherwise what went wrong. */
  message: string;
  expected?: string;
  got?: string;
  likelyCause?: string;
  durationMs: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
/** Memory cap of a "process" check, in MiB. */
export const PROCESS_MEMORY_MB = 2048;

/** Unit and lab are the same thing to the grader; "unit" also covers exams. */
export type UnitDefinition<M = Record<string, unknown>> = LabDefinition<M>;

/**
 * Declares a lab with its module type, so each check sees the lab's exports fully typed.
 * `M` is normally `typeof import("../../../solutions/<id>")`.
 */
export function defineLab<M>(lab: LabDefinition<M>): LabDefinition<M> {
  const ids = new Set<string>();
  for (const ex of lab.exercises) {
    if (ids.has(ex.id)) throw new Error(`Lab ${lab.id}: exercise id "${ex.id}" is used twice.`);
    ids.add(ex.id);
    if (ex.hints.length === 0 && (lab.kind ?? "lab") === "lab") {
      throw new Error(`Lab ${lab.id}: exercise "${ex.id}" needs at least one hint.`);
    }
    if (!(ex.points > 0))
      throw new Error(`Lab ${lab.id}: exercise "${ex.id}" needs positive points.`);
  }
  return lab;
}
