import { isCheckFailure } from "./check-failure";
import { isTodoError } from "./todo";
import { type CheckResult, DEFAULT_CHECK_TIMEOUT_MS, type ExerciseDefinition, type LabDefinition } from "./types";

class CheckTimeout extends Error {}

/**
 * Runs one exercise's check against a lab module, in this process. Never throws: code that
 * throws, returns garbage or never settles becomes a "failed" result. (A synchronous
 * infinite loop cannot be stopped in-process; `checkInWorker` handles that case.)
 */
export async function runExerciseCheck<M>(
  lab: LabDefinition<M>,
  exercise: ExerciseDefinition<M>,
  mod: M,
): Promise<CheckResult> {
  const timeoutMs = exercise.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const base = {
    labId: lab.id,
    exerciseId: exercise.id,
    title: exercise.title,
    maxPoints: exercise.points,
  };
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs);
    });
    await Promise.race([Promise.resolve().then(() => exercise.check(mod)), timeout]);
    return { ...base, status: "passed", points: exercise.points, message: "", durationMs: Date.now() - started };
  } catch (err) {
    return { ...base, points: 0, durationMs: Date.now() - started, ...describeError(err, exercise, timeoutMs) };
  } finally {
    clearTimeout(timer);
  }
}

type Outcome = Pick<CheckResult, "status" | "message" | "expected" | "got" | "likelyCause">;

/** Turns whatever a check threw into an outcome a learner can act on. */
export function describeError<M>(err: unknown, exercise: ExerciseDefinition<M>, timeoutMs: number): Outcome {
  if (isTodoError(err)) {
    return {
      status: "not_attempted",
      message: `${(err as Error).message}. Replace \`return todo();\` in ${exercise.exports.join(", ")} with your code.`,
    };
  }
  if (isCheckFailure(err)) return { status: "failed", ...err.details };
  if (err instanceof CheckTimeout) return timeoutOutcome(exercise, timeoutMs);
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    status: "failed",
    message: `Your code threw ${e.name}: ${e.message}`,
    likelyCause: whereItThrew(e),
  };
}

export function timeoutOutcome<M>(exercise: ExerciseDefinition<M>, timeoutMs: number): Outcome {
  return {
    status: "failed",
    message: `${exercise.exports.join(", ")} did not finish within ${timeoutMs / 1000} s.`,
    likelyCause: "An endless loop? Check that your loop counter increases and the stopping condition can be reached.",
  };
}

/** The first stack frame inside the learner's lab file, if any: "labs/01-gradient-descent.ts:42". */
function whereItThrew(err: Error): string | undefined {
  const frame = (err.stack ?? "").split("\n").find((l) => /[/\\](labs|solutions)[/\\][^/\\]+\.ts:\d+/.test(l));
  const match = frame?.match(/((?:labs|solutions)[/\\][^/\\:]+\.ts:\d+)/);
  return match ? `It was thrown at ${match[1].replace(/\\/g, "/")}.` : undefined;
}
