import { ArgumentGuard, describeArgumentChange } from "./argument-guard";
import { isCheckFailure } from "./check-failure";
import { isTodoError } from "./todo";
import {
  type CaseResult,
  type CheckContext,
  type CheckResult,
  DEFAULT_CHECK_TIMEOUT_MS,
  type ExerciseDefinition,
  type LabDefinition,
  type ProgressEvent,
  type ScoredOutcome,
} from "./types";

class CheckTimeout extends Error {}
class CheckCancelled extends Error {}

export interface RunCheckOptions {
  /** Receives progress events the check streams (`ctx.progress`). */
  onProgress?: (event: ProgressEvent) => void;
  /** Cancels the check (its result is then "failed: cancelled"; callers normally drop it). */
  signal?: AbortSignal;
  /** The exercise's artifact folder, handed to the check as `ctx.artifactDir`. */
  artifactDir?: string;
}

/**
 * Runs one exercise's check against a lab module, in this process. Never throws: code that
 * throws, returns garbage, changes its arguments or never settles becomes a "failed" result.
 * (A synchronous infinite loop cannot be stopped in-process; `checkInWorker` handles that.)
 */
export async function runExerciseCheck<M>(
  lab: LabDefinition<M>,
  exercise: ExerciseDefinition<M>,
  mod: M,
  options: RunCheckOptions = {},
): Promise<CheckResult> {
  const timeoutMs = exercise.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const started = Date.now();
  const base = {
    labId: lab.id,
    exerciseId: exercise.id,
    title: exercise.title,
    maxPoints: exercise.points,
    startedAt: new Date(started).toISOString(),
  };
  const guard = new ArgumentGuard();
  const abort = new AbortController();
  const cases: CaseResult[] = [];
  const ctx: CheckContext = {
    async case(name, run, caseOptions = {}) {
      const weight = caseOptions.weight ?? 1;
      try {
        await run();
        cases.push({ name, passed: true, weight });
      } catch (err) {
        // Not attempted, timeouts and cancellation end the whole check, not just the case.
        if (isTodoError(err) || err instanceof CheckTimeout || err instanceof CheckCancelled)
          throw err;
        const outcome = describeError(err, exercise, timeoutMs, runtimeExports(exercise, mod));
        cases.push({
          name,
          passed: false,
          weight,
          message: outcome.message,
          expected: outcome.expected,
          got: outcome.got,
          likelyCause: outcome.likelyCause,
        });
      }
    },
    progress: (event) => options.onProgress?.(event),
    artifactDir: options.artifactDir ?? "",
    signal: abort.signal,
  };

  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new CheckTimeout());
    }, timeoutMs);
    const onCancel = () => {
      abort.abort();
      reject(new CheckCancelled());
    };
    if (options.signal?.aborted) onCancel();
    options.signal?.addEventListener("abort", onCancel, { once: true });
  });
  stop.catch(() => {}); // the race below observes it; this only silences the unhandled copy
  const finish = (outcome: Outcome, score: number): CheckResult => {
    const result: CheckResult = {
      ...base,
      ...outcome,
      score,
      points: roundPoints(score * exercise.points),
      durationMs: Date.now() - started,
    };
    if (cases.length > 0) result.cases = cases;
    return result;
  };
  try {
    const guarded = exercise.grades === "artifacts" ? (undefined as M) : guard.guard(mod);
    const returned = await Promise.race([
      Promise.resolve().then(() => exercise.check(guarded, ctx)),
      stop,
    ]);
    const change = guard.changes[0];
    if (change) return finish({ status: "failed", ...describeArgumentChange(change) }, 0);
    const scored = asScoredOutcome(returned);
    const caseScore = cases.length > 0 ? weightedScore(cases) : 1;
    const score = Math.min(caseScore, scored?.score ?? 1);
    if (score >= 1) return finish({ status: "passed", message: "" }, 1);
    const firstFailed = cases.find((c) => !c.passed);
    const message =
      scored && scored.score < caseScore
        ? (scored.message ?? `Partial credit: ${Math.round(scored.score * 100)}%.`)
        : `${cases.filter((c) => !c.passed).length} of ${cases.length} cases failed; first: ${firstFailed?.name} — ${firstFailed?.message ?? ""}`;
    const detail = scored && scored.score < caseScore ? scored : firstFailed;
    return finish(
      {
        status: "failed",
        message,
        expected: detail?.expected,
        got: detail?.got,
        likelyCause: firstFailed?.likelyCause,
      },
      score,
    );
  } catch (err) {
    // An argument change explains later failures best: report it first.
    const change = guard.changes[0];
    if (change && !isTodoError(err))
      return finish({ status: "failed", ...describeArgumentChange(change) }, 0);
    return finish(describeError(err, exercise, timeoutMs, runtimeExports(exercise, mod)), 0);
  } finally {
    clearTimeout(timer);
  }
}

