/**
 * The mock exam's loop: start (variants from a seed, starter files, the clock), status,
 * submit (train in a capped child process, score in another that never imports the learner's
 * code), finish (at the learner's request or at the deadline). Every step is an event in the
 * hash-chained record, so closing the terminal, a reboot or `kill -9` loses nothing and the
 * clock stays honest: the deadline is fixed when the exam starts.
 */
import { type ChildProcess, fork } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { updateProgress } from "../grading/progress/store";
import { examDir, examPaths } from "./paths";
import { appendRecord, type ExamRecord, readRecords } from "./records";
import type { ScoreOutcome } from "./scoring";
import { starterFile } from "./starter";
import { EXAM_TASKS, taskById, variantById } from "./tasks";

export const EXAM_ID = "mock-exam";
export const DEFAULT_MINUTES = 300;
/** Pass mark: 90 % of the weighted total, as in the certificate. */
export const PASS_FRACTION = 0.9;
const TRAIN_MEMORY_MB = 3072;

type Started = Extract<ExamRecord, { type: "started" }>;
type Scored = Extract<ExamRecord, { type: "scored" }>;

export interface TaskState {
  taskId: string;
  number: number;
  weight: number;
  category: string;
  variantId: string;
  variantTitle: string;
  attempts: Scored[];
  best: Scored | undefined;
  /** A submission that started and never got a score (the process was killed). */
  interrupted: number[];
}

export interface ExamState {
  started: Started;
  tasks: TaskState[];
  finished: boolean;
  finishReason?: "learner" | "deadline";
  deadline: Date;
  problems: string[];
}

/** Picks one variant per task from the seed (a small LCG: the same seed, the same exam). */
export function variantsFor(seed: number): Record<string, string> {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return Object.fromEntries(
    EXAM_TASKS.map((t) => [t.id, t.variants[Math.floor(next() * t.variants.length)]!.id]),
  );
}

/** The current exam, or undefined when none was started. */
export function examState(): ExamState | undefined {
  const { records, problems } = readRecords(examPaths.records());
  const started = records.find((r): r is Started => r.type === "started");
  if (!started) return undefined;
  const finished = records.find((r) => r.type === "finished");
  const tasks = EXAM_TASKS.map((task): TaskState => {
    const variant = variantById(task, started.variants[task.id]!);
    const attempts = records.filter(
      (r): r is Scored => r.type === "scored" && r.taskId === task.id,
    );
    const scoredAttempts = new Set(attempts.map((a) => a.attempt));
    const interrupted = records
      .filter(
        (r) =>
          r.type === "submit-started" && r.taskId === task.id && !scoredAttempts.has(r.attempt),
      )
      .map((r) => (r as { attempt: number }).attempt);
    const best = attempts.reduce<Scored | undefined>(
      (b, a) => (!b || a.score > b.score ? a : b),
      undefined,
    );
    return {
      taskId: task.id,
      number: task.number,
      weight: task.weight,
      category: task.category,
      variantId: variant.id,
      variantTitle: variant.title,
      attempts,
      best,
      interrupted,
    };
  });
  return {
    started,
    tasks,
    finished: finished !== undefined,
    finishReason: finished?.type === "finished" ? finished.reason : undefined,
    deadline: new Date(started.deadline),
    problems,
  };
}

/** Weighted total as a fraction of the maximum (each task's best score × its weight). */
export function weightedFraction(state: ExamState): number {
  const max = state.tasks.reduce((s, t) => s + 5 * t.weight, 0);
  return state.tasks.reduce((s, t) => s + (t.best?.score ?? 0) * t.weight, 0) / max;
}

/** Finishes the exam if its deadline has passed; returns the (possibly updated) state. */
export function enforceDeadline(now = new Date()): ExamState | undefined {
  const state = examState();
  if (state && !state.finished && now >= state.deadline) {
    finishExam("deadline", now);
    return examState();
  }
  return state;
}

export interface StartOptions {
  seed?: number;
  minutes?: number;
  now?: Date;
}

