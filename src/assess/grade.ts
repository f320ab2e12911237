/**
 * Grades self-assessment answers: numbers within a tolerance, choices by letter, functions
 * on test inputs. Answers come from a JSON file or the terminal (function answers are source
 * text, compiled here) or from the notebook (function answers may be real functions).
 */
import * as vm from "node:vm";
import { type AnyFn, DOMAINS, type DomainId, QUESTIONS, type Question } from "./questions";
import { type Recommendation, recommend } from "./recommend";

/** Answers by question id: a number, a letter, a function, or its source text. */
export type Answers = Record<string, unknown>;

export interface QuestionResult {
  id: string;
  domain: DomainId;
  answered: boolean;
  /** Fraction earned (function answers earn partial credit per test case). */
  score: number;
  /** What was right or wrong, in one line. */
  feedback: string;
}

export interface DomainScore {
  domain: DomainId;
  title: string;
  earned: number;
  total: number;
  /** earned / total (0..1). */
  fraction: number;
}

export interface AssessmentResult {
  at: string;
  answered: number;
  total: number;
  /** Overall fraction (0..1). */
  score: number;
  questions: QuestionResult[];
  domains: DomainScore[];
  recommendation: Recommendation;
}

/** Longest a function answer may run on one test input. */
const CASE_TIMEOUT_MS = 1_000;

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

/** "0.6", "1/6", "1e-3" → a number; anything else → NaN. */
export function parseNumberAnswer(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return Number.NaN;
  const t = v.trim().replace(/_/g, "");
  const frac = /^(-?[\d.]+(?:e-?\d+)?)\s*\/\s*(-?[\d.]+(?:e-?\d+)?)$/i.exec(t);
  if (frac) return Number(frac[1]) / Number(frac[2]);
  return t === "" ? Number.NaN : Number(t);
}

/**
 * Compiles a function answer written as TypeScript or JavaScript source (an arrow function,
 * a function expression or declaration) in a fresh context with a time limit. This keeps
 * mistakes (an infinite loop) from hanging the assessment; it is not a security boundary:
 * the code is the learner's own.
 */
export function compileFunction(source: string): AnyFn {
  const ts = require("typescript") as typeof import("typescript");
  const trimmed = source.trim().replace(/;\s*$/, "");
  const js = ts.transpileModule(`const __answer = (${trimmed});`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
    reportDiagnostics: true,
  });
  const syntax = js.diagnostics?.[0];
  if (syntax)
    throw new Error(
      `does not compile: ${ts.flattenDiagnosticMessageText(syntax.messageText, " ")}`,
    );
  const context = vm.createContext({ setTimeout, clearTimeout, console });
  const fn = vm.runInContext(`${js.outputText}\n__answer`, context, {
    timeout: CASE_TIMEOUT_MS,
  }) as unknown;
  if (typeof fn !== "function") throw new Error(`is a ${typeof fn}, not a function`);
  return fn as AnyFn;
}

/** Runs one test input: synchronous work under vm's watchdog, async work under a timer. */
async function runCase(check: (fn: AnyFn) => unknown, fn: AnyFn): Promise<boolean> {
  const context = vm.createContext({ check, fn });
  const out = vm.runInContext("check(fn)", context, { timeout: CASE_TIMEOUT_MS }) as unknown;
  if (out && typeof (out as Promise<unknown>).then === "function") {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 2 * CASE_TIMEOUT_MS);
    });
    try {
      return (await Promise.race([out as Promise<unknown>, timeout])) === true;
    } finally {
      clearTimeout(timer);
    }
  }
  return out === true;
}

function describeError(err: unknown): string {
  const e = err as Error;
  if (e?.message?.includes("Script execution timed out")) return "ran too long (an endless loop?)";
  return `threw ${e?.name ?? "an error"}: ${e?.message ?? String(err)}`;
}

export async function gradeQuestion(q: Question, answer: unknown): Promise<QuestionResult> {
  const base = { id: q.id, domain: q.domain };
  if (isBlank(answer)) return { ...base, answered: false, score: 0, feedback: "not answered" };
  switch (q.kind) {
    case "number": {
      const v = parseNumberAnswer(answer);
      if (!Number.isFinite(v))
        return {
          ...base,
          answered: true,
          score: 0,
          feedback: `"${String(answer)}" is not a number`,
        };
      const ok = Math.abs(v - q.answer) <= Math.max(q.tolerance, 1e-12);
      return {
        ...base,
        answered: true,
        score: ok ? 1 : 0,
        feedback: ok ? "correct" : `${v} is not it. ${q.explain}`,
      };
    }
    case "choice": {
      const letter = String(answer)
        .trim()
        .toLowerCase()
        .replace(/[).:\s].*$/, "");
      if (!(letter in q.options))
        return {
          ...base,
          answered: true,
          score: 0,
          feedback: `choose one of ${Object.keys(q.options).join(", ")} (got "${String(answer)}")`,
        };
      const ok = letter === q.answer;
      return {
        ...base,
        answered: true,
        score: ok ? 1 : 0,
        feedback: ok ? "correct" : `${letter} is not it. ${q.explain}`,
      };
    }
    case "function": {
      let fn: AnyFn;
      try {
        fn = typeof answer === "function" ? (answer as AnyFn) : compileFunction(String(answer));
      } catch (err) {
        return {
          ...base,
          answered: true,
          score: 0,
          feedback: `your function ${(err as Error).message}`,
        };
      }
      const failed: string[] = [];
      for (const c of q.cases) {
        try {
          if (!(await runCase(c.check, fn))) failed.push(c.name);
        } catch (err) {
          failed.push(`${c.name} (${describeError(err)})`);
        }
      }
      const score = (q.cases.length - failed.length) / q.cases.length;
      return {
        ...base,
        answered: true,
        score,
        feedback:
          failed.length === 0
            ? `correct (${q.cases.length}/${q.cases.length} test inputs)`
            : `${q.cases.length - failed.length}/${q.cases.length} test inputs right; wrong on: ${failed.join("; ")}. ${q.explain}`,
      };
    }
  }
}

/** Grades every question (unknown ids in `answers` are ignored). */
export async function gradeAssessment(
  answers: Answers,
  now = new Date(),
): Promise<AssessmentResult> {
  const questions: QuestionResult[] = [];
  for (const q of QUESTIONS) questions.push(await gradeQuestion(q, answers[q.id]));
  const domains = DOMAINS.map(({ id, title }) => {
    const mine = questions.filter((r) => r.domain === id);
    const earned = mine.reduce((s, r) => s + r.score, 0);
    return { domain: id, title, earned, total: mine.length, fraction: earned / mine.length };
  });
  const earned = questions.reduce((s, r) => s + r.score, 0);
  return {
    at: now.toISOString(),
    answered: questions.filter((r) => r.answered).length,
    total: questions.length,
    score: earned / questions.length,
    questions,
    domains,
    recommendation: recommend(domains),
  };
}

/** Ids in an answers object that are not questions (typos the learner should hear about). */
export function unknownAnswerIds(answers: Answers): string[] {
  const ids = new Set(QUESTIONS.map((q) => q.id));
  return Object.keys(answers).filter((k) => !ids.has(k));
}