function roundPoints(p: number): number {
  return Math.round(p * 100) / 100;
}

function weightedScore(cases: CaseResult[]): number {
  const total = cases.reduce((s, c) => s + c.weight, 0);
  return total > 0 ? cases.reduce((s, c) => s + (c.passed ? c.weight : 0), 0) / total : 1;
}

function asScoredOutcome(value: unknown): ScoredOutcome | undefined {
  if (value === undefined || value === null || typeof value !== "object") return undefined;
  const score = (value as { score?: unknown }).score;
  if (typeof score !== "number" || !Number.isFinite(score)) return undefined;
  return { ...(value as ScoredOutcome), score: Math.max(0, Math.min(1, score)) };
}

/** The exercise's exports that exist at run time (functions and classes, not interfaces). */
function runtimeExports<M>(exercise: ExerciseDefinition<M>, mod: M): string[] {
  if (mod === null || typeof mod !== "object") return exercise.exports;
  const present = exercise.exports.filter(
    (name) => typeof (mod as Record<string, unknown>)[name] === "function",
  );
  return present.length > 0 ? present : exercise.exports;
}

type Outcome = Pick<CheckResult, "status" | "message" | "expected" | "got" | "likelyCause">;

/** Turns whatever a check threw into an outcome a learner can act on. */
export function describeError<M>(
  err: unknown,
  exercise: ExerciseDefinition<M>,
  timeoutMs: number,
  exportNames = exercise.exports,
): Outcome {
  if (isTodoError(err)) {
    return {
      status: "not_attempted",
      // Not an error: the learner has not started. (No "Not implemented" wording: that reads as a crash.)
      message: `Not started yet: replace \`return todo();\` in ${exportNames.join(", ")} with your code.`,
    };
  }
  if (isCheckFailure(err)) return { status: "failed", ...err.details };
  if (err instanceof CheckTimeout) return timeoutOutcome(exercise, timeoutMs);
  if (err instanceof CheckCancelled)
    return { status: "failed", message: "The check was cancelled." };
  if (!(err instanceof Error)) {
    // `throw "x"` or `throw 42`: say what was thrown, not "Error".
    return {
      status: "failed",
      message: `Your code threw ${describeThrown(err)} (not an Error object).`,
      likelyCause:
        'Throw an Error instead: throw new Error("…") keeps a message and a stack trace.',
    };
  }
  return {
    status: "failed",
    message: `Your code threw ${err.name}: ${err.message}`,
    likelyCause: whereItThrew(err),
  };
}

function describeThrown(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") {
    try {
      return `the value ${JSON.stringify(value)}`;
    } catch {
      return "an object";
    }
  }
  return `the value ${String(value)}`;
}

export function timeoutOutcome<M>(
  exercise: Pick<ExerciseDefinition<M>, "exports">,
  timeoutMs: number,
): Outcome {
  return {
    status: "failed",
    message: `${exercise.exports.join(", ")} did not finish within ${timeoutMs / 1000} s.`,
    likelyCause:
      "An endless loop? Check that your loop counter increases and the stopping condition can be reached.",
  };
}

/** The first stack frame inside the learner's lab file, if any: "labs/01-gradient-descent.ts:42". */
function whereItThrew(err: Error): string | undefined {
  const frame = (err.stack ?? "")
    .split("\n")
    .find((l) => /[/\\](labs|solutions)[/\\][^/\\]+\.ts:\d+/.test(l));
  const match = frame?.match(/((?:labs|solutions)[/\\][^/\\:]+\.ts:\d+)/);
  return match ? `It was thrown at ${match[1].replace(/\\/g, "/")}.` : undefined;
}