/** Starts a new exam: archives a finished one, writes the starter files, starts the clock. */
export function startExam(options: StartOptions = {}): ExamState {
  const current = enforceDeadline(options.now);
  if (current && !current.finished) {
    throw new Error(
      `An exam is already running (started ${current.started.at}, ends ${current.deadline.toISOString()}). Finish it first: npm run exam -- finish`,
    );
  }
  if (current) archiveExam(current);
  const now = options.now ?? new Date();
  const seed = options.seed ?? (now.getTime() % 1_000_000) + 1;
  const minutes = options.minutes ?? DEFAULT_MINUTES;
  if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, got ${minutes}.`);
  const variants = variantsFor(seed);
  fs.mkdirSync(examDir(), { recursive: true });
  for (const task of EXAM_TASKS) {
    const file = examPaths.taskFile(task.id);
    const variant = variantById(task, variants[task.id]!);
    fs.writeFileSync(file, starterFile(task, variant, EXAM_TASKS));
    variant.prepareFiles?.(examDir());
  }
  const deadline = new Date(now.getTime() + minutes * 60_000).toISOString();
  appendRecord(
    examPaths.records(),
    { type: "started", examId: EXAM_ID, seed, minutes, variants, deadline },
    now,
  );
  return examState()!;
}

/** Moves a finished exam's folder (records, the learner's files, submissions) to .progress/exams/. */
function archiveExam(state: ExamState): void {
  const target = path.join(examPaths.archive(), state.started.at.replace(/[:.]/g, "-"));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(examDir(), target);
}

/** Every archived exam's state and the current one, oldest first (for `history`). */
export function examHistory(): { dir: string; state: ExamState }[] {
  const out: { dir: string; state: ExamState }[] = [];
  const archive = examPaths.archive();
  const dirs = fs.existsSync(archive)
    ? fs
        .readdirSync(archive)
        .sort()
        .map((d) => path.join(archive, d))
    : [];
  for (const dir of [...dirs, examDir()]) {
    if (!fs.existsSync(path.join(dir, "records.jsonl"))) continue;
    const previous = process.env.ML_LABS_EXAM_DIR;
    process.env.ML_LABS_EXAM_DIR = dir;
    try {
      const state = examState();
      if (state) out.push({ dir, state });
    } finally {
      if (previous === undefined) delete process.env.ML_LABS_EXAM_DIR;
      else process.env.ML_LABS_EXAM_DIR = previous;
    }
  }
  return out;
}

export function finishExam(reason: "learner" | "deadline", now = new Date()): ExamState {
  const state = examState();
  if (!state) throw new Error("No exam is running: start one with `npm run exam -- start`.");
  if (state.finished) return state;
  appendRecord(examPaths.records(), { type: "finished", reason }, now);
  const done = examState()!;
  // Also in the course progress (npm run labs -- progress shows exam attempts).
  updateProgress((p) => {
    const exam = p.exams[EXAM_ID] ?? { attempts: [] };
    exam.attempts.push({
      startedAt: done.started.at,
      finishedAt: now.toISOString(),
      tasks: done.tasks
        .filter((t) => t.best)
        .map((t) => ({ taskId: t.taskId, score0to5: t.best!.score, submittedAt: t.best!.at })),
    });
    p.exams[EXAM_ID] = exam;
  });
  return done;
}

export interface SubmitEvents {
  onEpoch?: (epoch: number, logs: Record<string, number>) => void;
  onPhase?: (phase: "training" | "scoring") => void;
}

/** A submission's result as recorded. */
export type SubmitResult = Scored;

/** Trains the learner's task in a child process, scores the saved model, records the attempt. */
export async function submitTask(
  taskQuery: string,
  events: SubmitEvents = {},
): Promise<SubmitResult> {
  const state = enforceDeadline();
  if (!state) throw new Error("No exam is running: start one with `npm run exam -- start`.");
  if (state.finished) {
    throw new Error(
      `The exam is finished (${state.finishReason === "deadline" ? "time ran out" : "you finished it"}); start a new one with \`npm run exam -- start\`.`,
    );
  }
  const task = taskById(taskQuery);
  const taskState = state.tasks.find((t) => t.taskId === task.id)!;
  const variant = variantById(task, taskState.variantId);
  const attempt =
    Math.max(0, ...taskState.attempts.map((a) => a.attempt), ...taskState.interrupted) + 1;
  appendRecord(examPaths.records(), { type: "submit-started", taskId: task.id, attempt });
  const outDir = examPaths.submission(task.id, attempt);
  fs.rmSync(outDir, { recursive: true, force: true });
  const secondsLeft = (state.deadline.getTime() - Date.now()) / 1000;
  const allowed = Math.max(1, Math.min(variant.trainSeconds, secondsLeft));
  const curves: Record<string, number[]> = {};
  events.onPhase?.("training");
  const started = Date.now();
  const training = await runChild("train-main.ts", [examPaths.taskFile(task.id), outDir], {
    timeoutMs: allowed * 1000,
    memoryMb: TRAIN_MEMORY_MB,
    onMessage: (msg) => {
      if (msg.kind === "epoch") {
        const logs = msg.logs as Record<string, number>;
        for (const [k, v] of Object.entries(logs)) {
          curves[k] = curves[k] ?? [];
          curves[k].push(v);
        }
        events.onEpoch?.(msg.epoch as number, logs);
      }
    },
  });
  const trainSeconds = (Date.now() - started) / 1000;
  let outcome: ScoreOutcome;
  const error = training.messages.find((m) => m.kind === "error");
  if (training.timedOut) {
    outcome = zeroOutcome(
      `Training took longer than the ${Math.round(allowed)} s this task allows${allowed < variant.trainSeconds ? " (the time left in the exam)" : ""}: train for fewer epochs or a smaller model.`,
    );
  } else if (training.outOfMemory) {
    outcome = zeroOutcome(
      `Training ran out of memory (${TRAIN_MEMORY_MB} MiB): use a smaller model or batch.`,
    );
  } else if (error) {
    outcome = zeroOutcome(`solutionModel() failed: ${error.message as string}`);
  } else if (!training.messages.some((m) => m.kind === "saved")) {
    outcome = zeroOutcome(
      `The training process ended (exit code ${training.code}) before saving a model.`,
    );
  } else {
    events.onPhase?.("scoring");
    outcome = await scoreInChild(outDir, task.id, variant.id);
  }
  return appendRecord(examPaths.records(), {
    type: "scored",
    taskId: task.id,
    attempt,
    score: outcome.score,
    metric: outcome.metric,
    reason: outcome.reason,
    trainSeconds: Math.round(trainSeconds * 10) / 10,
    curves,
  }) as Scored;
}

const zeroOutcome = (reason: string): ScoreOutcome => ({ score: 0, metric: null, reason });

/** Scores a saved model folder in a process that never imports the learner's code. */
export async function scoreInChild(
  modelDir: string,
  taskId: string,
  variantId: string,
): Promise<ScoreOutcome> {
  const run = await runChild("score-main.ts", [modelDir, taskId, variantId], {
    timeoutMs: 120_000,
    memoryMb: 2048,
  });
  const line = run.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as ScoreOutcome;
  } catch {
    return zeroOutcome(
      `The grader failed (exit code ${run.code}): ${run.stderr.trim().split("\n").pop() ?? "no output"}`,
    );
  }
}

interface ChildRun {
  code: number | null;
  timedOut: boolean;
  outOfMemory: boolean;
  messages: Record<string, unknown>[];
  stdout: string;
  stderr: string;
}

function runChild(
  script: string,
  args: string[],
  options: {
    timeoutMs: number;
    memoryMb: number;
    onMessage?: (msg: Record<string, unknown>) => void;
  },
): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child: ChildProcess = fork(path.join(__dirname, "child-entry.cjs"), [script, ...args], {
      execArgv: [`--max-old-space-size=${options.memoryMb}`],
      env: {
        ...process.env,
        // Scores must not depend on which backend a learner's machine picks first.
        ML_LABS_BACKEND:
          process.env.ML_LABS_GRADING_BACKEND ?? process.env.ML_LABS_BACKEND ?? "wasm",
      },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const run: ChildRun = {
      code: null,
      timedOut: false,
      outOfMemory: false,
      messages: [],
      stdout: "",
      stderr: "",
    };
    child.stdout?.on("data", (d) => {
      run.stdout += String(d);
    });
    child.stderr?.on("data", (d) => {
      run.stderr += String(d);
      if (/heap out of memory/i.test(run.stderr)) run.outOfMemory = true;
    });
    child.on("message", (msg) => {
      run.messages.push(msg as Record<string, unknown>);
      options.onMessage?.(msg as Record<string, unknown>);
    });
    const timer = setTimeout(() => {
      run.timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      run.code = code;
      resolve(run);
    });
  });
}
